"""The actor list exported to Excel with the filters applied."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from atlas.kinds import ACTOR
from atlas.models import ActorKind
from tests.factories import ActorFactory, AreaFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db

EXPORT = reverse("atlas:actor_export")


def sheet(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Aktører"]


def test_the_export_holds_the_filtered_rows_with_the_template_headers(client, manager):
    mjolnerparken, tingbjerg = AreaFactory(name="Mjølnerparken"), AreaFactory(name="Tingbjerg")
    ActorFactory(name="Sjakket", kind=ActorKind.PROJECT, areas=[mjolnerparken])
    ActorFactory(name="Somalisk kulturcenter", kind=ActorKind.ASSOCIATION, areas=[tingbjerg])
    ActorFactory(name="Plus17", kind=ActorKind.ASSOCIATION, areas=[mjolnerparken, tingbjerg])
    login(client, manager)
    ws = sheet(client.get(EXPORT, {"kind": ActorKind.ASSOCIATION, "o": "name"}))
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [str(column.header) for column in ACTOR.columns]
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        ("Plus17", "Forening", "Mjølnerparken; Tingbjerg"), ("Somalisk kulturcenter", "Forening", "Tingbjerg")]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:N3"


def test_text_with_formula_triggers_comes_back_as_plain_text(client, manager):
    texts = ["=HYPERLINK(\"http://evil\",\"klik\")", "+45 12 34 56 78", "-rabat", "@SUM(A1)", "\tfane", "#N/A"]
    for number, text in enumerate(texts):
        ActorFactory(name=f"Aktør {number}", activities=text)
    login(client, manager)
    ws = sheet(client.get(EXPORT, {"o": "name"}))
    activities = [row[11] for row in ws.iter_rows(min_row=2)]
    assert [cell.value for cell in activities] == texts
    assert {cell.data_type for cell in activities} == {"s"}


def test_an_invalid_filter_goes_back_to_the_list_with_a_message(client, manager):
    login(client, manager)
    response = client.get(EXPORT, {"kind": "raket"})
    assert response.status_code == 302 and response.url.startswith(reverse("atlas:actor_list"))


def test_the_export_needs_a_login(client):
    assert client.get(EXPORT).status_code == 302


@pytest.mark.parametrize("size", [2, 30])
def test_the_export_reads_the_database_a_fixed_number_of_times(client, manager, size):
    area = AreaFactory()
    for number in range(size):
        ActorFactory(name=f"Aktør {number}", areas=[area, AreaFactory()])
    login(client, manager)
    sheet(client.get(EXPORT))  # warms the reference cache: the count is a user's second export
    with CaptureQueriesContext(connection) as queries:
        assert sheet(client.get(EXPORT)).max_row == size + 1
    # session, user and the reference token (the user's permissions come from the reference cache), then
    # the count, the actors' values, their links to areas and the areas' names (spreadsheets.writing.ValueRows,
    # per chunk of 2,000 rows), and the access log's INSERT (the actors' contacts are personal data)
    assert len(queries) == 8, "\n".join(query["sql"][:100] for query in queries)
