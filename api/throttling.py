from rest_framework.throttling import SimpleRateThrottle

from .permissions import token_of


class PerTokenThrottle(SimpleRateThrottle):
    """API_THROTTLE_RATE requests per token (per user for a session, per address for anyone else), counted in
    each worker's memory (the `default` cache): a guard against a runaway client at no query's cost, so the
    rate holds per worker process, not for the installation as a whole."""

    scope = "api"

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is not None:
            ident = f"token-{token.digest[:16]}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
