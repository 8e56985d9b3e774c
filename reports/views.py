"""Management's pages: the year's dashboard with charts, the annual status report (page, Word,
Excel), its texts, and approving a finished year; and everyone's pages of the year's figures and
resources. Figures come from reports.selectors only."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from core.models import Challenge, WorkPlan
from core.selectors import chosen_year, work_plan_years
from documents.html import render_html
from documents.pdf import pdf_missing
from jobs.services import job_start

from . import charts, services
from .caching import age_note, cached
from .document import status_report_document
from .exports import EXPORTS, NoReport, export_document, made_in_background
from .forms import ReportTextsForm
from .models import AnnualReport
from .selectors.approval import report_for_year, report_state
from .selectors.figures import (
    activity_per_month,
    challenge_chart_figures,
    fte_overview,
    satisfaction_steps,
    year_comparison,
)
from .selectors.report import PLACEHOLDERS, dashboard_figures
from .tasks import report_document


class YearMixin:
    """The year from the URL (`year`) or the query string, falling back to the default year."""

    def get_year(self) -> int | None:
        years = work_plan_years()
        if "year" not in self.kwargs:
            return chosen_year(self.request.GET.get("year"), years)
        if self.kwargs["year"] not in years:
            raise Http404
        return self.kwargs["year"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = work_plan_years()
        context["year"] = self.get_year()
        self.say_if_year_unknown(context["year"])
        return context

    def say_if_year_unknown(self, shown: int | None) -> None:
        """A year asked for in the address that has no work plan (an old bookmark, a typing error) shows
        the default year, and says so."""
        asked = self.request.GET.get("year")
        if "year" not in self.kwargs and asked and shown is not None and asked != str(shown):
            messages.info(self.request, _("Der er ingen arbejdsplan for »%(asked)s«. Her er %(year)s.")
                          % {"asked": asked, "year": shown})


class ResourcesView(PermissionRequiredMixin, YearMixin, TemplateView):
    """FTE planned per task and per challenge against the hours registered."""

    permission_required = "core.view_workplan"
    template_name = "reports/resources.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = fte_overview(year=context["year"]) if context["year"] else None
        return context


class YearFiguresView(PermissionRequiredMixin, YearMixin, TemplateView):
    """The year's figures beside the previous year's."""

    permission_required = "core.view_workplan"
    template_name = "reports/year_figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comparison"] = year_comparison(year=context["year"]) if context["year"] else None
        return context


class DashboardView(PermissionRequiredMixin, YearMixin, TemplateView):
    permission_required = "reports.view_annualreport"
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        if year:
            # The comparison reads the year before too. A finished year's figures are kept while they
            # stand, the current year's REPORTS_CURRENT_YEAR_SECONDS (reports/caching.py).
            context.update(cached("dashboard", [year - 1, year], lambda: self.figures(year)))
            context.update(age_note("dashboard", year, context["made_at"]))
            context.update(self.links(year, context["comparison"]))
        return context

    # The lists a figure leads to, each reversed once per page rather than once per figure (some sixty).
    LISTS = {"requisitions": "cases:requisition_list", "advisories": "cases:advisory_list",
             "events": "cases:event_list", "project_visits": "projects:projectvisit_list",
             "deliverables": "cases:deliverable_list", "steering_groups": "cases:steeringgroupmembership_list",
             "invitations": "surveys:invitation_list", "results": "surveys:results"}
    # A row of the year's figures (figures.YEAR_COMPARISON_ROWS): its list, and what the list is narrowed to.
    ROW_LISTS = {"good_practice": ("project_visits", "&is_good_practice=true"), "participants": ("events", ""),
                 "deliverables_delivered": ("deliverables", "&status=delivered")}

    def links(self, year: int, comparison: dict | None) -> dict:
        """Each list of the year, and the year's figures with the list each leads to."""
        lists = {name: f"{reverse(url)}?year={year}" for name, url in self.LISTS.items()}
        rows = []
        for row in comparison["rows"] if comparison else []:
            name, narrowed = self.ROW_LISTS.get(row["key"], (row["key"], ""))
            rows.append({**row, "link": lists[name] + narrowed})
        return {"lists": lists, "figure_rows": rows}

    @staticmethod
    def figures(year: int) -> dict:
        return {**dashboard_figures(year=year), "made_at": timezone.now()}


CHART_TITLES = {  # lazy: translated when a chart is drawn, in the reader's language
    "udfordringer": gettext_lazy("Rekvireringer og rådgivninger pr. udfordring"),
    "maaneder": gettext_lazy("Aktivitet pr. måned"),
    "deltagere": gettext_lazy("Deltagere pr. udfordring"),
    "tilfredshed": gettext_lazy("Tilfredshed (samlet vurdering)"),
}


class ChartView(PermissionRequiredMixin, YearMixin, View):
    """One dashboard chart as SVG, drawn from the same selectors as the figures beside it."""

    permission_required = "reports.view_annualreport"

    def get(self, request, year, name):
        if name not in CHART_TITLES:
            raise Http404
        year = self.get_year()
        # A finished year's chart is kept while its figures stand (reports/caching.py).
        svg = cached(f"chart:{name}", [year], lambda: self.draw(name, year, str(CHART_TITLES[name])))
        response = HttpResponse(svg, content_type="image/svg+xml")
        response["Cache-Control"] = "private, max-age=60"
        return response

    def draw(self, name: str, year: int, title: str) -> str:
        """Each chart reads only the selectors it shows, not the whole report: the dashboard's four
        charts come in parallel with the page (a finished year's are cached while its figures stand, the
        current year's for a minute: reports/caching.py)."""
        if name == "maaneder":
            months = activity_per_month(year=year)
            return charts.monthly_lines(title=title, series=[
                (_("Rekvireringer"), [m["requisitions"] for m in months]),
                (_("Rådgivninger"), [m["advisories"] for m in months]),
                (_("Arrangementer"), [m["events"] for m in months]),
                (_("Projektbesøg"), [m["project_visits"] for m in months])])
        if name == "tilfredshed":
            steps = satisfaction_steps(year=year)
            return charts.horizontal_bars(labels=[s["label"] for s in steps], values=[s["count"] for s in steps],
                                          title=title)
        challenges = challenge_chart_figures(year=year)
        labels = [c["short_label"] for c in challenges]
        if name == "udfordringer":
            return charts.grouped_bars(labels=labels, title=title, series=[
                (_("Rekvireringer"), [c["requisition_count"] for c in challenges]),
                (_("Rådgivninger"), [c["advisory_count"] for c in challenges])])
        series = [(_("Faktiske"), [c["participants"] for c in challenges])]
        expected = [c["participants_expected"] for c in challenges]
        if any(expected):  # none once the year's events are held: no legend for an empty series
            series.append((_("Forventede (kommende)"), expected))
        return charts.grouped_bars(labels=labels, title=title, series=series)


class ReportView(PermissionRequiredMixin, YearMixin, TemplateView):
    permission_required = "reports.view_annualreport"
    template_name = "reports/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["year"] is None:
            return context
        # A finished year's page is made once while its figures stand (reports/caching.py): the report
        # of a busy year lists thousands of requisitions, a megabyte of HTML.
        year = context["year"]
        context.update(page=cached("report_page", [year], lambda: self.report_page(year)), exports=EXPORTS,
                       pdf_missing=pdf_missing())
        # The current year's page is kept REPORTS_CURRENT_YEAR_SECONDS: it says when it was made.
        context.update(age_note("report_page", year, context["page"] and context["page"]["made_at"]))
        return context

    @staticmethod
    def report_page(year: int) -> dict | None:
        """What the page shows of the year's report: the approval, the changes since, and the report itself
        as HTML. None when the year has no work plan."""
        shown = report_for_year(year=year)
        if shown is None:
            return None
        approval, made_at = shown["approval"], timezone.now()
        return {
            "approval": approval and {"approved_at": approval.approved_at, "approved_by": approval.approved_by},
            "changes": shown["changes"],
            "body": render_html(status_report_document({**shown["report"], "state": report_state(shown, made_at)})),
            "made_at": made_at,
        }


class ReportDefaultYearView(YearMixin, View):
    def get(self, request):
        year = self.get_year()
        self.say_if_year_unknown(year)
        if year is None:
            return HttpResponseRedirect(reverse("reports:dashboard"))
        return HttpResponseRedirect(reverse("reports:report", args=[year]))


class ReportDownloadView(PermissionRequiredMixin, YearMixin, View):
    permission_required = "reports.view_annualreport"

    def get(self, request, year, fmt):
        if fmt not in EXPORTS:
            raise Http404
        year = self.get_year()
        if made_in_background(year=year, fmt=fmt):
            # A year of many requisitions takes longer than a request may: a worker makes the file
            # (reports/tasks.py), and its page offers it.
            job = job_start(user=request.user, task=report_document, back_url=reverse("reports:report", args=[year]),
                            title=_("Statusrapport %(year)s (%(format)s)") % {"year": year,
                                                                            "format": EXPORTS[fmt][1]},
                            year=year, fmt=fmt)
            return redirect(job)
        try:
            document = export_document(year=year, fmt=fmt)
        except NoReport as error:
            raise Http404 from error
        response = HttpResponse(document.content, content_type=document.content_type)
        response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
        response["Cache-Control"] = "no-store"
        return response


class ReportTextsView(PermissionRequiredMixin, YearMixin, FormView):
    permission_required = "reports.change_annualreport"
    template_name = "reports/report_texts.html"
    form_class = ReportTextsForm

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(WorkPlan, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def challenges(self):
        return Challenge.objects.filter(work_plan=self.plan).order_by("number")

    def get(self, request, *args, **kwargs):
        # An approved report keeps its texts as approved: say so before anyone starts typing.
        if AnnualReport.objects.filter(work_plan=self.plan, approved_at__isnull=False).exists():
            messages.info(request, _("Rapporten for %(year)s er godkendt. Genåbn den for at rette teksterne.")
                          % {"year": self.plan.year})
            return HttpResponseRedirect(reverse("reports:report", args=[self.plan.year]))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["challenges"] = self.challenges()
        return kwargs

    def get_initial(self):
        stored = AnnualReport.objects.filter(work_plan=self.plan).first()
        initial = {"introduction": stored.introduction if stored else "", "closing": stored.closing if stored else "",
                   "purpose": self.plan.purpose, "target_groups": self.plan.target_groups,
                   **{name: getattr(stored, name) for name in ReportTextsForm.REPORT_FIELDS if stored}}
        for challenge in self.challenges():
            initial[f"lead_in_{challenge.pk}"] = challenge.lead_in
            initial[f"conclusions_{challenge.pk}"] = challenge.conclusions
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["placeholders"] = PLACEHOLDERS
        context["back_url"] = reverse("reports:report", args=[self.plan.year])
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.annual_report_texts_update(
                year=self.plan.year, user=self.request.user, introduction=data["introduction"],
                closing=data["closing"], purpose=data["purpose"], target_groups=data["target_groups"],
                challenges=form.challenge_texts(), **form.report_fields())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    # The service names a challenge's text challenge_<id>_<text>, the form <text>_<id>.
                    _challenge, challenge_id, text = field.split("_", 2) if field.startswith("challenge_") \
                        else (None, None, field)
                    target = f"{text}_{challenge_id}" if challenge_id else field
                    form.add_error(target if target in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Teksterne til statusrapporten for %(year)s er gemt.") % {
            "year": self.plan.year})
        return HttpResponseRedirect(reverse("reports:report", args=[self.plan.year]))


class ReportApproveView(PermissionRequiredMixin, YearMixin, TemplateView):
    """GET asks for confirmation; POST approves (keeps the report as it is) or, with reopen=1, reopens."""

    permission_required = "reports.approve_annualreport"
    template_name = "reports/report_approve.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["approval"] = AnnualReport.objects.filter(work_plan__year=context["year"],
                                                          approved_at__isnull=False).first()
        return context

    def post(self, request, year):
        year = self.get_year()
        try:
            if request.POST.get("reopen") == "1":
                services.annual_report_reopen(year=year, user=request.user)
                messages.success(request, _("Rapporten for %(year)s er genåbnet og viser igen de aktuelle tal.")
                                 % {"year": year})
            else:
                services.annual_report_approve(year=year, user=request.user)
                messages.success(request, _("Rapporten for %(year)s er godkendt. Tal og tekster er gemt, som de er nu.")
                                 % {"year": year})
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return HttpResponseRedirect(reverse("reports:report", args=[year]))
