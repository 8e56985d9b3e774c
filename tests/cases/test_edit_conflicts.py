"""No lost edits: two people edit the same registration; the second save is refused with what changed,
and nothing is overwritten (optimistic locking, core/versioning.py)."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from atlas.models import Actor
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core.versioning import EditConflict, version_claim
from projects.models import Project, ProjectVisit
from tests.factories import (
    ActorFactory,
    AdvisoryFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the edit form posts back unchanged: its fields' current values."""
    return form_data_of(response.context["form"])


def form_data_of(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif value not in (None, ""):
            data[bound.html_name] = str(value)
    return data


def requisition_with_requester(**fields):
    requisition = RequisitionFactory(**fields)
    requisition.requesters.set([OrganisationFactory()])
    return requisition


# A registration of each versioned kind, and a text field to edit on it.
KINDS = {
    "requisition": (requisition_with_requester, "cases:requisition_update", "title"),
    "advisory": (AdvisoryFactory, "cases:advisory_update", "title"),
    "event": (EventFactory, "cases:event_update", "title"),
    "deliverable": (DeliverableFactory, "cases:deliverable_update", "title"),
    "steering seat": (SteeringGroupMembershipFactory, "cases:steeringgroupmembership_update", "body"),
    "project": (ProjectFactory, "projects:project_update", "name"),
    "project visit": (ProjectVisitFactory, "projects:projectvisit_update", "what_works"),
    "actor": (ActorFactory, "atlas:actor_update", "name"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_second_of_two_edits_from_the_same_version_is_refused(client, kind):
    make, url_name, text = KINDS[kind]
    obj = make()
    model = type(obj)
    url = reverse(url_name, args=[obj.pk])
    first, second = ConsultantFactory(), ConsultantFactory()
    first_client, second_client = client, client.__class__()
    first_form = form_data(login(first_client, first).get(url))
    second_form = form_data(login(second_client, second).get(url))
    assert first_form["version"] == second_form["version"] == "1"

    saved = first_client.post(url, {**first_form, text: "Første persons ændring"})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    refused = second_client.post(url, {**second_form, text: "Anden persons ændring"})
    assert refused.status_code == 200
    conflict = refused.context["conflict"]
    assert [(row.saved, row.yours) for row in conflict["differences"]] == [
        ("Første persons ændring", "Anden persons ændring")]
    assert conflict["by"] == first.get_full_name()
    assert "Intet er gemt: en anden har gemt ændringer imens" in refused.content.decode()
    obj = model.objects.get(pk=obj.pk)
    assert getattr(obj, text) == "Første persons ændring" and obj.version == 2

    # The refused form now carries the current version: saving it again is a deliberate overwrite.
    assert refused.context["form"].data["version"] == 2
    again = second_client.post(url, {**second_form, "version": "2", text: "Anden persons ændring"})
    assert again.status_code == 302
    obj = model.objects.get(pk=obj.pk)
    assert getattr(obj, text) == "Anden persons ændring" and obj.version == 3


def test_a_save_refused_by_validation_does_not_use_up_the_version(client, consultant):
    requisition = requisition_with_requester()
    EventFactory(challenge=requisition.challenge, requisition=requisition, participants=40)
    url = reverse("cases:requisition_update", args=[requisition.pk])
    data = form_data(login(client, consultant).get(url))
    refused = client.post(url, {**data, "participants": "25"})  # counted on its event already
    assert refused.status_code == 200 and refused.context["form"].errors
    assert Requisition.objects.get(pk=requisition.pk).version == 1
    saved = client.post(url, {**data, "title": "Rettet titel"})
    assert saved.status_code == 302
    assert Requisition.objects.get(pk=requisition.pk).version == 2


def test_anonymising_a_contact_makes_an_open_edit_form_stale(client, consultant):
    from retention.services import personal_data_anonymise

    advisory = AdvisoryFactory(date=datetime.date(2008, 4, 1), contact_name="Jens Hansen")
    url = reverse("cases:advisory_update", args=[advisory.pk])
    data = form_data(login(client, consultant).get(url))
    personal_data_anonymise(years=0)
    refused = client.post(url, {**data, "title": "Ny titel"})
    assert refused.status_code == 200 and "conflict" in refused.context
    assert Advisory.objects.get(pk=advisory.pk).contact_name == ""


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_one_version_lose_no_update():
    """Eight threads, each with its own database connection, save the same requisition from version 1
    at once: exactly one succeeds, the others are refused, and the saved title is the winner's."""
    requisition = requisition_with_requester()
    start = threading.Barrier(8)
    outcomes = []

    def edit(number):
        try:
            obj = Requisition.objects.get(pk=requisition.pk)
            start.wait()
            try:
                with transaction.atomic():
                    version_claim(obj, 1)
                    obj.title = f"Ændring {number}"
                    obj.save()
                outcomes.append(("saved", number))
            except EditConflict:
                outcomes.append(("refused", number))
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [number for outcome, number in outcomes if outcome == "saved"]
    assert len(outcomes) == 8 and len(saved) == 1
    final = Requisition.objects.get(pk=requisition.pk)
    assert final.title == f"Ændring {saved[0]}" and final.version == 2
    print(f"\nconcurrent edits tried: 8, saved: 1, refused: 7, updates lost: 0 ({connection.vendor})")


def test_every_versioned_kind_is_covered():
    from core.models import Versioned

    assert {model for model in (Requisition, Advisory, Event, Deliverable, SteeringGroupMembership, Project,
                                ProjectVisit, Actor) if issubclass(model, Versioned)} == {
        type(make()) for make, _url, _field in KINDS.values()}


def test_the_edit_page_carries_the_version_once_and_the_new_page_none(client, consultant):
    requisition = requisition_with_requester()
    page = login(client, consultant).get(reverse("cases:requisition_update", args=[requisition.pk])).content.decode()
    assert page.count('name="version"') == 1 and 'type="hidden" name="version" value="1"' in page
    assert 'name="version"' not in client.get(reverse("cases:requisition_create")).content.decode()


def test_an_edit_in_the_admin_makes_an_open_form_stale(client, consultant):
    actor = ActorFactory(name="Sjakket")
    url = reverse("atlas:actor_update", args=[actor.pk])
    data = form_data(login(client, consultant).get(url))
    admin_client = client.__class__()
    admin = ConsultantFactory(is_staff=True, is_superuser=True)
    admin_client.force_login(admin)
    admin_form = admin_client.get(reverse("admin:atlas_actor_change", args=[actor.pk])).context["adminform"].form
    saved = admin_client.post(reverse("admin:atlas_actor_change", args=[actor.pk]),
                              {**form_data_of(admin_form), "name": "Sjakket (ret)"})
    assert saved.status_code == 302
    refused = client.post(url, {**data, "name": "Sjakket 2"})
    assert "conflict" in refused.context
    assert Actor.objects.get(pk=actor.pk).name == "Sjakket (ret)"

