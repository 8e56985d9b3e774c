"""Steering-group seats (styregruppesæder): the date rule, the services, the year filter (seats active
in the year, open-ended ones included), the pages per role, and the pages' query counts."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.choices import SteeringRole
from cases.filters import SteeringGroupMembershipFilterSet
from cases.forms import SteeringGroupMembershipForm
from cases.models import SteeringGroupMembership
from cases.services import (
    steering_group_membership_create,
    steering_group_membership_delete,
    steering_group_membership_update,
)
from tests.factories import (
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import login, messages_of, warm_up

pytestmark = pytest.mark.django_db

FORBIDDEN = "Ingen adgang"
END_BEFORE_START = "Slutdatoen kan ikke ligge før startdatoen."


@pytest.fixture
def plans():
    return {year: WorkPlanFactory(year=year) for year in (2007, 2008, 2009)}


@pytest.fixture
def challenge(plans):
    return ChallengeFactory(work_plan=plans[2008], number=1, short_label="Udsatte boligområder")


@pytest.fixture
def area():
    return AreaFactory(name="Mjølnerparken")


@pytest.fixture
def seat(plans, consultant, area):
    """Held by `consultant`, who registered it; open-ended."""
    return SteeringGroupMembershipFactory(body="Helhedsplanen for Mjølnerparken", consultant=consultant,
                                          created_by=consultant, area=area, start=datetime.date(2008, 2, 1))


def seat_data(consultant, **overrides) -> dict:
    data = {"body": "Lokaludvalget på Nørrebro", "role": SteeringRole.MEMBER, "consultant": consultant.pk,
            "area": "", "start": "2008-03-01", "end": "", "challenge": "", "hours": "", "notes": ""}
    data.update(overrides)
    return data


def snapshot(seat) -> tuple:
    fresh = SteeringGroupMembership.objects.get(pk=seat.pk)
    return (fresh.body, fresh.role, fresh.consultant_id, fresh.start, fresh.end)


class TestSeatRules:
    def test_it_refuses_an_end_before_the_start(self, consultant):
        seat = SteeringGroupMembershipFactory.build(consultant=consultant, created_by=consultant,
                                                    start=datetime.date(2008, 2, 1), end=datetime.date(2008, 1, 31))

        with pytest.raises(ValidationError) as error:
            seat.full_clean()

        assert error.value.message_dict == {"end": [END_BEFORE_START]}

    @pytest.mark.parametrize("end", [None, datetime.date(2008, 2, 1), datetime.date(2009, 6, 30)])
    def test_it_accepts_an_open_seat_or_an_end_on_or_after_the_start(self, consultant, end):
        seat = SteeringGroupMembershipFactory.build(consultant=consultant, created_by=consultant,
                                                    start=datetime.date(2008, 2, 1), end=end)

        seat.full_clean()

    def test_the_form_shows_the_rule_at_the_end_field(self, consultant, plans):
        form = SteeringGroupMembershipForm(data=seat_data(consultant, start="2008-03-01", end="2008-02-01"))

        assert not form.is_valid()
        assert form.errors == {"end": [END_BEFORE_START]}

    def test_the_form_asks_for_the_body_and_start_in_danish(self, consultant, plans):
        form = SteeringGroupMembershipForm(data=seat_data(consultant, body="", start=""))

        assert form.errors == {"body": ["Angiv styregruppen."], "start": ["Angiv hvornår sædet begyndte."]}

    def test_its_name_says_the_role(self, seat):
        seat.role = SteeringRole.CHAIR

        assert str(seat) == "Helhedsplanen for Mjølnerparken (formand)"


class TestSeatServices:
    def test_it_creates_a_seat_held_by_the_user(self, consultant, challenge, area):
        seat = steering_group_membership_create(
            user=consultant, body="Lokaludvalget", role=SteeringRole.CHAIR, area=area, challenge=challenge,
            start=datetime.date(2008, 1, 1), end=datetime.date(2008, 12, 31), hours=40, notes="Møder hver måned")

        saved = SteeringGroupMembership.objects.get()
        assert saved == seat
        assert (saved.body, saved.role, saved.area, saved.challenge, saved.hours) == (
            "Lokaludvalget", SteeringRole.CHAIR, area, challenge, 40)
        assert (saved.consultant, saved.created_by) == (consultant, consultant)

    def test_it_creates_a_seat_for_a_colleague(self, consultant, other_consultant):
        steering_group_membership_create(user=consultant, body="Lokaludvalget", consultant=other_consultant,
                                         start=datetime.date(2008, 1, 1))

        saved = SteeringGroupMembership.objects.get()
        assert (saved.consultant, saved.created_by) == (other_consultant, consultant)

    def test_it_writes_nothing_when_the_end_is_before_the_start(self, consultant, seat):
        with pytest.raises(ValidationError) as error:
            steering_group_membership_create(user=consultant, body="Lokaludvalget",
                                             start=datetime.date(2008, 5, 1), end=datetime.date(2008, 4, 1))

        assert error.value.message_dict == {"end": [END_BEFORE_START]}
        assert list(SteeringGroupMembership.objects.all()) == [seat]

    def test_it_updates_a_seat(self, seat, other_consultant):
        steering_group_membership_update(membership=seat, user=other_consultant, data={
            "role": SteeringRole.ACTING_PROJECT_MANAGER, "end": datetime.date(2008, 11, 30)})

        assert snapshot(seat) == ("Helhedsplanen for Mjølnerparken", SteeringRole.ACTING_PROJECT_MANAGER,
                                  seat.consultant_id, datetime.date(2008, 2, 1), datetime.date(2008, 11, 30))

    def test_a_refused_update_changes_nothing(self, seat, consultant):
        before = snapshot(seat)

        with pytest.raises(ValidationError):
            steering_group_membership_update(membership=seat, user=consultant, data={
                "body": "Omdøbt", "end": datetime.date(2008, 1, 1)})

        assert snapshot(seat) == before

    def test_it_deletes_a_seat(self, seat, consultant):
        steering_group_membership_delete(membership=seat, user=consultant)

        assert SteeringGroupMembership.objects.count() == 0


class TestSeatFilters:
    def rows(self, **data) -> set[str]:
        return {seat.body for seat in SteeringGroupMembershipFilterSet(
            data, queryset=SteeringGroupMembership.objects.all()).qs}

    @pytest.fixture
    def seats(self, plans):
        for body, start, end in [
            ("Sluttet 2007", datetime.date(2006, 3, 1), datetime.date(2007, 12, 31)),
            ("Åben fra 2007", datetime.date(2007, 9, 1), None),
            ("Ind i 2008", datetime.date(2007, 5, 1), datetime.date(2008, 2, 1)),
            ("Kun 2008", datetime.date(2008, 3, 1), datetime.date(2008, 6, 30)),
            ("Fra 2009", datetime.date(2009, 1, 1), None),
        ]:
            SteeringGroupMembershipFactory(body=body, start=start, end=end)

    def test_a_year_means_the_seats_active_in_that_year(self, seats):
        assert self.rows(year="2008") == {"Åben fra 2007", "Ind i 2008", "Kun 2008"}
        assert self.rows(year="2007") == {"Sluttet 2007", "Åben fra 2007", "Ind i 2008"}
        assert self.rows(year="2009") == {"Åben fra 2007", "Fra 2009"}

    def test_every_seat_without_a_year(self, seats):
        assert len(self.rows(year="")) == 5

    def test_it_filters_by_role_and_consultant(self, plans, consultant, other_consultant):
        SteeringGroupMembershipFactory(body="Formandspost", role=SteeringRole.CHAIR, consultant=consultant)
        SteeringGroupMembershipFactory(body="Menigt medlem", consultant=other_consultant)

        assert self.rows(role=SteeringRole.CHAIR) == {"Formandspost"}
        assert self.rows(consultant=other_consultant.pk) == {"Menigt medlem"}

    def test_it_searches_body_and_notes(self, plans):
        SteeringGroupMembershipFactory(body="Helhedsplanen", notes="Boligsocial indsats i Tingbjerg")
        SteeringGroupMembershipFactory(body="Lokaludvalget")

        assert self.rows(q="tingbjerg") == {"Helhedsplanen"}


PAGES = [
    ("cases:steeringgroupmembership_list", False),
    ("cases:steeringgroupmembership_create", False),
    ("cases:steeringgroupmembership_detail", True),
    ("cases:steeringgroupmembership_update", True),
    ("cases:steeringgroupmembership_delete", True),
]


class TestAnonymous:
    @pytest.mark.parametrize(("name", "needs_entry"), PAGES)
    def test_it_requires_login(self, client, seat, name, needs_entry):
        url = reverse(name, args=[seat.pk] if needs_entry else [])

        response = client.get(url)

        assertRedirects(response, f"/login/?next={url}")

    @pytest.mark.parametrize(("name", "needs_entry"), PAGES[1:])
    def test_it_requires_login_to_post_and_changes_nothing(self, client, seat, consultant, name, needs_entry):
        url = reverse(name, args=[seat.pk] if needs_entry else [])
        before = snapshot(seat)

        response = client.post(url, seat_data(consultant, body="Ændret"))

        assertRedirects(response, f"/login/?next={url}")
        assert SteeringGroupMembership.objects.count() == 1
        assert snapshot(seat) == before


class TestSeatList:
    url = reverse("cases:steeringgroupmembership_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager", "administrator"])
    def test_every_role_sees_the_list(self, client, request, seat, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [seat]
        assertContains(response, "Helhedsplanen for Mjølnerparken")
        assertContains(response, "1 styregruppesæde fundet")
        assertContains(response, "– nu")

    def test_it_opens_on_the_seats_active_in_the_default_year(self, client, manager, seat):
        SteeringGroupMembershipFactory(body="Gammel styregruppe", start=datetime.date(2006, 1, 1),
                                       end=datetime.date(2007, 6, 30))
        SteeringGroupMembershipFactory(body="Åben siden 2007", start=datetime.date(2007, 1, 1))

        response = login(client, manager).get(self.url)

        assert response.context["year"] == 2009
        assertContains(response, "Styregrupper 2009")
        assertContains(response, "Åben siden 2007")
        assertNotContains(response, "Gammel styregruppe")

    def test_it_offers_the_create_button_to_a_consultant_only(self, client, consultant, manager, plans):
        create = reverse("cases:steeringgroupmembership_create")

        assertContains(login(client, consultant).get(self.url), f'href="{create}"')
        assertNotContains(login(client, manager).get(self.url), f'href="{create}"')

    @pytest.mark.parametrize("query", [{"year": "abc"}, {"role": "king"}, {"consultant": "x"}, {"o": "bogus"}])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, seat, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200


class TestSeatDetail:
    def url(self, seat) -> str:
        return reverse("cases:steeringgroupmembership_detail", args=[seat.pk])

    def test_the_owner_sees_it_with_edit_and_delete(self, client, consultant, seat):
        response = login(client, consultant).get(self.url(seat))

        assert response.status_code == 200
        assertContains(response, "Helhedsplanen for Mjølnerparken (medlem)")
        assertContains(response, "Mjølnerparken")
        assertContains(response, reverse("cases:steeringgroupmembership_update", args=[seat.pk]))
        assertContains(response, reverse("cases:steeringgroupmembership_delete", args=[seat.pk]))

    def test_another_consultant_sees_edit_but_not_delete(self, client, other_consultant, seat):
        response = login(client, other_consultant).get(self.url(seat))

        assertContains(response, reverse("cases:steeringgroupmembership_update", args=[seat.pk]))
        assertNotContains(response, reverse("cases:steeringgroupmembership_delete", args=[seat.pk]))

    def test_management_sees_it_without_edit_or_delete(self, client, manager, seat):
        response = login(client, manager).get(self.url(seat))

        assert response.status_code == 200
        assertNotContains(response, reverse("cases:steeringgroupmembership_update", args=[seat.pk]))
        assertNotContains(response, reverse("cases:steeringgroupmembership_delete", args=[seat.pk]))


class TestSeatCreate:
    url = reverse("cases:steeringgroupmembership_create")

    def test_it_shows_a_form_with_the_user_as_consultant(self, client, consultant, plans):
        response = login(client, consultant).get(self.url)

        assertContains(response, "Nyt styregruppesæde")
        assert response.context["form"].initial["consultant"] == consultant

    def test_a_consultant_registers_a_seat(self, client, consultant, challenge, area):
        data = seat_data(consultant, role=SteeringRole.CHAIR, area=area.pk, challenge=challenge.pk, hours="12.5")

        response = login(client, consultant).post(self.url, data)

        seat = SteeringGroupMembership.objects.get()
        assertRedirects(response, seat.get_absolute_url())
        assert messages_of(response) == ["Styregruppesædet »Lokaludvalget på Nørrebro (formand)« er registreret."]
        assert (seat.consultant, seat.created_by, seat.area, seat.challenge, seat.end) == (
            consultant, consultant, area, challenge, None)

    def test_it_refuses_an_end_before_the_start_at_its_field(self, client, consultant, plans):
        response = login(client, consultant).post(self.url, seat_data(consultant, end="2008-02-01"))

        assert response.status_code == 200
        assert response.context["form"].errors == {"end": [END_BEFORE_START]}
        assertContains(response, END_BEFORE_START)
        assert SteeringGroupMembership.objects.count() == 0

    def test_it_forbids_management_to_create(self, client, manager, consultant, plans):
        login(client, manager)

        shown = client.get(self.url)
        posted = client.post(self.url, seat_data(consultant))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assertContains(posted, FORBIDDEN, status_code=403)
        assert SteeringGroupMembership.objects.count() == 0


class TestSeatUpdate:
    def url(self, seat) -> str:
        return reverse("cases:steeringgroupmembership_update", args=[seat.pk])

    def test_the_owner_ends_the_seat(self, client, consultant, seat):
        data = seat_data(consultant, body="Helhedsplanen for Mjølnerparken", start="2008-02-01", end="2008-12-31")

        response = login(client, consultant).post(self.url(seat), data)

        assertRedirects(response, seat.get_absolute_url())
        assert messages_of(response) == ["Ændringerne i »Helhedsplanen for Mjølnerparken (medlem)« er gemt."]
        assert snapshot(seat)[4] == datetime.date(2008, 12, 31)

    def test_another_consultant_can_edit(self, client, consultant, other_consultant, seat):
        data = seat_data(consultant, body="Helhedsplanen (ny periode)", start="2008-02-01")

        response = login(client, other_consultant).post(self.url(seat), data)

        assertRedirects(response, seat.get_absolute_url())
        saved = SteeringGroupMembership.objects.get()
        assert (saved.body, saved.consultant, saved.created_by) == ("Helhedsplanen (ny periode)", consultant,
                                                                    consultant)

    def test_it_forbids_management_to_edit_and_changes_nothing(self, client, manager, consultant, seat):
        before = snapshot(seat)
        login(client, manager)

        shown = client.get(self.url(seat))
        posted = client.post(self.url(seat), seat_data(consultant, body="Ændret"))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert snapshot(seat) == before


class TestSeatDelete:
    def url(self, seat) -> str:
        return reverse("cases:steeringgroupmembership_delete", args=[seat.pk])

    def test_it_asks_the_owner_for_confirmation(self, client, consultant, seat):
        response = login(client, consultant).get(self.url(seat))

        assert response.status_code == 200
        assertContains(response, "Slet styregruppesæde?")
        assertContains(response, "Ja, slet")
        assert SteeringGroupMembership.objects.count() == 1

    def test_the_confirmation_names_the_seat(self, client, consultant, seat):
        response = login(client, consultant).get(self.url(seat))

        assertContains(response, "Du er ved at slette »Helhedsplanen for Mjølnerparken (medlem)«.")

    def test_the_owner_can_delete(self, client, consultant, seat):
        response = login(client, consultant).post(self.url(seat))

        assertRedirects(response, reverse("cases:steeringgroupmembership_list"))
        assert messages_of(response) == ["»Helhedsplanen for Mjølnerparken (medlem)« er slettet."]
        assert SteeringGroupMembership.objects.count() == 0

    def test_the_consultant_holding_the_seat_can_delete(self, client, consultant, other_consultant, plans):
        seat = SteeringGroupMembershipFactory(created_by=consultant, consultant=other_consultant)

        response = login(client, other_consultant).post(self.url(seat))

        assert response.status_code == 302
        assert SteeringGroupMembership.objects.count() == 0

    def test_it_forbids_another_consultant_to_delete(self, client, other_consultant, seat):
        login(client, other_consultant)

        shown = client.get(self.url(seat))
        posted = client.post(self.url(seat))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert SteeringGroupMembership.objects.count() == 1

    def test_it_forbids_management_to_delete(self, client, manager, seat):
        login(client, manager)

        shown = client.get(self.url(seat))
        posted = client.post(self.url(seat))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assertContains(posted, FORBIDDEN, status_code=403)
        assert SteeringGroupMembership.objects.count() == 1


# Query counts: each page makes the same number of queries with few rows and with many.
# Measured on SQLite and PostgreSQL, each after a warm-up request (the reference cache warm, as a user
# usually meets it: core/reference_cache.py); each test's docstring says what the queries are.
FEW, MANY = 5, 40
SEAT_LIST = 5
SEAT_DETAIL = 6  # 5 before the change history


class Seats:
    """Open seats in 2008, each with an area, a consultant and a challenge of its own."""

    def __init__(self):
        plan = WorkPlanFactory(year=2008)
        self.challenges = itertools.cycle([ChallengeFactory(work_plan=plan, number=n) for n in range(1, 5)])
        self.areas = itertools.cycle(AreaFactory.create_batch(6))
        self.consultants = itertools.cycle(ConsultantFactory.create_batch(5))

    def create(self, n: int) -> list[SteeringGroupMembership]:
        return [SteeringGroupMembershipFactory(area=next(self.areas), consultant=next(self.consultants),
                                               challenge=next(self.challenges)) for _ in range(n)]


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_seat_list_makes_a_fixed_number_of_queries(
        client, request, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years and the filter choices come
    from the cache); the row count; the page of rows with area, consultant, challenge and plan
    joined."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("cases:steeringgroupmembership_list")
    seats = Seats()
    seats.create(FEW)
    warm_up(client, url)

    with django_assert_num_queries(SEAT_LIST):
        few = client.get(url)
    seats.create(MANY - FEW)
    with django_assert_max_num_queries(SEAT_LIST) as captured:
        many = client.get(url)

    assert len(captured) == SEAT_LIST
    assert len(few.context["object_list"]) == FEW
    rows = many.context["object_list"]
    assert len(rows) == 25
    content = many.content.decode()
    assert all(seat.area.name in content for seat in rows)


def test_the_seat_detail_makes_a_fixed_number_of_queries(client, consultant, django_assert_num_queries):
    """Session, user, the reference token (permissions and roles, so whether the user is an
    administrator who may delete, come from the cache); the seat with area, consultant, challenge and
    plan joined; the creator; the change history with its users (one query, however long the
    history: tests/history/test_detail_pages.py)."""
    client.force_login(consultant)
    seat = Seats().create(1)[0]
    warm_up(client, seat.get_absolute_url())

    with django_assert_num_queries(SEAT_DETAIL):
        response = client.get(seat.get_absolute_url())

    assertContains(response, seat.area.name)
