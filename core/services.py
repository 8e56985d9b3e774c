"""Writes of the reference data outside the admin's own forms: a requester a consultant adds while
registering, and the administrator's merge of duplicates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import OrganisationKind
from .models import Organisation
from .text import without_unreadable


def requester_add(*, name: str, user) -> Organisation:
    """An outside requester, named while registering (the form's picker, an import's preview): of the kind
    "other" (the administrations are the administrator's to keep) and, unless added by someone who keeps the
    organisations, marked for the administrator to review. Raises ValidationError with the field's Danish
    message for an empty name or one already taken."""
    reviewed = user is not None and user.has_perm("core.change_organisation")
    organisation = Organisation(name=" ".join(without_unreadable(name).split()), kind=OrganisationKind.OTHER,
                                to_review=not reviewed, added_by=user)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisations_merge(*, sources, target: Organisation) -> int:
    """Move every registration of the `sources` to `target` and delete the sources, in one transaction;
    returns how many registrations were moved. Every relation to an organisation is followed as the model
    declares it (Organisation._meta.related_objects), so a relation added later is moved too. Each
    registration is saved on its own, so that the change history records the move and the reports'
    figures and the reference cache follow (their signals)."""
    sources = [source for source in sources if source.pk != target.pk]
    if not sources:
        raise ValidationError(_("Vælg mindst én anden organisation at flette ind i %(name)s.") % {"name": target})
    moved = 0
    for relation in Organisation._meta.related_objects:
        field = relation.field
        rows = relation.related_model._default_manager.filter(**{f"{field.name}__in": sources}).distinct()
        for row in rows.order_by("pk"):
            if relation.many_to_many:
                links = getattr(row, field.name)
                links.remove(*sources)
                links.add(target)
            else:
                setattr(row, field.name, target)
                row.save(update_fields=[field.name])
            moved += 1
    for source in sources:
        source.delete()
    return moved
