"""Writes of the quota slice (STYLE.md: one service per action)."""
from .complaints import complaint_decide, complaint_extend, complaint_extension_notified, complaint_register  # noqa
from .decisions import (  # noqa: F401
    application_decide_include, application_decide_refuse, application_preliminary_refusal,
    application_record_hearing, application_unit_refused, application_recommend,
    application_send_result, application_send_to_commission,
)
from .filing import DocumentInput, MemberInput, application_check_completeness, application_file  # noqa: F401
from .planning import (  # noqa: F401
    locality_list_entry_add, locality_list_publish, locality_list_start, proposal_answer, proposal_create,
    proposal_send,
)
from .plans import QuotaExhausted, quota_consume, quota_plan_set, quota_units_of  # noqa: F401
