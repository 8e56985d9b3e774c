"""/historik/: the change history of every registration and the reference data, and the access log,
for management and the administrator."""

from auditlog.models import LogEntry
from django.conf import settings

from core.views import ObjectListView

from . import selectors
from .filters import AccessLogFilterSet, LogEntryFilterSet
from .models import AccessLog


class LogEntryListView(ObjectListView):
    """Needs auditlog.view_logentry (see core/roles.py)."""

    model = LogEntry
    filterset_class = LogEntryFilterSet
    count_per_challenge = False
    template_name = "history/logentry_list.html"

    def get_queryset(self):
        return selectors.history_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.history_rows(context["object_list"], user=self.request.user)
        return context


class AccessLogListView(ObjectListView):
    """Needs history.view_accesslog (see core/roles.py)."""

    model = AccessLog
    filterset_class = AccessLogFilterSet
    count_per_challenge = False
    template_name = "history/accesslog_list.html"

    def get_queryset(self):
        return selectors.access_log_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.access_rows(context["object_list"], user=self.request.user)
        context["retention_days"] = settings.ACCESS_LOG_RETENTION_DAYS
        return context
