"""The admin speaks Danish to the administrator: the third-party apps' sections and the login log by Danish
names, the permissions by the site's words (issue 24, item 10)."""

from django.contrib.auth.models import Group
from django.urls import reverse


def test_the_third_party_sections_and_the_login_log_have_danish_names(client, administrator):
    client.force_login(administrator)
    index = client.get(reverse("admin:index")).content.decode()

    for danish in ("Loginlog", "Godkenderapps", "Ændringshistorik", "Loginspærringer", "Mislykkede logins"):
        assert danish in index, danish
    for english in ("Access attempts", "Access failures", "Audit log", "Axes", "OTP_TOTP", "TOTP devices"):
        assert english not in index, english


def test_a_role_lists_its_permissions_in_danish(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("admin:auth_group_change", args=[Group.objects.get(name="Konsulent").pk]))
    html = page.content.decode()

    assert "| rekvirering | må oprette</option>" in html
    assert "| organisation | må se</option>" in html
    assert "Can add" not in html
    assert 'class="selectfilter' not in html  # a plain, labelled list


def test_a_consultant_is_refused_the_admin_with_the_registers_page(client, consultant):
    client.force_login(consultant)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()


def test_the_administrator_sees_and_removes_authenticator_apps_by_danish_names(client, administrator, consultant):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    app = TOTPDevice.objects.create(user=consultant, name="Godkendelsesapp", confirmed=True)
    client.force_login(administrator)

    listed = client.get(reverse("admin:accounts_authenticatorapp_changelist")).content.decode()
    assert "Godkenderapps" in listed and "Senest brugt" in listed and "TOTP" not in listed
    assert client.get(reverse("admin:accounts_authenticatorapp_add")).status_code == 403
    client.post(reverse("admin:accounts_authenticatorapp_delete", args=[app.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.exists()

