"""Object-level rules on top of the roles' model permissions."""

from . import roles


def is_administrator(user) -> bool:
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATOR).exists()


def requisition_is_owned_by(requisition, user) -> bool:
    return requisition.created_by_id == user.pk or any(c.pk == user.pk for c in requisition.consultants.all())


def advisory_is_owned_by(advisory, user) -> bool:
    return user.pk in (advisory.created_by_id, advisory.consultant_id)


def can_delete(registration, user) -> bool:
    """Any consultant may edit an entry, so colleagues can cover for each other; only its owner
    (creator or responsible consultant) or an administrator may delete it."""
    opts = registration._meta
    if not user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
        return False
    owned = (requisition_is_owned_by if opts.model_name == "requisition" else advisory_is_owned_by)
    return owned(registration, user) or is_administrator(user)
