"""How a history row is shown: Danish field names, choices by label, dates and numbers in Danish,
many-to-many additions and removals; and which rows the detail page folds together."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.utils import timezone

from cases.models import Requisition
from history.selectors import describe_changes, object_history
from surveys.models import Invitation
from tests.factories import ChallengeFactory, ConsultantFactory, OrganisationFactory, RequisitionFactory

from .helpers import CREATE, DELETE, UPDATE


def shown(model, action, changes) -> list[tuple]:
    return [(c.label, c.kind, c.old, c.new, c.added, c.removed) for c in describe_changes(model, action, changes)]


def test_values_are_shown_in_danish_by_their_labels():
    assert shown(Requisition, UPDATE, {
        "status": ["received", "finished"],
        "date_received": ["2008-03-01", "2008-10-06"],
        "hours": ["None", "12.50"],
        "participants_approximate": ["False", "True"],
        "area": ["None", "Mjølnerparken (Nørrebro)"],
    }) == [
        ("Område", "update", "", "Mjølnerparken (Nørrebro)", [], []),
        ("Timer brugt", "update", "", "12,50", [], []),
        ("Modtaget", "update", "1. marts 2008", "6. oktober 2008", [], []),
        ("Status", "update", "Modtaget", "Afsluttet", [], []),
        ("Ca.-tal", "update", "Nej", "Ja", [], []),
    ]


def test_a_moment_stored_in_utc_is_shown_in_copenhagen_time():
    # django-auditlog stores date-times naive, in UTC; 11:00 UTC is 12:00 in Copenhagen in March.
    assert shown(Invitation, UPDATE, {"sent_at": ["None", "2008-03-01 11:00:00"]}) == [
        ("Sendt", "update", "", "1. marts 2008 12:00", [], [])]


@pytest.mark.django_db
def test_many_to_many_changes_show_what_was_added_and_removed():
    ConsultantFactory(username="sara", first_name="Sara", last_name="Holm")

    assert shown(Requisition, UPDATE, {
        "requesters": {"type": "m2m", "operation": "add", "objects": ["A", "B"]},
        "consultants": {"type": "m2m", "operation": "delete", "objects": ["sara"]},
    }) == [
        ("Rekvirenter", "relation", "", "", ["A", "B"], []),
        ("Ansvarlige konsulenter", "relation", "", "", [], ["Sara Holm"]),  # a user by name
    ]


def test_creation_and_deletion_show_the_values_held_without_the_empty_ones_and_the_id():
    changes = {"id": ["None", "7"], "title": ["None", "Temadag"], "description": ["None", ""],
               "participants": ["None", "None"]}

    assert shown(Requisition, CREATE, changes) == [("Titel", "value", "", "Temadag", [], [])]
    assert shown(Requisition, DELETE, {"title": ["Temadag", "None"]}) == [("Titel", "value", "", "Temadag", [], [])]


def test_a_field_the_model_no_longer_has_keeps_its_name_and_long_text_is_cut():
    [(label, kind, old, new, *_)] = shown(Requisition, UPDATE, {"old_field": ["a" * 500, "b"]})

    assert (label, kind, new) == ("old_field", "update", "b")
    assert len(old) == 200 and old.endswith("…")


@pytest.mark.django_db
class TestFolding:
    @pytest.fixture
    def requisition(self, consultant):
        with set_actor(consultant):
            return RequisitionFactory(challenge=ChallengeFactory(), requesters=[OrganisationFactory(name="A")],
                                      consultants=[consultant], created_by=consultant)

    def test_the_relations_saved_with_an_object_join_its_row(self, requisition):
        [row] = object_history(requisition)

        assert row.action == "Oprettet"
        assert [c.label for c in row.changes if c.kind == "relation"] == ["Rekvirenter", "Ansvarlige konsulenter"]

    def test_relations_changed_later_or_by_someone_else_keep_their_own_rows(self, requisition):
        LogEntry.objects.filter(changes__has_key="consultants").update(
            timestamp=timezone.now() + datetime.timedelta(minutes=1))
        with set_actor(ConsultantFactory()):
            requisition.requesters.add(OrganisationFactory(name="B"))

        rows = object_history(requisition)

        assert [row.action for row in rows] == ["Ændret", "Ændret", "Oprettet"]
        assert rows[0].changes[0].label == "Ansvarlige konsulenter"  # a minute later
        assert rows[1].changes[0].added == ["B"]  # by someone else
