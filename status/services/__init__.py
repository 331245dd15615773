"""Writes of the status slice: one service per action (STYLE.md). Reads are in status/selectors.py."""
from .commission import application_recommend, application_send_to_commission
from .common import status_term_until
from .decision import (application_arrival_record, application_assign, certificate_hand_out, decision_refuse,
                       extension_govcorp_send, extension_grant, originals_return)
from .hearing import hearing_notify, hearing_postpone, hearing_record, hearing_reschedule
from .intake import application_consent_record, application_document_attach, application_submit, documents_check, extension_submit
from .validity import status_expire, statuses_expire_due

__all__ = [
    "application_arrival_record", "application_consent_record", "application_assign", "application_document_attach", "application_recommend",
    "application_send_to_commission", "application_submit", "certificate_hand_out", "decision_refuse",
    "documents_check", "extension_govcorp_send", "extension_grant", "extension_submit", "hearing_notify", "hearing_postpone",
    "hearing_record", "hearing_reschedule", "originals_return", "status_expire", "status_term_until",
    "statuses_expire_due",
]
