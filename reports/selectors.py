"""Report figures. Each is computed by aggregate queries, so page, dashboard and exports agree."""

from django.db.models import Count

from cases.models import Advisory, Challenge, Requisition


def challenge_table(*, year: int) -> dict:
    """Requisitions and advisories per challenge of the year, with totals (three queries)."""
    requisitions = dict(
        Requisition.objects.for_year(year).order_by().values_list("challenge").annotate(n=Count("id")))
    advisories = dict(
        Advisory.objects.for_year(year).order_by().values_list("challenge").annotate(n=Count("id")))
    rows = [
        {
            "challenge": challenge,
            "requisitions": requisitions.get(challenge.pk, 0),
            "advisories": advisories.get(challenge.pk, 0),
        }
        for challenge in Challenge.objects.filter(work_plan__year=year).select_related("work_plan")
        .order_by("number")
    ]
    return {
        "year": year,
        "rows": rows,
        "requisitions": sum(row["requisitions"] for row in rows),
        "advisories": sum(row["advisories"] for row in rows),
    }
