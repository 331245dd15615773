"""What every case page shows besides its own fields: deadlines, timeline, signatures, allowed actions."""
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Signature, TransitionLog
from .deadlines import case_deadlines
from .transitions import _transition_label, actions_available


# Log entries that are not transitions of the state machine (services log them with these names).
# A case model may add its own in TIMELINE_LABELS.
EVENT_LABELS = {
    "submit": _("filed"),
    "file": _("filed"),
    "register": _("registered"),
    "send_to_govcorp": _("sent to the State Corporation"),
    "edit": _("changed"),
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
        {"at": log.at, "who": log.actor, "what": f"{labels.get(log.source, log.source)} → {labels.get(log.target, log.target)}",
         "action": _action_label(case, log.transition),
         "comment": log.comment, "kind": "transition"}
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
    try:
        return str(type(case)._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


def case_page_context(user, case) -> dict:
    actions = actions_available(user, case)
    return {
        "case": case,
        "case_rule_version": case.rules if getattr(case, "RULES", None) is not None and case.rule_version else None,
        "case_deadlines": case_deadlines(case).select_related("organisation").order_by("-is_service_term", "start", "due", "pk"),
        "case_timeline": case_timeline(case),
        "case_signatures": Signature.objects.filter(case_type=ContentType.objects.get_for_model(case),
                                                    case_id=case.pk).select_related("signer"),
        "case_actions": [(name, _transition_label(case, name)) for name in actions],
        "today": timezone.localdate(),
    }
