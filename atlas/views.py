"""The atlas: the city map of areas, an area's page with its actors on a map and the team's work
there, GeoJSON for maps and GIS, and the actors' own pages."""

import base64

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from core.models import Area
from core.text import readable_data
from core.views import ObjectListView
from documents.pdf import CONTENT_TYPE as PDF_CONTENT_TYPE
from documents.pdf import html_pdf, pdf_missing
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
from .mapimage import area_map_png, atlas_filename, listed_in_order, map_alt
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

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "pdf_available": not pdf_missing()}


class AreaWordView(PermissionRequiredMixin, View):
    """The area's printable atlas as a Word document (it holds contact persons, so it needs view_actor)."""

    permission_required = "atlas.view_actor"

    def get(self, request, pk):
        area = get_object_or_404(Area, pk=pk)
        document = area_atlas_docx(area)
        access_record_export(request.user, Actor, area.actors.count(), f"atlas.docx område={area.pk}")
        response = HttpResponse(document, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{atlas_filename(area, "docx")}"'
        return response


class AreaPdfView(PermissionRequiredMixin, View):
    """The area's atlas as PDF/A-2a for the archive (documents/pdf.py): the map drawn on the server, as in Word,
    then the actors by type with their contacts (so it needs view_actor). None where this machine has no
    Pango (404): the print page then offers no link to it."""

    permission_required = "atlas.view_actor"

    def get(self, request, pk):
        if pdf_missing():
            raise Http404(pdf_missing())
        area = get_object_or_404(Area, pk=pk)
        actors = list(area_actors(area))
        groups = actors_by_kind(actors)
        in_order, numbers = listed_in_order(groups)
        for actor in in_order:  # the number it has on the map, as the Word atlas and the map number them
            actor.map_number = numbers.get(actor.pk)
        png = area_map_png(area, in_order)
        html = render_to_string("atlas/area_pdf.html", {
            "title": _("TFI-atlas: %(area)s") % {"area": area.name}, "area": area, "groups": groups,
            "today": timezone.localdate(), "author": settings.DOCUMENT_AUTHOR, "numbered": bool(numbers),
            "map_png": base64.b64encode(png).decode() if png else "", "map_alt": map_alt(area, numbered=bool(numbers))})
        access_record_export(request.user, Actor, len(actors), f"atlas.pdf område={area.pk}")
        response = HttpResponse(html_pdf(html), content_type=PDF_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{atlas_filename(area, "pdf")}"'
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
