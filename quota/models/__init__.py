from .applications import ApplicationDocumentNote, ApplicationMember, QuotaApplication  # noqa: F401
from .choices import (  # noqa: F401
    ALL_GROUNDS, QUOTA_CHANNEL_CHOICES, QUOTA_CHANNELS, QUOTA_EXHAUSTED_GROUND, REFUSAL_GROUNDS, REQUIRED_DOCUMENTS,
    AppState, Channel, EligibilityBasis, EmploymentCategory, QuotaKind, QuotaUnit,
)
from .complaints import Complaint, ComplaintState  # noqa: F401
from .plans import (  # noqa: F401
    Direction, LocalityList, LocalityListEntry, LocalityListState, QuotaPlan, QuotaProposal,
)
from .notices import NOTICE_CHANNEL_OF_FILING, ApplicantNotice, NoticeChannel  # noqa: F401
from .settings import SettlerApplicationPeriod  # noqa: F401
