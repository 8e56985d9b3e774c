"""Reads of the project bank and the project visits, used by the views (and later the reports)."""

from django.db.models import Count, IntegerField, Max, QuerySet
from django.db.models.functions import Cast, ExtractYear

from core.models import WorkPlan

from .models import Project, ProjectVisit


def project_list() -> QuerySet:
    """Projects with organisation and area, each with its number of visits and the latest visit's date."""
    # Meta.ordering does not apply to a grouped query, so the order is given again.
    return (Project.objects.for_list().annotate(visit_count=Count("visits"), last_visit=Max("visits__date"))
            .order_by("name"))


def project_visits(*, project: Project) -> QuerySet:
    """A project's visits, newest first, with consultant and challenge for the project's page."""
    return project.visits.select_related("consultant", "challenge__work_plan").order_by("-date", "-id")


def visit_years() -> list[int]:
    """Years that have project visits or a work plan, newest first, in one query."""
    visits = ProjectVisit.objects.order_by().annotate(
        visit_year=Cast(ExtractYear("date"), IntegerField())).values_list("visit_year")
    plans = WorkPlan.objects.order_by().annotate(plan_year=Cast("year", IntegerField())).values_list("plan_year")
    return sorted({year for (year,) in visits.union(plans)}, reverse=True)


def good_practice_visits(*, year: int) -> QuerySet:
    """The year's visits flagged as good practice, for the yearly publication: by project, then date."""
    return (ProjectVisit.objects.for_list().for_year(year).filter(is_good_practice=True)
            .order_by("project__name", "date", "id"))


def good_practice_count(*, year: int) -> int:
    """How many of the year's visits are flagged as good practice: the notes the publication will have."""
    return ProjectVisit.objects.for_year(year).filter(is_good_practice=True).count()
