"""The read-only API (Django REST framework): the registrations of every kind, the reference data, and the
year's figures and survey results from the report's own selectors, so an API figure always equals the
report's. Lists take the site lists' filters (their FilterSets), are paginated by a cursor, and answer JSON
or CSV."""

from django.http import Http404
from django.utils import translation
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from atlas.filters import ActorFilterSet
from atlas.kinds import ACTOR
from cases.filters import (
    AdvisoryFilterSet,
    DeliverableFilterSet,
    EventFilterSet,
    RequisitionFilterSet,
    SteeringGroupMembershipFilterSet,
)
from cases.kinds import ADVISORY, DELIVERABLE, EVENT, REQUISITION, STEERING_GROUP_MEMBERSHIP
from core.models import Area, Challenge, Organisation, WorkPlan
from history.registry import holds_personal_data
from history.services import access_record_export, access_record_view
from projects.filters import ProjectFilterSet, ProjectVisitFilterSet
from projects.kinds import PROJECT, PROJECT_VISIT
from reports.selectors.figures import survey_figures
from reports.selectors.report import status_report

from . import serializers
from .models import Scope
from .permissions import shows_personal_data


class Cursor(CursorPagination):
    ordering = "pk"
    page_size = 100
    page_size_query_param = "limit"
    max_page_size = 1000

    def decode_cursor(self, request):
        """DRF's, refusing a cursor whose position is no id (a made-up cursor) as invalid, not with an error."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not str(cursor.position).isdigit():
            raise NotFound(self.invalid_cursor_message)
        return cursor


class ApiView(APIView):
    """The API's base: errors in the language of Accept-Language (Danish unless the caller asks for English)."""

    scope = Scope.FIGURES
    permission = "reports.view_annualreport"

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request._request))
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            exc = NotFound()  # DRF's own message, translated, instead of Django's English "No … matches"
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response


class KindMixin:
    """A kind's rows: its declared fields, the contact person only where the caller may see it (each read of
    it in the access log, like the site's)."""

    kind = None
    filterset_class = None
    scope = Scope.REGISTRATIONS
    filter_backends = [DjangoFilterBackend]
    pagination_class = Cursor

    @property
    def permission(self):
        meta = self.kind.model._meta
        return f"{meta.app_label}.view_{meta.model_name}"

    def get_queryset(self):
        model = self.kind.model
        many = [name for name in self.kind.form_fields if model._meta.get_field(name).many_to_many]
        return model.objects.prefetch_related(*many)

    def personal(self) -> bool:
        return bool(self.kind.personal_fields) and shows_personal_data(self.request)

    def get_serializer_class(self):
        return serializers.kind_serializer(self.kind, personal=self.personal())


class KindList(KindMixin, ApiView, generics.ListAPIView):
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", [])
        if rows and self.personal() and holds_personal_data(self.kind.model):
            access_record_export(request.user, self.kind.model, len(rows), request.query_params.urlencode())
        return response


class KindDetail(KindMixin, ApiView, generics.RetrieveAPIView):
    filter_backends = []

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if self.personal() and holds_personal_data(self.kind.model):
            access_record_view(user=request.user, obj=self.get_object())
        return response


class ReferenceList(ApiView, generics.ListAPIView):
    scope = Scope.FIGURES
    pagination_class = Cursor

    @property
    def permission(self):
        meta = self.queryset.model._meta
        return f"{meta.app_label}.view_{meta.model_name}"


def year_report(year: int) -> dict:
    report = status_report(year=year, lists=False)
    if report is None:
        raise Http404
    return report


class YearFigures(ApiView):
    """The year's figures per challenge: the status report's table and headline (and the dashboard's)."""

    @extend_schema(responses=serializers.YearFiguresSerializer)
    def get(self, request, year: int):
        report = year_report(year)
        challenges = [{
            "id": row["id"], "number": row["number"], "name": row["name"],
            "requisitions": row["requisition_count"], "advisories": row["advisory_count"], "events": row["events"],
            "participants": row["participants"], "participants_expected": row["participants_expected"],
            "project_visits": row["project_visits"], "good_practice": row["good_practice"],
            "deliverables": {status["status"]: status["count"] for status in row["deliverable_statuses"]},
        } for row in report["challenges"]]
        return Response({"year": year, "headline": report["headline"], "challenges": challenges})


class SurveyResults(ApiView):
    """The year's satisfaction survey, in all and per challenge, as the report shows it."""

    @extend_schema(responses=serializers.SurveyResultsSerializer)
    def get(self, request, year: int):
        year_report(year)
        figures = survey_figures(year)
        return Response({"year": year, **{key: figures[key] for key in (
            "sent", "answered", "satisfied", "headline_answers", "challenges")}})


KINDS = {
    "requisitions": (REQUISITION, RequisitionFilterSet),
    "advisories": (ADVISORY, AdvisoryFilterSet),
    "events": (EVENT, EventFilterSet),
    "deliverables": (DELIVERABLE, DeliverableFilterSet),
    "steering-group-memberships": (STEERING_GROUP_MEMBERSHIP, SteeringGroupMembershipFilterSet),
    "projects": (PROJECT, ProjectFilterSet),
    "project-visits": (PROJECT_VISIT, ProjectVisitFilterSet),
    "actors": (ACTOR, ActorFilterSet),
}
REFERENCE = {
    "work-plans": (WorkPlan.objects.all(), serializers.WorkPlanSerializer),
    "challenges": (Challenge.objects.select_related("work_plan"), serializers.ChallengeSerializer),
    "organisations": (Organisation.objects.all(), serializers.OrganisationSerializer),
    "areas": (Area.objects.all(), serializers.AreaSerializer),
}
