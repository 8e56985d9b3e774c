"""Rows saved before the forms, the admin and the import refused text that no reader can hold (issue 24, item
1): with such characters in every typed text column of the 2008 demo, every download still answers and its
documents open; and the migrations that clean the rows (core/migration_operations.py) leave none of them, and
the text around them unchanged."""

import io
import json
from types import SimpleNamespace

import docx
import icalendar
import openpyxl
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Concat, Left
from django.urls import reverse
from django.utils import timezone

from api.models import Scope
from api.services import service_token_create
from atlas.models import Actor
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core.migration_operations import remove_unreadable_text
from core.models import Organisation
from core.text import UNREADABLE_RE, without_unreadable
from projects.models import Project, ProjectVisit
from tests.cases.test_calendar import feed_urls
from tests.helpers import login

# The apps whose migrations clean their rows, and the models of theirs that hold the register's own keys,
# never typed by anyone.
CLEANED_APPS = ["core", "cases", "projects", "surveys", "atlas", "reports", "api"]
KEYS = {"ReferenceVersion", "RunLock", "FiguresVersion"}


def pasted() -> str:
    """The characters, as text pasted from Word or a PDF can carry them (PostgreSQL cannot hold NUL)."""
    return (("" if connection.vendor == "postgresql" else "\x00")
            + "\x01\x07\x0b\x1b[31m\x7f\ufdd0\ufffe\uffff\U0001fffe\U0010ffff")


def typed_text_fields():
    for label in CLEANED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__ in KEYS:
                continue
            fields = [field for field in model._meta.concrete_fields
                      if isinstance(field, models.CharField | models.TextField) and field.editable
                      and not field.choices]
            if fields:
                yield model, fields


def spoil() -> dict:
    """Put the characters at the end of every typed text of every row (cut to the column's length), as the
    forms stored them before; return each row's texts as spoiled."""
    text = pasted()
    spoiled = {}
    for model, fields in typed_text_fields():
        model.objects.update(**{
            field.attname: Concat(Left(F(field.attname), field.max_length - len(text)) if field.max_length
                                  else F(field.attname), Value(text), output_field=field)
            for field in fields})
        names = [field.attname for field in fields]
        spoiled[model] = {row["pk"]: row for row in model.objects.values("pk", *names)}
    return spoiled


class TestRowsWithUnreadableText:
    def test_every_download_answers_and_its_documents_open(self, client, demo):
        spoil()
        assert UNREADABLE_RE.search(Actor.objects.first().name)
        manager = get_user_model().objects.get(username="leder")
        login(client, get_user_model().objects.get(username="admin"))
        models_ = {"requisition": Requisition, "advisory": Advisory, "event": Event, "deliverable": Deliverable,
                   "steeringgroupmembership": SteeringGroupMembership}
        workbooks = [(reverse(f"cases:{name}_export") + "?year=2008", model.objects.for_year(2008).count())
                     for name, model in models_.items()]
        workbooks += [(reverse("projects:project_export") + "?year=", Project.objects.count()),
                      (reverse("projects:projectvisit_export") + "?year=", ProjectVisit.objects.count())]
        for url, rows in workbooks:
            response = client.get(url)
            assert response.status_code == 200, url
            sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response))).active
            assert sheet.max_row - 1 == rows > 0, url  # every row, under one row of headings
            texts = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
            assert not any(UNREADABLE_RE.search(cell) for cell in texts), url

        login(client, manager)
        area = Actor.objects.filter(areas__isnull=False).first().areas.first()
        for url in (reverse("reports:report_download", args=[2008, "docx"]),
                    reverse("atlas:area_word", args=[area.pk])):
            response = client.get(url)
            assert response.status_code == 200, url
            paragraphs = docx.Document(io.BytesIO(b"".join(response))).paragraphs
            assert not any(UNREADABLE_RE.search(paragraph.text) for paragraph in paragraphs), url
        response = client.get(reverse("reports:report_download", args=[2008, "xlsx"]))
        assert response.status_code == 200
        openpyxl.load_workbook(io.BytesIO(b"".join(response)))

        for url in (reverse("atlas:areas_geojson"), reverse("atlas:area_geojson", args=[area.pk])):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.json()["type"] == "FeatureCollection"
            assert not UNREADABLE_RE.search(response.content.decode()), url
        _, secret = service_token_create(name="BI", scope=Scope.PERSONAL, days=30)
        for name in ("requisitions", "actors", "organisations"):
            response = client.get(reverse(f"api:{name}"), HTTP_AUTHORIZATION=f"Bearer {secret}")
            assert response.status_code == 200, name
            assert response.json()["results"]
            assert not UNREADABLE_RE.search(json.dumps(response.json(), ensure_ascii=False)), name
            response = client.get(reverse(f"api:{name}") + "?format=csv", HTTP_AUTHORIZATION=f"Bearer {secret}")
            assert response.status_code == 200 and not UNREADABLE_RE.search(response.content.decode()), name

        Event.objects.filter(pk=Event.objects.first().pk).update(date=timezone.localdate())  # in the feed's years
        login(client, get_user_model().objects.get(username="konsulent"))
        feed = client.get(feed_urls(client)["team"])
        assert feed.status_code == 200
        [entry] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
        assert str(entry["summary"]).endswith("[31m") and not UNREADABLE_RE.search(str(entry["summary"]))

    def test_the_migrations_take_the_characters_out_and_leave_the_rest(self, demo):
        spoiled = spoil()
        Organisation.objects.create(name="Projekt Matchning")
        twin = Organisation.objects.create(name="Projekt Matchning\x01")

        for label in CLEANED_APPS:
            remove_unreadable_text(label)(apps, SimpleNamespace(connection=connection))

        for model, rows in spoiled.items():
            if not rows:
                continue
            names = [name for name in next(iter(rows.values())) if name != "pk"]
            for row in model.objects.filter(pk__in=rows).values("pk", *names):
                assert row == {name: without_unreadable(value) if isinstance(value, str) else value
                               for name, value in rows[row["pk"]].items()}, model
        assert sum(len(rows) for rows in spoiled.values()) > 500
        # Cleaned, the twin would be named as the other: its character becomes the replacement character.
        assert Organisation.objects.get(pk=twin.pk).name == "Projekt Matchning\ufffd"
