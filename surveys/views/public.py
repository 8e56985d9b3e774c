"""The requester's page: answer a questionnaire through the link, without an account.

The page shows the questionnaire and the title of the work it asks about, nothing else from the
register, after the privacy notice. Unknown and expired links get the same page; a valid link always
opens, but the failed look-ups are counted, and past the limits (of an address, and of all addresses
together) a failed one is refused for a while with a page saying when to try again.

Also the accessibility statement, which every page's footer links to.
"""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.i18n import set_language

from ..forms import AnswerForm
from ..models import Invitation, contact_address
from ..selectors import invitation_for_token, invitation_is_answered, lookup_retry_at
from ..services import AlreadyAnswered, failed_lookup_record, response_submit

THANKS = _("Tak for dit svar. Det er modtaget.")


def client_address(request) -> str:
    """The requester's address as the server sees it (behind a proxy, configure it to set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


@method_decorator([login_not_required, never_cache], name="dispatch")
class AnswerView(View):
    def dispatch(self, request, *args, token, **kwargs):
        # The link is looked up before any limit: a valid one opens (and takes its answer) however many
        # wrong ones were tried from the same address, often a whole administration's. Only failures count.
        self.invitation = invitation_for_token(token=token)
        if self.invitation is None:
            return lookup_failed(request)
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
            "privacy_notice": self.invitation.questionnaire.privacy_notice_text(),
            "work_title": self.invitation.registration.title,
        }, status=status)

    def answered(self):
        """The page after the answer is stored (with thanks) and for any later use of the link."""
        just_answered = any(str(message) == THANKS for message in messages.get_messages(self.request))
        return render(self.request, "surveys/answered.html",
                      {"questionnaire": self.invitation.questionnaire, "just_answered": just_answered})


def lookup_failed(request):
    """The page for an unknown or expired link, the failure counted; past the limits, the page saying when
    to try again, with Retry-After. A refused failure is not counted: the limits then let through as many
    failures a window as they name, and the table holds no more than that."""
    address = client_address(request)
    now = timezone.now()
    retry_at = lookup_retry_at(address=address, now=now)
    if retry_at is None:
        failed_lookup_record(address=address, now=now)
        return render(request, "surveys/link_invalid.html", status=404)
    seconds = max(1, math.ceil((retry_at - now).total_seconds()))
    response = render(request, "surveys/link_blocked.html",
                      {"retry_at": retry_at, "minutes": math.ceil(seconds / 60)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@login_not_required
@require_safe
def accessibility(request):
    """The accessibility statement, at /was/, the short address the Agency for Digital Government asks every
    site to have: it leads to the statement made with the agency's tool when ACCESSIBILITY_STATEMENT_URL
    names one (the footers link there directly), and is the register's own statement otherwise."""
    if settings.ACCESSIBILITY_STATEMENT_URL:
        return HttpResponseRedirect(settings.ACCESSIBILITY_STATEMENT_URL)
    return render(request, "surveys/accessibility.html",
                  {"contact": contact_address(settings.ACCESSIBILITY_CONTACT)})


@login_not_required
def language(request):
    """The language choice on the requester's pages: Django's set_language (the language cookie, and back
    to `next` on this site), reached without an account. The register's own /i18n/setlang/ needs a login
    like every page of the register."""
    return set_language(request)
