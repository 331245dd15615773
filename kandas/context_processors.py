from .roles import Role, user_roles
from .scoping import user_organisation


def shell(request):
    """The organisation, roles and unread notifications shown in the base layout."""
    user = request.user
    if not user.is_authenticated:
        return {}
    labels = dict(Role.choices)
    return {
        "shell_organisation": user_organisation(user),
        "shell_roles": [labels.get(r, r) for r in sorted(user_roles(user))],
        "shell_unread": user.notifications.filter(read_at__isnull=True).count(),
    }
