"""Deliverables (leverancer) of the work plan: the replacement rules in form and service, the
services, the filters, the pages per role, what replaced what, and the pages' query counts."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.choices import DeliverableStatus
from cases.filters import DeliverableFilterSet
from cases.forms import DeliverableForm
from cases.models import Deliverable, Event
from cases.services import deliverable_create, deliverable_delete, deliverable_update
from tests.factories import (
    ChallengeFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login, messages_of, warm_up

pytestmark = pytest.mark.django_db

FORBIDDEN = "Ingen adgang"
REPLACED_WITHOUT = "En erstattet leverance skal angive de leverancer, der erstattede den."
REPLACES_ITSELF = "En leverance kan ikke erstatte sig selv."

ReplacedBy = Deliverable.replaced_by.through
Requisitions = Deliverable.requisitions.through


@pytest.fixture
def challenge_2009():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1)


@pytest.fixture
def deliverable(challenge, consultant):
    """Promised in the plan and created by `consultant`, its owner."""
    return DeliverableFactory(challenge=challenge, created_by=consultant, title="Pjece om foreningsliv",
                              description="En pjece til nye foreninger.")


@pytest.fixture
def replacements(challenge, consultant):
    return [
        DeliverableFactory(challenge=challenge, created_by=consultant, title="Temamøde om foreningsliv",
                           is_promised=False),
        DeliverableFactory(challenge=challenge, created_by=consultant, title="Netværk for foreninger",
                           is_promised=False, status=DeliverableStatus.DELIVERED),
    ]


def deliverable_data(challenge, **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "status": DeliverableStatus.PLANNED, "is_promised": "on",
        "title": "Kortlægning af lektiecaféer", "description": "", "outcome": "", "replaced_by": [],
        "requisitions": [], "publication_title": "", "publication_url": "", "hours": "",
    }
    data.update(overrides)
    return data


def row_counts() -> dict[str, int]:
    return {"deliverables": Deliverable.objects.count(), "replaced_by": ReplacedBy.objects.count(),
            "requisitions": Requisitions.objects.count()}


def snapshot(deliverable) -> tuple:
    fresh = Deliverable.objects.get(pk=deliverable.pk)
    return (fresh.title, fresh.status, sorted(fresh.replaced_by.values_list("pk", flat=True)),
            sorted(fresh.requisitions.values_list("pk", flat=True)))


class TestReplacementRules:
    def test_the_form_refuses_a_replaced_deliverable_without_replacements_at_replaced_by(self, challenge):
        form = DeliverableForm(data=deliverable_data(challenge, status=DeliverableStatus.REPLACED))

        assert not form.is_valid()
        assert form.errors == {"replaced_by": [REPLACED_WITHOUT]}

    def test_the_form_accepts_a_replaced_deliverable_with_its_replacements(self, challenge, replacements):
        form = DeliverableForm(data=deliverable_data(challenge, status=DeliverableStatus.REPLACED,
                                                     replaced_by=[d.pk for d in replacements]))

        assert form.is_valid(), form.errors

    def test_the_form_does_not_offer_a_deliverable_as_its_own_replacement(self, deliverable, replacements):
        data = deliverable_data(deliverable.challenge, status=DeliverableStatus.REPLACED,
                                replaced_by=[deliverable.pk])
        form = DeliverableForm(data=data, instance=deliverable)

        assert deliverable not in form.fields["replaced_by"].queryset
        assert set(form.fields["replaced_by"].queryset) == set(replacements)
        assert not form.is_valid()
        assert list(form.errors) == ["replaced_by"]

    def test_the_service_refuses_a_replaced_deliverable_without_replacements(self, consultant, challenge):
        before = row_counts()

        with pytest.raises(ValidationError) as error:
            deliverable_create(user=consultant, challenge=challenge, title="Pjece",
                               status=DeliverableStatus.REPLACED)

        assert error.value.message_dict == {"replaced_by": [REPLACED_WITHOUT]}
        assert row_counts() == before

    def test_the_service_refuses_to_mark_a_deliverable_replaced_without_replacements(
            self, consultant, deliverable):
        before = snapshot(deliverable)

        with pytest.raises(ValidationError) as error:
            deliverable_update(deliverable=deliverable, user=consultant,
                               data={"title": "Ændret", "status": DeliverableStatus.REPLACED})

        assert error.value.message_dict == {"replaced_by": [REPLACED_WITHOUT]}
        assert snapshot(deliverable) == before

    def test_the_service_refuses_to_empty_the_replacements_of_a_replaced_deliverable(
            self, consultant, deliverable, replacements):
        deliverable_update(deliverable=deliverable, user=consultant,
                           data={"status": DeliverableStatus.REPLACED, "replaced_by": replacements})
        before = snapshot(deliverable)

        with pytest.raises(ValidationError) as error:
            deliverable_update(deliverable=deliverable, user=consultant, data={"replaced_by": []})

        assert list(error.value.message_dict) == ["replaced_by"]
        assert snapshot(deliverable) == before

    def test_the_service_keeps_the_replacements_when_the_data_does_not_name_them(
            self, consultant, deliverable, replacements):
        deliverable.replaced_by.set(replacements)

        deliverable_update(deliverable=deliverable, user=consultant, data={"status": DeliverableStatus.REPLACED})

        assert snapshot(deliverable)[1:3] == (DeliverableStatus.REPLACED, sorted(d.pk for d in replacements))

    def test_a_deliverable_cannot_replace_itself(self, consultant, deliverable, replacements):
        before = snapshot(deliverable)

        with pytest.raises(ValidationError) as error:
            deliverable_update(deliverable=deliverable, user=consultant, data={
                "status": DeliverableStatus.REPLACED, "replaced_by": [replacements[0], deliverable]})

        assert error.value.message_dict == {"replaced_by": [REPLACES_ITSELF]}
        assert snapshot(deliverable) == before

    def test_it_refuses_a_malformed_publication_address(self, consultant, challenge):
        with pytest.raises(ValidationError) as error:
            deliverable_create(user=consultant, challenge=challenge, title="Pjece", publication_url="ikke en url")

        assert list(error.value.message_dict) == ["publication_url"]
        assert Deliverable.objects.count() == 0


class TestDeliverableServices:
    def test_it_creates_a_deliverable_with_its_replacements_and_requisitions(
            self, consultant, challenge, replacements):
        requisitions = RequisitionFactory.create_batch(2, challenge=challenge)

        deliverable = deliverable_create(
            user=consultant, challenge=challenge, title="Pjece", description="Løfte", outcome="Blev til to andre",
            status=DeliverableStatus.REPLACED, replaced_by=replacements, requisitions=requisitions, hours=12)

        saved = Deliverable.objects.get(pk=deliverable.pk)
        assert (saved.title, saved.status, saved.created_by, saved.is_promised) == (
            "Pjece", DeliverableStatus.REPLACED, consultant, True)
        assert set(saved.replaced_by.all()) == set(replacements)
        assert set(saved.requisitions.all()) == set(requisitions)
        assert set(replacements[0].replaces.all()) == {saved}
        assert row_counts() == {"deliverables": 3, "replaced_by": 2, "requisitions": 2}

    def test_it_rolls_back_the_deliverable_when_its_replacements_cannot_be_saved(
            self, consultant, challenge, replacements):
        before = row_counts()

        with pytest.raises(ValueError):
            deliverable_create(user=consultant, challenge=challenge, title="Pjece",
                               status=DeliverableStatus.REPLACED,
                               replaced_by=[replacements[0], Deliverable(challenge=challenge, title="Ikke gemt")])

        assert row_counts() == before

    def test_it_updates_fields_and_replaces_the_sets(self, consultant, other_consultant, deliverable, challenge,
                                                     replacements):
        old, new = RequisitionFactory.create_batch(2, challenge=challenge)
        deliverable.requisitions.set([old])

        deliverable_update(deliverable=deliverable, user=other_consultant, data={
            "title": "Pjece (erstattet)", "status": DeliverableStatus.REPLACED, "replaced_by": replacements[:1],
            "requisitions": [new]})

        assert snapshot(deliverable) == ("Pjece (erstattet)", DeliverableStatus.REPLACED, [replacements[0].pk],
                                         [new.pk])
        assert Deliverable.objects.get(pk=deliverable.pk).created_by == consultant

    def test_it_deletes_the_deliverable_and_its_links_but_keeps_its_events(
            self, consultant, deliverable, replacements, challenge):
        deliverable.replaced_by.set(replacements)
        deliverable.requisitions.set([RequisitionFactory(challenge=challenge)])
        event = EventFactory(challenge=challenge, deliverable=deliverable)

        deliverable_delete(deliverable=deliverable, user=consultant)

        assert set(Deliverable.objects.all()) == set(replacements)
        assert (ReplacedBy.objects.count(), Requisitions.objects.count()) == (0, 0)
        assert Event.objects.get(pk=event.pk).deliverable is None


class TestDeliverableFilters:
    def rows(self, **data) -> set:
        return set(DeliverableFilterSet(data, queryset=Deliverable.objects.all()).qs)

    def test_it_filters_by_status(self, challenge):
        planned = DeliverableFactory(challenge=challenge)
        delivered = DeliverableFactory(challenge=challenge, status=DeliverableStatus.DELIVERED)
        cancelled = DeliverableFactory(challenge=challenge, status=DeliverableStatus.CANCELLED)

        assert self.rows(status=DeliverableStatus.DELIVERED) == {delivered}
        assert self.rows(status=DeliverableStatus.PLANNED) == {planned}
        assert self.rows(status="") == {planned, delivered, cancelled}

    def test_it_filters_by_year_and_challenge(self, challenge, challenge_2, challenge_2009):
        first = DeliverableFactory(challenge=challenge)
        second = DeliverableFactory(challenge=challenge_2)
        next_year = DeliverableFactory(challenge=challenge_2009)

        assert self.rows(year="2008") == {first, second}
        assert self.rows(year="2009") == {next_year}
        assert self.rows(year="2008", challenge=challenge_2.pk) == {second}

    def test_it_filters_by_promised_or_not(self, deliverable, replacements):
        assert self.rows(is_promised="true") == {deliverable}
        assert self.rows(is_promised="false") == set(replacements)


PAGES = [
    ("cases:deliverable_list", False),
    ("cases:deliverable_create", False),
    ("cases:deliverable_detail", True),
    ("cases:deliverable_update", True),
    ("cases:deliverable_delete", True),
]


class TestAnonymous:
    @pytest.mark.parametrize(("name", "needs_entry"), PAGES)
    def test_it_requires_login(self, client, deliverable, name, needs_entry):
        url = reverse(name, args=[deliverable.pk] if needs_entry else [])

        response = client.get(url)

        assertRedirects(response, f"/login/?next={url}")

    @pytest.mark.parametrize(("name", "needs_entry"), PAGES[1:])
    def test_it_requires_login_to_post_and_changes_nothing(self, client, deliverable, name, needs_entry):
        url = reverse(name, args=[deliverable.pk] if needs_entry else [])
        before = snapshot(deliverable)

        response = client.post(url, deliverable_data(deliverable.challenge, title="Ændret"))

        assertRedirects(response, f"/login/?next={url}")
        assert Deliverable.objects.count() == 1
        assert snapshot(deliverable) == before


class TestDeliverableList:
    url = reverse("cases:deliverable_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager", "administrator"])
    def test_every_role_sees_the_list(self, client, request, deliverable, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [deliverable]
        assertContains(response, "Pjece om foreningsliv")
        assertContains(response, "1 leverance fundet")

    def test_it_shows_what_replaced_what(self, client, manager, deliverable, replacements):
        deliverable.status = DeliverableStatus.REPLACED
        deliverable.save()
        deliverable.replaced_by.set(replacements)

        response = login(client, manager).get(self.url)

        assertContains(response, "Erstattet af: Temamøde om foreningsliv; Netværk for foreninger")
        assertContains(response, "Erstatter: Pjece om foreningsliv", count=2)
        assertContains(response, "ikke lovet", count=2)

    def test_it_offers_the_create_button_to_a_consultant_only(self, client, consultant, manager, plan):
        create = reverse("cases:deliverable_create")

        assertContains(login(client, consultant).get(self.url), f'href="{create}"')
        assertNotContains(login(client, manager).get(self.url), f'href="{create}"')

    @pytest.mark.parametrize("query", [{"status": "lost"}, {"is_promised": "maybe"}, {"year": "1999"},
                                       {"o": "-created_by__password"}])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, deliverable, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200


class TestDeliverableDetail:
    def url(self, deliverable) -> str:
        return reverse("cases:deliverable_detail", args=[deliverable.pk])

    def test_the_owner_sees_it_with_edit_and_delete(self, client, consultant, deliverable):
        response = login(client, consultant).get(self.url(deliverable))

        assert response.status_code == 200
        assertContains(response, "Pjece om foreningsliv")
        assertContains(response, "Løftet i arbejdsplanen")
        assertContains(response, reverse("cases:deliverable_update", args=[deliverable.pk]))
        assertContains(response, reverse("cases:deliverable_delete", args=[deliverable.pk]))

    def test_another_consultant_sees_edit_but_not_delete(self, client, other_consultant, deliverable):
        response = login(client, other_consultant).get(self.url(deliverable))

        assertContains(response, reverse("cases:deliverable_update", args=[deliverable.pk]))
        assertNotContains(response, reverse("cases:deliverable_delete", args=[deliverable.pk]))

    def test_management_sees_it_without_edit_or_delete(self, client, manager, deliverable):
        response = login(client, manager).get(self.url(deliverable))

        assert response.status_code == 200
        assertNotContains(response, reverse("cases:deliverable_update", args=[deliverable.pk]))
        assertNotContains(response, reverse("cases:deliverable_delete", args=[deliverable.pk]))

    def test_a_deliverable_replaced_by_two_shows_both(self, client, manager, deliverable, replacements):
        deliverable.status = DeliverableStatus.REPLACED
        deliverable.save()
        deliverable.replaced_by.set(replacements)

        response = login(client, manager).get(self.url(deliverable))

        assertContains(response, "Erstattet af")
        for other in replacements:
            assertContains(response, f'<a href="{other.get_absolute_url()}">{other.title}</a>')
        assertContains(response, "(leveret)")
        assertNotContains(response, "Erstatter")

    def test_a_replacing_deliverable_shows_the_one_it_replaced(self, client, manager, deliverable, replacements):
        deliverable.status = DeliverableStatus.REPLACED
        deliverable.save()
        deliverable.replaced_by.set(replacements)

        response = login(client, manager).get(self.url(replacements[1]))

        assertContains(response, "Kommet til i løbet af året")
        assertContains(response, "Erstatter")
        assertContains(response, f'<a href="{deliverable.get_absolute_url()}">Pjece om foreningsliv</a>')
        assertContains(response, "(erstattet)")
        assertNotContains(response, "Erstattet af")

    def test_it_lists_the_events_and_requisitions_that_fulfilled_it(self, client, manager, deliverable, challenge):
        EventFactory(challenge=challenge, deliverable=deliverable, title="Foreningsdag", participants=80)
        requisition = RequisitionFactory(challenge=challenge, title="Rådgivning af foreninger",
                                         requesters=[OrganisationFactory(name="Foreningen Gellerup")])
        deliverable.requisitions.set([requisition])

        response = login(client, manager).get(self.url(deliverable))

        assertContains(response, "Foreningsdag")
        assertContains(response, "80 deltagere")
        assertContains(response, "Rådgivning af foreninger")
        assertContains(response, "Foreningen Gellerup")
        assertNotContains(response, "Ingen registreringer er knyttet til leverancen endnu.")


class TestDeliverableCreate:
    url = reverse("cases:deliverable_create")

    def test_a_consultant_creates_a_deliverable(self, client, consultant, challenge):
        requisition = RequisitionFactory(challenge=challenge)
        data = deliverable_data(challenge, requisitions=[requisition.pk], publication_title="Pjecen",
                                publication_url="https://example.org/pjece.pdf")

        response = login(client, consultant).post(self.url, data)

        deliverable = Deliverable.objects.get()
        assertRedirects(response, deliverable.get_absolute_url())
        assert messages_of(response) == ["Leverancen »Kortlægning af lektiecaféer« er registreret."]
        assert (deliverable.created_by, deliverable.is_promised) == (consultant, True)
        assert list(deliverable.requisitions.all()) == [requisition]

    def test_a_consultant_registers_a_replaced_deliverable_with_two_replacements(
            self, client, consultant, challenge, replacements):
        data = deliverable_data(challenge, status=DeliverableStatus.REPLACED,
                                replaced_by=[d.pk for d in replacements])

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 302
        deliverable = Deliverable.objects.get(title="Kortlægning af lektiecaféer")
        assert set(deliverable.replaced_by.all()) == set(replacements)

    def test_it_shows_the_missing_replacements_at_their_field_and_saves_nothing(
            self, client, consultant, challenge):
        response = login(client, consultant).post(
            self.url, deliverable_data(challenge, status=DeliverableStatus.REPLACED))

        assert response.status_code == 200
        assert response.context["form"].errors == {"replaced_by": [REPLACED_WITHOUT]}
        assertContains(response, "Formularen er ikke gemt. Ret fejlene markeret nedenfor.")
        assertContains(response, REPLACED_WITHOUT)
        assert row_counts() == {"deliverables": 0, "replaced_by": 0, "requisitions": 0}

    def test_it_shows_danish_errors_for_missing_fields(self, client, consultant, challenge):
        response = login(client, consultant).post(self.url, {**deliverable_data(challenge, title=""), "challenge": ""})

        assertContains(response, "Giv leverancen en titel.")
        assertContains(response, "Vælg den udfordring, leverancen hører under.")
        assert Deliverable.objects.count() == 0

    def test_it_forbids_management_to_create(self, client, manager, challenge):
        login(client, manager)

        shown = client.get(self.url)
        posted = client.post(self.url, deliverable_data(challenge))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assertContains(posted, FORBIDDEN, status_code=403)
        assert Deliverable.objects.count() == 0


class TestDeliverableUpdate:
    def url(self, deliverable) -> str:
        return reverse("cases:deliverable_update", args=[deliverable.pk])

    def test_the_owner_marks_it_replaced(self, client, consultant, deliverable, replacements):
        data = deliverable_data(deliverable.challenge, title="Pjece om foreningsliv",
                                status=DeliverableStatus.REPLACED, replaced_by=[d.pk for d in replacements],
                                outcome="Blev til et temamøde og et netværk.")

        response = login(client, consultant).post(self.url(deliverable), data)

        assertRedirects(response, deliverable.get_absolute_url())
        assert messages_of(response) == ["Ændringerne i »Pjece om foreningsliv« er gemt."]
        assert snapshot(deliverable) == ("Pjece om foreningsliv", DeliverableStatus.REPLACED,
                                         sorted(d.pk for d in replacements), [])

    def test_another_consultant_can_edit(self, client, consultant, other_consultant, deliverable):
        data = deliverable_data(deliverable.challenge, title="Pjece (leveret)", status=DeliverableStatus.DELIVERED)

        response = login(client, other_consultant).post(self.url(deliverable), data)

        assertRedirects(response, deliverable.get_absolute_url())
        saved = Deliverable.objects.get()
        assert (saved.title, saved.status, saved.created_by) == (
            "Pjece (leveret)", DeliverableStatus.DELIVERED, consultant)

    def test_it_refuses_a_deliverable_as_its_own_replacement(self, client, consultant, deliverable):
        data = deliverable_data(deliverable.challenge, status=DeliverableStatus.REPLACED,
                                replaced_by=[deliverable.pk])

        response = login(client, consultant).post(self.url(deliverable), data)

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["replaced_by"]
        assert snapshot(deliverable) == ("Pjece om foreningsliv", DeliverableStatus.PLANNED, [], [])

    def test_it_forbids_management_to_edit_and_changes_nothing(self, client, manager, deliverable):
        before = snapshot(deliverable)
        login(client, manager)

        shown = client.get(self.url(deliverable))
        posted = client.post(self.url(deliverable), deliverable_data(deliverable.challenge, title="Ændret"))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert snapshot(deliverable) == before


class TestDeliverableDelete:
    def url(self, deliverable) -> str:
        return reverse("cases:deliverable_delete", args=[deliverable.pk])

    def test_it_asks_the_owner_for_confirmation(self, client, consultant, deliverable):
        response = login(client, consultant).get(self.url(deliverable))

        assertContains(response, "Slet leverance?")
        assertContains(response, "Du er ved at slette »Pjece om foreningsliv«.")
        assert Deliverable.objects.count() == 1

    def test_the_owner_can_delete(self, client, consultant, deliverable):
        response = login(client, consultant).post(self.url(deliverable))

        assertRedirects(response, reverse("cases:deliverable_list"))
        assert messages_of(response) == ["»Pjece om foreningsliv« er slettet."]
        assert Deliverable.objects.count() == 0

    def test_it_forbids_another_consultant_to_delete(self, client, other_consultant, deliverable):
        login(client, other_consultant)

        shown = client.get(self.url(deliverable))
        posted = client.post(self.url(deliverable))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Deliverable.objects.count() == 1

    def test_it_forbids_management_to_delete(self, client, manager, deliverable):
        login(client, manager)

        shown = client.get(self.url(deliverable))
        posted = client.post(self.url(deliverable))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Deliverable.objects.count() == 1

    def test_the_administrator_can_delete_anyones(self, client, administrator, deliverable):
        response = login(client, administrator).post(self.url(deliverable))

        assert response.status_code == 302
        assert Deliverable.objects.count() == 0


# Query counts: each page makes the same number of queries with few rows and with many.
# Measured on SQLite and PostgreSQL, each after a warm-up request (the reference cache warm, as a user
# usually meets it: core/reference_cache.py); each test's docstring says what the queries are.
FEW, MANY = 5, 30
DELIVERABLE_LIST = 7
DELIVERABLE_DETAIL = 15  # 14 before the change history


class Deliverables:
    """Deliverables over four challenges, each replaced by two others that came during the year."""

    def __init__(self):
        plan = WorkPlanFactory(year=2008)
        self.challenges = itertools.cycle([ChallengeFactory(work_plan=plan, number=n) for n in range(1, 5)])

    def replaced(self, n: int) -> list[Deliverable]:
        rows = []
        for _ in range(n):
            challenge = next(self.challenges)
            deliverable = DeliverableFactory(challenge=challenge, status=DeliverableStatus.REPLACED)
            deliverable.replaced_by.set(DeliverableFactory.create_batch(2, challenge=challenge, is_promised=False))
            rows.append(deliverable)
        return rows


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_deliverable_list_makes_a_fixed_number_of_queries(
        client, request, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years, the year's challenges and the
    challenge choices come from the cache); counts per challenge (also the row count); the page of
    rows with challenge and plan; what replaced them; what they replaced."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("cases:deliverable_list") + "?status=replaced"
    deliverables = Deliverables()
    deliverables.replaced(FEW)
    warm_up(client, url)

    with django_assert_num_queries(DELIVERABLE_LIST):
        few = client.get(url)
    deliverables.replaced(MANY - FEW)
    warm_up(client, url)  # each new deliverable's creator is a new user: reference data changed
    with django_assert_max_num_queries(DELIVERABLE_LIST) as captured:
        many = client.get(url)

    assert len(captured) == DELIVERABLE_LIST
    assert len(few.context["object_list"]) == FEW
    rows = many.context["object_list"]
    assert len(rows) == 25
    content = many.content.decode()
    assert all(other.title in content for row in rows for other in row.replaced_by.all())


def test_the_deliverable_detail_makes_a_fixed_number_of_queries(
        client, consultant, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions and roles, so whether the user is an
    administrator who may delete, come from the cache); the deliverable with challenge and plan; what
    replaced it and what it replaced; its events; its requisitions and their requesters; the
    challenges and plans of what replaced it and of what it replaced (two each); the creator; the
    change history with its users (one query, however long the history:
    tests/history/test_detail_pages.py)."""
    client.force_login(consultant)
    small, large = Deliverables().replaced(2)
    challenge = large.challenge
    EventFactory(challenge=small.challenge, deliverable=small)
    small.requisitions.set([RequisitionFactory(challenge=small.challenge)])
    DeliverableFactory(challenge=small.challenge, status=DeliverableStatus.REPLACED).replaced_by.set([small])
    EventFactory.create_batch(8, challenge=challenge, deliverable=large)
    large.requisitions.set([
        RequisitionFactory(challenge=challenge, requesters=OrganisationFactory.create_batch(2)) for _ in range(8)])
    large.replaced_by.add(*DeliverableFactory.create_batch(3, challenge=challenge))
    for replaced in DeliverableFactory.create_batch(4, challenge=challenge, status=DeliverableStatus.REPLACED):
        replaced.replaced_by.set([large])
    warm_up(client, small.get_absolute_url())

    with django_assert_num_queries(DELIVERABLE_DETAIL):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(DELIVERABLE_DETAIL) as captured:
        response = client.get(large.get_absolute_url())

    assert len(captured) == DELIVERABLE_DETAIL
    content = response.content.decode()
    assert all(other.title in content for other in large.replaced_by.all())
    assert all(other.title in content for other in large.replaces.all())
    assert all(org.name in content for requisition in large.requisitions.all() for org in requisition.requesters.all())
