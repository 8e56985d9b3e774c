"""/historik/: the searchable history for management and the administrator."""

import datetime
import itertools

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.models import Requisition
from tests.factories import (
    ActorFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login

from .helpers import CREATE, DELETE, UPDATE

pytestmark = pytest.mark.django_db

URL = reverse("history:list")
# A second look, with the reference cache warm: session, user and the reference token (the permissions
# and the users of the user filter come from the reference cache); the row count; the page of rows with
# their users and content types; which of the page's objects still exist (one UNION query whatever the
# kinds).
HISTORY_PAGE = 6
PAGE_SIZE = 25


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)


def at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2008, 3, day, 12, 0))


def stamp(obj, day: int) -> None:
    """Date every history row of the object on the day (March 2008)."""
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)),
                            object_id=obj.pk).update(timestamp=at(day))


def rows(response) -> list:
    return response.context["rows"]


class TestAccess:
    def test_it_requires_login(self, client):
        response = client.get(URL)

        assertRedirects(response, f"{reverse('login')}?next={URL}", fetch_redirect_response=False)

    def test_it_refuses_consultants(self, client, consultant):
        assert login(client, consultant).get(URL).status_code == 403

    @pytest.mark.parametrize("user", ["manager", "administrator"])
    def test_it_opens_for_management_and_the_administrator(self, client, request, user):
        assert login(client, request.getfixturevalue(user)).get(URL).status_code == 200

    def test_the_menu_links_to_it_for_management_only(self, client, consultant, manager):
        assertContains(login(client, manager).get("/"), f'href="{URL}"')
        assertNotContains(login(client, consultant).get("/"), f'href="{URL}"')


class TestFilters:
    @pytest.fixture
    def history(self, challenge, consultant, other_consultant):
        """A requisition by the consultant on 3 March, edited by the colleague on 10 March; an actor
        by the colleague on 20 March, then deleted by the consultant."""
        with set_actor(consultant):
            requisition = RequisitionFactory(challenge=challenge, title="Temadag om tryghed", created_by=consultant)
        stamp(requisition, 3)
        with set_actor(other_consultant):
            requisition.description = "Henrik Møller holder oplæg"
            requisition.save()
        LogEntry.objects.filter(action=UPDATE, changes__has_key="description").update(timestamp=at(10))
        area = AreaFactory()
        with set_actor(other_consultant):
            actor = ActorFactory(name="Lektiecaféen", created_by=other_consultant, areas=[area])
        stamp(actor, 20)
        with set_actor(consultant):
            actor.delete()
        return requisition

    def test_by_kind_of_object(self, client, manager, history):
        response = login(client, manager).get(URL, {"kind": "atlas.actor"})

        assert {row.kind for row in rows(response)} == {"Aktør"}
        assert len(rows(response)) == 3  # created, its area added, deleted

    def test_the_kinds_are_named_in_danish(self, client, manager):
        choices = dict(login(client, manager).get(URL).context["filter"].form.fields["kind"].choices)

        assert choices["cases.requisition"] == "Rekvirering"
        assert choices["core.area"] == "Område"
        assert choices["surveys.question"] == "Spørgsmål"

    def test_by_user(self, client, manager, other_consultant, history):
        response = login(client, manager).get(URL, {"actor": other_consultant.pk})

        assert {row.entry.actor for row in rows(response)} == {other_consultant}
        assert len(rows(response)) == 3

    def test_by_action(self, client, manager, history):
        response = login(client, manager).get(URL, {"action": DELETE})

        assert [(row.action, row.object_repr) for row in rows(response)] == [("Slettet", "Lektiecaféen")]

    def test_by_dates(self, client, manager, history):
        response = login(client, manager).get(URL, {"date_from": "2008-03-04", "date_to": "2008-03-19"})

        assert [row.entry.changes for row in rows(response)] == [
            {"description": ["Beskrivelse", "Henrik Møller holder oplæg"]}]

    def test_by_free_text_in_the_objects_name(self, client, manager, history):
        response = login(client, manager).get(URL, {"q": "lektiecaf"})

        assert {row.object_repr for row in rows(response)} == {"Lektiecaféen"}

    def test_by_free_text_in_a_changed_value_with_danish_letters(self, client, manager, history):
        response = login(client, manager).get(URL, {"q": "henrik møller"})

        assert [row.entry.changes for row in rows(response)] == [
            {"description": ["Beskrivelse", "Henrik Møller holder oplæg"]}]

    def test_sorted_newest_first_and_by_time_when_asked(self, client, manager, history):
        newest = [row.timestamp for row in rows(login(client, manager).get(URL))]
        oldest = [row.timestamp for row in rows(client.get(URL, {"o": "time"}))]

        assert newest == sorted(newest, reverse=True)
        assert oldest == sorted(oldest)
        assert oldest[0] == at(3)

    def test_an_empty_result_says_so_in_danish(self, client, manager, history):
        response = login(client, manager).get(URL, {"q": "findes ikke"})

        assertContains(response, "Ingen ændringer matcher filtrene.")

    def test_an_empty_history_says_so_in_danish(self, client, manager):
        LogEntry.objects.all().delete()

        assertContains(login(client, manager).get(URL), "Der er endnu ikke registreret nogen ændringer.")


class TestRows:
    def test_each_row_links_to_its_object_while_it_exists(self, client, manager, challenge):
        kept = RequisitionFactory(challenge=challenge, title="Bliver")
        gone = RequisitionFactory(challenge=challenge, title="Slettes")
        gone.delete()

        response = login(client, manager).get(URL, {"kind": "cases.requisition"})

        urls = {row.object_repr: row.url for row in rows(response) if row.entry.action == CREATE}
        assert urls == {"Bliver": kept.get_absolute_url(), "Slettes": None}
        assertContains(response, f'href="{kept.get_absolute_url()}"')

    def test_reference_data_link_to_the_admin_for_the_administrator_only(self, client, manager, administrator):
        organisation = OrganisationFactory(name="Kulturforvaltningen")
        admin_url = reverse("admin:core_organisation_change", args=[organisation.pk])

        as_admin = login(client, administrator).get(URL, {"kind": "core.organisation"})
        as_manager = login(client, manager).get(URL, {"kind": "core.organisation"})

        assert [row.url for row in rows(as_admin)] == [admin_url]
        assert [row.url for row in rows(as_manager)] == [None]

    def test_it_shows_the_changes_as_the_detail_page_does(self, client, manager, challenge):
        requisition = RequisitionFactory(challenge=challenge, status="received")
        requisition.status = "finished"
        requisition.save()

        response = login(client, manager).get(URL, {"action": UPDATE, "kind": "cases.requisition"})

        [row] = [row for row in rows(response) if row.object_repr == requisition.title and row.changes[0].label
                 == "Status"]
        assert (row.changes[0].old, row.changes[0].new) == ("Modtaget", "Afsluttet")
        assertContains(response, "Afsluttet</ins>")

    def test_it_shows_25_rows_a_page(self, client, manager, challenge):
        RequisitionFactory.create_batch(10, challenge=challenge)  # 30 rows: created, requesters, consultants

        response = login(client, manager).get(URL, {"kind": "cases.requisition"})

        assert response.context["paginator"].count == 30
        assert len(rows(response)) == PAGE_SIZE
        assert len(rows(client.get(URL, {"kind": "cases.requisition", "page": 2}))) == 5


def mixed_history(n: int, challenge) -> None:
    """At least `n` history rows over five kinds of object and six users, some objects deleted."""
    users = itertools.cycle(ConsultantFactory.create_batch(6))
    makers = itertools.cycle([
        OrganisationFactory,
        lambda: DeliverableFactory(challenge=challenge),
        lambda: EventFactory(challenge=challenge),
        AreaFactory,
        lambda: RequisitionFactory(challenge=challenge, requesters=[], consultants=[]),
    ])
    start = LogEntry.objects.count()
    made = []
    while LogEntry.objects.count() - start < n:
        with set_actor(next(users)):
            made.append(next(makers)())
    for requisition in [obj for obj in made if isinstance(obj, Requisition)][::2]:
        with set_actor(next(users)):
            requisition.delete()


@pytest.mark.parametrize("user", ["manager", "administrator"])
def test_the_history_page_makes_a_fixed_number_of_queries(
        client, request, challenge, user, django_assert_num_queries):
    login(client, request.getfixturevalue(user))
    LogEntry.objects.all().delete()
    mixed_history(2, challenge)

    client.get(URL)  # warms the reference cache: the count is a user's second look
    with django_assert_num_queries(HISTORY_PAGE):
        few = client.get(URL)
    mixed_history(30, challenge)
    client.get(URL)  # the new users, organisations and areas replaced the reference token
    with django_assert_num_queries(HISTORY_PAGE):
        many = client.get(URL)

    assert 2 <= len(rows(few)) < 5
    assert len(rows(many)) == PAGE_SIZE
    assert len({row.kind for row in rows(many)}) >= 4
    assert len({row.who for row in rows(many)}) == 6
    assert any(row.url for row in rows(many))
    # The users in the changed fields (created_by) by name too, in the same queries.
    creators = {change.new for row in rows(many) for change in row.changes if change.label == "Oprettet af"}
    names = {user.get_full_name() for user in get_user_model().objects.all()}
    assert len(creators) >= 5 and creators <= names
