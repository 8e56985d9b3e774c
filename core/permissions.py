"""Object-level rules on top of the roles' model permissions."""

from . import reference_cache, roles


def user_roles(user) -> frozenset[str]:
    """The names of the user's roles (groups), from the reference cache."""
    return reference_cache.cached(f"roles:{user.pk}", lambda: frozenset(user.groups.values_list("name", flat=True)))


def is_administrator(user) -> bool:
    return user.is_superuser or roles.ADMINISTRATOR in user_roles(user)


def can_delete(obj, user) -> bool:
    """Any consultant may edit an entry, so colleagues can cover for each other; only its owners
    (see the model's `owner_ids`: creator, responsible consultants) or an administrator may delete it."""
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
        return False
    return user.pk in obj.owner_ids() or is_administrator(user)
