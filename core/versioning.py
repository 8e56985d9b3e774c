"""Optimistic locking of registrations (the models that are `Versioned`).

An edit form carries the version the user started from. Saving claims the next version with one
conditional UPDATE (`... WHERE version = <started from>`) in the transaction that saves the edit: if
someone saved in between, nothing is written and the user is shown what changed. The conditional
UPDATE is atomic on PostgreSQL and on SQLite alike, so two saves from the same version can never both
succeed."""

from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Someone saved the registration after the user opened the form."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
        self.current = current


def version_claim(instance, started_from: int | None) -> None:
    """Claims the next version of a saved instance, or raises EditConflict with the row as it is now.
    Without a version (a form from before locking), the version is bumped unchecked."""
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk)
    if started_from is None:
        rows.update(version=F("version") + 1)
        instance.version = rows.values_list("version", flat=True).get()
        return
    if not rows.filter(version=started_from).update(version=started_from + 1):
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = started_from + 1


@dataclass
class Difference:
    label: str
    saved: str  # as it is saved now, by someone else
    yours: str  # as the user tried to save it


def _key(field, value):
    """The value as compared: a foreign key by its key, a many-to-many set by its keys."""
    if field.many_to_many:
        return sorted(item.pk for item in (value.all() if hasattr(value, "all") else value or []))
    if field.many_to_one:
        return getattr(value, "pk", value)
    return value


def _shown(field, value) -> str:
    if field.many_to_many:
        items = value.all() if hasattr(value, "all") else value or []
        return ", ".join(sorted(str(item) for item in items)) or "–"
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    return str(value)


def edit_differences(form, current) -> list[Difference]:
    """The form's fields whose saved value now differs from what the user submitted."""
    fields = {field.name: field for field in type(current)._meta.get_fields() if getattr(field, "editable", False)
              and not field.auto_created}
    differences = []
    for name, value in form.cleaned_data.items():
        field = fields.get(name)
        if field is None:  # a form-only field, such as the version
            continue
        saved = getattr(current, name)
        if _key(field, saved) != _key(field, value):
            differences.append(Difference(str(form.fields[name].label or field.verbose_name),
                                          _shown(field, saved), _shown(field, value)))
    return differences


class VersionedAdminMixin:
    """An admin edit is a new version too, so that a form opened in the register before it is stale."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
