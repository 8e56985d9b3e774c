"""One person's data found, exported and erased (GDPR art. 15 and 17), and the record of processing (art. 30),
on the 2008 demo, whose requesters' contact persons are named in registrations, sent questionnaires and the
change history."""

import json
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.db import connection, models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Advisory, Requisition
from history.models import AccessAction, AccessLog
from history.registry import PERSONAL_DATA_FIELDS
from reports.selectors.report import status_report
from retention.selectors import person_search
from surveys.models import Invitation
from tests.factories import AdministratorFactory, ConsultantFactory, ManagerFactory
from tests.helpers import login, messages_of

SEARCH = reverse("retention:person_search")
REASON = "Anmodning om sletning modtaget 3.12.2026, sag 2026-12345"


def rows_naming(text: str) -> dict[str, int]:
    """Every row of every table whose text (a char, text or JSON column, JSON read as its text) holds `text`."""
    found = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        match = Q()
        annotations = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                match |= Q(**{f"{field.attname}__icontains": text})
            elif isinstance(field, models.JSONField):
                annotations[f"text_{field.attname}"] = Cast(field.attname, TextField())
                match |= Q(**{f"text_{field.attname}__icontains": text})
        if match:
            count = model._default_manager.annotate(**annotations).filter(match).count()
            if count:
                found[model._meta.label] = count
    return found


def figures_2008():
    report = status_report(year=2008)
    return report["headline"], report["table"], report["satisfaction"]["answered"]


class TestOnePersonsData:
    def test_a_surname_finds_every_registration_questionnaire_and_history_row_naming_them(self, client, demo):
        admin = AdministratorFactory()
        response = login(client, admin).get(SEARCH, {"q": "Hansen"})

        assert response.status_code == 200
        hits = response.context["hits"]
        kinds = {(hit.source, hit.kind) for hit in hits}
        assert {("registration", "rekvirering"), ("registration", "rådgivning"),
                ("registration", "udsendt spørgeskema"), ("history", "rekvirering"),
                ("history", "rådgivning")} <= kinds
        # Every registration holding the name is among the hits, and only those.
        expected = {f"cases.requisition:{pk}" for pk in
                    Requisition.objects.filter(contact_name__contains="Hansen").values_list("pk", flat=True)}
        expected |= {f"cases.advisory:{pk}" for pk in
                     Advisory.objects.filter(contact_name__contains="Hansen").values_list("pk", flat=True)}
        expected |= {f"surveys.invitation:{pk}" for pk in
                     Invitation.objects.filter(contact_name__contains="Hansen").values_list("pk", flat=True)}
        assert len(expected) >= 6
        assert {hit.key for hit in hits if hit.source == "registration"} == expected
        assert "Anne Hansen" in response.content.decode()
        # The search is in the access log, with what was searched.
        entry = AccessLog.objects.get(action=AccessAction.SEARCH)
        assert (entry.user, entry.detail, entry.count) == (admin, "Hansen", len(hits))

    def test_the_words_match_in_any_order_and_a_telephone_number_by_its_digits(self, demo):
        keys = {hit.key for hit in person_search(query="Anne Hansen")}

        assert keys == {hit.key for hit in person_search(query="Hansen, Anne")}
        requisition = Requisition.objects.exclude(contact_phone="").first()
        digits = requisition.contact_phone.replace(" ", "")
        assert f"cases.requisition:{requisition.pk}" in {hit.key for hit in person_search(query=digits)}
        assert person_search(query="a") == []

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram matching is PostgreSQL's (pg_trgm)")
    def test_a_misspelt_name_is_found_by_its_trigrams(self, demo):
        names = {hit.values.get("kontaktperson") for hit in person_search(query="Kristensen")}
        assert "Karen Christensen" in names
        assert "Jens Rasmussen" in {hit.values.get("kontaktperson") for hit in person_search(query="Rasmusen")}
        # A different name of the same ending is not the person.
        assert "Hanne Jensen" not in {hit.values.get("kontaktperson") for hit in person_search(query="Hansen")}

    def test_the_excel_and_json_exports_hold_every_hit_and_are_logged(self, client, demo):
        login(client, AdministratorFactory())
        hits = person_search(query="Hansen")

        response = client.get(reverse("retention:person_xlsx"), {"q": "Hansen"})
        assert response.status_code == 200
        assert 'filename="personoplysninger-hansen-' in response["Content-Disposition"]
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert [row[3] for row in rows] == [hit.key for hit in hits]
        assert any("Anne Hansen" in (row[5] or "") for row in rows)

        response = client.get(reverse("retention:person_json"), {"q": "Hansen"})
        data = json.loads(response.content)
        assert data["søgning"] == "Hansen"
        # Now the Excel export's access-log row names the person too.
        excel = AccessLog.objects.filter(action=AccessAction.EXPORT).order_by("pk").first()
        assert [row["id"] for row in data["fund"]] == [hit.key for hit in hits] + [f"access:{excel.pk}"]
        assert AccessLog.objects.filter(action=AccessAction.EXPORT, detail="Hansen").count() == 2

    def test_erasing_leaves_no_trace_of_the_name_and_the_2008_figures_as_they_were(self, client, demo):
        before = figures_2008()
        login(client, AdministratorFactory())
        client.get(SEARCH, {"q": "Anne Hansen"})  # logged, with the name
        assert rows_naming("Anne Hansen")
        keys = [hit.key for hit in person_search(query="Anne Hansen")]

        response = client.post(SEARCH, {"q": "Anne Hansen", "keys": keys, "reason": REASON})

        assert response.status_code == 302 and response["Location"] == SEARCH
        assert messages_of(response)[0].startswith("Slettet: kontaktoplysningerne på")
        assert rows_naming("Anne Hansen") == {}
        assert rows_naming("anne.hansen@example.org") == {}
        assert figures_2008() == before
        # Why, and by whom, is in the history and the access log; the person is not.
        requisition = Requisition.objects.get(pk=next(key for key in keys if key.startswith("cases.requisition:"))
                                              .split(":")[1])
        assert requisition.contact_name == "" and requisition.anonymised_at is not None
        last = LogEntry.objects.get_for_object(requisition).order_by("-pk").first()
        assert last.additional_data == {"reason": REASON}
        assert last.changes["contact_name"] == ["[anonymiseret]", ""]
        erased = AccessLog.objects.get(action=AccessAction.ERASE, object_id=requisition.pk,
                                       content_type__model="requisition")
        assert erased.detail == REASON
        assert AccessLog.objects.filter(action=AccessAction.SEARCH, detail__contains="[anonymiseret]").exists()

    def test_an_erasure_without_a_reason_or_naming_the_person_changes_nothing(self, client, demo):
        login(client, AdministratorFactory())
        keys = [hit.key for hit in person_search(query="Anne Hansen")]
        named = rows_naming("Anne Hansen")

        response = client.post(SEARCH, {"q": "Anne Hansen", "keys": keys, "reason": ""})
        assert response.status_code == 400
        assert "Skriv, hvorfor oplysningerne slettes." in response.content.decode()

        response = client.post(SEARCH, {"q": "Anne Hansen", "keys": keys, "reason": "Anne Hansen bad om det"})
        assert response.status_code == 400
        assert "Begrundelsen må ikke nævne personen" in response.content.decode()

        response = client.post(SEARCH, {"q": "Anne Hansen", "reason": REASON})
        assert response.status_code == 400
        assert "Vælg mindst ét fund at slette." in response.content.decode()
        assert rows_naming("Anne Hansen") == named
        assert not AccessLog.objects.filter(action=AccessAction.ERASE).exists()

    def test_only_the_administrator_may_search(self, client, demo):
        for user in (ConsultantFactory(), ManagerFactory()):
            assert login(client, user).get(SEARCH, {"q": "Hansen"}).status_code == 403
        assert not AccessLog.objects.filter(action=AccessAction.SEARCH).exists()


class TestRecordOfProcessing:
    def test_every_category_of_personal_data_with_its_fields_purpose_retention_and_readers(self, client, settings,
                                                                                            db):
        settings.PERSONAL_DATA_RETENTION_YEARS = 5
        login(client, AdministratorFactory())

        response = client.get(reverse("retention:processing_record"))

        assert response.status_code == 200
        rows = response.context["rows"]
        for entry in PERSONAL_DATA_FIELDS:
            model = apps.get_model(entry.model)
            row = next(row for row in rows if row.where == str(model._meta.verbose_name_plural).capitalize())
            assert row.fields == [str(model._meta.get_field(name).verbose_name) for name in entry.fields]
            assert row.purpose == str(entry.purpose)
            assert "Administrator" in row.readers
        requisitions = next(row for row in rows if row.where == "Rekvireringer")
        assert requisitions.retention.startswith("5 år efter at arbejdet er afsluttet")
        assert requisitions.readers == ["Konsulent", "Ledelse", "Administrator"]
        assert any(row.where == "Ændringshistorik" for row in rows)
        assert any(row.where == "Adgangslog" for row in rows)

        response = client.get(reverse("retention:processing_record_xlsx"))
        sheet = load_workbook(BytesIO(response.content)).active
        assert sheet.cell(row=1, column=1).value == "Kategori"
        assert sheet.max_row == len(rows) + 1
        assert sheet.cell(row=2, column=1).value == rows[0].category


class TestQueries:
    def test_the_search_takes_a_fixed_number_of_queries_however_many_it_finds(self, client, django_assert_num_queries,
                                                                              demo):
        login(client, AdministratorFactory())
        client.get(SEARCH, {"q": "Anne"})  # the session, the user and the reference cache, once
        # The session and the user, the roles, five kinds of registration, the history, the access log, and the
        # search written to it.
        with django_assert_num_queries(11):
            few = client.get(SEARCH, {"q": "Anne Hansen"})
        with django_assert_num_queries(11):
            many = client.get(SEARCH, {"q": "example.org"})
        assert len(few.context["hits"]) < len(many.context["hits"])
