"""The status report's data: everything the year's report says, gathered as plain data (numbers,
strings, ISO dates, lists and dicts), so that the page, Word, Excel and the dashboard read the same thing
(the document's sentences are made from it: reports/document.py) and an approved report can be kept as
JSON exactly as it was. The texts users wrote may hold placeholders for the year's figures."""

import re
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Value
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cases.choices import DeliverableStatus, RequisitionStatus, SteeringRole
from cases.models import Advisory, Deliverable, Requisition, SteeringGroupMembership, participants_text
from core.models import WorkPlan
from core.numbers import number_text
from core.selectors import challenge_ids_of_year

from ..caching import cached
from ..models import AnnualReport
from .figures import (
    Tally,
    activity_per_month,
    administration_counts,
    challenge_table,
    participants_per_challenge,
    seat_challenge,
    survey_figures,
    tallies,
    visits_per_challenge,
    year_comparison,
    year_figures,
    year_tally,
)

PLACEHOLDERS = {
    "aar": _("året"),
    "rekvireringer": _("antal rekvireringer"),
    "raadgivninger": _("antal rådgivninger"),
    "projektbesoeg": _("antal projektbesøg"),
    "god_praksis": _("antal eksempler på god praksis"),
    "arrangementer": _("antal arrangementer"),
    "deltagere": _("deltagere i alt (faktisk)"),
    "forventede_deltagere": _("forventede deltagere ved kommende arrangementer"),
    "forvaltninger": _("antal forvaltninger, der har rekvireret"),
    "aarsvaerk": _("årsværk i arbejdsplanen"),
    "leverancer": _("antal leverancer"),
    "leverancer_leveret": _("antal leverede leverancer"),
    "styregrupper": _("antal styregruppesæder"),
    "besvarelser": _("antal besvarelser af tilfredshedsmålingen"),
    "tilfredse": _("antal tilfredse (i høj grad tilfredse og tilfredse)"),
}

PLACEHOLDER_PATTERN = re.compile(r"\{(\w+)\}")

def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS})

def fill_placeholders(text: str, values: dict) -> str:
    """Replace {name} with the year's figure; anything else in braces is left as written. The texts are the
    municipality's own, written in its language (LANGUAGE_CODE, Danish), so a figure is written in that
    language's format whatever the reader's ("2.595", also in the English report, where "2,595" in a Danish
    sentence reads as a decimal); the year as a year, the FTE as a decimal ("3,5")."""
    def figure(match):
        if match[1] not in values:
            return match[0]
        value = values[match[1]]
        if match[1] == "aar":
            return str(value)
        return number_text(value)
    if "{" not in text:
        return text
    with translation.override(settings.LANGUAGE_CODE):
        return PLACEHOLDER_PATTERN.sub(figure, text)

def report_texts(plan: WorkPlan) -> AnnualReport | None:
    """The year's report texts (and approval) of a plan read with them (select_related), or None."""
    try:
        return plan.annual_report
    except AnnualReport.DoesNotExist:
        return None

def _fte(value) -> str:
    return f"{Decimal(value).normalize():f}"

def _listed_names(year: int) -> dict[str, dict[int, list[str]]]:
    """The names the report's lists give beside a row: each requisition's requesters (by name), each
    deliverable's replacements and what it replaced (by title), per row id, each list in the database's order
    of the names (its collation). One UNION ALL of the three, in that order, as plain tuples: a busy year
    names some 60,000 (numbering them in a window cost a sort and a converted column per row)."""
    links, replacements = Requisition.requesters.through.objects, Deliverable.replaced_by.through.objects
    challenges = challenge_ids_of_year(year)

    def listed(queryset, kind: str, owner: str, name: str):
        return queryset.order_by().annotate(kind=Value(kind), owner=F(owner), name=F(name)).values_list(
            "kind", "owner", "name")

    parts = [listed(links.filter(requisition__challenge_id__in=challenges), "requesters", "requisition_id",
                    "organisation__name"),
             listed(replacements.filter(from_deliverable__challenge_id__in=challenges), "replaced_by",
                    "from_deliverable_id", "to_deliverable__title"),
             listed(replacements.filter(to_deliverable__challenge_id__in=challenges), "replaces",
                    "to_deliverable_id", "from_deliverable__title")]
    found: dict[str, dict[int, list[str]]] = {"requesters": {}, "replaced_by": {}, "replaces": {}}
    for kind, owner, name in parts[0].union(*parts[1:], all=True).order_by("owner", "name"):
        found[kind].setdefault(owner, []).append(name)
    return found


def _requisition_rows(year: int, names: dict) -> dict[int, list[dict]]:
    """The year's requisitions per challenge id, in the order received, with requesters (`names`, of
    _listed_names) and the participants as counted (RequisitionQuerySet.with_event_participants). One query of
    plain values: a busy year has thousands of requisitions, and model instances with prefetched relations
    cost several times more to build than the rows themselves."""
    requesters = names["requesters"]
    statuses = {value: str(label) for value, label in RequisitionStatus.choices}
    rows: dict[int, list[dict]] = {}
    for (pk, challenge_id, title, description, received, finished, status, participants,
         approximate) in (Requisition.objects.for_year(year).with_event_participants().order_by("date_received", "pk")
                          .values_list("id", "challenge_id", "title", "description", "date_received", "date_finished",
                                       "status", "shown_participants", "shown_participants_approximate")):
        rows.setdefault(challenge_id, []).append({
            "id": pk,
            "title": title,
            "requesters": requesters.get(pk, []),
            "description": description,
            "date_received": received.isoformat(),
            "date_finished": finished.isoformat() if finished else None,
            "status": statuses.get(status, status),
            "participants": participants_text(participants, approximate),
        })
    for challenge_rows in rows.values():
        for number, row in enumerate(challenge_rows, start=1):
            row["number"] = number
    return rows

def _deliverable_rows(year: int, names: dict) -> dict[int, list[dict]]:
    """The year's deliverables per challenge id, with what replaced them and what they replaced (`names`, of
    _listed_names): one query of plain values, as for the requisitions."""
    replaced_by, replaces = names["replaced_by"], names["replaces"]
    labels = {value: str(label) for value, label in DeliverableStatus.choices}
    rows: dict[int, list[dict]] = {}
    for deliverable in Deliverable.objects.for_year(year).order_by("pk").values(
            "id", "challenge_id", "title", "description", "outcome", "status", "is_promised", "publication_title"):
        rows.setdefault(deliverable["challenge_id"], []).append({
            "id": deliverable["id"],
            "title": deliverable["title"],
            "description": deliverable["description"],
            "outcome": deliverable["outcome"],
            "status": deliverable["status"],
            "status_label": labels.get(deliverable["status"], deliverable["status"]),
            "is_promised": deliverable["is_promised"],
            "replaced_by": replaced_by.get(deliverable["id"], []),
            "replaces": replaces.get(deliverable["id"], []),
            "publication_title": deliverable["publication_title"],
        })
    return rows

def _advisory_examples(year: int) -> dict[int, list[dict]]:
    rows: dict[int, list[dict]] = {}
    queryset = (Advisory.objects.for_year(year).filter(is_report_example=True).select_related("requester")
                .order_by("date", "pk"))
    for advisory in queryset:
        rows.setdefault(advisory.challenge_id, []).append({
            "id": advisory.pk, "title": advisory.title, "requester": advisory.requester.name,
            "description": advisory.description, "date": advisory.date.isoformat()})
    return rows

def _steering_rows(year: int, challenges: list) -> dict[int | None, list[dict]]:
    """The seats held during the year, per challenge id of the year's plan (figures.seat_challenge: every
    seat counted is listed once). One query of plain values (a seat is held for up to four years, so a busy
    year holds thousands)."""
    rows: dict[int | None, list[dict]] = {}
    numbers = {challenge.number: challenge.pk for challenge in challenges}
    roles = {value: str(label) for value, label in SteeringRole.choices}
    for seat in (SteeringGroupMembership.objects.for_year(year).order_by("start", "body").values(
            "id", "body", "role", "area__name", "start", "end", "challenge_id", "challenge__number",
            "challenge__work_plan__year")):
        key = seat_challenge(seat["challenge_id"], seat["challenge__work_plan__year"], seat["challenge__number"],
                             year, numbers)
        rows.setdefault(key, []).append({
            "id": seat["id"], "body": seat["body"], "role": roles.get(seat["role"], seat["role"]),
            "area": seat["area__name"] or "", "start": seat["start"].isoformat(),
            "end": seat["end"].isoformat() if seat["end"] else None})
    return rows

def dashboard_figures(*, year: int) -> dict:
    """What management's dashboard shows of the year: the report's figures (without its lists), the year
    beside the year before, the activity per month, and per challenge card the seats held and the survey's
    answers. The two years are counted once, in the same few queries (figures.tallies)."""
    found = tallies([year - 1, year], texts=False)
    report = status_report(year=year, lists=False, tally=found.get(year))
    seats = found[year].seats if year in found else {}
    satisfaction = {row["challenge_id"]: row for row in report["satisfaction"]["challenges"]} if report else {}
    return {
        "report": report,
        "comparison": year_comparison(year=year, found=found),
        "months": activity_per_month(year=year, tally=found.get(year)),
        "cards": [{**challenge, "steering_group_count": seats.get(challenge["id"], 0),
                   "satisfaction": satisfaction.get(challenge["id"])}
                  for challenge in (report["challenges"] if report else [])],
    }

def status_report(*, year: int, lists: bool = True, tally: Tally | None = None,
                  plan: WorkPlan | None = None) -> dict | None:
    """Everything in the year's status report, as plain data, in a fixed number of queries
    (None when the year has no work plan). Texts have their placeholders filled in. A finished year's
    comes from the cache while nothing it is made from has changed (reports/caching.py). `tally`: the year's,
    where the caller has counted it (the dashboard); `plan`: the year's work plan with its report texts, where
    the caller has read them (report_for_year)."""
    def make():
        found = tally or year_tally(year, texts=plan is None and lists)
        if found is not None and tally is None and plan is not None:
            found.plan = plan
        return _status_report(year=year, lists=lists, tally=found)

    return cached(f"status_report:{int(lists)}", [year], make)

def _status_report(*, year: int, lists: bool, tally: Tally | None) -> dict | None:
    if tally is None:
        return None
    plan = tally.plan
    # The figures alone (`lists` False: the dashboard, the API's figures) hold none of the report's texts.
    texts = report_texts(plan) if lists else None
    table = challenge_table(year=year, tally=tally)
    # The dashboard shows the figures only; without `lists` the numbered requisitions, deliverables,
    # advisory examples and seats (the longest part of a busy year) are left empty.
    names = _listed_names(year) if lists else {}
    requisitions = _requisition_rows(year, names) if lists else {}
    deliverables = _deliverable_rows(year, names) if lists else {}
    examples = _advisory_examples(year) if lists else {}
    seats = _steering_rows(year, [row["challenge"] for row in table["rows"]]) if lists else {}
    figures = year_figures(year=year, tally=tally)
    administrations = administration_counts(year=year, tally=tally)
    participants = participants_per_challenge(year=year, tally=tally)
    statuses = tally.deliverables
    satisfaction = survey_figures(year, tally=tally)
    visits = visits_per_challenge(year, tally=tally)

    requesting = sum(1 for row in administrations if row["requisitions"])
    headline = {
        "requisitions": figures["requisitions"],
        "advisories": figures["advisories"],
        "project_visits": figures["project_visits"],
        "good_practice": figures["good_practice"],
        "events": figures["events"],
        "participants": figures["participants"]["actual"],
        "participants_expected": figures["participants"]["expected"],
        "deliverables": figures["deliverables"],
        "deliverables_delivered": figures["deliverables_delivered"],
        "steering_groups": figures["steering_groups"],
        "fte_planned": _fte(plan.total_fte),
        "administrations_requesting": requesting,
        "administrations": len(administrations),
    }
    values = {
        "aar": year, "rekvireringer": headline["requisitions"], "raadgivninger": headline["advisories"],
        "projektbesoeg": headline["project_visits"], "god_praksis": headline["good_practice"],
        "arrangementer": headline["events"], "deltagere": headline["participants"],
        "forventede_deltagere": headline["participants_expected"], "forvaltninger": requesting,
        "aarsvaerk": headline["fte_planned"], "leverancer": headline["deliverables"],
        "leverancer_leveret": headline["deliverables_delivered"], "styregrupper": headline["steering_groups"],
        "besvarelser": satisfaction["headline_answers"], "tilfredse": satisfaction["satisfied"],
    }

    challenges = []
    for row in table["rows"]:
        challenge = row["challenge"]
        challenge_participants = participants.get(challenge.pk, {"actual": 0, "expected": 0, "events": 0})
        challenges.append({
            "id": challenge.pk,
            "number": challenge.number,
            "name": challenge.name,
            "short_label": challenge.short_label,
            "lead_in": fill_placeholders(challenge.lead_in, values),
            "conclusions": [fill_placeholders(line, values) for line in challenge.conclusion_list()],
            "requisition_count": row["requisitions"],
            "advisory_count": row["advisories"],
            "events": challenge_participants["events"],
            "participants": challenge_participants["actual"],
            "participants_expected": challenge_participants["expected"],
            "project_visits": visits.get(challenge.pk, {}).get("visits", 0),
            "good_practice": visits.get(challenge.pk, {}).get("good_practice", 0),
            "deliverable_statuses": [
                {"status": status.value, "label": str(status.label),
                 "count": statuses.get(challenge.pk, {}).get(status.value, 0)} for status in DeliverableStatus],
            "deliverables": deliverables.get(challenge.pk, []),
            "requisitions": requisitions.get(challenge.pk, []),
            "advisory_examples": examples.get(challenge.pk, []),
            "steering_groups": seats.get(challenge.pk, []),
            "steering_group_count": tally.seats.get(challenge.pk, 0),
        })
    return {
        "year": year,
        "title": str(_("Status for TaskForce Integrations arbejde i %(year)s") % {"year": year}),
        "introduction": fill_placeholders(texts.introduction if texts else "", values),
        "closing": fill_placeholders(texts.closing if texts else "", values),
        "purpose": fill_placeholders(plan.purpose, values),
        "target_groups": [fill_placeholders(line, values) for line in plan.target_group_list()],
        "challenges_lead_in": fill_placeholders(texts.challenges_lead_in if texts else "", values),
        "target_groups_lead_in": fill_placeholders(texts.target_groups_lead_in if texts else "", values),
        "appendix": {
            "label": texts.appendix_label if texts else "",
            "date": texts.meeting_date.isoformat() if texts and texts.meeting_date else None,
            "case_number": texts.case_number if texts else "",
            "document_number": texts.document_number if texts else "",
        },
        "headline": headline,
        "table": {"challenges": [{"id": c["id"], "number": c["number"], "short_label": c["short_label"],
                                  "requisitions": c["requisition_count"], "advisories": c["advisory_count"]}
                                 for c in challenges],
                  "requisitions": table["requisitions"], "advisories": table["advisories"]},
        "administrations": administrations,
        "challenges": challenges,
        "steering_groups_without_challenge": seats.get(None, []),
        "steering_groups_without_challenge_count": tally.seats.get(None, 0),
        "satisfaction": satisfaction,
    }
