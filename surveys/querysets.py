from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone


def _year_q(prefix: str, year: int) -> Q:
    """The invitation (reached through `prefix`) asks about work under a challenge of the year's plan.
    Two IN-subqueries on the invitation's own foreign keys, which the database can answer from their
    indexes, rather than an OR across two chains of joins."""
    from cases.models import Advisory, Requisition

    return (Q(**{f"{prefix}requisition__in": Requisition.objects.for_year(year).values("pk")})
            | Q(**{f"{prefix}advisory__in": Advisory.objects.for_year(year).values("pk")}))


class InvitationQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(_year_q("", year))

    def with_challenge(self):
        """Annotate `challenge_id`: the challenge of the requisition or advisory asked about."""
        return self.annotate(challenge_id=Coalesce("requisition__challenge_id", "advisory__challenge_id"))

    def answered(self):
        return self.filter(response__isnull=False)

    def unanswered(self):
        from .models import Response

        return self.filter(~Exists(Response.objects.filter(invitation=OuterRef("pk"))))

    def waiting(self, now=None):
        return self.unanswered().filter(expires_at__gt=now or timezone.now())

    def expired(self, now=None):
        return self.unanswered().filter(expires_at__lte=now or timezone.now())

    def search(self, text: str):
        return self.filter(
            Q(requisition__title__icontains=text) | Q(advisory__title__icontains=text)
            | Q(requester__name__icontains=text) | Q(contact_name__icontains=text)
            | Q(contact_email__icontains=text))

    def for_list(self):
        return self.select_related(
            "questionnaire", "requester", "sent_by", "response__entered_by",
            "requisition__challenge__work_plan", "advisory__challenge__work_plan")


class ResponseQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(_year_q("invitation__", year))


class AnswerQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(_year_q("response__invitation__", year))
