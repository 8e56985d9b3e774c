"""/personoplysninger/: one person's data found, exported and erased (GDPR art. 15 and 17), and the record of
processing (art. 30), for the administrator. Every search, export and erasure is in the access log."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.permissions import is_administrator
from core.text import file_name_part
from history.models import AccessAction
from history.services import access_record_person

from .exports import person_json, person_xlsx, record_xlsx
from .selectors import person_search, processing_record, search_words
from .services import person_erase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AdministratorMixin(UserPassesTestMixin):
    def test_func(self):
        return is_administrator(self.request.user)


class EraseForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput)
    keys = forms.MultipleChoiceField(label=gettext_lazy("Fund"), widget=forms.CheckboxSelectMultiple,
                                     error_messages={"required": gettext_lazy("Vælg mindst ét fund at slette.")})
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Fx \"Anmodning om sletning modtaget 3.12.2026, sag 2026-12345\". Nævn ikke personen: "
                               "begrundelsen gemmes i historikken og adgangsloggen."),
        error_messages={"required": gettext_lazy("Skriv, hvorfor oplysningerne slettes.")})

    def __init__(self, *args, hits=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keys"].choices = [(hit.key, hit.key) for hit in hits]

    def clean(self):
        cleaned = super().clean()
        words = search_words(cleaned.get("q", ""))
        reason = cleaned.get("reason", "").lower()
        if any(word in reason for word in words):
            self.add_error("reason", _("Begrundelsen må ikke nævne personen, den gemmes."))
        return cleaned


class PersonSearchView(AdministratorMixin, TemplateView):
    template_name = "retention/person_search.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        query = (self.request.POST if form is not None else self.request.GET).get("q", "").strip()
        hits = person_search(query=query) if query else []
        if query and form is None:
            access_record_person(user=self.request.user, action=AccessAction.SEARCH, detail=query, count=len(hits))
        context.update(query=query, hits=hits, searched=bool(query), too_short=bool(query) and not search_words(query),
                       form=form or EraseForm(initial={"q": query}, hits=hits),
                       groups=[(label, [hit for hit in hits if hit.source == source])
                               for source, label in (("registration", _("Registreringer")),
                                                     ("history", _("Ændringshistorik")),
                                                     ("access", _("Adgangslog")))])
        return context

    def post(self, request):
        query = request.POST.get("q", "").strip()
        form = EraseForm(request.POST, hits=person_search(query=query))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        erased = person_erase(keys=form.cleaned_data["keys"], words=search_words(query),
                              reason=form.cleaned_data["reason"], user=request.user)
        messages.success(request, _(
            "Slettet: kontaktoplysningerne på %(registrations)s registreringer, %(history)s rækker i historikken og "
            "personen i %(access)s rækker i adgangsloggen. Søg ikke efter personen igen: en søgning gemmes med "
            "det søgte i adgangsloggen.") % {
            "registrations": erased.registrations, "history": erased.history_rows, "access": erased.access_rows})
        # Not back to the search: its address would name the person again in the access log.
        return HttpResponseRedirect(reverse("retention:person_search"))


class PersonExportView(AdministratorMixin, View):
    """The hits of a search as one Excel file or JSON (art. 15), for the person to receive."""

    def get(self, request, format):
        query = request.GET.get("q", "").strip()
        hits = person_search(query=query)
        access_record_person(user=request.user, action=AccessAction.EXPORT, detail=query, count=len(hits))
        name = f"personoplysninger-{file_name_part(query)}-{timezone.localdate():%Y-%m-%d}"
        if format == "json":
            response = HttpResponse(person_json(query=query, hits=hits), content_type="application/json")
        else:
            response = HttpResponse(person_xlsx(query=query, hits=hits), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
        return response


class ProcessingRecordView(AdministratorMixin, TemplateView):
    """The record of processing, made from the code's registry of personal-data fields."""

    template_name = "retention/processing_record.html"

    def get(self, request, *args, **kwargs):
        if kwargs.get("format") == "xlsx":
            response = HttpResponse(record_xlsx(processing_record()), content_type=XLSX)
            response["Content-Disposition"] = (
                f'attachment; filename="fortegnelse-personoplysninger-{timezone.localdate():%Y-%m-%d}.xlsx"')
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=processing_record(), **kwargs)
