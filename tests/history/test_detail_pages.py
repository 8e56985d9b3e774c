"""The "Historik" section of every registration's page: who, when, what, and per field the Danish
name with old -> new; in one query however long the history is."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.text import capfirst
from pytest_django.asserts import assertContains, assertNotContains

from cases.models import Requisition
from tests.factories import (
    ActorFactory,
    AdvisoryFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    InvitationFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import login

from .helpers import requisition_data

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 20


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1, short_label="Boligområder")


class TestWhatThePageShows:
    @pytest.fixture
    def edited(self, client, consultant, challenge):
        """A requisition created by a colleague and edited by the consultant through the form."""
        consultant.first_name, consultant.last_name = "Sara", "Holm"
        consultant.save()
        other = ChallengeFactory(work_plan=challenge.work_plan, number=2, short_label="Foreninger")
        kept, dropped = OrganisationFactory(name="Socialforvaltningen"), OrganisationFactory(name="Boligselskabet")
        requisition = RequisitionFactory(challenge=challenge, title="Temadag", status="received",
                                         requesters=[kept, dropped], date_received=datetime.date(2008, 3, 1))
        login(client, consultant).post(
            reverse("cases:requisition_update", args=[requisition.pk]),
            requisition_data(other, [kept], [consultant], title="Temadag om tryghed", status="in_progress",
                             date_received="2008-10-06", participants_approximate="on"))
        return requisition

    def test_it_shows_who_when_and_what_with_danish_field_names_and_old_and_new(self, client, edited):
        response = client.get(edited.get_absolute_url())

        assertContains(response, "Historik")
        [changed, created] = response.context["history"]
        assert (changed.action, changed.who, created.action) == ("Ændret", "Sara Holm", "Oprettet")
        shown = {change.label: change for change in changed.changes}
        assert (shown["Titel"].old, shown["Titel"].new) == ("Temadag", "Temadag om tryghed")
        assert (shown["Status"].old, shown["Status"].new) == ("Modtaget", "I gang")  # choices by their label
        assert (shown["Udfordring"].old, shown["Udfordring"].new) == ("2008 · 1. Boligområder",
                                                                        "2008 · 2. Foreninger")
        assert (shown["Modtaget"].old, shown["Modtaget"].new) == ("1. marts 2008", "6. oktober 2008")
        assert (shown["Ca.-tal"].old, shown["Ca.-tal"].new) == ("Nej", "Ja")
        assert shown["Rekvirenter"].removed == ["Boligselskabet"]
        # Users by their full name, as everywhere in the app (django-auditlog stores their username).
        assert shown["Ansvarlige konsulenter"].added == ["Sara Holm"]
        assert shown["Ansvarlige konsulenter"].removed == [edited.created_by.get_full_name()]
        assertContains(response, "<del class=\"text-muted\">Temadag</del>", html=False)
        assertContains(response, "Temadag om tryghed</ins>")
        assertContains(response, "fjernet")

    def test_the_creation_shows_the_values_given_and_the_requesters_added(self, client, consultant, challenge):
        login(client, consultant).post(reverse("cases:requisition_create"), requisition_data(
            challenge, [OrganisationFactory(name="Beskæftigelsesforvaltningen")], title="Lektiecafé"))
        requisition = Requisition.objects.get()

        response = client.get(requisition.get_absolute_url())

        [created] = response.context["history"]
        shown = {change.label: change for change in created.changes}
        assert created.action == "Oprettet"
        assert shown["Titel"].new == "Lektiecafé" and shown["Titel"].kind == "value"
        assert shown["Rekvirenter"].added == ["Beskæftigelsesforvaltningen"]
        assert "Beskrivelse" in shown and "Afholdt/afsluttet" not in shown  # empty values are left out
        assert "Oprettet" not in shown and "Ændret" not in shown  # created_at, updated_at are not recorded
        assertContains(response, "Beskæftigelsesforvaltningen", count=2)  # the page and its history

    def test_a_page_without_history_says_so(self, client, consultant, challenge):
        requisition = RequisitionFactory(challenge=challenge)
        LogEntry.objects.all().delete()

        response = login(client, consultant).get(requisition.get_absolute_url())

        assert response.context["history"] == []
        assertContains(response, "Der er ingen historik registreret for denne registrering.")

    def test_a_survey_link_keeps_no_history_section(self, client, consultant, challenge):
        invitation = InvitationFactory(requisition=RequisitionFactory(challenge=challenge), sent_by=consultant)

        response = login(client, consultant).get(invitation.get_absolute_url())

        assert "history" not in response.context
        assertNotContains(response, 'id="historik"')


def edit_many_times(obj, field: str, times: int) -> None:
    """`times` changes of `field`, each by another user, as the form's save would record them."""
    # Names of their own: Faker's Danish names can repeat, and each user is to be told apart.
    for n, user in enumerate(ConsultantFactory(first_name="Redaktør", last_name=f"Nr. {n}") for n in range(times)):
        setattr(obj, field, f"{getattr(obj, field)[:150]} {n}")
        with set_actor(user):
            obj.save()


def make(kind: str, challenge, consultant):
    if kind == "requisition":
        return RequisitionFactory(challenge=challenge, created_by=consultant), "title"
    if kind == "advisory":
        return AdvisoryFactory(challenge=challenge, consultant=consultant), "title"
    if kind == "event":
        return EventFactory(challenge=challenge, consultant=consultant), "title"
    if kind == "deliverable":
        return DeliverableFactory(challenge=challenge, created_by=consultant), "title"
    if kind == "seat":
        return SteeringGroupMembershipFactory(challenge=challenge, consultant=consultant), "body"
    if kind == "project":
        return ProjectFactory(), "name"
    if kind == "visit":
        return ProjectVisitFactory(challenge=challenge, consultant=consultant), "what_works"
    return ActorFactory(created_by=consultant), "name"


# The detail pages' queries with their history, on a second look (the reference cache warm: session,
# user and the reference token, the permissions coming from the reference cache); the history is one of
# them (and the access log's INSERT on the pages with personal data), whatever its length. The other
# queries are explained in the pages' own query tests (tests/cases/test_queries.py and alike).
DETAIL_QUERIES = {
    "requisition": 12, "advisory": 8, "event": 7, "deliverable": 10, "seat": 6, "project": 7, "visit": 5,
    "actor": 8,
}


@pytest.mark.parametrize("kind", DETAIL_QUERIES)
def test_a_detail_page_makes_the_same_queries_with_a_long_history(
        client, consultant, challenge, kind, django_assert_num_queries):
    short, field = make(kind, challenge, consultant)
    edit_many_times(short, field, FEW)
    long, _ = make(kind, challenge, consultant)
    edit_many_times(long, field, MANY)
    login(client, consultant)
    client.get(short.get_absolute_url())  # warms the reference cache: the counts are a user's second look
    client.get(long.get_absolute_url())

    with django_assert_num_queries(DETAIL_QUERIES[kind]):
        few = client.get(short.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES[kind]):
        many = client.get(long.get_absolute_url())

    assert len(few.context["history"]) == FEW + 1
    assert len(many.context["history"]) == MANY + 1
    whos = {row.who for row in many.context["history"][:MANY]}
    assert len(whos) == MANY
    assert all(who in many.content.decode() for who in whos)
    # The users in the changed fields by name too, in the same queries.
    [created] = [row for row in many.context["history"] if row.entry.action == LogEntry.Action.CREATE]
    users = {capfirst(str(f.verbose_name)): getattr(long, f.name) for f in type(long)._meta.concrete_fields
             if f.is_relation and f.related_model is get_user_model()}
    assert {change.label: change.new for change in created.changes if change.label in users} == {
        label: user.get_full_name() for label, user in users.items()}
