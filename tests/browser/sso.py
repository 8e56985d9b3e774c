"""What the single sign-on browser tests share: the three roles' group ids and the sign-in at the test
provider's login page (the `site` and `sso_page` fixtures are in conftest.py)."""

from django.contrib.auth import get_user_model

from core import roles

CONSULTANTS = "0f3a2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
MANAGEMENT = "7d1f3c1e-0000-4000-8000-00000000000b"
ADMINISTRATORS = "a7e3b9c2-1111-4000-8000-0000000000ad"
ROLE_MAP = {roles.CONSULTANT: frozenset({CONSULTANTS}), roles.MANAGEMENT: frozenset({MANAGEMENT}),
            roles.ADMINISTRATOR: frozenset({ADMINISTRATORS})}


def role_names(username: str) -> set[str]:
    user = get_user_model().objects.get(username=username)
    return set(user.groups.values_list("name", flat=True))


def sign_in_at_provider(page, username: str, *, button: str = "Log ind med Københavns Kommune") -> None:
    page.goto("/login/")
    page.get_by_role("link", name=button).click()
    page.get_by_label("Brugernavn hos udbyderen").fill(username)
    page.get_by_role("button", name="Godkend").click()


def signed_out(page) -> bool:
    """Whether the browser has no session: the start page sends it to the login page."""
    page.goto("/")
    return page.url.endswith("/login/?next=/")
