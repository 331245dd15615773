"""Roles are Django groups. One role per kind of caseworker; permissions decide personal-data access."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MIO_SPECIALIST = "mio_specialist", _("MIO specialist")
    MIO_HEAD = "mio_head", _("MIO head")
    COMMISSION_SECRETARY = "commission_secretary", _("Commission secretary")
    LMC_SPECIALIST = "lmc_specialist", _("Labour mobility centre specialist")
    LMC_HEAD = "lmc_head", _("Labour mobility centre head")
    CC_SPECIALIST = "cc_specialist", _("Career centre specialist")
    CC_DIRECTOR = "cc_director", _("Career centre director")
    ACC_STAFF = "acc_staff", _("Adaptation centre staff")
    GOVCORP_OPERATOR = "govcorp_operator", _("State Corporation operator")
    MISSION_OFFICER = "mission_officer", _("Foreign mission officer")
    CRTR_ANALYST = "crtr_analyst", _("CRTR analyst")
    MINISTRY_ANALYST = "ministry_analyst", _("Ministry analyst")
    API_CLIENT = "api_client", _("External system (API client)")


# Roles that may see personal data (IIN, documents). Analysts work with aggregated data only.
PERSONAL_DATA_ROLES = {
    Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.COMMISSION_SECRETARY, Role.LMC_SPECIALIST, Role.LMC_HEAD,
    Role.CC_SPECIALIST, Role.CC_DIRECTOR, Role.ACC_STAFF, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER,
    Role.API_CLIENT,
}

# The organisation kind a role belongs to (demo data and admin validation use it).
ROLE_ORGANISATION_KIND = {
    Role.MIO_SPECIALIST: "MIO", Role.MIO_HEAD: "MIO", Role.COMMISSION_SECRETARY: "KCOM",
    Role.LMC_SPECIALIST: "LMC", Role.LMC_HEAD: "LMC", Role.CC_SPECIALIST: "CC", Role.CC_DIRECTOR: "CC",
    Role.ACC_STAFF: "ACC", Role.GOVCORP_OPERATOR: "GOVCORP", Role.MISSION_OFFICER: "MISSION",
    Role.CRTR_ANALYST: "CRTR", Role.MINISTRY_ANALYST: "MINISTRY", Role.API_CLIENT: "GOVCORP",
}


def roles_sync():
    """Create a group per role and give the personal-data permission to the roles that need it."""
    from django.contrib.auth.models import Group, Permission

    perm = Permission.objects.get(codename="view_personal_data", content_type__app_label="kandas")
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        if role in PERSONAL_DATA_ROLES:
            group.permissions.add(perm)
        else:
            group.permissions.remove(perm)


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_cache = cached
    return cached


def user_has_role(user, *roles) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user) & {str(r) for r in roles}))


def user_may_see_personal_data(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("kandas.view_personal_data"))
