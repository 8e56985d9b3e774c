"""Users in the history are shown as everywhere else in the app: by full name, else by username; who
made the change as well as the users in the changed fields (created_by, consultant, consultants). A
user deleted since is shown as recorded."""

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from pytest_django.asserts import assertContains

from cases.models import Requisition
from history.selectors import object_history
from history.services import record_changed
from tests.factories import (
    AdvisoryFactory,
    ChallengeFactory,
    ConsultantFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login

from .helpers import requisition_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1, short_label="Boligområder")


@pytest.fixture
def sara():
    return ConsultantFactory(username="sholm", first_name="Sara", last_name="Holm")


@pytest.fixture
def nameless():
    return ConsultantFactory(username="bruger-uden-navn", first_name="", last_name="")


def changes_of(row) -> dict:
    return {change.label: change for change in row.changes}


def history_section(response) -> str:
    html = response.content.decode()
    start = html.index('id="historik"')
    return html[start:html.index("</details>", start)]


@pytest.fixture
def created(client, sara, challenge):
    """A requisition Sara Holm created through the form, herself its consultant."""
    login(client, sara).post(reverse("cases:requisition_create"), requisition_data(
        challenge, [OrganisationFactory(name="Socialforvaltningen")], [sara], title="Lektiecafé"))
    return Requisition.objects.get()


def test_the_creator_and_the_consultants_added_are_shown_by_full_name(client, manager, created):
    response = login(client, manager).get(created.get_absolute_url())

    [row] = response.context["history"]
    shown = changes_of(row)
    assert row.who == "Sara Holm"
    assert shown["Oprettet af"].new == "Sara Holm"
    assert shown["Ansvarlige konsulenter"].added == ["Sara Holm"]
    section = history_section(response)
    assert "Sara Holm" in section and "sholm" not in section


def test_the_global_history_shows_them_by_full_name_in_english_too(client, administrator, created):
    login(client, administrator).post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("history:list"), {"kind": "cases.requisition"})

    # The list shows each row as recorded: the creation, then the requesters and the consultants set.
    shown = {label: (row.who, change) for row in response.context["rows"] for label, change in changes_of(row).items()}
    assert (shown["Created by"][0], shown["Created by"][1].new) == ("Sara Holm", "Sara Holm")
    assert (shown["Responsible consultants"][0], shown["Responsible consultants"][1].added) == (
        "Sara Holm", ["Sara Holm"])
    assertContains(response, "Sara Holm")
    assert "sholm" not in response.content.decode()


def test_a_user_field_changed_shows_both_users_by_name(client, manager, sara, challenge):
    advisory = AdvisoryFactory(challenge=challenge, consultant=sara)
    bo = ConsultantFactory(username="bberg", first_name="Bo", last_name="Berg")
    with set_actor(bo):
        advisory.consultant = bo
        advisory.save()

    response = login(client, manager).get(advisory.get_absolute_url())

    changed = response.context["history"][0]
    assert changed.who == "Bo Berg"
    assert (changes_of(changed)["Konsulent"].old, changes_of(changed)["Konsulent"].new) == ("Sara Holm", "Bo Berg")


def test_consultants_removed_are_shown_by_name_and_a_user_without_one_by_username(sara, nameless, challenge):
    requisition = RequisitionFactory(challenge=challenge, created_by=sara, consultants=[sara, nameless])
    with set_actor(nameless):
        requisition.consultants.remove(sara)
    with set_actor(sara):
        requisition.consultants.remove(nameless)

    removed_nameless, removed_sara, created = object_history(requisition)

    assert (removed_sara.who, changes_of(removed_sara)["Ansvarlige konsulenter"].removed) == (
        "bruger-uden-navn", ["Sara Holm"])
    assert (removed_nameless.who, changes_of(removed_nameless)["Ansvarlige konsulenter"].removed) == (
        "Sara Holm", ["bruger-uden-navn"])
    assert sorted(changes_of(created)["Ansvarlige konsulenter"].added) == ["Sara Holm", "bruger-uden-navn"]


def test_consultants_recorded_as_one_text_are_shown_by_name(sara, nameless, challenge):
    # services.record_changed writes a many-to-many field's users as one text, "sholm, bruger-uden-navn".
    requisition = RequisitionFactory(challenge=challenge, created_by=sara, consultants=[sara])
    record_changed(requisition, {"consultants": ([sara], [sara, nameless])}, user=None)

    changed = object_history(requisition)[0]

    shown = changes_of(changed)["Ansvarlige konsulenter"]
    assert (shown.old, shown.new) == ("Sara Holm", "Sara Holm, bruger-uden-navn")


def test_a_user_deleted_since_is_shown_as_recorded(sara, challenge):
    leaver = ConsultantFactory(username="fratraadt", first_name="Lis", last_name="Lund")
    requisition = RequisitionFactory(challenge=challenge, created_by=sara, consultants=[sara, leaver])
    with set_actor(sara):
        requisition.consultants.remove(leaver)
    leaver.delete()

    removed, created = object_history(requisition)

    assert changes_of(removed)["Ansvarlige konsulenter"].removed == ["fratraadt"]
    assert sorted(changes_of(created)["Ansvarlige konsulenter"].added) == ["Sara Holm", "fratraadt"]


def test_a_name_changed_since_is_shown_as_it_is_now(sara, challenge):
    requisition = RequisitionFactory(challenge=challenge, created_by=sara, consultants=[sara])
    assert changes_of(object_history(requisition)[0])["Oprettet af"].new == "Sara Holm"
    sara.last_name = "Holm Berg"
    sara.save()

    assert changes_of(object_history(requisition)[0])["Oprettet af"].new == "Sara Holm Berg"
