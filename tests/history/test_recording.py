"""History rows after create, edit and delete through the register's own forms (the real URLs, the
Django test client), many-to-many changes included, stamped with the user who made them."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from atlas.models import Actor
from cases.models import Deliverable, Event, Requisition
from core.models import Organisation
from history.registry import has_history
from surveys.models import Invitation
from tests.factories import (
    ActorFactory,
    AreaFactory,
    ChallengeFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login

from .helpers import CREATE, DELETE, UPDATE, actor_data, entries_of, requisition_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)


class TestRequisition:
    def test_creating_it_records_its_fields_requesters_and_consultants(self, client, consultant, challenge):
        requesters = OrganisationFactory.create_batch(2)

        response = login(client, consultant).post(
            reverse("cases:requisition_create"), requisition_data(challenge, requesters, [consultant]))

        requisition = Requisition.objects.get()
        assert response.status_code == 302
        entries = entries_of(Requisition, requisition.pk)
        assert [entry.action for entry in entries] == [CREATE, UPDATE, UPDATE]
        assert {entry.actor for entry in entries} == {consultant}
        created = entries[0].changes
        assert created["title"] == ["None", "Temadag om tryghed"]
        assert created["challenge"] == ["None", str(challenge)]  # a foreign key by its text
        assert created["status"] == ["None", "received"]
        assert "created_at" not in created and "updated_at" not in created
        m2m = {name: change for entry in entries[1:] for name, change in entry.changes.items()}
        assert m2m["requesters"] == {"type": "m2m", "operation": "add",
                                     "objects": sorted(org.name for org in requesters)}
        assert m2m["consultants"]["objects"] == [consultant.username]

    def test_editing_it_records_old_and_new_values_and_the_changed_requesters(
            self, client, consultant, other_consultant, challenge):
        kept, dropped, added = OrganisationFactory.create_batch(3)
        requisition = RequisitionFactory(challenge=challenge, title="Før", requesters=[kept, dropped],
                                         created_by=other_consultant)
        before = LogEntry.objects.count()

        response = login(client, consultant).post(
            reverse("cases:requisition_update", args=[requisition.pk]),
            requisition_data(challenge, [kept, added], [consultant], title="Efter", status="received"))

        assert response.status_code == 302
        new = entries_of(Requisition, requisition.pk)[-(LogEntry.objects.count() - before):]
        assert {entry.actor for entry in new} == {consultant}
        fields = next(entry for entry in new if "title" in entry.changes).changes
        assert fields["title"] == ["Før", "Efter"]
        assert fields["status"] == ["in_progress", "received"]
        assert "updated_at" not in fields
        relations = [entry.changes["requesters"] for entry in new if "requesters" in entry.changes]
        assert {"operation": "delete", "objects": [dropped.name], "type": "m2m"} in relations
        assert {"operation": "add", "objects": [added.name], "type": "m2m"} in relations

    def test_saving_it_unchanged_records_nothing(self, client, consultant, challenge):
        requester = OrganisationFactory()
        requisition = RequisitionFactory(challenge=challenge, requesters=[requester], created_by=consultant,
                                         consultants=[consultant], description="Aftenmøde for forældre",
                                         title="Temadag om tryghed", status="received", participants=40,
                                         date_received="2008-10-06")
        before = LogEntry.objects.count()

        login(client, consultant).post(reverse("cases:requisition_update", args=[requisition.pk]),
                                       requisition_data(challenge, [requester], [consultant]))

        assert LogEntry.objects.count() == before

    def test_deleting_it_records_what_it_held(self, client, consultant, challenge):
        requisition = RequisitionFactory(challenge=challenge, title="Slettes", created_by=consultant)
        pk = requisition.pk

        response = login(client, consultant).post(reverse("cases:requisition_delete", args=[pk]))

        assert response.status_code == 302
        assert not Requisition.objects.filter(pk=pk).exists()
        deleted = entries_of(Requisition, pk)[-1]
        assert (deleted.action, deleted.actor, deleted.object_repr) == (DELETE, consultant, "Slettes")
        assert deleted.changes["title"] == ["Slettes", "None"]


class TestActor:
    def test_its_areas_are_recorded_when_created_and_changed(self, client, consultant):
        first, second = AreaFactory(name="Mjølnerparken"), AreaFactory(name="Tingbjerg")
        login(client, consultant).post(reverse("atlas:actor_create"), actor_data([first]))
        actor = Actor.objects.get()

        client.post(reverse("atlas:actor_update", args=[actor.pk]),
                    actor_data([second], contact_name="Hans Hansen"))

        changes = [entry.changes for entry in entries_of(Actor, actor.pk)]
        assert {"type": "m2m", "operation": "add", "objects": ["Mjølnerparken (Nørrebro)"]} in \
            [c.get("areas") for c in changes]
        assert {"type": "m2m", "operation": "delete", "objects": ["Mjølnerparken (Nørrebro)"]} in \
            [c.get("areas") for c in changes]
        assert {"type": "m2m", "operation": "add", "objects": ["Tingbjerg (Nørrebro)"]} in \
            [c.get("areas") for c in changes]
        assert ["", "Hans Hansen"] in [c.get("contact_name") for c in changes]

    def test_deleting_it_is_recorded(self, client, consultant):
        actor = ActorFactory(created_by=consultant)

        login(client, consultant).post(reverse("atlas:actor_delete", args=[actor.pk]))

        assert entries_of(Actor, actor.pk)[-1].action == DELETE


def test_an_events_organisations_are_recorded(client, consultant, challenge):
    event = EventFactory(challenge=challenge, consultant=consultant)
    organisation = OrganisationFactory(name="Foreningen Fællesskab")

    event.organisations.add(organisation)

    last = entries_of(Event, event.pk)[-1]
    assert last.changes == {"organisations": {"type": "m2m", "operation": "add",
                                              "objects": ["Foreningen Fællesskab"]}}


def test_a_deliverables_requisitions_and_replacements_are_recorded(challenge):
    deliverable = DeliverableFactory(challenge=challenge, title="Kortlægning")
    replacement = DeliverableFactory(challenge=challenge, title="Temamøde")
    requisition = RequisitionFactory(challenge=challenge, title="Oplæg")

    deliverable.replaced_by.add(replacement)
    deliverable.requisitions.add(requisition)

    changes = [entry.changes for entry in entries_of(Deliverable, deliverable.pk)]
    assert {"replaced_by": {"type": "m2m", "operation": "add", "objects": ["Temamøde"]}} in changes
    assert {"requisitions": {"type": "m2m", "operation": "add", "objects": ["Oplæg"]}} in changes


def test_reference_data_changed_in_the_admin_is_recorded(client, administrator):
    organisation = OrganisationFactory(name="Kulturforvaltningen", kind="administration")

    response = login(client, administrator).post(
        reverse("admin:core_organisation_change", args=[organisation.pk]),
        {"name": "Kultur- og Fritidsforvaltningen", "short_name": "KFF", "kind": "administration"})

    assert response.status_code == 302
    last = entries_of(Organisation, organisation.pk)[-1]
    assert (last.action, last.actor) == (UPDATE, administrator)
    assert last.changes["name"] == ["Kulturforvaltningen", "Kultur- og Fritidsforvaltningen"]
    assert last.changes["short_name"] == ["", "KFF"]


def test_unregistered_models_keep_no_history():
    assert not has_history(Invitation)
    assert has_history(Requisition)
