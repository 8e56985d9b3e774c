"""A consultant adds an outside requester while registering, from the requester picker (static/js/pickers.js),
after the register has shown the existing names nearest the one typed; without JavaScript, on a page of its
own. The administrator then finds it among the requesters to review (core/admin.py), to keep, correct or
merge."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from core.forms import NewlinesMixin
from core.models import Organisation
from core.selectors import organisations_similar
from core.services import requester_add
from core.views import safe_next

NAME_MAX = Organisation._meta.get_field("name").max_length


class RequesterForm(NewlinesMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Rekvirentens navn"), max_length=NAME_MAX,
                           error_messages={"required": gettext_lazy("Skriv rekvirentens navn.")})
    confirmed = forms.BooleanField(
        required=False, label=gettext_lazy("Ingen af de viste er rekvirenten: opret den som ny"))

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class RequesterPermissionMixin(PermissionRequiredMixin):
    permission_required = "core.add_organisation"
    raise_exception = True


class RequesterSimilarView(RequesterPermissionMixin, View):
    """The existing requesters nearest a name, as JSON: {"similar": [{"id", "name"}]}."""

    def get(self, request):
        name = request.GET.get("navn", "")[:NAME_MAX]
        return JsonResponse({"similar": [{"id": pk, "name": existing}
                                         for pk, existing in organisations_similar(name)]})


class RequesterAddView(RequesterPermissionMixin, FormView):
    """Adds the requester. From the picker (Accept: application/json): 201 with {"id", "name"}, or 400 with
    {"errors": [...]} in Danish. As a page: the nearest existing names are shown first and the new one is
    made only when the consultant confirms that none of them is it; then back to the form they came from."""

    form_class = RequesterForm
    template_name = "registrations/requester_add.html"

    def wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("Accept", "")

    def get_initial(self):
        return {"name": self.request.GET.get("navn", "")[:NAME_MAX]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = safe_next(self.request, reverse("cases:requisition_create"))
        return context

    def form_valid(self, form):
        name = form.cleaned_data["name"]
        if not self.wants_json() and not form.cleaned_data["confirmed"]:
            similar = organisations_similar(name)
            if similar:
                return self.render_to_response(self.get_context_data(form=form, similar=similar))
        try:
            organisation = requester_add(name=name, user=self.request.user)
        except ValidationError as error:
            for message in error.message_dict.get("name", error.messages):
                form.add_error("name", message)
            return self.form_invalid(form)
        if self.wants_json():
            return JsonResponse({"id": organisation.pk, "name": organisation.name}, status=201)
        messages.success(self.request, _("Rekvirenten »%(name)s« er oprettet. Vælg den i formularen.")
                         % {"name": organisation.name})
        return HttpResponseRedirect(safe_next(self.request, reverse("cases:requisition_create")))

    def form_invalid(self, form):
        if self.wants_json():
            return JsonResponse({"errors": [str(message) for messages_ in form.errors.values()
                                            for message in messages_]}, status=400)
        return super().form_invalid(form)
