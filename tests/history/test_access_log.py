"""The access log: who opened or exported registrations with personal data, kept for
ACCESS_LOG_RETENTION_DAYS days."""

import datetime
import secrets
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from cases.models import Requisition
from history.models import AccessAction, AccessLog
from history.services import access_record_export, access_record_view
from tests.factories import (
    ActorFactory,
    AdvisoryFactory,
    ChallengeFactory,
    ConsultantFactory,
    EventFactory,
    InvitationFactory,
    ProjectFactory,
    RequisitionFactory,
    UserFactory,
    WorkPlanFactory,
)
from tests.helpers import login
from tests.test_settings import manage

pytestmark = pytest.mark.django_db

URL = reverse("history:access_list")
# A second look, with the reference cache warm: session, user and the reference token (the permissions
# and the users of the user filter come from the reference cache); the row count; the page of entries
# with their users and content types; which of the page's objects still exist (one query).
ACCESS_PAGE = 6


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)


class TestRecordingViews:
    def test_opening_a_requisition_is_recorded(self, client, manager, challenge):
        requisition = RequisitionFactory(challenge=challenge, title="Temadag")

        login(client, manager).get(requisition.get_absolute_url())

        [entry] = AccessLog.objects.all()
        assert (entry.user, entry.action, entry.content_type.model_class(), entry.object_id, entry.object_repr,
                entry.count) == (manager, AccessAction.VIEW, Requisition, requisition.pk, "Temadag", 1)
        assert timezone.now() - entry.at < datetime.timedelta(minutes=1)

    @pytest.mark.parametrize("make", [
        lambda c, user: AdvisoryFactory(challenge=c),
        lambda c, user: ProjectFactory(),
        lambda c, user: ActorFactory(),
        lambda c, user: InvitationFactory(requisition=RequisitionFactory(challenge=c), sent_by=user),
    ], ids=["advisory", "project", "actor", "survey link"])
    def test_opening_any_page_with_personal_data_is_recorded(self, client, consultant, challenge, make):
        obj = make(challenge, consultant)

        login(client, consultant).get(obj.get_absolute_url())

        assert AccessLog.objects.get().content_type.model_class() is type(obj)

    def test_a_page_without_personal_data_is_not_recorded(self, client, consultant, challenge):
        login(client, consultant).get(EventFactory(challenge=challenge).get_absolute_url())

        assert not AccessLog.objects.exists()

    def test_a_list_is_not_recorded(self, client, consultant, challenge):
        RequisitionFactory.create_batch(3, challenge=challenge)

        response = login(client, consultant).get(reverse("cases:requisition_list"), {"year": ""})

        assert len(response.context["object_list"]) == 3
        assert not AccessLog.objects.exists()

    def test_a_refused_or_missing_page_is_not_recorded(self, client, challenge):
        requisition = RequisitionFactory(challenge=challenge)
        outsider = UserFactory(username="udenrolle")

        assert login(client, outsider).get(requisition.get_absolute_url()).status_code == 403
        assert client.get(reverse("cases:requisition_detail", args=[requisition.pk + 1])).status_code in (403, 404)
        assert not AccessLog.objects.exists()

    def test_recording_is_one_insert_even_with_a_cold_content_type_cache(
            self, consultant, challenge, django_assert_num_queries):
        requisition = RequisitionFactory(challenge=challenge)
        ContentType.objects.clear_cache()

        with django_assert_num_queries(1):
            access_record_view(user=consultant, obj=requisition)

        assert AccessLog.objects.get().content_type == ContentType.objects.get_for_model(Requisition)


def test_an_export_is_recorded_with_its_filters_and_count(consultant, django_assert_num_queries):
    ContentType.objects.clear_cache()

    with django_assert_num_queries(1):
        access_record_export(consultant, Requisition, 42, "year=2008&status=finished")

    entry = AccessLog.objects.get()
    assert (entry.action, entry.object_id, entry.object_repr, entry.detail, entry.count) == (
        AccessAction.EXPORT, None, "rekvireringer", "year=2008&status=finished", 42)
    assert entry.content_type.model_class() is Requisition


class TestThePage:
    def test_it_requires_login(self, client):
        assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}", fetch_redirect_response=False)

    def test_it_refuses_consultants(self, client, consultant):
        assert login(client, consultant).get(URL).status_code == 403

    @pytest.mark.parametrize("user", ["manager", "administrator"])
    def test_it_opens_for_management_and_the_administrator(self, client, request, user):
        response = login(client, request.getfixturevalue(user)).get(URL)

        assertContains(response, "Adgangsloggen er tom.")
        assertContains(response, "Posterne gemmes i 365 dage.")

    def test_it_filters_by_user_and_date(self, client, manager, consultant, other_consultant, challenge):
        requisition = RequisitionFactory(challenge=challenge, title="Temadag")
        for user, day in [(consultant, 1), (other_consultant, 2), (consultant, 3)]:
            access_record_view(user=user, obj=requisition)
            AccessLog.objects.filter(pk=AccessLog.objects.latest("id").pk).update(
                at=timezone.make_aware(datetime.datetime(2008, 3, day, 12)))
        login(client, manager)

        by_user = client.get(URL, {"user": consultant.pk}).context["rows"]
        by_date = client.get(URL, {"date_from": "2008-03-02", "date_to": "2008-03-02"}).context["rows"]

        assert [row["entry"].at.day for row in by_user] == [3, 1]
        assert [row["who"] for row in by_date] == [other_consultant.get_full_name()]
        assertContains(client.get(URL, {"user": manager.pk}), "Ingen poster matcher filtrene.")

    def test_a_row_links_to_the_registration_while_it_exists(self, client, manager, challenge):
        kept, gone = RequisitionFactory(challenge=challenge), RequisitionFactory(challenge=challenge)
        access_record_view(user=manager, obj=kept)
        access_record_view(user=manager, obj=gone)
        gone.delete()
        access_record_export(manager, Requisition, 2, "")

        rows = login(client, manager).get(URL).context["rows"]

        assert [row["url"] for row in rows] == [None, None, kept.get_absolute_url()]

    def test_it_makes_a_fixed_number_of_queries(self, client, manager, challenge, django_assert_num_queries):
        users = ConsultantFactory.create_batch(5)
        objects = [RequisitionFactory(challenge=challenge), AdvisoryFactory(challenge=challenge), ProjectFactory(),
                   ActorFactory()]
        login(client, manager)

        def record(n):
            for i in range(n):
                access_record_view(user=users[i % 5], obj=objects[i % 4])

        record(2)
        client.get(URL)  # warms the reference cache: the count is a user's second look
        with django_assert_num_queries(ACCESS_PAGE):
            few = client.get(URL)
        record(28)
        access_record_export(manager, Requisition, 3, "year=2008")
        with django_assert_num_queries(ACCESS_PAGE):
            many = client.get(URL)

        assert len(few.context["rows"]) == 2
        assert len(many.context["rows"]) == 25
        assert {row["kind"] for row in many.context["rows"]} == {"Rekvirering", "Rådgivning", "Projekt", "Aktør"}


class TestPurge:
    @pytest.fixture
    def entries(self, consultant, challenge):
        requisition = RequisitionFactory(challenge=challenge)
        now = timezone.now()
        for days in (400, 366, 364, 0):
            access_record_view(user=consultant, obj=requisition)
            latest = AccessLog.objects.latest("id")
            AccessLog.objects.filter(pk=latest.pk).update(at=now - datetime.timedelta(days=days))
        return now

    def ages(self, now) -> list[int]:
        return sorted((now - at).days for at in AccessLog.objects.values_list("at", flat=True))

    def test_it_deletes_only_entries_older_than_the_retention_and_says_how_many(self, entries):
        out = StringIO()

        call_command("purge_access_log", stdout=out)

        assert self.ages(entries) == [0, 364]
        assert "2 post(er)" in out.getvalue()

    def test_it_follows_the_setting(self, entries, settings):
        settings.ACCESS_LOG_RETENTION_DAYS = 30
        out = StringIO()

        call_command("purge_access_log", stdout=out)

        assert self.ages(entries) == [0]
        assert "3 post(er) i adgangsloggen ældre end 30 dage" in out.getvalue()

    def test_days_can_be_given(self, entries):
        call_command("purge_access_log", "--days", "365", stdout=StringIO())
        assert self.ages(entries) == [0, 364]

        call_command("purge_access_log", "--days", "0", stdout=StringIO())
        assert self.ages(entries) == []

    def test_negative_days_are_refused(self, entries):
        with pytest.raises(CommandError):
            call_command("purge_access_log", "--days", "-1")
        assert len(self.ages(entries)) == 4


def test_the_retention_comes_from_the_environment():
    show = ("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.ACCESS_LOG_RETENTION_DAYS)")

    result = manage(*show, SECRET_KEY=secrets.token_urlsafe(50), ACCESS_LOG_RETENTION_DAYS="90")

    assert result.stdout.strip() == "90", result.stderr
