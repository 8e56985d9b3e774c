"""The events in the user's own calendar (Outlook): a private link per user to two iCalendar feeds, their own
events and the team's."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.models import CalendarFeed
from accounts.selectors import calendar_feed_owner
from accounts.services import calendar_feed_renew

from ..calendar import events_calendar, events_for_feed

PERMISSION = "cases.view_event"


SHOWN_ONCE = "cases_calendar_urls"


class CalendarLinkView(PermissionRequiredMixin, TemplateView):
    """Make (or replace) the user's calendar link; the addresses are shown once, on the page the making
    redirects to (kept in the session for that one look)."""

    permission_required = PERMISSION
    template_name = "cases/calendar_link.html"

    def get_context_data(self, **kwargs):
        feed = CalendarFeed.objects.filter(user=self.request.user).first()
        return super().get_context_data(made_at=feed.created_at if feed else None,
                                        urls=self.request.session.pop(SHOWN_ONCE, None), **kwargs)

    def post(self, request):
        secret = calendar_feed_renew(user=request.user)
        request.session[SHOWN_ONCE] = {
            scope: request.build_absolute_uri(reverse(f"cases:calendar_{scope}", args=[secret]))
            for scope in ("mine", "team")}
        return redirect("cases:calendar_link")


@login_not_required
def calendar_feed(request, secret: str, scope: str):
    """The feed behind a private link: no login (a calendar cannot log in), the link is the key."""
    user = calendar_feed_owner(secret)
    if user is None or not user.has_perm(PERMISSION):
        raise Http404
    since_year = timezone.localdate().year - 1
    events = events_for_feed(user=user if scope == "mine" else None, since_year=since_year)
    name = _("TFI: mine arrangementer") if scope == "mine" else _("TFI: teamets arrangementer")
    response = HttpResponse(events_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="tfi-{scope}.ics"'
    return response
