"""The admin refuses what the register's forms refuse (issue 24, item 1): text that the exports, the
documents and the API cannot hold, at its field, with the Danish message, and nothing saved; and keeps a
textarea's line breaks as plain newlines."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.choices import OrganisationKind
from core.forms import UNREADABLE_MESSAGE
from core.models import Challenge, Organisation
from tests.factories import ChallengeFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


def errors_of(response) -> dict:
    return response.context["adminform"].form.errors


@pytest.mark.parametrize("name", ["Forvaltning\x01", "Forvaltning\ufffe", "x\x1b[31m", "Ny\x7f"])
def test_an_organisation_with_unreadable_text_is_refused(client, administrator, name):
    response = login(client, administrator).post(reverse("admin:core_organisation_add"), {
        "name": name, "short_name": "", "kind": OrganisationKind.ADMINISTRATION})

    assert response.status_code == 200
    assert errors_of(response)["name"] == [str(UNREADABLE_MESSAGE)]
    assert not Organisation.objects.filter(name__startswith=name[:2]).exists()


def test_a_users_name_with_unreadable_text_is_refused(client, administrator):
    user = get_user_model().objects.create_user("anne", first_name="Anne")
    login(client, administrator)
    page = client.get(reverse("admin:auth_user_change", args=[user.pk]))
    data = {**page.context["adminform"].form.initial, "first_name": "Anne\x07", "last_name": "Jensen",
            "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00"}
    data = {key: value for key, value in data.items() if value is not None and not isinstance(value, list)}

    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), data)

    assert response.status_code == 200
    assert errors_of(response)["first_name"] == [str(UNREADABLE_MESSAGE)]
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Anne", "")


def test_a_challenges_texts_keep_plain_newlines(client, administrator):
    challenge = ChallengeFactory()
    login(client, administrator)
    data = {"work_plan": challenge.work_plan_id, "number": challenge.number, "name": challenge.name,
            "short_label": challenge.short_label, "lead_in": "Første linje\r\nAnden linje",
            "conclusions": "En\r\nTo"}

    response = client.post(reverse("admin:core_challenge_change", args=[challenge.pk]), data)

    assert response.status_code == 302, errors_of(response)
    challenge = Challenge.objects.get(pk=challenge.pk)
    assert (challenge.lead_in, challenge.conclusions) == ("Første linje\nAnden linje", "En\nTo")
