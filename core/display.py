"""How the register names things a user reads."""


def full_name(first_name: str, last_name: str, username: str) -> str:
    """A user's name as the register shows it, from the parts (as User.get_full_name, else the user name):
    for rows read as plain values."""
    return f"{first_name or ''} {last_name or ''}".strip() or username


def person(user) -> str:
    """A user as every page, export and history row names them: full name, else user name."""
    if not user:
        return ""
    return full_name(user.first_name, user.last_name, user.get_username())
