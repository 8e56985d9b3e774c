"""Fill the load test's database and write what the load generator needs to know about it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_load .venv/bin/python bench/load/prepare.py \
        --data /tmp/tfi-load.json [--rows 100000] [--reuse]

Empties the database named by DATABASE_URL (PostgreSQL only) and fills it with the synthetic data of
bench/synthetic.py: --rows registrations over the ten years ending with the current year, so that the
consultants' new registrations land in a year with a work plan, as they would. With --reuse it leaves
the data as it is. Then it writes, as JSON, the users (with their password), the years, and the ids
the forms need: the current year's challenges, the organisations and the areas.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL database of its own: it is emptied and filled.")

import synthetic  # noqa: E402  (sets Django up)
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from core import roles  # noqa: E402
from core.models import Area, Challenge, Organisation, WorkPlan  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="where to write the JSON for the locustfile")
    parser.add_argument("--rows", type=int, default=100_000, help="registrations in all (default 100000)")
    parser.add_argument("--years", type=int, default=10, help="years, ending with the current one (default 10)")
    parser.add_argument("--reuse", action="store_true", help="keep the data already in the database")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    this_year = timezone.localdate().year
    if not args.reuse:
        start = time.perf_counter()
        synthetic.empty_database()
        synthetic.fill(years=list(range(this_year - args.years + 1, this_year + 1)), rows=args.rows)
        synthetic.analyse()
        print(f"filled in {time.perf_counter() - start:.0f} s: {synthetic.counts()}", flush=True)
    users = get_user_model().objects.filter(username__startswith="bench")
    data = {
        "password": synthetic.PASSWORD,
        "consultants": list(users.filter(groups__name=roles.CONSULTANT).order_by("username")
                            .values("username", "id")),
        "managers": list(users.filter(username__startswith="bench-leder").order_by("username")
                         .values_list("username", flat=True)),
        "years": list(WorkPlan.objects.order_by("year").values_list("year", flat=True)),
        "current_year": this_year,
        "challenges": list(Challenge.objects.filter(work_plan__year=this_year).values_list("id", flat=True)),
        "organisations": list(Organisation.objects.order_by("id").values_list("id", flat=True)),
        "organisation_names": list(Organisation.objects.order_by("id").values_list("name", flat=True)),
        "areas": list(Area.objects.order_by("id").values_list("id", flat=True)),
    }
    if not data["consultants"] or this_year not in data["years"]:
        sys.exit("The database holds no synthetic data for this year: run without --reuse.")
    Path(args.data).write_text(json.dumps(data, indent=1))
    print(f"wrote {args.data}: {len(data['consultants'])} consultants, {len(data['managers'])} managers, "
          f"years {data['years'][0]}-{data['years'][-1]}")


if __name__ == "__main__":
    main()
