"""Personal data: contact persons in fields of their own, entered through the forms, and anonymised
once PERSONAL_DATA_RETENTION_YEARS have passed since the work was finished, in the history too,
while every figure of the annual report stays the same."""

import datetime
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from atlas.models import Actor
from cases import services
from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from demo.loader import demo_load
from projects.models import Project
from reports.selectors.report import status_report
from reports.selectors.rows import export_rows
from retention.services import MARKER, personal_data_anonymise, retention_cutoff
from surveys.models import Invitation
from surveys.services import invitations_remind
from tests.factories import (
    ActorFactory,
    AdministrationFactory,
    AdvisoryFactory,
    ChallengeFactory,
    InvitationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db

# Retention of 5 years counted back from this day: work finished on 1 June 2008 or earlier is due.
TODAY = datetime.date(2013, 6, 1)
CUTOFF = datetime.date(2008, 6, 1)
CONTACT = {"contact_name": "Lise Holm", "contact_email": "lise.holm@example.org", "contact_phone": "33 66 33 66"}
KEPT_CONTACT = {"contact_name": "Omar Hassan", "contact_email": "omar@example.org", "contact_phone": "12 34 56 78"}
BAD_EMAIL = "Angiv en gyldig e-mailadresse, f.eks. navn@kk.dk."


def anonymise(**kwargs):
    kwargs.setdefault("years", 5)
    kwargs.setdefault("today", TODAY)
    return personal_data_anonymise(**kwargs)


def contact_of(obj) -> dict:
    obj.refresh_from_db()
    return {name: getattr(obj, name) for name in CONTACT if hasattr(obj, name)}


def history_of(obj) -> list[LogEntry]:
    return list(LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
                .order_by("pk"))


def history_text(obj) -> str:
    return json.dumps([[entry.changes, entry.changes_text, entry.serialized_data] for entry in history_of(obj)],
                      ensure_ascii=False)


def moment(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def set_updated_at(obj, when: datetime.datetime) -> None:
    type(obj).objects.filter(pk=obj.pk).update(updated_at=when)


def finished_requisition(challenge, day, **fields):
    return RequisitionFactory(challenge=challenge, date_finished=day,
                              **{"status": RequisitionStatus.FINISHED, **CONTACT, **fields})


@pytest.fixture
def requester():
    return AdministrationFactory(name="Socialforvaltningen")


def requisition_data(challenge, requester, **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "status": RequisitionStatus.RECEIVED, "title": "Temadag om tryghed",
        "requesters": [requester.pk], "consultants": [], "description": "", "date_received": "2008-10-06",
        "date_finished": "", "area": "", "participants": "", "partners": "", "volunteers": "",
        "contact_name": "", "contact_email": "", "contact_phone": "",
    }
    data.update(overrides)
    return data


def advisory_data(challenge, requester, consultant, **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "requester": requester.pk, "title": "Råd om lektiecafé", "description": "",
        "date": "2008-05-14", "consultant": consultant.pk, "area": "",
        "contact_name": "", "contact_email": "", "contact_phone": "",
    }
    data.update(overrides)
    return data


class TestContactForms:
    def test_the_requisition_form_has_the_contact_fields_in_their_own_row(self, client, consultant, plan):
        response = login(client, consultant).get(reverse("cases:requisition_create"))

        assertContains(response, "Kontaktperson hos rekvirenten")
        for name in CONTACT:
            assertContains(response, f'name="{name}"')

    def test_it_creates_a_requisition_with_its_contact_and_shows_it(self, client, consultant, challenge, requester):
        response = login(client, consultant).post(reverse("cases:requisition_create"),
                                                  requisition_data(challenge, requester, **CONTACT))

        requisition = Requisition.objects.get()
        assertRedirects(response, requisition.get_absolute_url())
        assert contact_of(requisition) == CONTACT
        page = client.get(requisition.get_absolute_url())
        assertContains(page, "Lise Holm")
        assertContains(page, 'href="mailto:lise.holm@example.org"')
        assertContains(page, "33 66 33 66")

    def test_it_refuses_a_bad_email_in_danish_and_saves_nothing(self, client, consultant, challenge, requester):
        data = requisition_data(challenge, requester, contact_name="Lise Holm", contact_email="lise.holm")

        response = login(client, consultant).post(reverse("cases:requisition_create"), data)

        assert response.status_code == 200
        assert response.context["form"].errors == {"contact_email": [BAD_EMAIL]}
        assertContains(response, BAD_EMAIL)
        assert Requisition.objects.count() == 0

    def test_an_edit_changes_the_requisitions_contact(self, client, consultant, challenge, requester):
        requisition = RequisitionFactory(challenge=challenge, requesters=[requester], created_by=consultant,
                                         **KEPT_CONTACT)
        data = requisition_data(challenge, requester, date_received="2008-03-01", **CONTACT)

        response = login(client, consultant).post(reverse("cases:requisition_update", args=[requisition.pk]), data)

        assertRedirects(response, requisition.get_absolute_url())
        assert contact_of(requisition) == CONTACT

    def test_it_creates_an_advisory_with_its_contact(self, client, consultant, challenge, requester):
        data = advisory_data(challenge, requester, consultant, **CONTACT)

        response = login(client, consultant).post(reverse("cases:advisory_create"), data)

        advisory = Advisory.objects.get()
        assertRedirects(response, advisory.get_absolute_url())
        assert contact_of(advisory) == CONTACT
        assertContains(client.get(advisory.get_absolute_url()), "Lise Holm")

    def test_an_advisory_edit_with_a_bad_email_changes_nothing(self, client, consultant, challenge, requester):
        advisory = AdvisoryFactory(challenge=challenge, requester=requester, consultant=consultant, **KEPT_CONTACT)
        data = advisory_data(challenge, requester, consultant, contact_name="Lise Holm", contact_email="lise@")

        response = login(client, consultant).post(reverse("cases:advisory_update", args=[advisory.pk]), data)

        assert response.status_code == 200
        assertContains(response, BAD_EMAIL)
        assert contact_of(advisory) == KEPT_CONTACT

    def test_the_quick_advisory_form_still_saves_without_a_contact(self, client, consultant, challenge, requester):
        data = {"challenge": challenge.pk, "requester": requester.pk, "title": "Hurtig", "date": "2008-05-14",
                "description": ""}

        response = login(client, consultant).post(reverse("advisory_quick_create"), data)

        assertRedirects(response, reverse("home"))
        assert contact_of(Advisory.objects.get()) == dict.fromkeys(CONTACT, "")


class TestWhatIsDue:
    def test_the_cutoff_is_the_same_day_years_before(self):
        assert retention_cutoff(years=5, today=TODAY) == CUTOFF
        assert retention_cutoff(years=1, today=datetime.date(2012, 2, 29)) == datetime.date(2011, 2, 28)
        assert retention_cutoff(years=0, today=TODAY) == TODAY

    def test_a_requisition_finished_exactly_the_retention_ago_is_anonymised_a_day_later_is_kept(self, challenge):
        due = finished_requisition(challenge, CUTOFF)
        kept = finished_requisition(challenge, CUTOFF + datetime.timedelta(days=1), **KEPT_CONTACT)

        result = anonymise()

        assert result.counts["requisitions"] == 1
        assert contact_of(due) == {"contact_name": "", "contact_email": "", "contact_phone": ""}
        assert due.anonymised_at is not None
        assert contact_of(kept) == KEPT_CONTACT
        assert kept.anonymised_at is None

    def test_a_cancelled_requisition_counts_from_its_date_too(self, challenge):
        cancelled = finished_requisition(challenge, datetime.date(2008, 4, 1), status=RequisitionStatus.CANCELLED)

        anonymise()

        assert contact_of(cancelled)["contact_name"] == ""

    @pytest.mark.parametrize("status", [RequisitionStatus.RECEIVED, RequisitionStatus.IN_PROGRESS])
    def test_an_open_requisition_is_kept_whatever_its_dates(self, challenge, status):
        requisition = finished_requisition(challenge, datetime.date(2008, 3, 2), status=status)
        set_updated_at(requisition, moment(datetime.date(2008, 3, 2)))

        result = anonymise()

        assert result.counts["requisitions"] == 0
        assert contact_of(requisition) == CONTACT

    @pytest.mark.parametrize("status", [RequisitionStatus.FINISHED, RequisitionStatus.CANCELLED])
    def test_one_closed_without_a_date_counts_from_its_last_change(self, challenge, status):
        due = finished_requisition(challenge, None, status=status)
        kept = finished_requisition(challenge, None, status=status, **KEPT_CONTACT)
        set_updated_at(due, moment(CUTOFF, 23, 59))
        set_updated_at(kept, moment(CUTOFF + datetime.timedelta(days=1), 0, 0))

        anonymise()

        assert contact_of(due)["contact_name"] == ""
        assert contact_of(kept) == KEPT_CONTACT

    def test_an_advisory_counts_from_its_date(self, challenge):
        due = AdvisoryFactory(challenge=challenge, date=CUTOFF, **CONTACT)
        kept = AdvisoryFactory(challenge=challenge, date=CUTOFF + datetime.timedelta(days=1), **KEPT_CONTACT)

        result = anonymise()

        assert result.counts["advisories"] == 1
        assert contact_of(due) == {"contact_name": "", "contact_email": "", "contact_phone": ""}
        assert contact_of(kept) == KEPT_CONTACT

    def test_survey_invitations_go_with_the_work_they_ask_about(self, challenge):
        old_advisory = AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 2, 1))
        new_advisory = AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 9, 1))
        old_requisition = finished_requisition(challenge, datetime.date(2008, 5, 1))
        new_requisition = finished_requisition(challenge, datetime.date(2008, 9, 1))
        due = [InvitationFactory(advisory=old_advisory), InvitationFactory(requisition=old_requisition)]
        kept = [InvitationFactory(advisory=new_advisory), InvitationFactory(requisition=new_requisition)]

        result = anonymise()

        assert result.counts["survey_invitations"] == 2
        assert [contact_of(invitation) for invitation in due] == [{"contact_name": "", "contact_email": ""}] * 2
        assert [contact_of(invitation) for invitation in kept] == [
            {"contact_name": "Lise Holm", "contact_email": "lise.holm@example.org"}] * 2
        assert Invitation.objects.filter(anonymised_at__isnull=False).count() == 2

    def test_an_active_project_keeps_its_contact(self):
        project = ProjectFactory(is_active=True, **CONTACT)
        set_updated_at(project, moment(datetime.date(2001, 1, 1)))

        anonymise()

        assert contact_of(project) == CONTACT

    def test_an_ended_project_counts_from_its_last_change_or_visit(self):
        due = ProjectFactory(is_active=False, **CONTACT)
        changed_since = ProjectFactory(is_active=False, **KEPT_CONTACT)
        visited_since = ProjectFactory(is_active=False, **KEPT_CONTACT)
        ProjectVisitFactory(project=due, date=CUTOFF)
        ProjectVisitFactory(project=visited_since, date=CUTOFF + datetime.timedelta(days=1))
        set_updated_at(due, moment(CUTOFF))
        set_updated_at(changed_since, moment(CUTOFF + datetime.timedelta(days=1), 0, 1))
        set_updated_at(visited_since, moment(CUTOFF))

        result = anonymise()

        assert result.counts["projects"] == 1
        assert contact_of(due) == {"contact_name": "", "contact_email": "", "contact_phone": ""}
        assert contact_of(changed_since) == KEPT_CONTACT
        assert contact_of(visited_since) == KEPT_CONTACT

    def test_actors_keep_their_public_contacts(self):
        actor = ActorFactory(is_active=False, **CONTACT)
        Actor.objects.filter(pk=actor.pk).update(updated_at=moment(datetime.date(2001, 1, 1)))

        anonymise(years=0, today=None)

        actor.refresh_from_db()
        assert (actor.contact_name, actor.contact_email, actor.contact_phone) == tuple(CONTACT.values())

    @override_settings(PERSONAL_DATA_RETENTION_YEARS=3)
    def test_the_years_default_to_the_setting(self, challenge):
        three_years = AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 6, 1), **CONTACT)

        result = personal_data_anonymise(today=datetime.date(2011, 6, 1))

        assert result.years == 3
        assert contact_of(three_years)["contact_name"] == ""

    def test_it_refuses_negative_years(self):
        with pytest.raises(ValueError):
            anonymise(years=-1)


class TestRuns:
    def test_a_dry_run_counts_and_changes_nothing(self, challenge):
        requisition = finished_requisition(challenge, datetime.date(2008, 3, 1))
        advisory = AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 3, 1), **CONTACT)
        InvitationFactory(advisory=advisory)
        history_before = history_text(requisition)
        entries_before = LogEntry.objects.count()

        result = anonymise(dry_run=True)

        assert result.counts == {"requisitions": 1, "advisories": 1, "survey_invitations": 1, "projects": 0}
        assert contact_of(requisition) == CONTACT
        assert requisition.anonymised_at is None
        assert contact_of(advisory) == CONTACT
        assert Invitation.objects.get().contact_name == "Lise Holm"
        assert history_text(requisition) == history_before
        assert LogEntry.objects.count() == entries_before
        assert anonymise().counts == result.counts

    def test_a_second_run_changes_nothing(self, challenge):
        requisition = finished_requisition(challenge, datetime.date(2008, 3, 1))
        AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 3, 1))  # never had a contact
        first = anonymise()
        anonymised_at = Requisition.objects.get().anonymised_at
        entries = LogEntry.objects.count()

        second = anonymise()

        assert first.counts == {"requisitions": 1, "advisories": 1, "survey_invitations": 0, "projects": 0}
        assert second.counts == {"requisitions": 0, "advisories": 0, "survey_invitations": 0, "projects": 0}
        assert contact_of(requisition)["contact_name"] == ""
        assert requisition.anonymised_at == anonymised_at
        assert LogEntry.objects.count() == entries

    def test_a_contact_entered_again_after_anonymising_is_anonymised_again(self, challenge, consultant):
        requisition = finished_requisition(challenge, datetime.date(2008, 3, 1))
        anonymise()
        requisition.refresh_from_db()
        services.requisition_update(requisition=requisition, user=consultant, data=KEPT_CONTACT)
        assert requisition.anonymised_at is not None

        result = anonymise()

        assert result.counts["requisitions"] == 1
        assert contact_of(requisition)["contact_name"] == ""
        assert "Omar" not in history_text(requisition)

    def test_the_page_says_when_instead_of_who(self, client, consultant, challenge):
        requisition = finished_requisition(challenge, datetime.date(2008, 3, 1))
        anonymise()
        requisition.refresh_from_db()

        response = login(client, consultant).get(requisition.get_absolute_url())

        with translation.override("da"):
            day = formats.date_format(timezone.localtime(requisition.anonymised_at), "DATE_FORMAT")
        assertContains(response, f"Anonymiseret {day}")
        assertNotContains(response, "Lise")
        assertNotContains(response, "lise.holm@example.org")
        assertNotContains(response, "33 66 33 66")

    def test_the_project_and_the_sent_questionnaire_say_it_too(self, client, consultant, challenge):
        project = ProjectFactory(is_active=False, **CONTACT)
        set_updated_at(project, moment(datetime.date(2008, 1, 1)))
        invitation = InvitationFactory(advisory=AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 3, 1)))
        anonymise()
        login(client, consultant)

        for page in (project.get_absolute_url(), invitation.get_absolute_url()):
            response = client.get(page)
            assertContains(response, "Anonymiseret ")
            assertNotContains(response, "Lise")

    def test_an_anonymised_invitation_gets_no_reminder(self, challenge):
        this_year = ChallengeFactory(work_plan=WorkPlanFactory(year=timezone.localdate().year), number=1)
        sent = timezone.now() - datetime.timedelta(days=20)
        anonymised = InvitationFactory(advisory=AdvisoryFactory(challenge=challenge), sent_at=sent)
        kept = InvitationFactory(advisory=AdvisoryFactory(challenge=this_year, date=timezone.localdate()),
                                 sent_at=sent)

        personal_data_anonymise(years=1)
        reminders = invitations_remind(after_days=14, max_reminders=2)

        assert contact_of(anonymised)["contact_email"] == ""
        assert reminders.reminded == [kept]


class TestHistory:
    def test_the_contact_is_scrubbed_from_every_history_row(self, challenge, consultant, requester):
        requisition = services.requisition_create(
            user=consultant, challenge=challenge, requesters=[requester], title="Temadag",
            date_received=datetime.date(2008, 3, 1), status=RequisitionStatus.FINISHED,
            date_finished=datetime.date(2008, 3, 2), **CONTACT)
        services.requisition_update(requisition=requisition, user=consultant,
                                    data={"contact_name": "Lise Holm-Berg", "contact_phone": "40 40 40 40"})
        kept = services.advisory_create(user=consultant, challenge=challenge, requester=requester, title="Råd",
                                        date=datetime.date(2008, 9, 1), **KEPT_CONTACT)
        assert "Lise Holm-Berg" in history_text(requisition)

        anonymise()

        text = history_text(requisition)
        for value in ["Lise", "lise.holm@example.org", "33 66 33 66", "40 40 40 40"]:
            assert value not in text
        assert MARKER in text
        created = history_of(requisition)[0]
        assert created.action == LogEntry.Action.CREATE
        assert created.changes["contact_name"] == ["None", MARKER]
        assert created.changes["title"] == ["None", "Temadag"]
        assert "Omar Hassan" in history_text(kept)

    def test_each_anonymised_object_gets_one_history_row_by_the_system(self, challenge, consultant):
        requisition = finished_requisition(challenge, datetime.date(2008, 3, 1), contact_phone="")
        advisory = AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 3, 1), **CONTACT)
        project = ProjectFactory(is_active=False, **CONTACT)
        set_updated_at(project, moment(datetime.date(2008, 1, 1)))
        before = {obj: len(history_of(obj)) for obj in (requisition, advisory, project)}

        anonymise(user=None)

        for obj, count in before.items():
            entries = history_of(obj)
            assert len(entries) == count + 1
            row = entries[-1]
            assert row.action == LogEntry.Action.UPDATE
            assert row.actor is None
            obj.refresh_from_db()
            assert row.changes["anonymised_at"][0] == "None"
            assert row.changes["contact_name"] == [MARKER, ""]
        assert "contact_phone" not in history_of(requisition)[-1].changes

    def test_the_history_row_names_the_user_who_ran_it(self, challenge, administrator):
        advisory = AdvisoryFactory(challenge=challenge, date=datetime.date(2008, 3, 1), **CONTACT)

        anonymise(user=administrator)

        assert history_of(advisory)[-1].actor == administrator

    def test_the_detail_page_shows_no_contact_in_its_history(self, client, consultant, challenge, requester):
        advisory = services.advisory_create(user=consultant, challenge=challenge, requester=requester,
                                            title="Råd", date=datetime.date(2008, 3, 1), **CONTACT)
        login(client, consultant)
        assertContains(client.get(advisory.get_absolute_url()), "Lise Holm")

        anonymise()

        response = client.get(advisory.get_absolute_url())
        assertNotContains(response, "Lise Holm")
        assertNotContains(response, "lise.holm@example.org")


class TestCommand:
    def run(self, *args) -> str:
        out = StringIO()
        call_command("anonymise_personal_data", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_how_many_of_each_kind_it_anonymised(self, challenge):
        finished_requisition(challenge, datetime.date(2008, 3, 1))
        AdvisoryFactory.create_batch(2, challenge=challenge, **CONTACT)

        output = self.run()

        assert "rekvireringer: 1 anonymiseret" in output
        assert "rådgivninger: 2 anonymiseret" in output
        assert "udsendte spørgeskemaer: 0 anonymiseret" in output
        assert "integrationsprojekter: 0 anonymiseret" in output
        assert "3 anonymiseret i alt." in output
        assert Advisory.objects.filter(contact_name="").count() == 2

    def test_a_dry_run_says_so_and_changes_nothing(self, challenge):
        AdvisoryFactory(challenge=challenge, **CONTACT)

        output = self.run("--dry-run")

        assert "rådgivninger: 1 ville blive anonymiseret" in output
        assert "intet er ændret" in output
        assert Advisory.objects.get().contact_name == "Lise Holm"

    def test_it_takes_the_years(self, challenge):
        this_year = ChallengeFactory(work_plan=WorkPlanFactory(year=timezone.localdate().year), number=1)
        AdvisoryFactory(challenge=this_year, date=timezone.localdate(), **CONTACT)

        kept = self.run("--years", "1")
        gone = self.run("--years", "0")

        assert "rådgivninger: 0 anonymiseret" in kept
        assert "Intet at anonymisere." in kept
        assert "rådgivninger: 1 anonymiseret" in gone
        assert Advisory.objects.get().contact_name == ""

    def test_it_refuses_negative_years(self):
        with pytest.raises(CommandError, match="negativ"):
            self.run("--years", "-1")


def test_anonymising_leaves_the_years_report_unchanged():
    """The demo's 2008 with a contact on every requisition, advisory and project: the report and its
    export rows are the same before and after every contact is anonymised."""
    demo_load()
    Requisition.objects.update(**CONTACT)
    Advisory.objects.update(**CONTACT)
    Project.objects.update(**CONTACT)
    report, rows = status_report(year=2008), export_rows(year=2008)

    result = personal_data_anonymise(years=0)

    closed = Requisition.objects.exclude(status__in=RequisitionStatus.open_values())
    assert result.counts["requisitions"] == closed.count() > 0
    assert result.counts["advisories"] == 106
    assert result.counts["survey_invitations"] == Invitation.objects.count() > 0
    assert result.counts["projects"] == Project.objects.filter(is_active=False).count() > 0
    assert not Advisory.objects.exclude(contact_name="").exists()
    assert status_report(year=2008) == report
    assert export_rows(year=2008) == rows
