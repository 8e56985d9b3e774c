"""The team's survey pages: send a questionnaire, type in a paper answer, follow the links sent,
and management's results per year."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cases.models import Advisory, Requisition
from core.selectors import chosen_year, work_plan_years
from core.views import ObjectListView, safe_next
from registrations.views import ObjectDeleteView, ObjectDetailView

from .. import services
from ..filters import InvitationFilterSet
from ..forms import AnswerForm, CorrectionForm, InvitationForm, PaperInvitationForm, answer_initial
from ..models import Answer, Invitation
from ..panels import URL_KINDS
from ..selectors import invitation_answers, invitation_is_answered, survey_results, text_answers

REGISTRATION_KINDS = {kind: model for model, kind in URL_KINDS.items()}


class RegistrationMixin:
    """The requisition or advisory named by the URL (`kind`, `pk`)."""

    def registration(self):
        if not hasattr(self, "_registration"):
            model = REGISTRATION_KINDS.get(self.kwargs["kind"])
            if model is None:
                raise Http404
            queryset = model.objects.select_related("challenge__work_plan")
            if model is Requisition:
                queryset = queryset.prefetch_related("requesters")
            self._registration = get_object_or_404(queryset, pk=self.kwargs["pk"])
        return self._registration

    def dispatch(self, request, *args, **kwargs):
        # Runs after the permission check (PermissionRequiredMixin comes first in the views).
        registration = self.registration()
        if isinstance(registration, Requisition) and not registration.is_finished:
            messages.error(request, _("Spørgeskemaet sendes, når rekvireringen er afsluttet."))
            return HttpResponseRedirect(registration.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.registration()
        context["registration"] = registration
        context["back_url"] = safe_next(self.request, registration.get_absolute_url())
        return context


class InvitationCreateView(PermissionRequiredMixin, RegistrationMixin, FormView):
    permission_required = "surveys.add_invitation"
    form_class = InvitationForm
    template_name = "surveys/invitation_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["registration"] = self.registration()
        return kwargs

    def get_initial(self):
        registration = self.registration()
        if isinstance(registration, Advisory):
            return {"requester": registration.requester_id}
        first = next(iter(registration.requesters.all()), None)
        return {"requester": first.pk if first else None}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["questionnaire"] = services.questionnaire_for(self.registration())
        except ValidationError as error:
            context["questionnaire_missing"] = error.messages[0]
        return context

    def form_valid(self, form):
        try:
            invitation = services.invitation_send(
                user=self.request.user, registration=self.registration(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Spørgeskemaet sendes til %(email)s. Linket gælder til og med %(date)s.") % {
            "email": invitation.contact_email, "date": date_format(invitation.last_day(), "SHORT_DATE_FORMAT")})
        return HttpResponseRedirect(self.registration().get_absolute_url())


class PaperResponseMixin(PermissionRequiredMixin):
    permission_required = "surveys.add_response"
    template_name = "surveys/paper_response_form.html"

    def questionnaire(self):
        raise NotImplementedError

    def answer_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return AnswerForm(data, questions=self.questionnaire().questions.all(), prefix="svar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answer_form"] = kwargs.get("answer_form") or self.answer_form()
        context["questionnaire"] = self.questionnaire()
        return context

    def saved(self, response):
        messages.success(self.request, _("Papirsvaret er registreret."))
        return HttpResponseRedirect(response.invitation.get_absolute_url())


class PaperResponseCreateView(PaperResponseMixin, RegistrationMixin, FormView):
    """A paper answer about the work: to the questionnaire already sent to the requester and not yet
    answered, or to one handed out on paper (services.paper_response_create)."""

    form_class = PaperInvitationForm

    def questionnaire(self):
        if not hasattr(self, "_questionnaire"):
            try:
                self._questionnaire = services.questionnaire_for(self.registration())
            except ValidationError as error:
                messages.error(self.request, error.messages[0])
                raise Http404 from error
        return self._questionnaire

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["registration"] = self.registration()
        return kwargs

    def post(self, request, *args, **kwargs):
        form, answer_form = self.get_form(), self.answer_form()
        if not (form.is_valid() and answer_form.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, answer_form=answer_form))
        try:
            response = services.paper_response_create(
                user=request.user, registration=self.registration(), values=answer_form.values(),
                requester=form.cleaned_data["requester"], contact_name=form.cleaned_data["contact_name"])
        except services.AlreadyAnswered:  # answered through its link a moment ago
            form.add_error(None, _("Spørgeskemaet er allerede besvaret. Intet er ændret."))
            return self.render_to_response(self.get_context_data(form=form, answer_form=answer_form))
        except ValidationError as error:
            _add_errors(error, form, answer_form)
            return self.render_to_response(self.get_context_data(form=form, answer_form=answer_form))
        return self.saved(response)


def _add_errors(error: ValidationError, form, answer_form) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = answer_form if field.startswith("q_") else form
            target.add_error(field if field in target.fields else None, errors)
    else:
        form.add_error(None, error)


class ResponseCorrectView(PermissionRequiredMixin, TemplateView):
    """Correct a paper answer typed in wrong, or withdraw it, with the reason (services.paper_response_correct
    and paper_response_withdraw): by whoever typed it in, or the administrator."""

    permission_required = "surveys.change_response"
    template_name = "surveys/response_correct_form.html"

    @cached_property
    def invitation(self):
        invitation = get_object_or_404(
            Invitation.objects.select_related("questionnaire", "requisition", "advisory", "response"),
            pk=self.kwargs["pk"])
        if not invitation_is_answered(invitation):
            raise Http404
        return invitation

    def refused(self):
        try:
            services.paper_response_check_correctable(response=self.invitation.response, user=self.request.user)
        except ValidationError as error:
            messages.error(self.request, error.messages[0])
            return HttpResponseRedirect(self.invitation.get_absolute_url())
        return None

    def forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        answers = self.invitation.response.answers.all()
        return (AnswerForm(data, questions=self.invitation.questionnaire.questions.all(), prefix="svar",
                           initial=answer_initial(answers)),
                CorrectionForm(data))

    def get(self, request, *args, **kwargs):
        answer_form, reason_form = self.forms()
        return self.refused() or self.render_to_response(
            self.get_context_data(answer_form=answer_form, reason_form=reason_form))

    def post(self, request, *args, **kwargs):
        if refused := self.refused():
            return refused
        answer_form, reason_form = self.forms()
        withdraw = "withdraw" in request.POST
        if reason_form.is_valid() and (withdraw or answer_form.is_valid()):
            reason = reason_form.cleaned_data["reason"]
            try:
                if withdraw:
                    services.paper_response_withdraw(response=self.invitation.response, reason=reason,
                                                     user=request.user)
                else:
                    services.paper_response_correct(response=self.invitation.response, values=answer_form.values(),
                                                    reason=reason, user=request.user)
            except ValidationError as error:
                _add_errors(error, reason_form, answer_form)
            else:
                messages.success(request, _("Papirsvaret er trukket tilbage; spørgeskemaet venter igen på svar.")
                                 if withdraw else _("Papirsvaret er rettet."))
                return HttpResponseRedirect(self.invitation.get_absolute_url())
        return self.render_to_response(self.get_context_data(answer_form=answer_form, reason_form=reason_form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(invitation=self.invitation, registration=self.invitation.registration,
                       back_url=self.invitation.get_absolute_url())
        return context


class InvitationPaperResponseView(PaperResponseMixin, TemplateView):
    """The answer to a link already sent came back on paper instead."""

    @cached_property
    def invitation(self):
        # Looked up on first use, after the permission check, so a refused user learns nothing of the ids.
        return get_object_or_404(
            Invitation.objects.select_related("questionnaire", "requisition", "advisory"), pk=self.kwargs["pk"])

    def questionnaire(self):
        return self.invitation.questionnaire

    def get(self, request, *args, **kwargs):
        if invitation_is_answered(self.invitation):
            messages.info(request, _("Spørgeskemaet er allerede besvaret."))
            return HttpResponseRedirect(self.invitation.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(invitation=self.invitation, registration=self.invitation.registration,
                       back_url=self.invitation.get_absolute_url())
        return context

    def post(self, request, *args, **kwargs):
        answer_form = self.answer_form()
        if answer_form.is_valid():
            try:
                response = services.paper_response_create(
                    user=request.user, invitation=self.invitation, values=answer_form.values())
            except services.AlreadyAnswered:
                messages.info(request, _("Spørgeskemaet er allerede besvaret. Intet er ændret."))
                return HttpResponseRedirect(self.invitation.get_absolute_url())
            except ValidationError as error:
                _add_errors(error, answer_form, answer_form)
            else:
                return self.saved(response)
        return self.render_to_response(self.get_context_data(answer_form=answer_form))


class InvitationListView(ObjectListView):
    model = Invitation
    filterset_class = InvitationFilterSet
    count_per_challenge = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        return context


class InvitationDetailView(ObjectDetailView):
    model = Invitation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answers"] = invitation_answers(self.object)
        context["now"] = timezone.now()
        return context


class InvitationDeleteView(ObjectDeleteView):
    """Withdraw a link that has not been answered (sent to a wrong address, say)."""

    model = Invitation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if invitation_is_answered(self.object):  # said before the confirmation, not after (the service refuses)
            context["protected"] = _("Spørgeskemaet er besvaret, så udsendelsen kan ikke slettes.")
        return context

    def delete_object(self, obj):
        services.invitation_delete(invitation=obj, user=self.request.user)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            self.delete_object(obj)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("Linket er trukket tilbage og virker ikke længere."))
        return HttpResponseRedirect(obj.registration.get_absolute_url())


class InvitationMailAgainView(PermissionRequiredMixin, View):
    """Send the e-mail of a link again, when the mail server could not take it (POST only)."""

    permission_required = "surveys.add_invitation"
    http_method_names = ["post"]

    def post(self, request, pk):
        invitation = get_object_or_404(Invitation, pk=pk)
        try:
            services.invitation_mail_again(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("E-mailen sendes igen til %(email)s.") % {"email": invitation.contact_email})
        return HttpResponseRedirect(invitation.get_absolute_url())


class AnswerQuoteView(PermissionRequiredMixin, View):
    """Mark a free-text answer as the quote for the report, or unmark it (POST only)."""

    permission_required = "surveys.change_answer"
    http_method_names = ["post"]

    def post(self, request, pk):
        answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
        is_quote = request.POST.get("is_report_quote") == "1"
        try:
            services.answer_mark_quote(answer=answer, is_quote=is_quote, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Svaret citeres i årsrapporten.") if is_quote
                             else _("Svaret citeres ikke længere i årsrapporten."))
        return HttpResponseRedirect(safe_next(request, reverse("surveys:results")))


class ResultsView(PermissionRequiredMixin, TemplateView):
    permission_required = "surveys.view_response"
    template_name = "surveys/results.html"
    text_answers_per_page = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = work_plan_years()
        year = chosen_year(self.request.GET.get("year"), years)
        context.update(years=years, year=year)
        if year:
            context["results"] = survey_results(year=year)
            paginator = Paginator(text_answers(year=year), self.text_answers_per_page)
            context["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return context
