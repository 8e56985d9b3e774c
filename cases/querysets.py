from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from core.choices import OrganisationKind
from core.selectors import challenge_ids_of_year, organisation_ids_named

from .choices import RequesterScope, RequisitionStatus


def _words_match(text: str) -> Q:
    """On PostgreSQL, the condition of a row holding every word of `text` in any order and form, by the
    Danish configuration's stems ("unge i boligområderne" finds "boligområdets unge"): the stored column
    `words` of migration cases 0011, which its GIN index answers. The models do not declare it, so it is
    named in SQL, unqualified: no other table of the lists' queries has such a column, and in a subquery
    the name is that subquery's table's (where `pk IN (SELECT ... WHERE words @@ ...)` under an OR made
    PostgreSQL run the subquery once per row). Nothing on SQLite, which has no such column (the text as
    typed is searched on both)."""
    if connection.vendor != "postgresql":
        return Q(pk__in=[])
    return Q(RawSQL("words @@ plainto_tsquery('danish', %s)", [text], output_field=models.BooleanField()))


def _in_text(text: str) -> Q:
    """The condition of a row whose title or description contains `text`, or holds its words."""
    return Q(title__icontains=text) | Q(description__icontains=text) | _words_match(text)


def _matching_ids(model, text: str, by_requester: models.QuerySet) -> models.QuerySet:
    """The ids of rows whose title or description contains `text` (or holds its words), or that the
    query `by_requester` gives, as one UNION: on PostgreSQL each part uses its own index (the trigram
    indexes of migration cases 0006, the words' of 0011, the requesters'), where the same conditions
    joined by OR, the requesters' as a subquery, read the whole table, every description included.
    (UNION ALL, leaving the duplicates to `IN`, was faster by a few ms for a few hundred matches and
    50 % slower for 30,000: PostgreSQL then guesses 200 rows and looks each one up by its key.)"""
    parts = [model.objects.filter(description__icontains=text), model.objects.filter(_words_match(text))]
    return model.objects.filter(title__icontains=text).order_by().values("pk").union(
        *(part.order_by().values("pk") for part in parts), by_requester.order_by())


def _organisations_named(text: str) -> list[int]:
    return organisation_ids_named(text)


def _challenge_ids(year: int) -> list[int]:
    """The year's challenges, from the reference cache: a registration's year is its challenge's work
    plan's, and filtering on the challenges themselves lets PostgreSQL use the challenge index (joined
    through the work plan, it read a year's page of rows in date order from the first year on)."""
    return challenge_ids_of_year(year)


class RequisitionQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(challenge_id__in=_challenge_ids(year))

    def open(self):
        return self.filter(status__in=RequisitionStatus.open_values())

    def for_consultant(self, user):
        return self.filter(Exists(self.model.consultants.through.objects.filter(
            requisition=OuterRef("pk"), user=user)))

    def with_requester(self, organisation):
        return self.filter(Exists(self.model.requesters.through.objects.filter(
            requisition=OuterRef("pk"), organisation=organisation)))

    def with_requester_scope(self, scope: str):
        administrations = self.model.requesters.through.objects.filter(
            requisition=OuterRef("pk"), organisation__kind=OrganisationKind.ADMINISTRATION)
        if scope == RequesterScope.ADMINISTRATION:
            return self.filter(Exists(administrations))
        return self.filter(~Exists(administrations))

    def search(self, text: str, *, narrowed: bool = False, paged: bool = False):
        """Rows whose title, description or a requester's name contains `text`. The organisations so
        named come from the reference cache, so the search knows without a query whether to look at
        requesters at all. The shape of the query is chosen for PostgreSQL (each measured on 30,000
        requisitions, bench/load):

        - `narrowed`, the queryset is already restricted by an indexed filter (a year): one pass over
          those rows.
        - `paged`, the rows are read a page at a time in the list's order, and no requester is named:
          one condition on this table, and PostgreSQL chooses by its statistics between the trigram
          indexes (a rare word) and reading the list's order until the page is full (a word in most
          rows: 1 ms, where reading every match to sort them took 120 ms).
        - otherwise (counting; a page with requesters named): the union of each index's matches over
          the whole table (_matching_ids). Counting with the condition above, PostgreSQL read every
          description for a title in one row of thirty (60 ms; the union 15 ms)."""
        organisations = _organisations_named(text)
        if not organisations and (narrowed or paged):
            return self.filter(_in_text(text))
        requesters = self.model.requesters.through.objects.filter(organisation_id__in=organisations)
        if narrowed:
            return self.filter(_in_text(text) | Exists(requesters.filter(requisition=OuterRef("pk"))))
        return self.filter(pk__in=_matching_ids(self.model, text, requesters.values("requisition_id")))

    def for_list(self):
        return self.select_related("challenge__work_plan", "area").prefetch_related(
            "requesters", "consultants")

    def for_list_page(self):
        """A list page's rows: the columns the page shows (the names of requesters and consultants come
        from selectors.with_people_named)."""
        return self.select_related(None).select_related("challenge__work_plan").prefetch_related(None).only(
            "title", "date_received", "status", "participants", "participants_approximate",
            "challenge__number", "challenge__short_label", "challenge__work_plan__year")

    # --- The counting rule of participants ------------------------------------------------------------
    # A requisition held as events counts its participants there, once: the actual participants of its
    # events, where one of them has a figure; else its own. Every figure of participants reads them
    # through these two (reports/selectors/figures.py, the report's lists and rows, the requisition list).

    def held_as_events(self):
        """Events of a requisition that carry its participants (those with an actual figure)."""
        from .models import Event

        return Event.objects.filter(requisition=OuterRef("pk"), participants__isnull=False)

    def counted_alone(self) -> Exists:
        """The condition of a requisition whose own participants count: none of its events has a figure (for
        a filter, or an aggregate's: reports/selectors/figures.py)."""
        return ~Exists(self.held_as_events())

    def with_event_participants(self):
        """Annotate `event_participants`: the actual participants of the requisition's events, where it was
        held as events, and whether one event's are approximate (`event_participants_approximate`);
        `shown_participants` and `shown_participants_approximate`: the participants as counted, the
        events' where it was held as events, else its own (what the list shows and sorts by, and the
        report's lists and rows)."""
        events = self.held_as_events().order_by().values("requisition")
        # Correlated aggregates, each an index probe per row shown: an EXISTS in the select list is planned
        # as a scan of every event when PostgreSQL expects many rows, though a page shows 25 (bench/limits.py).
        approximate = events.annotate(n=Count("pk", filter=Q(participants_approximate=True))).values("n")
        return self.annotate(
            event_participants=Subquery(events.annotate(total=Sum("participants")).values("total")),
            event_participants_approximate=GreaterThan(Subquery(approximate), 0),
            shown_participants=Coalesce(F("event_participants"), F("participants")),
            shown_participants_approximate=Case(
                When(event_participants__isnull=False, then=F("event_participants_approximate")),
                default=F("participants_approximate"), output_field=models.BooleanField()))


class AdvisoryQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(challenge_id__in=_challenge_ids(year))

    def with_requester_scope(self, scope: str):
        if scope == RequesterScope.ADMINISTRATION:
            return self.filter(requester__kind=OrganisationKind.ADMINISTRATION)
        return self.exclude(requester__kind=OrganisationKind.ADMINISTRATION)

    def search(self, text: str, *, narrowed: bool = False, paged: bool = False):
        """As RequisitionQuerySet.search (the requester is a column of this table)."""
        organisations = _organisations_named(text)
        if narrowed or (paged and not organisations):
            by_requester = Q(requester_id__in=organisations) if organisations else Q()
            return self.filter(_in_text(text) | by_requester)
        return self.filter(pk__in=_matching_ids(
            self.model, text, self.model.objects.filter(requester_id__in=organisations).values("pk")))

    def for_list(self):
        return self.select_related("challenge__work_plan", "requester", "consultant", "area")


class EventQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(challenge_id__in=_challenge_ids(year))

    def needing_actual_participants(self, *, today):
        """Held events for which only the expected number of participants was entered."""
        return self.filter(date__lte=today, participants__isnull=True, participants_expected__isnull=False)

    def search(self, text: str):
        return self.filter(Q(title__icontains=text) | Q(description__icontains=text) | Q(place__icontains=text))

    def for_list(self):
        return self.select_related("challenge__work_plan", "area", "consultant", "deliverable", "requisition")


class DeliverableQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(challenge_id__in=_challenge_ids(year))

    def search(self, text: str):
        return self.filter(Q(title__icontains=text) | Q(description__icontains=text) | Q(outcome__icontains=text))

    def for_list(self):
        return self.select_related("challenge__work_plan").prefetch_related("replaced_by", "replaces")


class SteeringGroupMembershipQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """Seats held at some point during the year."""
        return self.filter(self.held_in(year))

    @staticmethod
    def held_in(year: int) -> Q:
        """The condition of a seat held at some point during the year (several years' counts in one query)."""
        return Q(start__year__lte=year) & (Q(end__isnull=True) | Q(end__year__gte=year))

    def search(self, text: str):
        return self.filter(Q(body__icontains=text) | Q(notes__icontains=text))

    def for_list(self):
        return self.select_related("area", "consultant", "challenge__work_plan")
