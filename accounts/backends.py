"""Django's ModelBackend, with each user's permissions kept in the reference cache.

Every page checks the user's permissions (the view's own, the menu's), which took two queries a request
(the user's own permissions and those of the user's groups, i.e. roles). Permissions change only when a
user's roles or the roles' permissions change, and the reference token (core/reference_cache.py) is
replaced in the same transaction whenever they do (the users, the groups and their many-to-many
relations are registered there), so the sets are cached under it: exact, and one query (the token,
shared with the choice lists) instead of two.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from core import reference_cache


class CachedPermissionsBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        """ModelBackend's, but the right password of a closed (inactive) account gives its user, so that
        the login form says the account is closed (AuthenticationForm.confirm_login_allowed) instead of
        that the password is wrong, and the attempt does not count towards the lockout. A closed
        account still cannot log in, and its sessions still end: get_user refuses it."""
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            user_model().set_password(password)  # as slow as a real check (ModelBackend, timing attacks)
            return None
        return user if user.check_password(password) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = reference_cache.cached(
                f"permissions:{user_obj.pk}:{int(user_obj.is_superuser)}",
                lambda: super(CachedPermissionsBackend, self).get_all_permissions(user_obj))
        return user_obj._perm_cache


# The backend a sign-in through an identity provider records in the session (accounts/views.py, saml.py).
BACKEND = f"{CachedPermissionsBackend.__module__}.{CachedPermissionsBackend.__qualname__}"
