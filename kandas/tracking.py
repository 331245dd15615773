"""The applicant's own view of a case (issue 15, "personal cabinet": 002 p.7, 004 p.9-1).

A case of the services below gets a tracking token when it is filed (`tracking_issue`, from a post_save
signal, so every filing channel is covered). Every receipt and notice prints it as a QR code and a short link
(templates/pdf/tracking_block.html). A caseworker of the case's region revokes it or issues a new one
(`tracking_revoke`); the case's event log says so, and the old rows are kept. `tracking_find` answers only
an active token: a wrong and a revoked token read the same (404).
"""
from __future__ import annotations

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from .models import CaseTracking, TransitionLog
from .pdf import public_url
from .roles import Role, user_has_role
from .scoping import scope_for, user_organisation
from .texts import text

# The case types an applicant follows (status app.3, quota app.3/7/8, residence, adaptation support).
TRACKED_MODELS = {"status.statusapplication", "status.statusextension", "quota.quotaapplication",
                  "adaptation.residenceapplication", "adaptation.supportapplication"}
TOKEN_BYTES = 24  # 192 random bits, 32 URL-safe characters
# Who may revoke and re-issue: the caseworkers who hand out receipts, of the case's own region.
MANAGER_ROLES = (Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.CC_SPECIALIST, Role.CC_DIRECTOR, Role.GOVCORP_OPERATOR,
                 Role.ACC_STAFF)


def is_tracked(case) -> bool:
    return case._meta.label_lower in TRACKED_MODELS


def _rows(case):
    return CaseTracking.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)


def tracking_issue(case, *, actor=None) -> CaseTracking:
    return CaseTracking.objects.create(case_type=ContentType.objects.get_for_model(case), case_id=case.pk,
                                       token=secrets.token_urlsafe(TOKEN_BYTES), created_by=actor)


def tracking_current(case) -> CaseTracking | None:
    """The active token of `case`; a case filed before tokens existed gets its first one now. A case whose
    token was revoked without a new one has none (its receipts print no link)."""
    if not is_tracked(case) or case.pk is None:
        return None
    rows = _rows(case)
    active = rows.filter(revoked_at__isnull=True).last()
    if active is None and not rows.exists():
        active = tracking_issue(case)
    return active


def tracking_history(case) -> list[CaseTracking]:
    return list(_rows(case).select_related("created_by", "revoked_by"))


def tracking_url(tracking: CaseTracking) -> str:
    return public_url(reverse("kandas:track", args=[tracking.token]))


def tracking_find(token: str) -> CaseTracking | None:
    if not token or len(token) > 64:
        return None
    return CaseTracking.objects.filter(token=token, revoked_at__isnull=True).select_related("case_type").first()


def tracking_may_manage(user, case) -> bool:
    """A caseworker of the case's region who sees the case (kandas.scoping)."""
    if not user.is_authenticated:
        return False
    if not scope_for(user, type(case).objects.filter(pk=case.pk)).exists():
        return False
    if user.is_superuser:
        return True
    org = user_organisation(user)
    return bool(org and org.region_id == case.region_id and user_has_role(user, *MANAGER_ROLES))


@transaction.atomic
def tracking_revoke(*, actor, case, reissue: bool) -> CaseTracking | None:
    """Revoke the active token (the printed link stops working); with `reissue` a new one is issued.
    Logged in the case's event log. Returns the new token, if any."""
    if not tracking_may_manage(actor, case):
        raise PermissionDenied(_("Only a caseworker of the case's region may revoke or re-issue its tracking link."))
    now = timezone.now()
    revoked = _rows(case).select_for_update().filter(revoked_at__isnull=True).update(revoked_at=now, revoked_by=actor)
    new = tracking_issue(case, actor=actor) if reissue else None
    message = (text(gettext_noop("Tracking link re-issued: the link printed before no longer opens the case."))
               if reissue else text(gettext_noop("Tracking link revoked: the printed link no longer opens the case.")))
    if not revoked and reissue:
        message = text(gettext_noop("Tracking link issued."))
    TransitionLog.objects.create(case_type=ContentType.objects.get_for_model(case), case_id=case.pk,
                                 transition="tracking_reissue" if reissue else "tracking_revoke",
                                 source=case.state, target=case.state, actor=actor,
                                 organisation=user_organisation(actor), message=message)
    return new
