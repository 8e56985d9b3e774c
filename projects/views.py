"""The project bank, the team's project visits and their printable good-practice notes."""

from datetime import MAXYEAR, MINYEAR
from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from core.selectors import registration_day
from core.views import ModelPermissionMixin, ObjectListView, safe_next
from documents.pdf import CONTENT_TYPE as PDF_CONTENT_TYPE
from documents.pdf import html_pdf, pdf_missing
from registrations.views import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectExportView,
    ObjectUpdateView,
)

from . import selectors, services
from .filters import ProjectFilterSet, ProjectVisitFilterSet
from .forms import ProjectForm, ProjectVisitForm
from .kinds import PROJECT, PROJECT_VISIT
from .models import Project, ProjectVisit

SAVED = _("Ændringerne i »%(title)s« er gemt.")


class ProjectListView(ObjectListView):
    model = Project
    filterset_class = ProjectFilterSet
    count_per_challenge = False

    def get_queryset(self):
        return selectors.project_list()


class ProjectDetailView(ObjectDetailView):
    """A project and its visits. A project has no owner, so whether it may be deleted is the
    permission alone (see ProjectDeleteView)."""

    model = Project

    def may_delete(self) -> bool:
        return self.request.user.has_perm("projects.delete_project")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visits"] = selectors.project_visits(project=self.object)
        return context


class ProjectCreateView(ObjectCreateView):
    model = Project
    form_class = ProjectForm
    heading = _("Nyt projekt i projektbanken")
    success_text = _("Projektet »%(title)s« er oprettet i projektbanken.")

    def save(self, form):
        return services.project_create(user=self.request.user, **form.cleaned_data)


class ProjectUpdateView(ObjectUpdateView):
    model = Project
    form_class = ProjectForm
    heading = _("Redigér projekt")
    success_text = SAVED

    def save(self, form):
        return services.project_update(project=self.object, user=self.request.user, data=form.cleaned_data)


class ProjectDeleteView(ObjectDeleteView):
    """Projects are reference-like: anyone with `projects.delete_project` may delete one, but not while
    visits point to it; then the user is sent back to the project with the reason instead of a 500."""

    model = Project
    template_name = "projects/project_confirm_delete.html"
    counts_in_year_figures = False

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ValidationError as refusal:  # from get_object or, if a visit came in between, the service
            messages.error(request, " ".join(refusal.messages))
            return HttpResponseRedirect(reverse("projects:project_detail", args=[kwargs["pk"]]))

    def get_object(self, queryset=None):
        # Not ObjectDeleteView's ownership rule (can_delete): a project has no owner.
        project = SingleObjectMixin.get_object(self, queryset)
        if not self.request.user.has_perm("projects.delete_project"):
            raise PermissionDenied
        services.project_check_deletable(project=project)
        return project

    def delete_object(self, obj):
        services.project_delete(project=obj, user=self.request.user)


class ProjectVisitListView(ObjectListView):
    model = ProjectVisit
    filterset_class = ProjectVisitFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.counts is not None:
            context["without_challenge"] = self.counts.get(None, 0)
        if context["year"]:
            context["good_practice_count"] = selectors.good_practice_count(year=context["year"])
        return context


class ProjectVisitDetailView(ObjectDetailView):
    model = ProjectVisit

    def get_queryset(self):
        return super().get_queryset().select_related("created_by")


class ProjectVisitCreateView(ObjectCreateView):
    model = ProjectVisit
    form_class = ProjectVisitForm
    heading = _("Nyt projektbesøg")
    success_text = _("Besøget hos »%(title)s« er registreret.")

    def get_initial(self):
        # The project's page links here with ?project=<id>.
        return {"date": registration_day(), "consultant": self.request.user,
                "project": self.request.GET.get("project")}

    def save(self, form):
        return services.project_visit_create(user=self.request.user, **form.cleaned_data)


class ProjectVisitUpdateView(ObjectUpdateView):
    model = ProjectVisit
    form_class = ProjectVisitForm
    heading = _("Redigér projektbesøg")
    success_text = SAVED

    def save(self, form):
        return services.project_visit_update(visit=self.object, user=self.request.user, data=form.cleaned_data)


class ProjectVisitDeleteView(ObjectDeleteView):
    model = ProjectVisit

    def delete_object(self, obj):
        services.project_visit_delete(visit=obj, user=self.request.user)


class ProjectVisitPrintView(ModelPermissionMixin, DetailView):
    """The visit's one-page good-practice note, laid out for A4."""

    model = ProjectVisit
    template_name = "projects/projectvisit_print.html"

    def get_queryset(self):
        return ProjectVisit.objects.for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = safe_next(self.request, self.object.get_absolute_url())
        return context


class GoodPracticePrintView(ModelPermissionMixin, TemplateView):
    """The year's publication "God praksis i integrationsprojekter": a title page, then one note a page."""

    model = ProjectVisit
    template_name = "projects/good_practice_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = kwargs["year"]
        if not MINYEAR <= year <= MAXYEAR:  # the URL takes any digits; a date cannot
            raise Http404
        list_url = f"{reverse('projects:projectvisit_list')}?year={year}"
        context.update(year=year, visits=list(selectors.good_practice_visits(year=year)),
                       back_url=safe_next(self.request, list_url), pdf_available=not pdf_missing())
        return context


class GoodPracticePdfView(GoodPracticePrintView):
    """The same publication as PDF/A-2a for the archive (documents/pdf.py): the print page laid out by WeasyPrint
    with its print stylesheet, each note a page. Where this machine has no Pango, there is none (404): the print
    page then offers no link to it."""

    def render_to_response(self, context, **response_kwargs):
        if pdf_missing():
            raise Http404(pdf_missing())
        html = render_to_string(self.template_name, {**context, "pdf": True}, request=self.request)
        css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
        response = HttpResponse(html_pdf(html, css=css), content_type=PDF_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="god-praksis-{context["year"]}.pdf"'
        return response


class ProjectExportView(ObjectExportView, ProjectListView):
    columns = PROJECT.columns


class ProjectVisitExportView(ObjectExportView, ProjectVisitListView):
    columns = PROJECT_VISIT.columns
    filename = "projektbesoeg"
