from django.conf import settings

from .compliance import compliance_may_view
from .roles import PERSONAL_DATA_ROLES, Role, user_roles
from .scoping import user_organisation


def shell(request):
    """The organisation, roles and unread notifications shown in the base layout."""
    # The language switch names each language in itself (settings.LANGUAGES, untranslated).
    languages = {"shell_languages": settings.LANGUAGES}
    user = request.user
    if not user.is_authenticated:
        return languages
    labels = dict(Role.choices)
    return {
        **languages,
        "shell_organisation": user_organisation(user),
        "shell_roles": [labels.get(r, r) for r in sorted(user_roles(user))],
        "shell_unread": user.notifications.filter(read_at__isnull=True).count(),
        "shell_compliance": compliance_may_view(user),
        # From the roles already read (has_perm would cost two permission queries on every page).
        "shell_personal_data": user.is_superuser or bool(user_roles(user) & {str(r) for r in PERSONAL_DATA_ROLES}),
    }
