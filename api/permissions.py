from rest_framework.permissions import BasePermission

from accounts.second_factor import second_factor_step

from .models import Scope, ServiceToken


def token_of(request) -> ServiceToken | None:
    return request.auth if isinstance(request.auth, ServiceToken) else None


class ReadAccess(BasePermission):
    """A service token whose scope covers the endpoint's (`view.scope`), or a logged-in user (past the second
    factor, where it is asked) with the model permission the site's own page asks (`view.permission`)."""

    def has_permission(self, request, view):
        token = token_of(request)
        if token is not None:
            return token.allows(view.scope)
        user = request.user
        if not user or not user.is_authenticated or second_factor_step(request._request) is not None:
            return False
        return user.has_perm(view.permission)


def shows_personal_data(request) -> bool:
    """Contact persons: to a token with the personal scope, and to a user (who sees them on the site too)."""
    token = token_of(request)
    return token.allows(Scope.PERSONAL) if token is not None else request.user.is_authenticated
