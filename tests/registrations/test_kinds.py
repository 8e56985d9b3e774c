"""One declaration per kind of registration (registrations/kinds.py): every model field is placed or
deliberately excluded, and the form, its layout, the service, the sheets and the report's workbook all
take the fields from the declaration."""

import pytest
from crispy_forms.layout import LayoutObject
from django.urls import get_resolver

from atlas.forms import ActorForm
from atlas.kinds import ACTOR
from cases.forms import AdvisoryForm, DeliverableForm, EventForm, RequisitionForm, SteeringGroupMembershipForm
from cases.kinds import ADVISORY, DELIVERABLE, EVENT, REQUISITION, STEERING_GROUP_MEMBERSHIP
from projects.forms import ProjectForm, ProjectVisitForm
from projects.kinds import PROJECT, PROJECT_VISIT
from registrations.kinds import Field, Kind
from registrations.views import ObjectExportView
from reports.selectors.rows import NUMBERED, SHEETS, kind_sheet, year_rows
from spreadsheets import registry

FORMS = {REQUISITION: RequisitionForm, ADVISORY: AdvisoryForm, EVENT: EventForm, DELIVERABLE: DeliverableForm,
         STEERING_GROUP_MEMBERSHIP: SteeringGroupMembershipForm, PROJECT: ProjectForm, PROJECT_VISIT: ProjectVisitForm,
         ACTOR: ActorForm}
KINDS = list(FORMS)
ids = [kind.model.__name__ for kind in KINDS]


def layout_names(layout) -> set[str]:
    """The field names a crispy layout shows, however deeply nested."""
    names = set()
    for item in layout.fields:
        if isinstance(item, str):
            names.add(item)
        elif isinstance(item, LayoutObject):
            names |= layout_names(item)
    return names


@pytest.mark.parametrize("kind", KINDS, ids=ids)
def test_every_model_field_is_placed_or_excluded_with_a_reason(kind):
    assert kind.placed_nowhere() == [], (
        f"{kind.model.__name__}: declare these fields in its kind, or name them in `unplaced` with a reason")
    assert kind.unknown() == []
    assert all(reason.strip() for reason in kind.unplaced.values())


def test_a_field_added_to_a_model_fails_until_it_is_placed():
    """As the check above would meet a new field: the declaration without one of its fields names it."""
    without_hours = Kind(model=REQUISITION.model, fields=tuple(f for f in REQUISITION.fields if f.name != "hours"),
                         unplaced=REQUISITION.unplaced)
    assert without_hours.placed_nowhere() == ["hours"]
    with pytest.raises(ValueError, match="hours"):
        Kind(model=REQUISITION.model, fields=(*REQUISITION.fields, Field("hours")), unplaced={})


@pytest.mark.parametrize("kind", KINDS, ids=ids)
def test_the_form_offers_the_declared_fields_and_its_layout_shows_each(kind):
    form = FORMS[kind]
    assert list(form._meta.fields) == kind.form_fields
    assert set(kind.form_fields) <= layout_names(form.layout), "a form field its layout does not show"


@pytest.mark.parametrize("kind", KINDS, ids=ids)
def test_the_service_writes_every_field_the_form_offers(kind):
    assert set(kind.service_fields) | set(kind.service_m2m) == set(kind.form_fields)
    assert not set(kind.service_fields) & set(kind.service_m2m)


def test_the_imports_and_the_list_exports_have_their_kinds_columns():
    assert get_resolver().url_patterns  # every view is imported with the URLs
    by_model = {kind.model: kind for kind in KINDS}
    for importer in registry.importers():
        assert importer.columns == by_model[importer.model].columns, importer.slug
    exports = [view for view in _subclasses(ObjectExportView) if getattr(view, "model", None) in by_model]
    assert {view.model for view in exports} == set(by_model)
    for view in exports:
        assert view.columns == by_model[view.model].columns, view.__name__


@pytest.mark.django_db
def test_the_reports_sheets_show_the_kinds_report_fields():
    for key, kind in SHEETS.items():
        sheet = kind_sheet(kind, year_rows(key, 1900), numbered=key in NUMBERED)
        keys = [column["key"] for column in sheet["columns"]]
        assert keys[0] == ("number" if key in NUMBERED else "id")
        for declared in kind.report_fields:
            assert declared.name in keys or f"{declared.name}__number" in keys, (key, declared.name)
        hidden = [declared.name for declared in kind.fields if not declared.report]
        assert not set(hidden) & set(keys), key
    # Contact persons are personal data: no report shows them.
    assert not any(column["key"].startswith("contact_")
                   for key, kind in SHEETS.items() for column in kind_sheet(kind, year_rows(key, 1900))["columns"])


def _subclasses(cls) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
