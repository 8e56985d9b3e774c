"""Background jobs (django-tasks with its database backend): an import confirmed as a job, its page and
"Mine filer"; a job whose work fails shows the error; a job delivered twice runs once; a worker killed in
the middle of an import leaves no rows, and its job's page says it stopped."""

import io
import os
import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cases.kinds import REQUISITION
from cases.models import Requisition
from jobs.models import Job
from reports.caching import figures_changed
from spreadsheets.models import ImportBatch
from spreadsheets.tasks import import_confirm
from tests.factories import AdministrationFactory, ChallengeFactory, ConsultantFactory, WorkPlanFactory
from tests.helpers import login, messages_of, run_jobs
from tests.spreadsheets.workbooks import sheet_of
from tests.workers import db_workers, wait_for_tasks


def requisition_sheet(rows: int) -> bytes:
    ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    AdministrationFactory(name="Beskæftigelses- og Integrationsforvaltningen", short_name="BIF")
    return sheet_of(REQUISITION.columns, [{"title": f"Temamøde {n}", "challenge": "1", "requesters": "BIF",
                                           "date_received": "15.01.2008"} for n in range(rows)],
                    title="Rekvireringer")


def upload(client, data: bytes) -> str:
    response = client.post(reverse("spreadsheets:upload", args=["rekvireringer"]),
                           {"file": SimpleUploadedFile("rekvireringer.xlsx", data)})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response.url


def test_a_confirmed_import_waits_for_the_worker_then_leads_to_the_list_and_stays_in_my_files(client, consultant):
    data = requisition_sheet(3)
    login(client, consultant)
    confirmed = client.post(upload(client, data))
    job = Job.objects.get()
    assert confirmed.url == reverse("jobs:detail", args=[job.pk])
    waiting = client.get(confirmed.url)
    page = waiting.content.decode()
    assert "Import af »rekvireringer.xlsx« (rekvireringer)" in page and "Venter" in page
    assert '<meta http-equiv="refresh" content="2">' in page  # without JavaScript the page reloads itself
    assert client.get(reverse("jobs:status", args=[job.pk])).json() == {
        "status": "waiting", "label": "Venter", "finished": False, "step": "", "done": 0, "total": 0, "percent": None}
    assert Requisition.objects.count() == 0

    assert run_jobs() == 1

    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["status"], status["finished"], status["done"], status["total"], status["percent"]) == (
        "done", True, 3, 3, 100)
    done = client.get(confirmed.url)
    assert done.url == reverse("cases:requisition_list")
    assert messages_of(done) == ["3 rekvireringer er importeret fra »rekvireringer.xlsx«."]
    assert Requisition.objects.count() == 3
    mine = client.get(reverse("jobs:list")).content.decode()
    assert "Import af »rekvireringer.xlsx« (rekvireringer)" in mine and "Færdig" in mine
    # Another user's job is not theirs to see.
    login(client, ConsultantFactory())
    assert client.get(confirmed.url).status_code == 404
    assert "rekvireringer.xlsx" not in client.get(reverse("jobs:list")).content.decode()


def test_a_job_that_fails_shows_its_error_in_danish_and_the_way_back(client, consultant):
    login(client, consultant)
    preview = upload(client, requisition_sheet(2))
    ImportBatch.objects.update(content=b"not a workbook any more")
    confirmed = client.post(preview)
    run_jobs()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    page = client.get(confirmed.url).content.decode()
    assert "Det lykkedes ikke" in page
    assert "Filen er ikke en gyldig Excel-fil (.xlsx). Den kan være beskadiget." in page
    assert f'href="{preview}"' in page
    assert "refresh" not in page
    assert Requisition.objects.count() == 0


def test_a_job_put_on_the_queue_twice_runs_once(client, consultant):
    login(client, consultant)
    client.post(upload(client, requisition_sheet(4)))
    job = Job.objects.get()
    batch = ImportBatch.objects.get()
    # The same job delivered again (a queue that delivers at least once, or a second enqueue).
    import_confirm.enqueue(job_id=str(job.pk), kind="rekvireringer", batch_id=batch.pk, create={})
    assert run_jobs() == 2
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert Requisition.objects.count() == 4
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_job_twice_import_its_rows_once(client, consultant):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: the embedded default runs one worker (README, Background jobs)")
    login(client, consultant)
    client.post(upload(client, requisition_sheet(300)))
    job = Job.objects.get()
    import_confirm.enqueue(job_id=str(job.pk), kind="rekvireringer", batch_id=ImportBatch.objects.get().pk,
                           create={})
    with db_workers(2):
        runs = wait_for_tasks(2)
    assert sorted(status for status, _ in runs) == ["SUCCESSFUL", "SUCCESSFUL"]
    assert Requisition.objects.count() == 300
    assert Job.objects.get().status == Job.Status.DONE


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_an_import_leaves_no_rows(client, consultant, settings):
    """The worker is killed (SIGKILL: no chance to clean up) while the import runs; its transaction is
    rolled back by the database. The job's page says it stopped once the worker has been silent
    JOBS_STALE_SECONDS; confirmed again, the file imports every row once."""
    login(client, consultant)
    preview = upload(client, requisition_sheet(2000))
    confirmed = client.post(preview)
    with db_workers(1) as (worker,):
        for _ in range(600):
            job = Job.objects.get()
            # On PostgreSQL the job's progress is seen from inside its transaction: kill it while it saves.
            # On SQLite (one writer) the step is not seen until the end: kill it a moment after it starts.
            if job.step == "Gemmer rækkerne" or (job.status == Job.Status.RUNNING and job.done == 0
                                                  and job.step == "" and _running_for(job) > 1.0):
                break
            assert job.status in (Job.Status.WAITING, Job.Status.RUNNING), job.message
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    assert Requisition.objects.count() == 0
    assert ImportBatch.objects.get().imported_at is None
    job = Job.objects.get()
    assert job.status == Job.Status.RUNNING
    settings.JOBS_STALE_SECONDS = 0
    Job.objects.update(heartbeat_at=job.heartbeat_at.replace(year=2000))
    page = client.get(confirmed.url).content.decode()
    assert "Arbejdet stoppede undervejs" in page and "intet af det er gemt" in page
    assert "Afbrudt" in client.get(reverse("jobs:list")).content.decode()

    again = client.post(preview)
    with db_workers(1):
        for _ in range(1200):
            if Job.objects.get(pk=again.url.split("/")[-2]).finished:
                break
            time.sleep(0.1)
    assert Requisition.objects.count() == 2000


def _running_for(job) -> float:
    from django.utils import timezone

    return (timezone.now() - job.started_at).total_seconds() if job.started_at else 0.0


@pytest.mark.parametrize(("fmt", "name"), [("docx", "statusrapport-2008.docx"), ("xlsx", "statusrapport-2008.xlsx")])
def test_the_report_of_a_large_year_is_made_by_a_worker_and_equals_the_direct_download(client, manager, settings,
                                                                                      fmt, name):
    from tests.factories import RequisitionFactory

    challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    for number in range(3):
        RequisitionFactory(challenge=challenge, title=f"Temamøde {number}")
    login(client, manager)
    url = reverse("reports:report_download", args=[2008, fmt])
    settings.REPORT_BACKGROUND_ROWS = 2
    started = client.get(url)
    job = Job.objects.get()
    assert started.url == reverse("jobs:detail", args=[job.pk])
    assert job.title == f"Statusrapport 2008 ({'Word' if fmt == 'docx' else 'Excel'})"
    run_jobs()
    page = client.get(started.url).content.decode()
    assert f"Hent {name}" in page
    made = client.get(reverse("jobs:file", args=[job.pk]))
    assert made["Content-Disposition"] == f'attachment; filename="{name}"'

    # The finished year's file is kept while its figures stand: the next download is the file itself.
    again = client.get(url)
    assert again.status_code == 200 and Job.objects.count() == 1
    assert again.content == made.content
    # Made afresh in the request (the worker's file was not simply handed back): the same words.
    figures_changed([2008])
    settings.REPORT_BACKGROUND_ROWS = 2000
    direct = client.get(url)
    assert made["Content-Type"] == direct["Content-Type"]
    assert _texts(made.content, fmt) == _texts(direct.content, fmt)

    # A change to the year's figures: the next download of the large year goes to a worker again.
    settings.REPORT_BACKGROUND_ROWS = 2
    RequisitionFactory(challenge=challenge, title="Temamøde 3")
    assert client.get(url).url == reverse("jobs:detail", args=[Job.objects.latest("created_at").pk])
    assert Job.objects.count() == 2


def _texts(content: bytes, fmt: str) -> list[str]:
    """What the file says (a document's XML holds the moment it was saved, so bytes differ)."""
    import io

    if fmt == "docx":
        from docx import Document

        return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]
    from openpyxl import load_workbook

    return [str(row) for sheet in load_workbook(io.BytesIO(content)).worksheets
            for row in sheet.iter_rows(values_only=True)]


def test_the_preview_of_a_large_sheet_is_made_by_a_worker_and_kept_for_its_page(client, administrator, settings):
    settings.PREVIEW_BACKGROUND_ROWS = 3
    data = sheet_of(REQUISITION.columns, [
        {"title": f"Temamøde {n}", "challenge": "1", "requesters": "Nyt Sted" if n == 2 else "BIF",
         "date_received": "15.01.2008" if n != 4 else "31.02.2008"} for n in range(6)], title="Rekvireringer")
    ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    AdministrationFactory(name="Beskæftigelses- og Integrationsforvaltningen", short_name="BIF")
    login(client, administrator)
    preview_url = upload(client, data)
    started = client.get(preview_url)
    job = Job.objects.get()
    assert started.url == reverse("jobs:detail", args=[job.pk])
    assert job.title == "Forhåndsvisning af »rekvireringer.xlsx« (rekvireringer)"
    run_jobs()
    assert client.get(started.url).url == preview_url  # done: on to the preview
    page = client.get(preview_url)
    assert page.context["row_count"] == 5  # the rows without an error (one names an unknown requester)
    assert [(error.row, error.column) for error in page.context["preview"].errors] == [(6, "Modtaget")]
    assert [(item["name"], item["rows"]) for item in page.context["unknown"]] == [("Nyt Sted", [4])]
    assert [row["number"] for row in page.context["sample"]] == [2, 3, 4, 5, 7]
    assert Job.objects.count() == 1  # the kept preview is shown again, not made again

    # Choosing to create the unknown requester asks for a new preview, made by the worker too.
    again = client.post(preview_url, {"create-organisations": ["Nyt Sted"], "preview": "1"})
    assert again.status_code == 302 and Job.objects.count() == 2
    run_jobs()
    page = client.get(preview_url)
    assert page.context["unknown"] == [] and page.context["chosen"] == [{"key": "organisations", "name": "Nyt Sted"}]
    assert 'name="create-organisations" value="Nyt Sted"' in page.content.decode()


def test_jobs_and_their_files_are_deleted_after_a_day(consultant, settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    old = Job.objects.create(user=consultant, title="Gammel eksport", status=Job.Status.DONE, filename="a.xlsx",
                             content=b"personal data", created_at=timezone.now() - datetime.timedelta(hours=25))
    new = Job.objects.create(user=consultant, title="Ny eksport", status=Job.Status.DONE, filename="b.xlsx",
                             content=b"x")
    out = io.StringIO()
    call_command("purge_jobs", stdout=out)
    assert "1 job ældre end 24 timer er slettet" in out.getvalue()
    assert list(Job.objects.values_list("pk", flat=True)) == [new.pk]
    assert not Job.objects.filter(pk=old.pk).exists()
