"""Small building blocks for the transitions of every case type."""
from .roles import user_has_role


def role_permission(*roles):
    """A django-fsm `permission=` callable: the user holds one of `roles` (superusers always may)."""

    def check(instance, user) -> bool:
        return user_has_role(user, *roles)

    check.roles = roles
    check.__name__ = "role_" + "_or_".join(str(r) for r in roles)
    return check


def condition(message):
    """Mark a django-fsm condition with the sentence shown when it is not met."""

    def decorate(fn):
        fn.message = message
        return fn

    return decorate
