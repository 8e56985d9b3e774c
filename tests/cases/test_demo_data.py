"""The demo data must reproduce the figures of the 2008 status report (Bilag 2, 24.11.2008)."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import RequestFactory

from cases.choices import DeliverableStatus, RequisitionStatus, SteeringRole
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core import reference_cache, roles
from core.choices import OrganisationKind, Task
from core.figures import change_percent
from core.models import Challenge, FteAllocation, Organisation, WorkPlan
from demo.loader import REPORT_DATE, REQUISITIONS, demo_load
from projects.models import Project, ProjectVisit
from reports.selectors.figures import fte_overview, participants_total

pytestmark = pytest.mark.django_db

REQUISITIONS_PER_CHALLENGE = {1: 4, 2: 6, 3: 6, 4: 6}
ADVISORIES_PER_CHALLENGE = {1: 29, 2: 18, 3: 29, 4: 30}
EXAMPLES_PER_CHALLENGE = {1: 4, 2: 4, 3: 3, 4: 5}
ADMINISTRATIONS = {
    "Økonomiforvaltningen",
    "Kultur- og Fritidsforvaltningen",
    "Børne- og Ungdomsforvaltningen",
    "Sundheds- og Omsorgsforvaltningen",
    "Socialforvaltningen",
    "Teknik- og Miljøforvaltningen",
    "Beskæftigelses- og Integrationsforvaltningen",
}
DEMO_USER_GROUPS = {"konsulent": roles.CONSULTANT, "leder": roles.MANAGEMENT, "admin": roles.ADMINISTRATOR}


def per_challenge(queryset) -> dict[int, int]:
    """Count a queryset's rows per challenge number in one aggregate query."""
    rows = queryset.values("challenge__number").annotate(count=Count("id")).order_by("challenge__number")
    return {row["challenge__number"]: row["count"] for row in rows}


def row_counts() -> dict[str, int]:
    """How many rows every table holds (the many-to-many tables included)."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models(include_auto_created=True)}


def advisory_rows() -> list[tuple]:
    """Every advisory's key fields, in creation order."""
    return list(Advisory.objects.order_by("id").values_list("title", "date", "requester__name", "area__name"))


def login_request():
    # django-axes checks every authentication against the address it comes from, so it needs the request.
    return RequestFactory().post("/login/")


class TestTheDemoYear:
    """The loaded year, shared by the class's tests (the demo fixture): each test runs in a savepoint
    rolled back after it."""

    def test_work_plan_and_challenges(self, demo):
        work_plan = WorkPlan.objects.get(year=2008)
        assert work_plan.total_fte == 4
        assert work_plan.purpose.startswith("TaskForce Integration har til formål")
        assert len(work_plan.target_group_list()) == 4
        challenges = list(work_plan.challenges.order_by("number"))
        assert [c.short_label for c in challenges] == [
            "Udsatte boligområder", "Tryghed", "Mangfoldigt KBH", "Vidensdeling i projekter"]
        assert all(len(c.conclusions.splitlines()) == 2 for c in challenges)


    def test_requisitions_per_challenge(self, demo):
        assert per_challenge(Requisition.objects.for_year(2008)) == REQUISITIONS_PER_CHALLENGE
        assert Requisition.objects.for_year(2008).count() == 22


    def test_advisories_per_challenge(self, demo):
        assert per_challenge(Advisory.objects.for_year(2008)) == ADVISORIES_PER_CHALLENGE
        assert Advisory.objects.for_year(2008).count() == 106


    def test_sixteen_advisories_are_report_examples(self, demo):
        examples = Advisory.objects.for_year(2008).filter(is_report_example=True)
        assert examples.count() == 16
        assert per_challenge(examples) == EXAMPLES_PER_CHALLENGE
        plain = Advisory.objects.for_year(2008).filter(is_report_example=False)
        assert not plain.exclude(description__startswith="Demodata:").exists()
        assert plain.filter(title="Rådgivning 5 (Tryghed)").exists()


    def test_requesters_cover_all_seven_administrations(self, demo):
        requesting = Organisation.objects.filter(
            kind=OrganisationKind.ADMINISTRATION, requisitions__challenge__work_plan__year=2008).distinct()
        assert set(requesting.values_list("name", flat=True)) == ADMINISTRATIONS
        assert Organisation.objects.filter(kind=OrganisationKind.ADMINISTRATION).count() == 7


    def test_requisitions_read_in_report_order(self, demo):
        for number, expected in REQUISITIONS.items():
            titles = list(Requisition.objects.filter(challenge__number=number)
                          .order_by("date_received").values_list("title", flat=True))
            assert titles == [data["title"] for data in expected]


    def test_requisition_details_follow_the_report(self, demo):
        birthday = Requisition.objects.get(title="Mjølnerparkens 21-års fødselsdag")
        assert birthday.participants is None
        party = birthday.events.get()
        assert party.participants_display() == "ca. 600"
        assert party.date == datetime.date(2008, 6, 29)
        assert party.volunteers == 25
        assert birthday.date_finished == datetime.date(2008, 6, 29)
        assert birthday.area.name == "Mjølnerparken"
        assert "25 frivillige" in birthday.volunteers
        assert birthday.status == RequisitionStatus.FINISHED

        taking_the_lead = Requisition.objects.get(title="Taking the lead")
        assert set(taking_the_lead.requesters.values_list("name", flat=True)) == {
            "Den amerikanske ambassade", "Ekstra Bladet"}

        basis = Requisition.objects.get(title="Mangfoldighedsmodul på Basis 1")
        assert basis.status == RequisitionStatus.IN_PROGRESS
        assert basis.date_finished is None

        seminar = Requisition.objects.get(title="Seminar om Borgerrådgiverens diskriminationsindsats")
        assert (seminar.participants, seminar.participants_approximate) == (None, False)
        assert seminar.events.get().participants_display() == "35"


    def test_nothing_is_dated_after_the_report(self, demo):
        assert not Requisition.objects.filter(date_received__gt=REPORT_DATE).exists()
        assert not Requisition.objects.filter(date_finished__gt=REPORT_DATE).exists()
        assert not Advisory.objects.filter(date__gt=REPORT_DATE).exists()


    def test_registrations_belong_to_the_demo_consultant(self, demo):
        consultant = get_user_model().objects.get(username="konsulent")
        assert Requisition.objects.for_consultant(consultant).count() == 22
        assert not Requisition.objects.exclude(created_by=consultant).exists()
        assert not Advisory.objects.exclude(consultant=consultant).exists()


    def test_loading_twice_changes_nothing(self, demo):
        before = row_counts()
        advisories_before = advisory_rows()
        events_before = list(Event.objects.order_by("id").values_list("title", "date", "participants"))
        requisitions_before = list(Requisition.objects.order_by("id").values_list("title", "participants"))

        second = demo_load()

        assert row_counts() == before
        assert advisory_rows() == advisories_before
        assert list(Event.objects.order_by("id").values_list("title", "date", "participants")) == events_before
        assert list(Requisition.objects.order_by("id").values_list("title", "participants")) == requisitions_before
        assert not any(second["created"].values())
        assert second["participants_moved"] == 0
        assert not any(created for _, created in second["users"])


    def test_participants_of_2008_are_about_2600_in_one_query(self, demo, django_assert_num_queries):
        with reference_cache.scope():  # as in a request: the reference token read once
            participants_total(year=2008)  # the year's challenges into the reference cache
            with django_assert_num_queries(1):  # the grouped counts of requisitions and events (a UNION ALL)
                total = participants_total(year=2008)
        assert 2400 <= total["actual"] <= 2700
        assert total["from_requisitions"] == 0  # every requisition with a figure was held as an event


    def test_no_requisition_with_an_event_has_its_own_participants(self, demo):
        with_events = Requisition.objects.filter(events__isnull=False).distinct()
        assert with_events.count() == 11
        assert not with_events.filter(participants__isnull=False).exists()
        assert not Requisition.objects.filter(participants__isnull=False).exists()


    def test_participants_of_an_earlier_demo_load_move_to_the_event(self, demo):
        """A database loaded before the events existed had the figure on the requisition."""
        birthday = Requisition.objects.get(title="Mjølnerparkens 21-års fødselsdag")
        birthday.events.all().delete()
        Requisition.objects.filter(pk=birthday.pk).update(participants=600, participants_approximate=True)

        again = demo_load()

        assert again["participants_moved"] == 1
        birthday.refresh_from_db()
        assert (birthday.participants, birthday.participants_approximate) == (None, False)
        assert birthday.events.get().participants_display() == "ca. 600"
        assert 2400 <= participants_total(year=2008)["actual"] <= 2700


    def test_a_hundred_project_visits_in_2008(self, demo):
        visits = ProjectVisit.objects.for_year(2008)
        assert visits.count() == 100
        assert visits.values("project").distinct().count() == 100
        assert not visits.exclude(challenge__work_plan__year=2008, challenge__number=4).exists()
        assert not visits.exclude(consultant__username="konsulent").exists()
        assert not visits.filter(date__gt=REPORT_DATE).exists()
        assert 1 <= visits.filter(is_good_practice=True).count() <= 10
        assert not visits.filter(is_good_practice=True, what_works="").exists()
        assert visits.exclude(sets_goals="").exists() and visits.exclude(measures_effect="").exists()
        for name in ("BazarMusicShop", "Ghetto Gourmet", "Plus17", "Projekt Isbeddel", "Bydelsmødre"):
            assert Project.objects.get(name=name).visits.count() == 1
        plain = Project.objects.filter(name__endswith="(demo)")
        assert plain.count() == 89
        assert not plain.exclude(description__startswith="Demodata:").exists()
        assert len(set(visits.values_list("date__month", flat=True))) == 11


    def test_replaced_deliverables_show_what_replaced_them(self, demo):
        teach = Deliverable.objects.get(title="Udvikling af en medborgerskabsuddannelse – Teach the teachers")
        assert teach.status == DeliverableStatus.REPLACED
        assert teach.is_promised
        replacements = teach.replaced_by.all()
        assert replacements.count() == 3
        assert not replacements.filter(is_promised=True).exists()
        assert set(replacements.values_list("challenge__number", flat=True)) == {2}

        local = Deliverable.objects.filter(challenge__number=3, status=DeliverableStatus.REPLACED)
        assert local.count() == 2
        for deliverable in local:
            assert deliverable.replaced_by.count() == 3
            assert "Demodata" in deliverable.description
        reception = Deliverable.objects.get(title="VI KBH'R'-receptionen på Islands Brygge")
        assert reception.replaces.count() == 2

        replaced = Deliverable.objects.annotate(n=Count("replaced_by")).filter(n__gte=2)
        assert replaced.count() == 3
        assert not replaced.exclude(status=DeliverableStatus.REPLACED).exists()
        assert set(Deliverable.objects.filter(challenge__number=3, status=DeliverableStatus.DELIVERED,
                                              is_promised=True).values_list("title", flat=True)) >= {
            "Det store kagebord", "Salaam Karavane i København"}
        publication = Deliverable.objects.get(publication_title="God praksis i integrationsprojekter")
        assert publication.status == DeliverableStatus.DELIVERED


    def test_events_link_to_a_deliverable_or_requisition_of_2008(self, demo):
        events = Event.objects.for_year(2008)
        assert not events.exclude(consultant__username="konsulent").exists()
        assert not events.filter(date__year=2007).exists()
        unlinked = events.filter(deliverable__isnull=True, requisition__isnull=True)
        assert list(unlinked.values_list("title", flat=True)) == ["Eid-reception for muslimer på Rådhuset"]
        assert Event.objects.get(title="Seminar om fremskudte metoder inden for beskæftigelse").participants == 100
        planned = Deliverable.objects.filter(status=DeliverableStatus.PLANNED)
        assert set(planned.values_list("events__date", flat=True)) == {
            datetime.date(2008, 12, 16), datetime.date(2008, 12, 9)}


    def test_haraldsgade_seminar_needs_its_actual_participants(self, demo):
        seminar = Event.objects.get(title="Seminar om fritidsjobsindsatsen i Haraldsgadekvarteret")
        assert seminar.date == datetime.date(2008, 12, 16)
        assert (seminar.participants, seminar.participants_expected) == (None, 50)
        assert seminar.area.name == "Haraldsgade"
        assert seminar.needs_actual_participants
        assert seminar.deliverable.status == DeliverableStatus.PLANNED
        assert seminar in Event.objects.needing_actual_participants(today=datetime.date.today())


    def test_international_day_is_up_15_percent_on_2007(self, demo):
        day = Event.objects.get(title="International Dag 2008")
        assert day.date == datetime.date(2008, 8, 30) and day.date.weekday() == 5
        assert day.participants is None
        assert day.previous.title == "International Dag 2007"
        assert day.previous.date == datetime.date(2007, 8, 25) and day.previous.date.weekday() == 5
        assert change_percent(day.organisation_total, day.previous.organisation_total) == 15

        assert WorkPlan.objects.get(year=2007).total_fte == 4
        assert Challenge.objects.filter(work_plan__year=2007).count() == 1
        assert Event.objects.for_year(2007).count() == 1
        assert not Requisition.objects.for_year(2007).exists()
        assert not Advisory.objects.for_year(2007).exists()
        assert WorkPlan.objects.first().year == 2008  # the newest plan, the lists' default year


    def test_fte_is_four_with_one_for_cases(self, demo):
        work_plan = WorkPlan.objects.get(year=2008)
        assert work_plan.total_fte == Decimal("4.0")
        allocations = FteAllocation.objects.filter(work_plan=work_plan)
        assert sum(a.fte for a in allocations) == Decimal("4.0")
        assert allocations.get(task=Task.CASES).fte == Decimal("1.0")
        overview = fte_overview(year=2008)
        assert overview["planned_allocated"] == overview["planned_total"] == Decimal("4.0")


    def test_steering_groups_of_the_report(self, demo):
        seats = SteeringGroupMembership.objects.for_year(2008)
        assert seats.count() == 8
        assert not seats.exclude(challenge__work_plan__year=2008, challenge__number=1).exists()
        acting = seats.get(role=SteeringRole.ACTING_PROJECT_MANAGER)
        assert (acting.start, acting.end) == (datetime.date(2008, 2, 1), datetime.date(2008, 12, 31))
        assert acting.area.name == "Mjølnerparken"
        bodies = " ".join(seats.values_list("body", flat=True))
        for name in ("Fremdriftsgruppen", "Fra Hærværk til Netværk", "Haraldsgadekvarterets Områdeløft",
                     "Mimersgadekvarteret", "BazarMusicShop", "Ghetto Gourmet", "Plus17"):
            assert name in bodies


    def test_demo_users_have_their_roles_and_log_in_with_demo(self, demo, client):
        for username, group in DEMO_USER_GROUPS.items():
            user = get_user_model().objects.get(username=username)
            assert list(user.groups.values_list("name", flat=True)) == [group]
            assert user.first_name and user.last_name
            assert client.login(request=login_request(), username=username, password="demo")
            client.logout()
        assert get_user_model().objects.get(username="admin").is_staff
        assert not get_user_model().objects.get(username="leder").is_staff


    def test_second_run_keeps_a_changed_password(self, demo, client):
        user = get_user_model().objects.get(username="leder")
        user.set_password("ny-adgangskode-2009")
        user.save()

        demo_load()

        assert not client.login(request=login_request(), username="leder", password="demo")
        assert client.login(request=login_request(), username="leder", password="ny-adgangskode-2009")


def test_command_refuses_a_production_database_without_force():
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert Requisition.objects.count() == 0


def test_command_prints_the_users_and_password(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    assert "rekvireringer: 22 oprettet" in output
    assert "rådgivninger: 106 oprettet" in output
    assert "projektbesøg: 100 oprettet" in output
    assert "leverancer: 21 oprettet" in output
    assert "arrangementer: 24 oprettet" in output
    assert "styregruppesæder: 8 oprettet" in output
    assert "planlagte årsværk pr. opgave: 7 oprettet" in output
    for username in DEMO_USER_GROUPS:
        assert username in output
    assert "demo" in output

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "intet er ændret" in again.getvalue()
    assert Requisition.objects.count() == 22
