"""Writes that every kind of registration shares, used by each register's services: setting a row's
fields from a form's or a sheet's data and checking it with the model's rules, saving one with its
many-to-many links, and inserting many at once (the Excel import) with their links, their history
rows and the signal that tells the caches kept over the registrations."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models

from core.exceptions import RowRejected
from core.signals import bulk_created
from history.services import record_created


def known_fields(data: dict, *groups: Iterable[str]) -> dict:
    """A new row's `data`, refusing a key that is no field of the kind (a caller's typing error would
    else be lost). An update's data may hold more (a form's version) and is read by field."""
    allowed = {name for group in groups for name in group}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(unknown)}")
    return data


def registration_fill(instance: models.Model, data: dict, *, fields: Iterable[str], many: bool = False) -> models.Model:
    """Set the fields named in `data` (of those given) and check the row with the model's rules
    (full_clean: each field, clean(), unique fields and constraints).

    `many`: one of many rows checked at once (the Excel import). Django's full_clean asks the database once
    per row for each related object (does it exist?) and each constraint: 40,000 queries for 10,000 rows.
    So a related object given as a saved instance (the import loads them once for the whole sheet) is not
    asked for again, and constraints are not asked row by row: what a registration's check constraints
    forbid, its clean() refuses first with a Danish message (tests/registrations/test_services.py holds
    every kind to that), nor unique fields (a project's name): the importer's duplicate check finds those
    for the whole sheet with one query; and the insert, all or nothing, is where the database holds every
    row to its keys and constraints."""
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])
    if not many:
        instance.full_clean()
        return instance
    # A related object set as an instance is held by the field (is_cached), so reading it costs no query.
    loaded = [field.name for field in instance._meta.concrete_fields if field.many_to_one
              and field.is_cached(instance) and getattr(field.get_cached_value(instance), "pk", None) is not None]
    instance.full_clean(exclude=loaded, validate_unique=False, validate_constraints=False)
    return instance


def registration_save(instance: models.Model, data: dict, *, fields: Iterable[str],
                      m2m: Iterable[str] = ()) -> models.Model:
    """Set and check the fields (registration_fill), save the row, then replace the many-to-many sets
    named in `data`."""
    registration_fill(instance, data, fields=fields)
    instance.save()
    for field in m2m:
        if field in data:
            getattr(instance, field).set(list(data[field]))
    return instance


def registrations_build(rows: list[dict], build: Callable[..., tuple[models.Model, dict]], *,
                        user) -> list[tuple]:
    """The kind's `build(user=, data=, many=True)` for each row (see registration_fill): the unsaved,
    checked instance and its many-to-many sets. Raises RowRejected naming the first row that breaks a rule."""
    built = []
    for index, row in enumerate(rows):
        try:
            built.append(build(user=user, data=row, many=True))
        except ValidationError as error:
            raise RowRejected(index, error) from error
    return built


def registrations_insert(built: list[tuple[models.Model, dict]], *, user) -> list[models.Model]:
    """Insert checked instances (registrations_build) with bulk inserts: the rows, then their many-to-many
    links; then their "created" history rows (bulk_create sends no signals), all in the caller's
    transaction, and `bulk_created` for the caches kept over the registrations."""
    if not built:
        return []
    instances = [instance for instance, _links in built]
    model = type(instances[0])
    objects = model.objects.bulk_create(instances)
    links = [related for _instance, related in built]
    for name in sorted({name for related in links for name in related}):
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        through.objects.bulk_create([through(**{f"{source}_id": obj.pk, f"{target}_id": item.pk})
                                     for obj, related in zip(objects, links, strict=True)
                                     for item in related.get(name, [])])
    record_created(objects, user=user, m2m=links)
    bulk_created.send(sender=model, instances=objects)
    return objects
