"""The services' common steps (registrations/services.py): many rows written at once as one would be
alone, with their links, history and the signal for the caches; nothing of a batch with a bad row."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from atlas.models import Actor
from atlas.services import actor_build
from cases.models import Requisition
from cases.services import requisition_create_many
from core.exceptions import RowRejected
from core.signals import bulk_created
from reports.models import FiguresVersion
from spreadsheets import registry
from tests.factories import AreaFactory, ChallengeFactory, ConsultantFactory, OrganisationFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

# Every check constraint of a kind the Excel import writes, and a row that breaks it. The import checks
# many rows without asking the database per row and constraint (registration_fill's `many`): the kind's
# clean() must refuse the same rows, with a Danish message, before the insert does.
BROKEN_BY = {
    ("atlas.actor", "actor_position_complete"): lambda: Actor(name="Sjakket", kind="association",
                                                             latitude=Decimal("55.7"), longitude=None),
}


def imported_models():
    return sorted({importer.model for importer in registry.importers()}, key=lambda m: m._meta.label)


def test_every_check_constraint_of_an_imported_kind_has_a_row_that_breaks_it():
    constraints = {(model._meta.label_lower, constraint.name)
                   for model in imported_models() for constraint in model._meta.constraints}
    assert constraints == set(BROKEN_BY), "name each new constraint and a row that breaks it in BROKEN_BY"


@pytest.mark.parametrize("key", sorted(BROKEN_BY))
def test_clean_refuses_what_the_constraint_forbids(key):
    with pytest.raises(ValidationError) as error:
        BROKEN_BY[key]().clean()
    assert error.value.messages


def test_imported_kinds_have_no_unique_field_the_import_would_not_look_up():
    """Unique values of imported rows are found by the import's duplicate check (one query for the sheet),
    not per row: a unique field of an imported kind is among its importer's duplicate fields."""
    for importer in registry.importers():
        model = importer.model
        unique = {field.name for field in model._meta.concrete_fields if field.unique and not field.primary_key}
        assert unique <= set(importer.duplicate_fields), model


def test_many_rows_are_checked_without_a_query_per_row():
    user, area = ConsultantFactory(), AreaFactory()
    with CaptureQueriesContext(connection) as queries:
        for number in range(20):
            actor_build(user=user, data={"name": f"Aktør {number}", "kind": "association", "areas": [area]},
                        many=True)
    assert len(queries) == 0


def test_many_projects_are_checked_without_a_query_per_row_for_their_unique_name():
    from projects.services import project_build

    user = ConsultantFactory()
    with CaptureQueriesContext(connection) as queries:
        for number in range(20):
            project_build(user=user, data={"name": f"Projekt {number}"}, many=True)
    assert len(queries) == 0


def test_many_requisitions_are_written_with_their_links_history_and_signal():
    user = ConsultantFactory()
    challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    requesters = [OrganisationFactory(), OrganisationFactory()]
    FiguresVersion.objects.create(year=2008, token="før")
    heard = []
    bulk_created.connect(lambda sender, instances, **kwargs: heard.append((sender, len(instances))), weak=False,
                         dispatch_uid="test.heard")
    try:
        rows = [{"challenge": challenge, "title": f"Møde {n}", "requesters": requesters[: n % 2 + 1],
                 "date_received": datetime.date(2008, 3, 1), "consultants": [user]} for n in range(3)]
        made = requisition_create_many(user=user, rows=rows)
    finally:
        bulk_created.disconnect(dispatch_uid="test.heard")

    assert [requisition.title for requisition in made] == ["Møde 0", "Møde 1", "Møde 2"]
    assert [requisition.requesters.count() for requisition in made] == [1, 2, 1]
    assert all(list(requisition.consultants.all()) == [user] for requisition in made)
    history = LogEntry.objects.get_for_objects(Requisition.objects.filter(pk__in=[r.pk for r in made]))
    assert [(entry.action, sorted(entry.changes["requesters"]["objects"])) for entry in history.order_by("pk")] == [
        (LogEntry.Action.CREATE, sorted(str(r) for r in requisition.requesters.all())) for requisition in made]
    assert heard == [(Requisition, 3)]
    # The reports' cache heard it too: the year's token was replaced.
    assert FiguresVersion.objects.get(year=2008).token != "før"


def test_a_bad_row_is_named_and_nothing_of_the_batch_is_written():
    user = ConsultantFactory()
    challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    good = {"challenge": challenge, "title": "Møde", "requesters": [OrganisationFactory()],
            "date_received": datetime.date(2008, 3, 1)}

    with pytest.raises(RowRejected) as rejected:
        requisition_create_many(user=user, rows=[good, {**good, "requesters": []}, good])

    assert rejected.value.index == 1
    assert "requesters" in rejected.value.error.message_dict
    assert Requisition.objects.count() == 0
