"""The requester's page: answer a questionnaire through the link, without an account.

The page shows the questionnaire and the title of the work it asks about, nothing else from the
register. Unknown and expired links get the same page; an address that keeps guessing is refused
for a while before any look-up.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from ..forms import AnswerForm
from ..models import Invitation
from ..selectors import invitation_for_token, invitation_is_answered, lookup_blocked
from ..services import AlreadyAnswered, failed_lookup_record, response_submit

THANKS = _("Tak for dit svar. Det er modtaget.")


def client_address(request) -> str:
    """The requester's address as the server sees it (behind a proxy, configure it to set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


@method_decorator([login_not_required, never_cache], name="dispatch")
class AnswerView(View):
    def dispatch(self, request, *args, token, **kwargs):
        address = client_address(request)
        if lookup_blocked(address=address):
            return render(request, "surveys/link_blocked.html", status=429)
        self.invitation = invitation_for_token(token=token)
        if self.invitation is None:
            failed_lookup_record(address=address)
            return render(request, "surveys/link_invalid.html", status=404)
        if invitation_is_answered(self.invitation):
            # A form sent again (Back, a double click) is answered with the page, not from the POST.
            return HttpResponseRedirect(request.path) if request.method == "POST" else self.answered()
        return super().dispatch(request, *args, token=token, **kwargs)

    def questions(self):
        return self.invitation.questionnaire.questions.all()

    def get(self, request, token):
        return self.page(AnswerForm(questions=self.questions()))

    def post(self, request, token):
        form = AnswerForm(request.POST, questions=self.questions())
        if not form.is_valid():
            return self.page(form, status=400)
        try:
            response_submit(token=token, values=form.values())
        except AlreadyAnswered:  # answered a moment ago (a double click, or on paper)
            return HttpResponseRedirect(request.path)
        except Invitation.DoesNotExist:  # expired between the look-up and the save
            return render(request, "surveys/link_invalid.html", status=404)
        except ValidationError as error:
            form.add_error(None, error)
            return self.page(form, status=400)
        messages.success(request, THANKS)
        return HttpResponseRedirect(request.path)

    def page(self, form, status=200):
        return render(self.request, "surveys/answer.html", {
            "form": form,
            "questionnaire": self.invitation.questionnaire,
            "work_title": self.invitation.registration.title,
        }, status=status)

    def answered(self):
        """The page after the answer is stored (with thanks) and for any later use of the link."""
        just_answered = any(str(message) == THANKS for message in messages.get_messages(self.request))
        return render(self.request, "surveys/answered.html",
                      {"questionnaire": self.invitation.questionnaire, "just_answered": just_answered})


@login_not_required
def language(request):
    """The language choice on the requester's pages: Django's set_language (the language cookie, and back
    to `next` on this site), reached without an account. The register's own /i18n/setlang/ needs a login
    like every page of the register."""
    return set_language(request)
