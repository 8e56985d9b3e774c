"""The list filters: each narrows the rows as a user expects, and no row shows twice."""

import datetime

import pytest
from django.db import connection

from cases.choices import RequisitionStatus
from cases.filters import AdvisoryFilterSet, RequisitionFilterSet
from cases.models import Advisory, Requisition
from core.choices import OrganisationKind
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    AreaFactory,
    ChallengeFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_2008():
    return WorkPlanFactory(year=2008)


@pytest.fixture
def challenge(plan_2008):
    return ChallengeFactory(work_plan=plan_2008, number=1)


@pytest.fixture
def challenge_2(plan_2008):
    return ChallengeFactory(work_plan=plan_2008, number=2)


@pytest.fixture
def administration():
    return AdministrationFactory(name="Socialforvaltningen")


@pytest.fixture
def other_administration():
    return AdministrationFactory(name="Kultur- og Fritidsforvaltningen")


@pytest.fixture
def housing():
    return OrganisationFactory(name="Boligselskabet AKB", kind=OrganisationKind.HOUSING)


@pytest.fixture
def association():
    return OrganisationFactory(name="Foreningen Bydelsmødre", kind=OrganisationKind.ASSOCIATION)


def requisitions(**data) -> list[Requisition]:
    filterset = RequisitionFilterSet(data=data, queryset=Requisition.objects.all())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def advisories(**data) -> list[Advisory]:
    filterset = AdvisoryFilterSet(data=data, queryset=Advisory.objects.all())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


# Requisitions

def test_it_lists_every_requisition_without_filters(challenge):
    rows = RequisitionFactory.create_batch(3, challenge=challenge)

    assert sorted(requisitions(), key=lambda r: r.pk) == rows


def test_it_filters_requisitions_by_year(challenge):
    this_year = RequisitionFactory(challenge=challenge)
    next_year = RequisitionFactory(challenge=ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1))

    assert requisitions(year="2008") == [this_year]
    assert requisitions(year="2009") == [next_year]
    assert len(requisitions(year="")) == 2


def test_it_offers_only_years_with_a_work_plan(challenge):
    filterset = RequisitionFilterSet(data={"year": "2011"}, queryset=Requisition.objects.all())

    assert not filterset.is_valid()
    assert "year" in filterset.errors


def test_it_filters_requisitions_by_challenge(challenge, challenge_2):
    first = RequisitionFactory(challenge=challenge)
    RequisitionFactory(challenge=challenge_2)

    assert requisitions(challenge=str(challenge.pk)) == [first]


def test_it_finds_a_requisition_with_two_requesters_once_under_each(
        challenge, administration, other_administration, association):
    shared = RequisitionFactory(challenge=challenge, requesters=[administration, other_administration])
    RequisitionFactory(challenge=challenge, requesters=[association])

    assert requisitions(requester=str(administration.pk)) == [shared]
    assert requisitions(requester=str(other_administration.pk)) == [shared]


def test_it_counts_a_requisition_with_two_requesters_once(challenge, administration, other_administration):
    RequisitionFactory(challenge=challenge, requesters=[administration, other_administration])
    filterset = RequisitionFilterSet(data={"scope": "administration", "q": "forvaltningen"},
                                     queryset=Requisition.objects.all())

    assert filterset.qs.count() == 1


def test_administration_scope_means_any_requester_is_an_administration(
        challenge, administration, housing, association):
    only_administration = RequisitionFactory(challenge=challenge, requesters=[administration])
    mixed = RequisitionFactory(challenge=challenge, requesters=[housing, administration])
    outside = RequisitionFactory(challenge=challenge, requesters=[housing, association])

    assert set(requisitions(scope="administration")) == {only_administration, mixed}
    assert requisitions(scope="outside") == [outside]


def test_it_filters_requisitions_by_consultant(challenge, consultant, other_consultant):
    both = RequisitionFactory(challenge=challenge, consultants=[consultant, other_consultant])
    mine = RequisitionFactory(challenge=challenge, consultants=[consultant])
    RequisitionFactory(challenge=challenge, consultants=[])

    assert set(requisitions(consultant=str(consultant.pk))) == {both, mine}
    assert requisitions(consultant=str(other_consultant.pk)) == [both]


def test_it_offers_only_consultants_in_the_consultant_filter(challenge, manager):
    filterset = RequisitionFilterSet(data={"consultant": str(manager.pk)}, queryset=Requisition.objects.all())

    assert not filterset.is_valid()
    assert "consultant" in filterset.errors


def test_it_filters_requisitions_by_status(challenge):
    finished = RequisitionFactory(challenge=challenge, status=RequisitionStatus.FINISHED)
    RequisitionFactory(challenge=challenge, status=RequisitionStatus.IN_PROGRESS)

    assert requisitions(status="finished") == [finished]


def test_it_filters_requisitions_by_area(challenge):
    area = AreaFactory(name="Mjølnerparken")
    there = RequisitionFactory(challenge=challenge, area=area)
    RequisitionFactory(challenge=challenge, area=AreaFactory(name="Tingbjerg"))
    RequisitionFactory(challenge=challenge, area=None)

    assert requisitions(area=str(area.pk)) == [there]


@pytest.mark.parametrize(("q", "found"), [
    ("lektiecafé", "title"), ("LEKTIECAF", "title"), ("forældremøde", "description"),
    ("bydelsmødre", "requester"), ("  Bydelsmødre  ", "requester"),
])
def test_it_searches_requisition_title_description_and_requester_names(
        challenge, association, housing, q, found):
    rows = {
        "title": RequisitionFactory(challenge=challenge, title="Lektiecafé i Gellerup", requesters=[housing]),
        "description": RequisitionFactory(challenge=challenge, description="Forældremøde om skolestart",
                                          requesters=[housing]),
        "requester": RequisitionFactory(challenge=challenge, title="Møde", requesters=[association, housing]),
    }
    RequisitionFactory(challenge=challenge, title="Andet", description="Intet", requesters=[housing])

    assert requisitions(q=q) == [rows[found]]


@pytest.mark.parametrize("q", ["økonomi", "ØKONOMI"])
def test_it_searches_danish_letters_regardless_of_case(challenge, q):
    upper = AdministrationFactory(name="Økonomiforvaltningen")
    lower = OrganisationFactory(name="Foreningen økonomisk rådgivning")
    by_upper = RequisitionFactory(challenge=challenge, requesters=[upper])
    by_lower = RequisitionFactory(challenge=challenge, requesters=[lower])
    advisory_by_upper = AdvisoryFactory(challenge=challenge, requester=upper)
    advisory_by_lower = AdvisoryFactory(challenge=challenge, requester=lower)

    assert set(requisitions(q=q)) == {by_upper, by_lower}
    assert set(advisories(q=q)) == {advisory_by_upper, advisory_by_lower}


def test_it_finds_a_requisition_once_when_several_requesters_match_the_search(
        challenge, administration, other_administration):
    RequisitionFactory(challenge=challenge, requesters=[administration, other_administration])

    assert len(requisitions(q="forvaltningen")) == 1


def test_an_empty_search_keeps_every_row(challenge):
    RequisitionFactory.create_batch(2, challenge=challenge)

    assert len(requisitions(q="   ")) == 2


def test_it_combines_filters(challenge, challenge_2, administration, association):
    match = RequisitionFactory(challenge=challenge, requesters=[administration],
                               status=RequisitionStatus.FINISHED)
    RequisitionFactory(challenge=challenge, requesters=[association], status=RequisitionStatus.FINISHED)
    RequisitionFactory(challenge=challenge_2, requesters=[administration], status=RequisitionStatus.FINISHED)
    RequisitionFactory(challenge=challenge, requesters=[administration], status=RequisitionStatus.RECEIVED)

    assert requisitions(year="2008", challenge=str(challenge.pk), scope="administration",
                        status="finished") == [match]


def test_it_sorts_requisitions(challenge, challenge_2):
    b = RequisitionFactory(challenge=challenge_2, title="B", date_received=datetime.date(2008, 1, 1),
                           participants=10, status=RequisitionStatus.FINISHED)
    a = RequisitionFactory(challenge=challenge, title="A", date_received=datetime.date(2008, 2, 1),
                           participants=30, status=RequisitionStatus.RECEIVED)
    c = RequisitionFactory(challenge=challenge_2, title="C", date_received=datetime.date(2008, 3, 1),
                           participants=20, status=RequisitionStatus.IN_PROGRESS)

    assert requisitions(o="title") == [a, b, c]
    assert requisitions(o="-title") == [c, b, a]
    assert requisitions(o="date") == [b, a, c]
    assert requisitions(o="-date") == [c, a, b]
    assert requisitions(o="participants") == [b, c, a]
    assert requisitions(o="status") == [b, c, a]
    assert requisitions(o="challenge")[0] == a


def test_it_rejects_an_unknown_sort_key(challenge):
    filterset = RequisitionFilterSet(data={"o": "created_by__password"}, queryset=Requisition.objects.all())

    assert not filterset.is_valid()
    assert "o" in filterset.errors


# Advisories

def test_it_filters_advisories_by_year_and_challenge(challenge, challenge_2):
    first = AdvisoryFactory(challenge=challenge)
    second = AdvisoryFactory(challenge=challenge_2)
    next_year = AdvisoryFactory(challenge=ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1))

    assert set(advisories(year="2008")) == {first, second}
    assert advisories(year="2009") == [next_year]
    assert advisories(challenge=str(challenge_2.pk)) == [second]


def test_it_filters_advisories_by_requester_and_scope(challenge, administration, association, housing):
    asked_by_administration = AdvisoryFactory(challenge=challenge, requester=administration)
    asked_by_association = AdvisoryFactory(challenge=challenge, requester=association)
    asked_by_housing = AdvisoryFactory(challenge=challenge, requester=housing)

    assert advisories(requester=str(association.pk)) == [asked_by_association]
    assert advisories(scope="administration") == [asked_by_administration]
    assert set(advisories(scope="outside")) == {asked_by_association, asked_by_housing}


def test_it_filters_advisories_by_consultant(challenge, consultant, other_consultant):
    mine = AdvisoryFactory(challenge=challenge, consultant=consultant)
    AdvisoryFactory(challenge=challenge, consultant=other_consultant)

    assert advisories(consultant=str(consultant.pk)) == [mine]


def test_it_filters_advisories_by_area_and_report_example(challenge):
    area = AreaFactory()
    there = AdvisoryFactory(challenge=challenge, area=area)
    example = AdvisoryFactory(challenge=challenge, is_report_example=True)

    assert advisories(area=str(area.pk)) == [there]
    assert advisories(is_report_example="true") == [example]
    assert advisories(is_report_example="false") == [there]


@pytest.mark.parametrize("q", ["fundraising", "vedtægter", "røde kors"])
def test_it_searches_advisory_title_description_and_requester_name(challenge, housing, q):
    by_title = AdvisoryFactory(challenge=challenge, title="Fundraising", requester=housing)
    by_description = AdvisoryFactory(challenge=challenge, description="Hjælp med vedtægter",
                                     requester=housing)
    by_requester = AdvisoryFactory(challenge=challenge, requester=OrganisationFactory(name="Røde Kors"))
    expected = {"fundraising": by_title, "vedtægter": by_description, "røde kors": by_requester}

    assert advisories(q=q) == [expected[q]]


def test_it_sorts_advisories(challenge, association, housing):
    late = AdvisoryFactory(challenge=challenge, title="A", requester=housing, date=datetime.date(2008, 9, 1))
    early = AdvisoryFactory(challenge=challenge, title="B", requester=association,
                            date=datetime.date(2008, 2, 1))

    assert advisories(o="date") == [early, late]
    assert advisories(o="-date") == [late, early]
    assert advisories(o="title") == [late, early]
    # "Boligselskabet AKB" before "Foreningen Bydelsmødre"
    assert advisories(o="requester") == [late, early]
    assert advisories(o="-requester") == [early, late]


@pytest.mark.parametrize("q", ["lektiecafé", "LEKTIECAF", "forældremøde", "økonomi", "ØKONOMI", "forvaltningen",
                               "møde", "findes ikke"])
def test_a_search_within_a_year_finds_what_the_search_of_every_year_finds_there(challenge, q):
    """Within a year the search reads the year's rows once (narrowed); over every year it takes the union
    of the indexed matches. Both give the same rows, each once."""
    upper, lower = AdministrationFactory(name="Økonomiforvaltningen"), OrganisationFactory(name="Foreningen økonomi")
    other_year = ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1)
    for on in (challenge, other_year):
        RequisitionFactory(challenge=on, title="Lektiecafé i Gellerup", requesters=[upper])
        RequisitionFactory(challenge=on, description="Forældremøde om skolestart", requesters=[upper, lower])
        RequisitionFactory(challenge=on, title="Andet", description="Intet", requesters=[lower])
        AdvisoryFactory(challenge=on, title="Lektiecafé", requester=upper)
        AdvisoryFactory(challenge=on, description="Forældremøde", requester=lower)
        AdvisoryFactory(challenge=on, title="Andet", description="Intet", requester=lower)

    for model, listed in ((Requisition, requisitions), (Advisory, advisories)):
        of_2008 = model.objects.for_year(2008)
        everywhere = set(of_2008.search(q.strip()))
        assert set(of_2008.search(q.strip(), narrowed=True)) == everywhere
        found = listed(q=q, year="2008")
        assert sorted(row.pk for row in found) == sorted(row.pk for row in everywhere)  # each once
        assert all(row.challenge_id == challenge.pk for row in found)
    assert len(requisitions(q="økonomi", year="2008")) == 3


@pytest.mark.parametrize("q", ["unge i boligområderne", "Boligområdets unge", "nabo"])
def test_on_postgresql_a_search_finds_every_word_in_any_order_and_form(challenge, q):
    """PostgreSQL's full text, in Danish: the words of the search in any order and form ("boligområderne",
    "boligområdets" and "boligområdet" share a stem), in the title or the description, within a year, over
    every year, a page and the count alike; on SQLite the text as typed."""
    other_year = ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1)
    for on in (challenge, other_year):
        RequisitionFactory(challenge=on, title="Boligområdet", description="Unge mødes med naboerne")
        RequisitionFactory(challenge=on, title="Unge i boligområderne")
        RequisitionFactory(challenge=on, title="Unge i byen")
        AdvisoryFactory(challenge=on, title="Råd til boligområdets unge")
        AdvisoryFactory(challenge=on, title="Unge")
    postgresql = connection.vendor == "postgresql"
    expected = {"unge i boligområderne": (2, 1) if postgresql else (1, 0),
                "Boligområdets unge": (2, 1) if postgresql else (0, 1),
                "nabo": (1, 0)}[q]  # a word's beginning is found as typed, on both

    for year in ("2008", ""):
        found = (len(requisitions(q=q, year=year)), len(advisories(q=q, year=year)))
        assert found == tuple(n * (2 if year == "" else 1) for n in expected)
        assert len(page_rows(RequisitionFilterSet, Requisition, q=q, year=year)) == found[0]



def test_a_changed_title_is_found_by_its_new_words(challenge):
    """The words follow the row: an edited title is searched by its new words, not its old (on PostgreSQL a
    generated column, recomputed by the database on every update)."""
    requisition = RequisitionFactory(challenge=challenge, title="Boligområdets unge")
    requisition.title = "Forældremøder"
    requisition.save()

    assert requisitions(q="forældremøde", year="") == [requisition]  # as typed
    assert requisitions(q="forældremødet", year="") == ([requisition] if connection.vendor == "postgresql" else [])
    assert requisitions(q="boligområderne", year="") == []


def page_rows(filterset_class, model, **data) -> list:
    """The rows of a list's pages, as the list reads them (ObjectListView: `page_queryset`)."""
    filterset = filterset_class(data=data, queryset=model.objects.all())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.page_queryset())


@pytest.mark.parametrize("q", ["møde", "MØDE", "økonomi", "lektiecafé", "forvaltningen", "findes ikke"])
@pytest.mark.parametrize("extra", [{}, {"o": "title"}, {"o": "-title"}, {"scope": "administration"}])
def test_a_page_of_a_search_over_every_year_holds_the_rows_the_search_counts_in_the_same_order(
        challenge, q, extra):
    """Over every year a page is read with one condition when no requester's name matches (a word)
    and through the union of the indexed matches when one does; the counts per challenge always use
    the union. Both give the same rows in the list's order, each once, with the other filters and
    sorting applied."""
    upper, lower = AdministrationFactory(name="Økonomiforvaltningen"), OrganisationFactory(name="Foreningen økonomi")
    other_year = ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1)
    for day, on in enumerate((challenge, other_year, challenge, other_year), start=1):
        date = datetime.date(2008, 1, day)
        RequisitionFactory(challenge=on, title="Lektiecafé i Gellerup", requesters=[upper], date_received=date)
        RequisitionFactory(challenge=on, description="Forældremøde om skolestart", requesters=[upper, lower],
                           date_received=date)
        RequisitionFactory(challenge=on, title="Møde", description="Intet", requesters=[lower], date_received=date)
        AdvisoryFactory(challenge=on, title="Lektiecafé", requester=upper, date=date)
        AdvisoryFactory(challenge=on, description="Forældremøde", requester=lower, date=date)
        AdvisoryFactory(challenge=on, title="Andet", description="Intet", requester=lower, date=date)

    for filterset_class, model, listed in ((RequisitionFilterSet, Requisition, requisitions),
                                           (AdvisoryFilterSet, Advisory, advisories)):
        counted = listed(q=q, year="", **extra)
        paged = page_rows(filterset_class, model, q=q, year="", **extra)
        assert [row.pk for row in paged] == [row.pk for row in counted]
        assert len({row.pk for row in paged}) == len(paged)
    assert len(requisitions(q="møde", year="")) == 8  # "Møde" in a title, "Forældremøde" in a description
    assert len(advisories(q="findes ikke", year="")) == 0


def test_a_search_finds_the_requisitions_of_an_organisation_named_a_moment_ago(challenge):
    """The search reads the organisations' names from the reference cache: a new organisation, or a new
    name, is searchable at once."""
    organisation = OrganisationFactory(name="Boligforeningen Vibo")
    requisition = RequisitionFactory(challenge=challenge, title="Møde", requesters=[organisation])
    advisory = AdvisoryFactory(challenge=challenge, title="Møde", requester=organisation)
    assert requisitions(q="vibo", year="") == [requisition]
    assert requisitions(q="lejerbo", year="") == []

    organisation.name = "Lejerbo"
    organisation.save()

    for year in ("", "2008"):
        assert requisitions(q="lejerbo", year=year) == [requisition]
        assert page_rows(RequisitionFilterSet, Requisition, q="lejerbo", year=year) == [requisition]
        assert advisories(q="lejerbo", year=year) == [advisory]
        assert requisitions(q="vibo", year=year) == []


@pytest.mark.parametrize("o", ["title", "-title"])
def test_rows_sorted_alike_keep_one_order_from_page_to_page(challenge, o):
    """Sorted by a value several rows share, the newest registered comes first among them (the primary
    key last in the order), so that pages neither repeat nor leave out a row."""
    alike = RequisitionFactory.create_batch(3, challenge=challenge, title="Møde")
    first = RequisitionFactory(challenge=challenge, title="Aftale")

    rows = requisitions(o=o)

    assert rows == ([first, *reversed(alike)] if o == "title" else [*reversed(alike), first])
