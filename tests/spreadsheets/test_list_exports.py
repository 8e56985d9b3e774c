"""Every list exports to Excel with the filters it shows, in a fixed number of queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from atlas.kinds import ACTOR
from cases.kinds import ADVISORY, DELIVERABLE, EVENT, REQUISITION, STEERING_GROUP_MEMBERSHIP
from cases.models import Requisition
from history.models import AccessLog
from jobs.models import Job
from projects.kinds import PROJECT, PROJECT_VISIT
from spreadsheets.cells import LANDSCAPE_WIDTH, print_setup
from tests.factories import (
    ActorFactory,
    AdvisoryFactory,
    ChallengeFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import login, run_jobs

pytestmark = pytest.mark.django_db


def challenge(year):
    return ChallengeFactory(work_plan=WorkPlanFactory(year=year), number=1)


def requisition(year):
    item = RequisitionFactory(challenge=challenge(year), date_received=datetime.date(year, 3, 1))
    item.requesters.set([OrganisationFactory(), OrganisationFactory()])
    return item


def event(year):
    item = EventFactory(challenge=challenge(year), date=datetime.date(year, 5, 1))
    item.organisations.set([OrganisationFactory(), OrganisationFactory()])
    return item


def deliverable(year):
    item = DeliverableFactory(challenge=challenge(year))
    item.replaced_by.set([DeliverableFactory(challenge=item.challenge)])
    return item


# list URL, columns, and a factory making a row of the given year
LISTS = {
    "requisitions": ("cases:requisition", REQUISITION.columns, requisition),
    "advisories": ("cases:advisory", ADVISORY.columns, lambda year: AdvisoryFactory(challenge=challenge(year))),
    "events": ("cases:event", EVENT.columns, event),
    "deliverables": ("cases:deliverable", DELIVERABLE.columns, deliverable),
    "steering groups": ("cases:steeringgroupmembership", STEERING_GROUP_MEMBERSHIP.columns,
                        lambda year: SteeringGroupMembershipFactory(challenge=challenge(year),
                                                                    start=datetime.date(year, 2, 1),
                                                                    end=datetime.date(year, 12, 31))),
    "projects": ("projects:project", PROJECT.columns, lambda year: challenge(year) and ProjectFactory()),
    "project visits": ("projects:projectvisit", PROJECT_VISIT.columns,
                       lambda year: ProjectVisitFactory(challenge=challenge(year), date=datetime.date(year, 6, 1))),
    "actors": ("atlas:actor", ACTOR.columns, lambda year: challenge(year) and ActorFactory()),
}


def exported(client, name, **params):
    response = client.get(reverse(f"{name}_export"), params)
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("kind", LISTS)
def test_the_export_holds_what_the_list_shows(client, manager, kind):
    name, columns, make = LISTS[kind]
    for year in (2008, 2008, 2009):
        make(year)
    login(client, manager)
    shown = client.get(reverse(f"{name}_list")).context["paginator"].count
    rows = exported(client, name)
    assert list(rows[0]) == [str(column.header) for column in columns]
    assert len(rows) - 1 == shown  # the list's default year applies to the export too
    filtered = client.get(reverse(f"{name}_list"), {"year": 2008}).context["paginator"].count
    assert len(exported(client, name, year=2008)) - 1 == filtered


@pytest.mark.parametrize("kind", LISTS)
def test_the_export_reads_the_database_a_fixed_number_of_times(client, manager, kind):
    name, _columns, make = LISTS[kind]
    login(client, manager)
    counts = []
    make(2008)
    for size in (2, 12):
        while len(exported(client, name, year=2008)) - 1 < size:
            make(2008)
        with CaptureQueriesContext(connection) as queries:
            exported(client, name, year=2008)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_requisition_export_names_the_file_and_its_references(client, manager):
    item = requisition(2008)
    login(client, manager)
    response = client.get(reverse("cases:requisition_export"), {"year": 2008})
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="rekvireringer-2008-{today}.xlsx"'
    rows = exported(client, "cases:requisition", year=2008)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Udfordring"] == str(item.challenge)
    assert row["Rekvirenter"] == "; ".join(sorted(o.name for o in item.requesters.all()))
    assert row["Modtaget"] == datetime.datetime(2008, 3, 1)


def test_exports_need_the_right_to_see_the_list(client):
    assert client.get(reverse("cases:requisition_export")).status_code == 302


def test_exporting_a_list_with_personal_data_is_in_the_access_log(client, manager):
    requisition(2008)
    requisition(2008)
    deliverable(2008)
    login(client, manager)
    exported(client, "cases:requisition", year=2008, q="")
    exported(client, "cases:deliverable", year=2008)
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.count, entry.object_id) == (manager, "export", 2, None)
    assert entry.content_type.model == "requisition" and entry.detail == "year=2008&q="


@pytest.mark.parametrize("kind", LISTS)
def test_a_long_list_is_exported_by_a_worker_with_the_same_rows(client, manager, kind, settings):
    """Over EXPORT_BACKGROUND_ROWS rows the export is a job: its page, then the same file to fetch."""
    name, _columns, make = LISTS[kind]
    for _ in range(3):
        make(2008)
    login(client, manager)
    direct = exported(client, name, year=2008)
    disposition = client.get(reverse(f"{name}_export"), {"year": 2008})["Content-Disposition"]
    settings.EXPORT_BACKGROUND_ROWS = 2
    started = client.get(reverse(f"{name}_export"), {"year": 2008})
    job = Job.objects.get()
    assert started.status_code == 302 and started.url == reverse("jobs:detail", args=[job.pk])
    assert run_jobs() == 1
    page = client.get(started.url).content.decode()
    assert f"{len(direct) - 1} rækker er skrevet til Excel." in page
    filename = disposition.split('"')[1]
    assert f"Hent {filename}" in page
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert download["Content-Disposition"] == disposition
    rows = list(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows(values_only=True))
    assert rows == direct
    assert filename in client.get(reverse("jobs:list")).content.decode()


def test_a_long_export_by_a_worker_is_in_the_access_log_as_its_user(client, manager, settings):
    for _ in range(3):
        requisition(2008)
    settings.EXPORT_BACKGROUND_ROWS = 2
    login(client, manager)
    client.get(reverse("cases:requisition_export"), {"year": 2008})
    run_jobs()
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.count, entry.detail) == (manager, "export", 3, "year=2008")


@pytest.mark.parametrize(("query", "name"), [
    ({"year": 2008}, "rekvireringer-2008"), ({"year": ""}, "rekvireringer-alle-aar"),
    ({"year": 2008, "status": "received", "o": "-title"}, "rekvireringer-2008-filtreret"),
    ({"year": 2008, "q": "tryghed"}, "rekvireringer-2008-filtreret")])
def test_the_file_is_named_after_the_list_its_filters_and_the_day(client, manager, query, name):
    requisition(2008)
    login(client, manager)
    response = client.get(reverse("cases:requisition_export"), query)
    assert response["Content-Disposition"] == (
        f'attachment; filename="{name}-{timezone.localdate().isoformat()}.xlsx"')


def test_a_list_export_prints_on_a4_with_its_headers_on_every_page(client, manager):
    """Sized by its content, as few pages wide as read well, the header row repeated, the title in the page
    header and the page number in the footer: a list prints as a list, not as columns cut across pages."""
    item = requisition(2008)
    Requisition.objects.filter(pk=item.pk).update(title="Opsøgende ungeindsats i Tingbjerg og Husum, 2008")
    login(client, manager)
    response = client.get(reverse("cases:requisition_export"), {"year": 2008})
    sheet = load_workbook(io.BytesIO(b"".join(response))).active

    widths = {sheet.cell(1, column).value: sheet.column_dimensions[get_column_letter(column)].width
              for column in range(1, sheet.max_column + 1)}
    assert widths["Titel"] >= len("Opsøgende ungeindsats i Tingbjerg og Husum, 2008")
    assert min(widths.values()) >= 8 and max(widths.values()) <= 50
    setup = sheet.page_setup
    # Seventeen columns print at a readable size two landscape pages wide, the title column on each.
    assert LANDSCAPE_WIDTH < sum(widths.values()) <= 2 * LANDSCAPE_WIDTH
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        int(sheet.PAPERSIZE_A4), "landscape", 2, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.print_title_rows, sheet.print_title_cols) == ("$1:$1", "$A:$A")
    assert sheet.print_area == f"'{sheet.title}'!$A$1:${get_column_letter(sheet.max_column)}$2"
    assert sheet.oddHeader.center.text == "Rekvireringer"
    assert sheet.oddFooter.center.text == "Side &P af &N"


@pytest.mark.parametrize(("widths", "orientation", "pages_wide"), [
    ([30, 20, 40], "portrait", 1), ([60, 60, 60], "landscape", 1), ([50] * 9, "landscape", 3)])
def test_a_sheet_prints_portrait_landscape_or_several_pages_wide_by_its_width(widths, orientation, pages_wide):
    sheet = Workbook(write_only=True).create_sheet("Liste")
    print_setup(sheet, title="Liste & mere", widths=widths, rows=5)
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == (orientation, pages_wide)
    assert sheet.print_title_cols == ("$A:$A" if pages_wide > 1 else None)
    assert sheet.oddHeader.center.text == "Liste && mere"
