"""How the register names things a user reads."""


def person(user) -> str:
    """A user as every page, export and history row names them: full name, else user name."""
    if not user:
        return ""
    return user.get_full_name() or user.get_username()
