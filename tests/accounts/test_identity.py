"""Users and roles from the identity provider's verified answer (accounts/identity.py), and the SAML
attribute map's reading of KOMBIT's privileges (accounts/saml.py)."""

import base64

import pytest
from django.contrib.auth import get_user_model

from accounts.identity import AccountClosed, ProviderIdentity, roles_from, user_from_provider
from accounts.models import ExternalIdentity
from accounts.saml import privileges
from core import roles
from tests.factories import ConsultantFactory, ManagerFactory

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
ROLE_MAP = {roles.CONSULTANT: frozenset({"9d0c6e7a-consultants"}), roles.MANAGEMENT: frozenset({"5b1f-management"}),
            roles.ADMINISTRATOR: frozenset({"a7e3-administrators"})}


def identity(subject="sub-1", groups=("9d0c6e7a-consultants",), **changes) -> ProviderIdentity:
    values = {"protocol": "oidc", "issuer": ISSUER, "subject": subject, "username": "kako",
              "full_name": "Karen Kongsted Olsen", "email": "kako@kk.dk", "roles": roles_from(groups, ROLE_MAP),
              "multi_factor": False}
    values.update(changes)
    return ProviderIdentity(**values)


def role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


@pytest.mark.django_db
def test_first_sign_in_makes_the_user_with_the_role_and_name_from_the_claims():
    user = user_from_provider(identity())
    assert (user.username, user.first_name, user.last_name, user.email) == ("kako", "Karen Kongsted", "Olsen",
                                                                            "kako@kk.dk")
    assert role_names(user) == {roles.CONSULTANT}
    assert not user.has_usable_password() and not user.is_staff
    assert ExternalIdentity.objects.get(user=user).subject == "sub-1"


@pytest.mark.django_db
def test_roles_follow_the_claims_at_every_sign_in():
    user = user_from_provider(identity(groups=["9d0c6e7a-consultants", "5B1F-MANAGEMENT"]))
    assert role_names(user) == {roles.CONSULTANT, roles.MANAGEMENT}
    again = user_from_provider(identity(groups=["9d0c6e7a-consultants", "a7e3-administrators"]))
    assert again.pk == user.pk
    assert role_names(again) == {roles.CONSULTANT, roles.ADMINISTRATOR}
    assert again.is_staff


@pytest.mark.django_db
def test_no_mapped_role_makes_no_account():
    assert user_from_provider(identity(groups=["some-other-group"])) is None
    assert not get_user_model().objects.filter(username="kako").exists()
    assert not ExternalIdentity.objects.exists()


@pytest.mark.django_db
def test_a_removed_last_role_leaves_the_account_without_roles_and_signs_nobody_in():
    user = user_from_provider(identity(groups=["5b1f-management"]))
    assert user_from_provider(identity(groups=[])) is None
    user.refresh_from_db()
    assert role_names(user) == set()
    assert user.is_active  # the account and its history stay


@pytest.mark.django_db
def test_a_local_account_with_the_same_username_and_email_is_not_taken_over():
    local = ManagerFactory(username="kako", email="kako@kk.dk")
    user = user_from_provider(identity())
    assert user.pk != local.pk
    assert user.username == "kako-2"
    assert role_names(local) == {roles.MANAGEMENT}


@pytest.mark.django_db
def test_a_local_account_linked_by_the_administrator_is_found_by_the_subject():
    local = ConsultantFactory(username="karen")
    ExternalIdentity.objects.create(user=local, protocol="oidc", issuer=ISSUER, subject="sub-1")
    user = user_from_provider(identity(groups=["5b1f-management"]))
    assert user.pk == local.pk
    assert role_names(user) == {roles.MANAGEMENT}
    # The same subject from another provider is another person.
    other = user_from_provider(identity(issuer="https://adfs.kk.dk/adfs"))
    assert other.pk != local.pk


@pytest.mark.django_db
def test_a_closed_account_stays_closed():
    user = user_from_provider(identity())
    user.is_active = False
    user.save()
    with pytest.raises(AccountClosed):
        user_from_provider(identity())


def test_kombit_privileges_are_read_from_the_base64_privilege_list():
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">'
        '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:64942212">'
        "<Privilege>http://kombit.dk/roles/usersystemrole/tfi-konsulent/1</Privilege>"
        "<Privilege>http://kombit.dk/roles/usersystemrole/tfi-ledelse/1</Privilege>"
        "</PrivilegeGroup></bpp:PrivilegeList>")
    value = base64.b64encode(document.encode()).decode()
    found = privileges([value, "plain-role"])
    assert "http://kombit.dk/roles/usersystemrole/tfi-konsulent/1" in found
    assert "http://kombit.dk/roles/usersystemrole/tfi-ledelse/1" in found
    assert "plain-role" in found
    assert roles_from(found, {roles.MANAGEMENT: frozenset({"http://kombit.dk/roles/usersystemrole/tfi-ledelse/1"})}) \
        == {roles.MANAGEMENT}
