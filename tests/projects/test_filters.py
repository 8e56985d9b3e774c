"""The project bank's and the visit list's filters: each narrows the rows as a user expects."""

import datetime

import pytest

from projects.choices import Assessment
from projects.filters import ProjectFilterSet, ProjectVisitFilterSet
from projects.models import Project, ProjectVisit
from projects.selectors import visit_years
from tests.factories import (
    AreaFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db


def projects(**data) -> list[str]:
    filterset = ProjectFilterSet(data=data, queryset=Project.objects.all())
    assert filterset.is_valid(), filterset.errors
    return sorted(project.name for project in filterset.qs)


def visits(**data) -> set[ProjectVisit]:
    filterset = ProjectVisitFilterSet(data=data, queryset=ProjectVisit.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


class TestProjectFilters:
    @pytest.fixture
    def bank(self, project, organisation, area):
        """Lektiecafé (active, funded, Mjølnerparken); Bydelsmødre (ended, Tingbjerg); Fodbold (not funded)."""
        ProjectFactory(name="Bydelsmødre", organisation=OrganisationFactory(name="Tingbjerg Boligselskab"),
                       area=AreaFactory(name="Tingbjerg"), is_active=False, description="Mødre for mødre")
        ProjectFactory(name="Fodbold for alle", organisation=organisation, is_municipality_funded=False)

    @pytest.mark.parametrize(("text", "expected"), [
        ("lektie", ["Lektiecafé Mjølnerparken"]),
        ("mødre for", ["Bydelsmødre"]),
        ("bydelsmødre", ["Bydelsmødre", "Fodbold for alle", "Lektiecafé Mjølnerparken"]),
        ("  ", ["Bydelsmødre", "Fodbold for alle", "Lektiecafé Mjølnerparken"]),
    ])
    def test_it_searches_name_description_and_organisation(self, bank, text, expected):
        assert projects(q=text) == expected

    def test_it_filters_by_organisation(self, bank, organisation):
        assert projects(organisation=organisation.pk) == ["Fodbold for alle", "Lektiecafé Mjølnerparken"]

    def test_it_filters_by_area(self, bank, area):
        assert projects(area=area.pk) == ["Lektiecafé Mjølnerparken"]

    def test_it_filters_active_or_ended(self, bank):
        assert projects(is_active="false") == ["Bydelsmødre"]
        assert projects(is_active="true") == ["Fodbold for alle", "Lektiecafé Mjølnerparken"]
        assert len(projects(is_active="")) == 3

    def test_it_filters_by_municipal_funding(self, bank):
        assert projects(is_municipality_funded="false") == ["Fodbold for alle"]

    def test_it_labels_the_filters_in_danish(self):
        labels = [field.label for field in ProjectFilterSet().form.fields.values()]

        assert labels[:5] == ["Søg", "Organisation", "Område", "Status", "Støttet af kommunen"]


class TestVisitFilters:
    @pytest.fixture
    def other_visit(self, other_consultant):
        """2008, no challenge, another project in Tingbjerg, another consultant, not good practice."""
        project = ProjectFactory(name="Bydelsmødre", area=AreaFactory(name="Tingbjerg"))
        return ProjectVisitFactory(project=project, consultant=other_consultant, date=datetime.date(2008, 9, 1),
                                   what_works="Mødrene mødes hver uge", sets_goals=Assessment.NO,
                                   measures_effect=Assessment.NO)

    @pytest.fixture
    def visit_2009(self, challenge_2009, project):
        return ProjectVisitFactory(project=project, challenge=challenge_2009, date=datetime.date(2009, 3, 1))

    def test_it_filters_by_year(self, visit, other_visit, visit_2009):
        assert visits(year="2008") == {visit, other_visit}
        assert visits(year="2009") == {visit_2009}
        assert visits(year="") == {visit, other_visit, visit_2009}

    def test_its_years_are_those_with_visits_or_a_plan(self, visit, plan):
        WorkPlanFactory(year=2010)
        ProjectVisitFactory(date=datetime.date(2006, 5, 1))

        assert visit_years() == [2010, 2008, 2006]
        assert visits(year="2006") == set(ProjectVisit.objects.filter(date__year=2006))

    def test_it_filters_by_challenge_or_none(self, visit, other_visit, challenge):
        assert visits(challenge=challenge.pk) == {visit}
        assert visits(challenge="null") == {other_visit}

    def test_it_filters_by_project_consultant_and_area(self, visit, other_visit, consultant, area):
        assert visits(project=visit.project.pk) == {visit}
        assert visits(consultant=consultant.pk) == {visit}
        assert visits(area=area.pk) == {visit}

    def test_it_filters_by_the_judgements(self, visit, other_visit):
        assert visits(is_good_practice="true") == {visit}
        assert visits(is_good_practice="false") == {other_visit}
        assert visits(sets_goals=Assessment.YES) == {visit}
        assert visits(measures_effect=Assessment.NO) == {other_visit}

    @pytest.mark.parametrize(("text", "which"), [
        ("lektiecafé", "visit"), ("frivillige", "visit"), ("første dag", "visit"), ("hver uge", "other_visit"),
    ])
    def test_it_searches_project_and_note(self, request, visit, other_visit, text, which):
        assert visits(q=text) == {request.getfixturevalue(which)}

    def test_it_rejects_a_year_without_visits_or_plan(self, visit):
        filterset = ProjectVisitFilterSet(data={"year": "1999"}, queryset=ProjectVisit.objects.all())

        assert not filterset.is_valid()
        assert "year" in filterset.errors

    def test_it_sorts_by_project(self, visit, other_visit):
        filterset = ProjectVisitFilterSet(data={"o": "project"}, queryset=ProjectVisit.objects.all())

        assert [v.project.name for v in filterset.qs] == ["Bydelsmødre", "Lektiecafé Mjølnerparken"]

    def test_a_challenge_without_visits_lists_none(self, visit, plan):
        other = ChallengeFactory(work_plan=plan, number=1)

        assert visits(challenge=other.pk) == set()
