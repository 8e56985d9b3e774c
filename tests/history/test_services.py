"""record_created and record_changed: history rows for the project's own bulk operations that look
exactly like the rows django-auditlog's signals write."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from atlas.models import Actor
from cases.models import Requisition
from history.selectors import describe, object_history
from history.services import record_changed, record_created
from surveys.models import Invitation
from tests.factories import AreaFactory, ChallengeFactory, RequisitionFactory, WorkPlanFactory
from tests.helpers import login

from .helpers import CREATE, UPDATE, entries_of

pytestmark = pytest.mark.django_db

FIELDS = {"kind": "association", "address": "Nørrebrogade 1", "latitude": 55.69, "longitude": 12.55,
          "contact_name": "Hans Hansen", "is_active": True, "last_checked": datetime.date(2008, 5, 1)}


def shown(entry) -> list[tuple]:
    """What the pages show of a history row."""
    row = describe(entry)
    return [(change.label, change.kind, change.old, change.new, change.added, change.removed)
            for change in row.changes]


class TestRecordCreated:
    @pytest.fixture
    def areas(self):
        return [AreaFactory(name="Mjølnerparken"), AreaFactory(name="Tingbjerg")]

    def saved_one_by_one(self, consultant, areas) -> Actor:
        """The same actor as the form makes it, through save() and the signals."""
        with set_actor(consultant):
            actor = Actor.objects.create(name="Lektiecaféen", created_by=consultant, **FIELDS)
            actor.areas.set(areas)
        return actor

    def bulk_created(self, consultant, areas, n=1) -> list[Actor]:
        actors = Actor.objects.bulk_create(
            [Actor(name=f"Lektiecaféen {i}" if n > 1 else "Lektiecaféen", created_by=consultant, **FIELDS)
             for i in range(n)])
        Actor.areas.through.objects.bulk_create(
            [Actor.areas.through(actor_id=actor.pk, area_id=area.pk) for actor in actors for area in areas])
        return actors

    def test_it_writes_one_created_row_per_instance_with_its_users(self, consultant, areas):
        actors = self.bulk_created(consultant, areas, n=3)

        entries = record_created(actors, user=consultant)

        assert len(entries) == 3
        for actor in actors:
            [entry] = entries_of(Actor, actor.pk)
            assert (entry.action, entry.actor, entry.object_repr) == (CREATE, consultant, actor.name)
            assert (entry.object_pk, entry.object_id) == (str(actor.pk), actor.pk)
            assert entry.actor_email == consultant.email
            assert (entry.changes_text, entry.serialized_data) == ("", None)

    def test_its_rows_show_as_the_signals_rows_do(self, client, consultant, areas):
        by_signals = self.saved_one_by_one(consultant, areas)
        [bulk] = self.bulk_created(consultant, areas)

        record_created([bulk], user=consultant, m2m=[{"areas": areas}])

        signal_rows = object_history(by_signals)
        bulk_rows = object_history(bulk)
        assert len(signal_rows) == len(bulk_rows) == 1  # the areas fold into the creation on the page
        assert [(c.label, c.kind, c.new, c.added) for c in bulk_rows[0].changes] == \
            [(c.label, c.kind, c.new, c.added) for c in signal_rows[0].changes]
        created = {key: value for key, value in entries_of(Actor, bulk.pk)[0].changes.items() if key != "areas"}
        signalled = entries_of(Actor, by_signals.pk)[0].changes
        assert {k: v for k, v in created.items() if k != "id"} == {k: v for k, v in signalled.items() if k != "id"}
        page = login(client, consultant).get(bulk.get_absolute_url()).content.decode()
        assert "Mjølnerparken (Nørrebro), Tingbjerg (Nørrebro)" in page and "Hans Hansen" in page

    def test_it_writes_them_with_one_insert(self, consultant, areas, django_assert_num_queries):
        actors = self.bulk_created(consultant, areas, n=20)
        ContentType.objects.get_for_model(Actor)  # Django's cache, as after the first request

        with django_assert_num_queries(1):
            record_created(actors, user=consultant, m2m=[{"areas": areas}] * 20)

        assert LogEntry.objects.filter(content_type__model="actor", object_id__in=[a.pk for a in actors],
                                       action=CREATE).count() == 20

    def test_inside_a_request_it_takes_the_request_user_and_address_as_the_signals_do(self, consultant, areas):
        [actor] = self.bulk_created(consultant, areas)

        with set_actor(consultant, remote_addr="10.1.2.3"):
            [entry] = record_created([actor], user=None)

        assert (entry.actor, entry.remote_addr) == (consultant, "10.1.2.3")

    def test_it_refuses_a_model_without_history_and_unsaved_instances(self, consultant):
        with pytest.raises(ValueError, match="keeps no change history"):
            record_created([Invitation(pk=1)], user=consultant)
        with pytest.raises(ValueError, match="saved instances"):
            record_created([Actor(name="Ny", kind="association", created_by=consultant)], user=consultant)

    def test_nothing_given_nothing_written(self, consultant):
        assert record_created([], user=consultant) == []
        assert not LogEntry.objects.exists()


class TestRecordChanged:
    @pytest.fixture
    def requisition(self, consultant):
        challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
        return RequisitionFactory(challenge=challenge, contact_name="Hans Hansen", contact_email="hans@kk.dk",
                                  status="received", created_by=consultant)

    def test_it_shows_as_a_signal_row_of_the_same_change_does(self, requisition, consultant, other_consultant):
        now = timezone.now()
        with set_actor(other_consultant):
            requisition.contact_name, requisition.anonymised_at, requisition.status = "", now, "finished"
            requisition.save()
        by_signal = entries_of(Requisition, requisition.pk)[-1]

        entry = record_changed(requisition, {"contact_name": ("Hans Hansen", ""), "anonymised_at": (None, now),
                                             "status": ("received", "finished")}, user=other_consultant)

        assert (entry.action, entry.actor) == (UPDATE, other_consultant)
        assert entry.changes == by_signal.changes
        assert shown(entry) == shown(by_signal)
        assert ("Status", "update", "Modtaget", "Afsluttet", [], []) in shown(entry)

    def test_foreign_keys_and_dates_are_stored_as_the_signals_store_them(self, requisition, consultant):
        other = ChallengeFactory(work_plan=requisition.challenge.work_plan, number=2)

        entry = record_changed(requisition, {
            "challenge": (requisition.challenge, other),
            "date_received": (datetime.date(2008, 3, 1), datetime.date(2008, 4, 2)),
            "participants": (None, 12),
            "participants_approximate": (False, True),
        }, user=consultant)

        assert entry.changes == {
            "challenge": [str(requisition.challenge), str(other)], "date_received": ["2008-03-01", "2008-04-02"],
            "participants": ["None", "12"], "participants_approximate": ["False", "True"]}

    def test_it_leaves_out_unchanged_and_untracked_fields(self, requisition, consultant):
        entry = record_changed(requisition, {"title": ("Samme", "Samme"), "updated_at": (None, timezone.now()),
                                             "contact_email": ("hans@kk.dk", "")}, user=consultant)

        assert entry.changes == {"contact_email": ["hans@kk.dk", ""]}

    def test_nothing_changed_nothing_written(self, requisition, consultant):
        before = LogEntry.objects.count()

        assert record_changed(requisition, {"title": ("Samme", "Samme")}, user=consultant) is None
        assert LogEntry.objects.count() == before

    def test_without_a_user_it_is_the_system(self, requisition):
        entry = record_changed(requisition, {"contact_name": ("Hans Hansen", "")}, user=None)

        assert entry.actor is None
        assert object_history(requisition)[0].who == "System"
