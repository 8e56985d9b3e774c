"""The demo data must reproduce the figures of the 2008 status report (Bilag 2, 24.11.2008)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db.models import Count

from atlas.models import Area
from cases import roles
from cases.choices import OrganisationKind, RequisitionStatus
from cases.demo import REPORT_DATE, REQUISITIONS, demo_load
from cases.models import Advisory, Challenge, Organisation, Requisition, WorkPlan

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


@pytest.fixture
def demo():
    return demo_load()


def per_challenge(queryset) -> dict[int, int]:
    """Count a queryset's rows per challenge number in one aggregate query."""
    rows = queryset.values("challenge__number").annotate(count=Count("id")).order_by("challenge__number")
    return {row["challenge__number"]: row["count"] for row in rows}


def row_counts() -> dict[str, int]:
    """How many rows each table the demo writes to holds."""
    models = [WorkPlan, Challenge, Area, Organisation, Requisition, Advisory, get_user_model(), Group,
              Requisition.requesters.through, Requisition.consultants.through]
    return {model._meta.label: model.objects.count() for model in models}


def advisory_rows() -> list[tuple]:
    """Every advisory's key fields, in creation order."""
    return list(Advisory.objects.order_by("id").values_list("title", "date", "requester__name", "area__name"))


def test_work_plan_and_challenges(demo):
    work_plan = WorkPlan.objects.get(year=2008)
    assert work_plan.total_fte == 4
    assert work_plan.purpose.startswith("TaskForce Integration har til formål")
    assert len(work_plan.target_group_list()) == 4
    challenges = list(work_plan.challenges.order_by("number"))
    assert [c.short_label for c in challenges] == [
        "Udsatte boligområder", "Tryghed", "Mangfoldigt KBH", "Vidensdeling i projekter"]
    assert all(len(c.conclusions.splitlines()) == 2 for c in challenges)


def test_requisitions_per_challenge(demo):
    assert per_challenge(Requisition.objects.for_year(2008)) == REQUISITIONS_PER_CHALLENGE
    assert Requisition.objects.for_year(2008).count() == 22


def test_advisories_per_challenge(demo):
    assert per_challenge(Advisory.objects.for_year(2008)) == ADVISORIES_PER_CHALLENGE
    assert Advisory.objects.for_year(2008).count() == 106


def test_sixteen_advisories_are_report_examples(demo):
    examples = Advisory.objects.for_year(2008).filter(is_report_example=True)
    assert examples.count() == 16
    assert per_challenge(examples) == EXAMPLES_PER_CHALLENGE
    plain = Advisory.objects.for_year(2008).filter(is_report_example=False)
    assert not plain.exclude(description__startswith="Demodata:").exists()
    assert plain.filter(title="Rådgivning 5 (Tryghed)").exists()


def test_requesters_cover_all_seven_administrations(demo):
    requesting = Organisation.objects.filter(
        kind=OrganisationKind.ADMINISTRATION, requisitions__challenge__work_plan__year=2008).distinct()
    assert set(requesting.values_list("name", flat=True)) == ADMINISTRATIONS
    assert Organisation.objects.filter(kind=OrganisationKind.ADMINISTRATION).count() == 7


def test_requisitions_read_in_report_order(demo):
    for number, expected in REQUISITIONS.items():
        titles = list(Requisition.objects.filter(challenge__number=number)
                      .order_by("date_received").values_list("title", flat=True))
        assert titles == [data["title"] for data in expected]


def test_requisition_details_follow_the_report(demo):
    birthday = Requisition.objects.get(title="Mjølnerparkens 21-års fødselsdag")
    assert birthday.participants_display() == "ca. 600"
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
    assert (seminar.participants, seminar.participants_approximate) == (35, False)


def test_nothing_is_dated_after_the_report(demo):
    assert not Requisition.objects.filter(date_received__gt=REPORT_DATE).exists()
    assert not Requisition.objects.filter(date_finished__gt=REPORT_DATE).exists()
    assert not Advisory.objects.filter(date__gt=REPORT_DATE).exists()


def test_registrations_belong_to_the_demo_consultant(demo):
    consultant = get_user_model().objects.get(username="konsulent")
    assert Requisition.objects.for_consultant(consultant).count() == 22
    assert not Requisition.objects.exclude(created_by=consultant).exists()
    assert not Advisory.objects.exclude(consultant=consultant).exists()


def test_loading_twice_changes_nothing(demo):
    before = row_counts()
    advisories_before = advisory_rows()

    second = demo_load()

    assert row_counts() == before
    assert advisory_rows() == advisories_before
    assert not any(second["created"].values())
    assert not any(created for _, created in second["users"])


def test_demo_users_have_their_roles_and_log_in_with_demo(demo, client):
    for username, group in DEMO_USER_GROUPS.items():
        user = get_user_model().objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.first_name and user.last_name
        assert client.login(username=username, password="demo")
        client.logout()
    assert get_user_model().objects.get(username="admin").is_staff
    assert not get_user_model().objects.get(username="leder").is_staff


def test_second_run_keeps_a_changed_password(demo, client):
    user = get_user_model().objects.get(username="leder")
    user.set_password("ny-adgangskode-2009")
    user.save()

    demo_load()

    assert not client.login(username="leder", password="demo")
    assert client.login(username="leder", password="ny-adgangskode-2009")


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
    for username in DEMO_USER_GROUPS:
        assert username in output
    assert "demo" in output

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "intet er ændret" in again.getvalue()
    assert Requisition.objects.count() == 22
