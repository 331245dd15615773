"""What every case page shows besides its own fields: deadlines, timeline, signatures, allowed actions."""
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import action_url, case_actions_for, no_action_reason
from .holders import step_assignable_staff
from .models import Signature, TransitionLog
from .deadlines import case_deadlines
from .roles import Role
from .transitions import _transition_label


# Log entries that are not transitions of the state machine (services log them with these names).
# A case model may add its own in TIMELINE_LABELS.
EVENT_LABELS = {
    "submit": _("filed"),
    "file": _("filed"),
    "register": _("registered"),
    "send_to_govcorp": _("sent to the State Corporation"),
    "edit": _("changed"),
    "assign_step": _("step assigned"),
    "consent": _("consent recorded"),
    "notice": _("notice sent"),
    "fulfil": _("fulfilled"),
    "tracking_revoke": _("tracking link revoked"),
    "tracking_reissue": _("tracking link re-issued"),
}
# What a signature covers, by its purpose code (a purpose "termination:12" reads as "termination").
# A case model may add its own in SIGNATURE_PURPOSE_LABELS.
SIGNATURE_PURPOSE_LABELS = {
    "decision": _("decision"),
    "refusal": _("decision of refusal"),
    "extension_decision": _("decision on the extension"),
    "application": _("application"),
    "referral": _("referral"),
    "termination": _("decision on early termination"),
    "locality_list": _("list of settlement localities"),
}
SAME_SAVE = datetime.timedelta(seconds=2)


def _action_label(case, name: str) -> str:
    if hasattr(case, name) and hasattr(getattr(case, name), "_django_fsm"):
        return _transition_label(case, name)
    labels = {**EVENT_LABELS, **getattr(type(case), "TIMELINE_LABELS", {})}
    return str(labels.get(name, name.replace("_", " ")))


def case_timeline(case) -> list[dict]:
    """Transition log and field history merged, oldest first. Field changes saved by a transition are
    part of that transition's row; only edits made on their own are listed separately."""
    ct = ContentType.objects.get_for_model(case)
    try:
        labels = {k: str(v) for k, v in type(case)._meta.get_field("state").choices or ()}
    except FieldDoesNotExist:
        labels = {}
    rows = [
        {"at": log.at, "who": log.actor,
         "what": (f"{labels.get(log.source, log.source)} → {labels.get(log.target, log.target)}"
                  if log.source and log.source != log.target else str(labels.get(log.target, log.target))),
         "action": _action_label(case, log.transition),
         "comment": log.text, "kind": "transition"}
        for log in TransitionLog.objects.filter(case_type=ct, case_id=case.pk).select_related("actor")
    ]
    history = getattr(case, "history", None)
    if history is not None:
        previous = None
        for record in history.order_by("history_date", "history_id").select_related("history_user"):
            if previous is not None:
                changes = [_verbose(case, c.field) for c in record.diff_against(previous).changes
                           if c.field not in ("version", "updated_at", "state")]
                near_transition = any(abs(record.history_date - r["at"]) <= SAME_SAVE for r in rows
                                      if r["kind"] == "transition")
                if changes and not near_transition:
                    rows.append({"at": record.history_date, "who": record.history_user, "what": ", ".join(changes),
                                 "action": _action_label(case, "edit"), "comment": record.history_change_reason or "", "kind": "history"})
            previous = record
    return sorted(rows, key=lambda r: r["at"])


def _verbose(case, field: str) -> str:
    """A field's label; a snapshot key that is no field (or a reverse relation) reads from the model's
    SNAPSHOT_LABELS, so the signing preview shows no raw keys."""
    label = getattr(type(case), "SNAPSHOT_LABELS", {}).get(field)
    if label:
        return str(label)
    try:
        found = type(case)._meta.get_field(field)
    except FieldDoesNotExist:
        return field.replace("_", " ")
    return str(getattr(found, "verbose_name", None) or field.replace("_", " "))


def signature_purpose_label(case, purpose: str) -> str:
    labels = {**SIGNATURE_PURPOSE_LABELS, **getattr(type(case), "SIGNATURE_PURPOSE_LABELS", {})}
    return str(labels.get(purpose) or labels.get(purpose.split(":")[0]) or purpose.replace("_", " "))


def signature_preview(case, purpose: str) -> list[tuple[str, str]]:
    """What a signing action will sign, as label/value lines: the case model's own
    `signature_preview(purpose)` where it has one, else the snapshot the signature covers."""
    if hasattr(case, "signature_preview"):
        return case.signature_preview(purpose)
    rows = []
    for key, value in case.signature_snapshot(purpose).items():
        if key == "purpose":
            value = signature_purpose_label(case, str(value))
        elif key == "state":
            value = case.get_state_display()
        elif value in (None, "", [], ()):
            value = "—"
        elif callable(getattr(case, f"get_{key}_display", None)):  # choices by their label, never the code
            value = getattr(case, f"get_{key}_display")()
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        rows.append((_verbose(case, key) if key not in ("ref", "purpose", "state") else
                     {"ref": _("number"), "purpose": _("what is signed"), "state": _("state")}[key], str(value)))
    return rows


def _is_head_of(user, organisation_id) -> bool:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return bool(user.is_superuser or (staff and staff.is_head and staff.organisation_id == organisation_id))


def case_page_context(user, case, bound: dict | None = None) -> dict:
    """The parts every case page shows. `bound` = {action name: bound form} to redisplay with errors."""
    allowed, waiting = case_actions_for(user, case)
    actions = []
    for action in allowed:
        form = (bound or {}).get(action.name) or action.make_form(case)
        actions.append({
            "name": action.name, "label": action.title(case), "form": form, "url": action_url(case, action.name),
            "confirm": str(action.confirm) if action.confirm else "",
            "signs": signature_purpose_label(case, action.signs) if action.signs else "",
            "sign_preview": signature_preview(case, action.signs) if action.signs else [],
            "open": bool(bound and action.name in bound),
        })
    deadlines = list(case_deadlines(case).select_related("organisation", "assignee")
                     .order_by("-is_service_term", "start", "due", "pk"))
    assignable = {d.pk: list(step_assignable_staff(d)) for d in deadlines
                  if d.is_running and not d.is_service_term and _is_head_of(user, d.organisation_id)}
    signatures = list(Signature.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)
                      .select_related("signer"))
    for s in signatures:
        s.purpose_label = signature_purpose_label(case, s.purpose)
        s.role_label = str(Role(s.role).label) if s.role in Role.values else s.role
    return {
        "case": case,
        "case_rule_version": case.rules if getattr(case, "RULES", None) is not None and case.rule_version else None,
        "case_deadlines": deadlines,
        "case_assignable": assignable,
        "case_timeline": case_timeline(case),
        "case_signatures": signatures,
        "case_actions": actions,
        "case_actions_waiting": [{"label": a.title(case), "reason": why} for a, why in waiting],
        "case_no_action_reason": "" if actions or waiting else no_action_reason(user, case),
        "today": timezone.localdate(),
        "case_tracking": case_tracking_panel(user, case),
    }


def case_tracking_panel(user, case) -> dict | None:
    """Issue 15: the applicant's tracking link, its history, and revoke / re-issue for a caseworker of the region."""
    from .tracking import is_tracked, tracking_current, tracking_history, tracking_may_manage, tracking_url

    if not is_tracked(case):
        return None
    current = tracking_current(case)
    return {"url": tracking_url(current) if current else "", "history": tracking_history(case),
            "may_manage": tracking_may_manage(user, case), "ct": ContentType.objects.get_for_model(case).pk}
