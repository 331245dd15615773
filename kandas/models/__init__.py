from .calendar import CalendarDay
from .decree import CalendarDecree, DecreeDay
from .consent import DevelopmentMessage, DigitalConsentRequest
from .casework import CaseBase, CaseCounter, Deadline, Notification, Signature, SigningKey, TransitionLog, Unit
from .documents import DOCUMENT_LIMITS, Consent, Document, DocumentKind, ExportLog, PersonalDataAccess, StateRecord
from .duplicates import DuplicateCandidate, DuplicateDismissal, DuplicateReason, PersonMerge
from .geography import Locality, Region
from .obligations import Obligation, ObligationState
from .organisations import Organisation, Staff
from .persons import (ADULT_AGE, BIRTH_DATE_MIN, KINSHIP_BY_SERVICE, Family, FamilyMember, Kinship, Person, Sex,
                      birth_date_validate)
from .staged import StagedUpload
from .terms import TermRow
from .tracking import CaseTracking, TrackingAccess

__all__ = [
    "ADULT_AGE", "CalendarDay", "CalendarDecree", "DecreeDay", "CaseBase", "CaseCounter", "Consent",
    "DevelopmentMessage", "DigitalConsentRequest", "DOCUMENT_LIMITS", "Deadline", "Document", "DocumentKind",
    "DuplicateCandidate", "DuplicateDismissal", "ExportLog", "DuplicateReason", "PersonMerge", "Family", "FamilyMember",
    "KINSHIP_BY_SERVICE",
    "Kinship", "Locality", "Notification", "Obligation", "ObligationState", "Organisation",
    "Person", "PersonalDataAccess", "Region", "Sex", "Signature", "SigningKey", "StagedUpload", "Staff",
    "StateRecord", "TermRow", "TransitionLog", "Unit", "CaseTracking", "TrackingAccess",
]
