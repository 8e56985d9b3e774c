"""The atlas: the city map of areas, an area's page with its actors on a map and the team's work
there, GeoJSON for maps and GIS, and the actors' own pages."""

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from core.models import Area
from core.text import file_name_part, readable_data
from core.views import ObjectListView
from history.services import access_record_export
from registrations.views import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectExportView,
    ObjectUpdateView,
)

from . import services
from .filters import ActorFilterSet
from .forms import ActorForm
from .kinds import ACTOR
from .models import Actor
from .selectors import actors_by_kind, actors_geojson, area_actors, area_list, area_work, areas_geojson
from .spreadsheet import SHEET_NAME
from .word import area_atlas_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def map_settings() -> dict:
    return {"tile_url": settings.ATLAS_TILE_URL, "tile_attribution": settings.ATLAS_TILE_ATTRIBUTION}


class AreaListView(PermissionRequiredMixin, TemplateView):
    permission_required = "core.view_area"
    template_name = "atlas/area_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(areas=area_list(), map=map_settings(), geojson_url=reverse("atlas:areas_geojson"))
        return context


class AreaDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "core.view_area"
    model = Area
    template_name = "atlas/area_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actors = list(area_actors(self.object))
        context.update(
            groups=actors_by_kind(actors), actors=actors, work=area_work(self.object), map=map_settings(),
            needing_position=[actor for actor in actors if actor.needs_position],
            geojson_url=reverse("atlas:area_geojson", args=[self.object.pk]),
        )
        return context


class AreaPrintView(AreaDetailView):
    template_name = "atlas/area_print.html"


class AreaWordView(PermissionRequiredMixin, View):
    """The area's printable atlas as a Word document (it holds contact persons, so it needs view_actor)."""

    permission_required = "atlas.view_actor"

    def get(self, request, pk):
        area = get_object_or_404(Area, pk=pk)
        document = area_atlas_docx(area)
        access_record_export(request.user, Actor, area.actors.count(), f"atlas.docx område={area.pk}")
        response = HttpResponse(document, content_type=DOCX)
        response["Content-Disposition"] = (
            f'attachment; filename="atlas-{file_name_part(area.name)}-{timezone.localdate().isoformat()}.docx"')
        return response


class AreaGeoJSONView(PermissionRequiredMixin, View):
    permission_required = "atlas.view_actor"

    def get(self, request, pk):
        area = get_object_or_404(Area, pk=pk)
        geojson = actors_geojson(area_actors(area))
        access_record_export(request.user, Actor, len(geojson["features"]), f"geojson område={area.pk}")
        response = JsonResponse(readable_data(geojson), content_type="application/geo+json")
        response["Content-Disposition"] = f'inline; filename="atlas-{area.pk}.geojson"'
        return response


class AreasGeoJSONView(PermissionRequiredMixin, View):
    permission_required = "core.view_area"

    def get(self, request):
        return JsonResponse(readable_data(areas_geojson()), content_type="application/geo+json")


class ActorListView(ObjectListView):
    model = Actor
    filterset_class = ActorFilterSet
    count_per_challenge = False


class ActorExportView(ObjectExportView, ActorListView):
    columns = ACTOR.columns
    title = SHEET_NAME


class ActorDetailView(ObjectDetailView):
    model = Actor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["map"] = map_settings()
        return context


class ActorFormMixin:
    form_class = ActorForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["map"] = map_settings()
        return context


class ActorCreateView(ActorFormMixin, ObjectCreateView):
    model = Actor
    heading = gettext_lazy("Ny aktør")
    success_text = gettext_lazy("Aktøren »%(title)s« er registreret.")

    def get_initial(self):
        # The area's page links here with ?area=<id>; anything else there is ignored ("²" passes isdigit()).
        try:
            area = forms.ModelChoiceField(Area.objects.all(), required=False).clean(self.request.GET.get("area"))
        except ValidationError:
            area = None
        return {"areas": [area]} if area else {}

    def save(self, form):
        return services.actor_create(user=self.request.user, **form.cleaned_data)


class ActorUpdateView(ActorFormMixin, ObjectUpdateView):
    model = Actor
    heading = gettext_lazy("Redigér aktør")
    success_text = gettext_lazy("Ændringerne i »%(title)s« er gemt.")

    def save(self, form):
        return services.actor_update(actor=self.object, user=self.request.user, data=form.cleaned_data)


class ActorDeleteView(ObjectDeleteView):
    model = Actor
    counts_in_year_figures = False

    def delete_object(self, obj):
        services.actor_delete(actor=obj, user=self.request.user)
