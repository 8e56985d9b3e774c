"""Events (arrangementer): the rules of the model, the services, the list filters, the pages per role,
the start page's reminder to fill in the actual participants, and the pages' query counts."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.choices import EventKind, EventRole
from cases.filters import EventFilterSet
from cases.forms import EventForm
from cases.models import Event, Requisition
from cases.services import event_create, event_delete, event_update, requisition_update
from core.models import Organisation
from tests.factories import (
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login, messages_of, warm_up

pytestmark = pytest.mark.django_db

FORBIDDEN = "Ingen adgang"
YEAR_ERROR = ("Udfordringen hører til arbejdsplanen for 2008, men registreringen er dateret 2009. "
              "Vælg en udfordring fra 2009.")
NOT_HELD = ("Arrangementet er ikke holdt endnu. Angiv det forventede deltagerantal, og udfyld det "
            "faktiske bagefter.")
FLAG = "Mangler faktisk deltagertal"

Organisations = Event.organisations.through


@pytest.fixture
def plan_2009():
    return WorkPlanFactory(year=2009)


@pytest.fixture
def challenge_2007():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)


@pytest.fixture
def challenge_2009():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1)


@pytest.fixture
def future_challenge():
    """A challenge of the plan for the year of a day two months ahead."""
    return ChallengeFactory(work_plan=WorkPlanFactory(year=in_two_months().year), number=1)


@pytest.fixture
def organisations():
    return [OrganisationFactory(name="Foreningen Gellerup"), OrganisationFactory(name="Boligselskabet AKB")]


@pytest.fixture
def event(challenge, consultant):
    """Held and owned by `consultant`, who created it and is responsible for it."""
    return EventFactory(challenge=challenge, consultant=consultant, created_by=consultant,
                        title="International Dag", date=datetime.date(2008, 9, 6), participants=600)


def in_two_months() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=60)


def event_data(challenge, consultant, **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "kind": EventKind.SEMINAR, "role": EventRole.ORGANISED,
        "title": "Seminar om foreningsliv", "date": "2008-10-06", "place": "Nørrebrohallen", "area": "",
        "participants_expected": "", "participants": "", "organisations": [], "organisation_count": "",
        "volunteers": "", "deliverable": "", "requisition": "", "consultant": consultant.pk, "previous": "",
        "hours": "", "description": "",
    }
    data.update(overrides)
    return data


def row_counts() -> dict[str, int]:
    return {"events": Event.objects.count(), "organisations": Organisations.objects.count()}


def snapshot(event) -> tuple:
    fresh = Event.objects.get(pk=event.pk)
    return (fresh.title, fresh.date, fresh.participants, fresh.consultant_id,
            sorted(fresh.organisations.values_list("pk", flat=True)))


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


class TestEventRules:
    def test_it_refuses_a_challenge_of_another_year(self, challenge, consultant, plan_2009):
        event = EventFactory.build(challenge=challenge, consultant=consultant, created_by=consultant,
                                   date=datetime.date(2009, 1, 10))

        assert errors_of(event) == {"challenge": [YEAR_ERROR]}

    def test_the_form_refuses_negative_participants(self, challenge, consultant):
        form = EventForm(data=event_data(challenge, consultant, participants="-1", participants_expected="-5"))

        assert not form.is_valid()
        assert form.errors["participants"] == ["Denne værdi skal være større end eller lig 0."]
        assert form.errors["participants_expected"] == ["Denne værdi skal være større end eller lig 0."]

    def test_it_refuses_actual_participants_for_a_future_event(self, future_challenge, consultant):
        event = EventFactory.build(challenge=future_challenge, consultant=consultant, created_by=consultant,
                                   date=in_two_months(), participants=80)

        assert errors_of(event) == {"participants": [NOT_HELD]}

    def test_it_accepts_expected_participants_for_a_future_event(self, future_challenge, consultant):
        event = EventFactory.build(challenge=future_challenge, consultant=consultant, created_by=consultant,
                                   date=in_two_months(), participants_expected=80)

        event.full_clean()

        assert event.is_future and not event.needs_actual_participants

    def test_it_accepts_actual_participants_on_the_day_itself(self, consultant):
        today = timezone.localdate()
        challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=today.year), number=1)
        event = EventFactory.build(challenge=challenge, consultant=consultant, created_by=consultant,
                                   date=today, participants=80)

        event.full_clean()

    def test_it_refuses_participants_when_its_requisition_has_them(self, challenge, consultant):
        requisition = RequisitionFactory(challenge=challenge, participants=40, participants_approximate=True)
        event = EventFactory.build(challenge=challenge, consultant=consultant, created_by=consultant,
                                   requisition=requisition, participants=45)

        assert errors_of(event) == {"participants": [
            "Rekvireringen har allerede et deltagertal (ca. 40). Deltagerne registreres ét sted: fjern tallet "
            "på rekvireringen, eller lad feltet stå tomt her."]}

    def test_it_takes_the_participants_when_its_requisition_has_none(self, challenge, consultant):
        requisition = RequisitionFactory(challenge=challenge, participants=None)
        event = EventFactory.build(challenge=challenge, consultant=consultant, created_by=consultant,
                                   requisition=requisition, participants=45)

        event.full_clean()

    def test_a_requisition_refuses_its_own_figure_when_its_event_has_participants(self, challenge, consultant):
        requisition = RequisitionFactory(challenge=challenge, participants=None, title="Temadag")
        EventFactory(challenge=challenge, requisition=requisition, participants=45)

        with pytest.raises(ValidationError) as error:
            requisition_update(requisition=requisition, user=consultant, data={"participants": 40})

        assert error.value.message_dict == {"participants": [
            "Deltagerne er registreret på rekvireringens arrangement. De tælles ét sted: ret tallet dér."]}
        assert Requisition.objects.get().participants is None

    def test_a_requisition_keeps_its_figure_when_its_event_has_none(self, challenge, consultant):
        requisition = RequisitionFactory(challenge=challenge, participants=None)
        EventFactory(challenge=challenge, requisition=requisition, participants_expected=45)

        requisition_update(requisition=requisition, user=consultant, data={"participants": 40})

        assert Requisition.objects.get().participants == 40

    @pytest.mark.parametrize("previous_date", [datetime.date(2008, 9, 6), datetime.date(2008, 9, 7)])
    def test_the_previous_event_must_be_earlier(self, challenge, event, consultant, previous_date):
        previous = EventFactory(challenge=challenge, date=previous_date)
        event.previous = previous

        assert errors_of(event) == {"previous": ["Det tidligere arrangement skal ligge før dette."]}

    def test_an_earlier_previous_event_is_accepted(self, event, challenge_2007):
        event.previous = EventFactory(challenge=challenge_2007, date=datetime.date(2007, 9, 1))

        event.full_clean()

    def test_it_refuses_a_deliverable_of_another_work_plan(self, event, challenge_2007):
        event.deliverable = DeliverableFactory(challenge=challenge_2007)

        assert errors_of(event) == {"deliverable": [
            f"Leverancen hører under udfordringen »{challenge_2007}«, arrangementet under »{event.challenge}«. "
            "Vælg samme udfordring for begge."]}

    def test_what_it_was_held_for_belongs_to_its_challenge(self, event, challenge_2):
        """Its participants count under its challenge: a deliverable or requisition of another challenge
        would have them counted under one challenge and listed under the other."""
        event.participants = None
        event.deliverable = DeliverableFactory(challenge=challenge_2)
        event.requisition = RequisitionFactory(challenge=challenge_2)

        errors = errors_of(event)

        assert set(errors) == {"deliverable", "requisition"}
        assert errors["requisition"] == [
            f"Rekvireringen hører under udfordringen »{challenge_2}«, arrangementet under »{event.challenge}«. "
            "Vælg samme udfordring for begge."]
        event.deliverable = DeliverableFactory(challenge=event.challenge)
        event.requisition = RequisitionFactory(challenge=event.challenge)
        event.full_clean()  # the same challenge: valid

    def test_it_shows_the_participants_with_ca_when_approximate(self, event):
        event.participants_approximate = True

        assert event.participants_display() == "ca. 600"


class TestEventServices:
    def test_it_creates_an_event_with_its_organisations(self, consultant, other_consultant, challenge,
                                                        organisations):
        area = AreaFactory(name="Mjølnerparken")

        event = event_create(user=consultant, challenge=challenge, kind=EventKind.FESTIVAL, title="Sommerfest",
                             date=datetime.date(2008, 6, 21), area=area, participants=300,
                             participants_approximate=True, organisations=organisations,
                             organisation_count=12, volunteers=20, consultant=other_consultant,
                             hours=30)

        saved = Event.objects.get()
        assert saved == event
        assert (saved.title, saved.kind, saved.area, saved.participants_display(), saved.volunteers) == (
            "Sommerfest", EventKind.FESTIVAL, area, "ca. 300", 20)
        assert (saved.created_by, saved.consultant) == (consultant, other_consultant)
        assert set(saved.organisations.all()) == set(organisations)
        assert saved.organisation_total == 12

    def test_the_responsible_consultant_defaults_to_the_user(self, consultant, challenge):
        event = event_create(user=consultant, challenge=challenge, kind=EventKind.MEETING, title="Møde",
                             date=datetime.date(2008, 3, 3))

        assert Event.objects.get(pk=event.pk).consultant == consultant
        assert row_counts() == {"events": 1, "organisations": 0}

    def test_it_writes_nothing_when_a_rule_is_broken(self, consultant, challenge, organisations):
        before = row_counts()

        with pytest.raises(ValidationError) as error:
            event_create(user=consultant, challenge=challenge, kind=EventKind.MEETING, title="Møde",
                         date=datetime.date(2009, 3, 3), organisations=organisations)

        assert list(error.value.message_dict) == ["challenge"]
        assert row_counts() == before

    def test_it_rolls_back_the_event_when_its_organisations_cannot_be_saved(
            self, consultant, challenge, organisations):
        before = row_counts()

        with pytest.raises(ValueError):
            event_create(user=consultant, challenge=challenge, kind=EventKind.MEETING, title="Møde",
                         date=datetime.date(2008, 3, 3), organisations=[*organisations, Organisation(name="Ny")])

        assert row_counts() == before

    def test_it_updates_fields_and_replaces_the_organisations(self, event, other_consultant, organisations):
        event.organisations.set(organisations)
        newcomer = OrganisationFactory(name="Dansk Flygtningehjælp")

        event_update(event=event, user=other_consultant, data={
            "title": "International Dag 2008", "participants": 650, "organisations": [newcomer]})

        assert snapshot(event) == ("International Dag 2008", datetime.date(2008, 9, 6), 650, event.consultant_id,
                                   [newcomer.pk])
        assert Event.objects.get().created_by == event.created_by

    def test_a_refused_update_changes_nothing(self, event, consultant, organisations):
        event.organisations.set(organisations)
        before = snapshot(event)

        with pytest.raises(ValidationError):
            event_update(event=event, user=consultant, data={
                "title": "Flyttet", "date": datetime.date(2009, 1, 5), "organisations": []})

        assert snapshot(event) == before

    def test_it_refuses_an_event_as_its_own_previous(self, event, consultant):
        with pytest.raises(ValidationError) as error:
            event_update(event=event, user=consultant, data={"previous": event})

        assert list(error.value.message_dict) == ["previous"]
        assert Event.objects.get().previous is None

    def test_it_deletes_the_event_and_keeps_the_one_that_compared_with_it(
            self, event, consultant, organisations, challenge_2009):
        event.organisations.set(organisations)
        later = EventFactory(challenge=challenge_2009, date=datetime.date(2009, 9, 5), previous=event)

        event_delete(event=event, user=consultant)

        assert list(Event.objects.all()) == [later]
        assert Event.objects.get().previous is None
        assert Organisations.objects.count() == 0
        assert Organisation.objects.count() == 2


class TestEventFilters:
    def rows(self, **data) -> set:
        return set(EventFilterSet(data, queryset=Event.objects.all()).qs)

    def test_it_filters_by_year(self, challenge, challenge_2009):
        this_year = EventFactory(challenge=challenge)
        next_year = EventFactory(challenge=challenge_2009)

        assert self.rows(year="2008") == {this_year}
        assert self.rows(year="2009") == {next_year}
        assert self.rows(year="") == {this_year, next_year}

    def test_it_filters_by_challenge(self, challenge, challenge_2):
        EventFactory(challenge=challenge)
        second = EventFactory(challenge=challenge_2)

        assert self.rows(challenge=challenge_2.pk) == {second}

    def test_it_filters_by_kind(self, challenge):
        EventFactory(challenge=challenge, kind=EventKind.SEMINAR)
        party = EventFactory(challenge=challenge, kind=EventKind.PARTY)

        assert self.rows(kind=EventKind.PARTY) == {party}

    def test_it_finds_held_events_with_only_an_expected_figure(self, challenge, future_challenge):
        needing = EventFactory(challenge=challenge, participants_expected=60)
        counted = EventFactory(challenge=challenge, participants=55, participants_expected=60)
        without_figures = EventFactory(challenge=challenge)
        future = EventFactory(challenge=future_challenge, date=in_two_months(), participants_expected=60)

        assert self.rows(needs_participants="true") == {needing}
        assert self.rows(needs_participants="false") == {counted, without_figures, future}
        assert self.rows(needs_participants="") == {needing, counted, without_figures, future}

    def test_it_searches_title_and_place(self, challenge):
        festival = EventFactory(challenge=challenge, title="Sommerfest", place="Blågårds Plads")
        EventFactory(challenge=challenge, title="Temamøde", place="Rådhuset")

        assert self.rows(q="blågårds") == {festival}
        assert self.rows(q="SOMMER") == {festival}


PAGES = [
    ("cases:event_list", False),
    ("cases:event_create", False),
    ("cases:event_detail", True),
    ("cases:event_update", True),
    ("cases:event_delete", True),
]


class TestAnonymous:
    @pytest.mark.parametrize(("name", "needs_event"), PAGES)
    def test_it_requires_login(self, client, event, name, needs_event):
        url = reverse(name, args=[event.pk] if needs_event else [])

        response = client.get(url)

        assertRedirects(response, f"/login/?next={url}")

    @pytest.mark.parametrize(("name", "needs_event"), [page for page in PAGES if page[0] != "cases:event_list"])
    def test_it_requires_login_to_post_and_changes_nothing(self, client, event, challenge, consultant, name,
                                                           needs_event):
        url = reverse(name, args=[event.pk] if needs_event else [])
        before = snapshot(event)

        response = client.post(url, event_data(challenge, consultant, title="Ændret"))

        assertRedirects(response, f"/login/?next={url}")
        assert Event.objects.count() == 1
        assert snapshot(event) == before


class TestEventList:
    url = reverse("cases:event_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager", "administrator"])
    def test_every_role_sees_the_list(self, client, request, event, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [event]
        assertContains(response, "International Dag")
        assertContains(response, "1 arrangement fundet")

    def test_it_opens_on_the_default_year(self, client, consultant, event, challenge_2007):
        EventFactory(challenge=challenge_2007, title="Sidste års fest")

        response = login(client, consultant).get(self.url)

        assert response.context["year"] == 2008
        assertContains(response, "Arrangementer 2008")
        assertNotContains(response, "Sidste års fest")

    def test_it_marks_a_held_event_without_its_actual_figure(self, client, consultant, challenge):
        EventFactory(challenge=challenge, participants_expected=60)

        response = login(client, consultant).get(self.url)

        assertContains(response, "Mangler faktisk tal (forventet 60)")

    def test_it_offers_the_create_button_to_a_consultant_only(self, client, consultant, manager, plan):
        create = reverse("cases:event_create")

        assertContains(login(client, consultant).get(self.url), f'href="{create}"')
        assertNotContains(login(client, manager).get(self.url), f'href="{create}"')

    @pytest.mark.parametrize("query", [
        {"year": "abc"}, {"kind": "concert"}, {"needs_participants": "maybe"}, {"challenge": "x"},
        {"o": "bogus"}, {"page": "999"},
    ])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, event, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200


class TestEventDetail:
    def url(self, event) -> str:
        return reverse("cases:event_detail", args=[event.pk])

    def test_the_owner_sees_it_with_edit_and_delete(self, client, consultant, event, organisations):
        event.organisations.set(organisations)

        response = login(client, consultant).get(self.url(event))

        assert response.status_code == 200
        assertContains(response, "International Dag")
        assertContains(response, "Boligselskabet AKB, Foreningen Gellerup")
        assertContains(response, reverse("cases:event_update", args=[event.pk]))
        assertContains(response, reverse("cases:event_delete", args=[event.pk]))

    def test_another_consultant_sees_edit_but_not_delete(self, client, other_consultant, event):
        response = login(client, other_consultant).get(self.url(event))

        assertContains(response, reverse("cases:event_update", args=[event.pk]))
        assertNotContains(response, reverse("cases:event_delete", args=[event.pk]))

    def test_management_sees_it_without_edit_or_delete(self, client, manager, event):
        response = login(client, manager).get(self.url(event))

        assert response.status_code == 200
        assertContains(response, "International Dag")
        assertNotContains(response, reverse("cases:event_update", args=[event.pk]))
        assertNotContains(response, reverse("cases:event_delete", args=[event.pk]))

    def test_it_shows_the_change_against_the_year_before(self, client, manager, event, challenge_2007):
        event.previous = EventFactory(challenge=challenge_2007, date=datetime.date(2007, 9, 1),
                                      title="International Dag 2007", participants=500, organisation_count=40)
        event.organisation_count = 46
        event.save()

        response = login(client, manager).get(self.url(event))

        assert (response.context["participants_change"], response.context["organisations_change"]) == (20, 15)
        assertContains(response, "20 % i forhold til 2007")
        assertContains(response, "15 % i forhold til 2007")
        assertContains(response, "International Dag 2007 (2007)")

    def test_it_counts_organisations_registered_by_name_against_the_year_before(
            self, client, manager, event, challenge_2007):
        previous = EventFactory(challenge=challenge_2007, date=datetime.date(2007, 9, 1))
        previous.organisations.set(OrganisationFactory.create_batch(4))
        event.organisations.set(OrganisationFactory.create_batch(3))
        event.previous = previous
        event.save()

        response = login(client, manager).get(self.url(event))

        assert response.context["organisations_change"] == -25
        assertContains(response, "-25 % i forhold til 2007")

    def test_it_shows_no_change_without_a_previous_figure(self, client, manager, event, challenge_2007):
        event.previous = EventFactory(challenge=challenge_2007, date=datetime.date(2007, 9, 1))
        event.save()

        response = login(client, manager).get(self.url(event))

        assert response.context["participants_change"] is None
        assertNotContains(response, "% i forhold til")

    def test_it_asks_for_the_actual_figure_of_a_held_event(self, client, consultant, challenge):
        event = EventFactory(challenge=challenge, participants_expected=60)

        response = login(client, consultant).get(self.url(event))

        assertContains(response, "Arrangementet er holdt, men har kun et forventet deltagerantal (60).")


class TestEventCreate:
    url = reverse("cases:event_create")

    def test_it_shows_a_form_with_the_user_as_consultant(self, client, consultant, plan):
        response = login(client, consultant).get(self.url)

        assert response.status_code == 200
        assertContains(response, "Nyt arrangement")
        assert response.context["form"].initial["consultant"] == consultant

    def test_a_consultant_creates_an_event_with_organisations(self, client, consultant, challenge, organisations):
        data = event_data(challenge, consultant, participants="120", organisations=[o.pk for o in organisations])

        response = login(client, consultant).post(self.url, data)

        event = Event.objects.get()
        assertRedirects(response, event.get_absolute_url())
        assert messages_of(response) == ["Arrangementet »Seminar om foreningsliv« er registreret."]
        assert (event.created_by, event.consultant, event.participants) == (consultant, consultant, 120)
        assert set(event.organisations.all()) == set(organisations)

    def test_it_shows_danish_errors_at_the_fields_and_saves_nothing(self, client, consultant, challenge):
        data = event_data(challenge, consultant, title="", kind="", date="2009-02-01")

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assertContains(response, "Formularen er ikke gemt. Ret fejlene markeret nedenfor.")
        assertContains(response, "Giv arrangementet en titel.")
        assertContains(response, "Vælg typen af arrangement.")
        assert row_counts() == {"events": 0, "organisations": 0}

    def test_it_refuses_a_challenge_of_another_year_at_its_field(self, client, consultant, challenge,
                                                                  plan_2009):
        response = login(client, consultant).post(self.url, event_data(challenge, consultant, date="2009-02-01"))

        assert response.context["form"].errors == {"challenge": [YEAR_ERROR]}
        assert Event.objects.count() == 0

    def test_it_refuses_actual_participants_for_a_future_event_at_its_field(
            self, client, consultant, future_challenge):
        data = event_data(future_challenge, consultant, date=in_two_months().isoformat(), participants="80")

        response = login(client, consultant).post(self.url, data)

        assert response.context["form"].errors == {"participants": [NOT_HELD]}
        assert Event.objects.count() == 0

    def test_it_forbids_management_to_create(self, client, manager, consultant, challenge):
        login(client, manager)

        shown = client.get(self.url)
        posted = client.post(self.url, event_data(challenge, consultant))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assertContains(posted, FORBIDDEN, status_code=403)
        assert Event.objects.count() == 0


class TestEventUpdate:
    def url(self, event) -> str:
        return reverse("cases:event_update", args=[event.pk])

    def test_the_owner_can_edit(self, client, consultant, event, challenge, organisations):
        data = event_data(challenge, consultant, title="International Dag 2008", date="2008-09-06",
                          participants="650", organisations=[organisations[0].pk])

        response = login(client, consultant).post(self.url(event), data)

        assertRedirects(response, event.get_absolute_url())
        assert messages_of(response) == ["Ændringerne i »International Dag 2008« er gemt."]
        assert snapshot(event) == ("International Dag 2008", datetime.date(2008, 9, 6), 650, consultant.pk,
                                   [organisations[0].pk])

    def test_another_consultant_can_edit(self, client, consultant, other_consultant, event, challenge):
        data = event_data(challenge, consultant, title="Dækket ind", date="2008-09-06", participants="600")

        response = login(client, other_consultant).post(self.url(event), data)

        assertRedirects(response, event.get_absolute_url())
        saved = Event.objects.get()
        assert (saved.title, saved.consultant, saved.created_by) == ("Dækket ind", consultant, consultant)

    def test_it_does_not_offer_the_event_as_its_own_previous(self, client, consultant, event, challenge):
        response = login(client, consultant).get(self.url(event))

        assert event not in response.context["form"].fields["previous"].queryset

    def test_it_forbids_management_to_edit_and_changes_nothing(self, client, manager, consultant, event,
                                                               challenge):
        before = snapshot(event)
        login(client, manager)

        shown = client.get(self.url(event))
        posted = client.post(self.url(event), event_data(challenge, consultant, title="Ændret"))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert snapshot(event) == before


class TestEventDelete:
    def url(self, event) -> str:
        return reverse("cases:event_delete", args=[event.pk])

    def test_it_asks_the_owner_for_confirmation(self, client, consultant, event):
        response = login(client, consultant).get(self.url(event))

        assertContains(response, "Slet arrangement?")
        assertContains(response, "Du er ved at slette »International Dag«.")
        assert Event.objects.count() == 1

    def test_the_owner_can_delete(self, client, consultant, event):
        response = login(client, consultant).post(self.url(event))

        assertRedirects(response, reverse("cases:event_list"))
        assert messages_of(response) == ["»International Dag« er slettet."]
        assert Event.objects.count() == 0

    def test_the_responsible_consultant_can_delete(self, client, consultant, other_consultant, challenge):
        event = EventFactory(challenge=challenge, created_by=consultant, consultant=other_consultant)

        response = login(client, other_consultant).post(self.url(event))

        assert response.status_code == 302
        assert Event.objects.count() == 0

    def test_it_forbids_another_consultant_to_delete(self, client, other_consultant, event):
        login(client, other_consultant)

        shown = client.get(self.url(event))
        posted = client.post(self.url(event))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Event.objects.count() == 1

    def test_it_forbids_management_to_delete(self, client, manager, event):
        login(client, manager)

        shown = client.get(self.url(event))
        posted = client.post(self.url(event))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assertContains(posted, FORBIDDEN, status_code=403)
        assert Event.objects.count() == 1


class TestParticipantsReminder:
    def test_the_start_page_lists_a_consultants_held_events_missing_actual_participants(
            self, client, consultant, other_consultant, challenge, future_challenge):
        mine = EventFactory(challenge=challenge, consultant=consultant, title="Forældremøde",
                            participants_expected=60)
        EventFactory(challenge=challenge, consultant=consultant, title="Talt op", participants=55,
                     participants_expected=60)
        EventFactory(challenge=future_challenge, consultant=consultant, date=in_two_months(),
                     title="Kommende seminar", participants_expected=90)
        EventFactory(challenge=challenge, consultant=other_consultant, title="Kollegaens møde",
                     participants_expected=30)

        response = login(client, consultant).get("/")

        assert list(response.context["events_needing_participants"]) == [mine]
        assertContains(response, FLAG)
        assertContains(response, f'href="{reverse("cases:event_update", args=[mine.pk])}?next=/">Forældremøde</a>')
        assertNotContains(response, "Talt op")
        assertNotContains(response, "Kommende seminar")
        assertNotContains(response, "Kollegaens møde")

    def test_the_start_page_of_another_consultant_does_not_list_them(
            self, client, consultant, other_consultant, challenge):
        EventFactory(challenge=challenge, consultant=consultant, title="Forældremøde", participants_expected=60)

        response = login(client, other_consultant).get("/")

        assert list(response.context["events_needing_participants"]) == []
        assertNotContains(response, FLAG)

    def test_a_consultant_registers_a_seminar_and_fills_in_the_participants_afterwards(
            self, client, consultant, challenge, future_challenge):
        login(client, consultant)
        planned = event_data(future_challenge, consultant, date=in_two_months().isoformat(),
                             participants_expected="80")
        created = client.post(reverse("cases:event_create"), planned)
        event = Event.objects.get()
        assertRedirects(created, event.get_absolute_url())
        assert (event.participants, event.participants_expected) == (None, 80)
        assert list(client.get("/").context["events_needing_participants"]) == []

        # The seminar has been held: move it into the past (and that year's plan).
        Event.objects.filter(pk=event.pk).update(date=datetime.date(2008, 10, 6), challenge=challenge)
        home = client.get("/")
        assert list(home.context["events_needing_participants"]) == [event]
        assertContains(home, FLAG)

        held = event_data(challenge, consultant, participants_expected="80", participants="75")
        edited = client.post(reverse("cases:event_update", args=[event.pk]), held)

        assertRedirects(edited, event.get_absolute_url())
        assert Event.objects.get().participants == 75
        home = client.get("/")
        assert list(home.context["events_needing_participants"]) == []
        assertNotContains(home, FLAG)
        detail = client.get(event.get_absolute_url())
        assertContains(detail, "(forventet 80)")
        assertNotContains(detail, "Arrangementet er holdt, men har kun et forventet deltagerantal")


# Query counts: each page makes the same number of queries with few rows and with many.
# Measured on SQLite and PostgreSQL, each after a warm-up request (the reference cache warm, as a user
# usually meets it: core/reference_cache.py); each test's docstring says what the queries are.
FEW, MANY = 5, 40
EVENT_LIST = 5
EVENT_DETAIL = 8  # 7 before the change history


class Events:
    """Events spread over four challenges, each with three organisations, an area, a deliverable, a
    requisition and a consultant, so a lookup per row would show."""

    def __init__(self):
        plan = WorkPlanFactory(year=2008)
        self.challenges = itertools.cycle([ChallengeFactory(work_plan=plan, number=n) for n in range(1, 5)])
        self.areas = itertools.cycle(AreaFactory.create_batch(5))
        self.organisations = itertools.cycle(OrganisationFactory.create_batch(9))
        self.consultants = itertools.cycle(ConsultantFactory.create_batch(4))

    def create(self, n: int) -> list[Event]:
        events = []
        for i in range(n):
            challenge = next(self.challenges)
            event = EventFactory(
                challenge=challenge, area=next(self.areas), consultant=next(self.consultants),
                deliverable=DeliverableFactory(challenge=challenge),
                requisition=RequisitionFactory(challenge=challenge, participants=None),
                participants=i if i % 2 else None, participants_expected=50)
            event.organisations.set([next(self.organisations) for _ in range(3)])
            events.append(event)
        return events


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_event_list_makes_a_fixed_number_of_queries(
        client, request, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years, the year's challenges and the
    filter choices come from the cache); counts per challenge (also the row count); the page of rows
    with challenge, plan, area, consultant, deliverable and requisition joined."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("cases:event_list")
    events = Events()
    events.create(FEW)
    warm_up(client, url)

    with django_assert_num_queries(EVENT_LIST):
        few = client.get(url)
    events.create(MANY - FEW)
    warm_up(client, url)  # the new events' deliverables and requisitions brought new users and organisations
    with django_assert_max_num_queries(EVENT_LIST) as captured:
        many = client.get(url)

    assert len(captured) == EVENT_LIST
    assert len(few.context["object_list"]) == FEW
    assert len(many.context["object_list"]) == 25
    assertContains(many, "Mangler faktisk tal (forventet 50)")


def test_the_event_detail_makes_a_fixed_number_of_queries(
        client, consultant, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions and roles, so whether the user is an
    administrator who may delete, come from the cache); the event with challenge, plan, area,
    consultant, deliverable, requisition and previous joined; its organisations; the previous
    event's organisations (for the change); the creator; the change history with its users (one
    query, however long the history: tests/history/test_detail_pages.py)."""
    client.force_login(consultant)
    events = Events()
    small, large = events.create(2)
    previous = EventFactory(challenge=ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1),
                            date=datetime.date(2007, 5, 1))
    previous.organisations.set(OrganisationFactory.create_batch(8))
    small.previous = previous
    small.save()
    large.previous = previous
    large.save()
    large.organisations.set(OrganisationFactory.create_batch(12))
    warm_up(client, small.get_absolute_url())

    with django_assert_num_queries(EVENT_DETAIL):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(EVENT_DETAIL) as captured:
        response = client.get(large.get_absolute_url())

    assert len(captured) == EVENT_DETAIL
    content = response.content.decode()
    assert all(organisation.name in content for organisation in large.organisations.all())
    assert response.context["organisations_change"] == 50
