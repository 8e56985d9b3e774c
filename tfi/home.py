"""The start page: a consultant's own work and the quick advisory form; management's and the
administrator's ways to their work; for everyone the year's table of requisitions and advisories per
challenge. It reads the register (cases) and the report's figures
(reports), so it lives in the site's top layer, above both (README, "Layers")."""


from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import TemplateView

from atlas.selectors import actors_without_position
from cases.forms import QuickAdvisoryForm
from cases.selectors import (
    consultant_events_needing_participants,
    consultant_latest_advisories,
    consultant_latest_requisitions,
    consultant_open_requisitions,
)
from cases.views.registrations import AdvisoryCreateView
from core import roles
from core.permissions import is_administrator, user_roles
from core.selectors import chosen_year, reference_to_check, registration_day, work_plan_years
from reports.selectors.approval import year_awaiting_approval
from reports.selectors.figures import challenge_table


class HomeView(TemplateView):
    """Start page, by role: a consultant's own work and quick advisory; management's way to the year's
    dashboard, report and quotes, and the finished year waiting for approval; the administrator's to what
    they keep; everyone's view of the year's table."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = work_plan_years()
        year = chosen_year(self.request.GET.get("year"), years)
        context.update(years=years, year=year,
                       table=challenge_table(year=year) if year else None)
        administrator = is_administrator(user)
        context["administration"] = administrator
        if administrator:
            context["to_check"] = {**reference_to_check(), "actors_without_position": actors_without_position()}
        if user.has_perm("reports.change_annualreport") and year:
            context["report_year"] = year
            if user.has_perm("reports.approve_annualreport"):
                context["awaiting_approval"] = year_awaiting_approval()
        # An administrator registers nothing (unless a consultant too): no quick advisory to skip past.
        if user.has_perm("cases.add_advisory") and (not administrator or roles.CONSULTANT in user_roles(user)):
            context.update(
                quick_form=kwargs.get("quick_form") or QuickAdvisoryForm(initial={"date": registration_day()}),
                open_requisitions=consultant_open_requisitions(user=user),
                latest_requisitions=consultant_latest_requisitions(user=user),
                latest_advisories=consultant_latest_advisories(user=user),
                events_needing_participants=consultant_events_needing_participants(user=user),
            )
        return context

class AdvisoryQuickCreateView(AdvisoryCreateView):
    """The start page's form posts here; errors are shown on the start page itself."""

    form_class = QuickAdvisoryForm

    def get(self, request, *args, **kwargs):
        # The address shows in the browser after a form sent back with errors: a reload, a language
        # chosen or a bookmark leads to the start page and its form, not to an error.
        return HttpResponseRedirect(reverse("home"))

    def form_valid(self, form):
        response = super().form_valid(form)
        return HttpResponseRedirect(reverse("home")) if response.status_code == 302 else response

    def form_invalid(self, form):
        view = HomeView(request=self.request, args=(), kwargs={})
        return view.render_to_response(view.get_context_data(quick_form=form), status=200)
