from .application import (ApplicantNotice, ApplicationState, CertificateHandout, StatusApplication,
                          StatusApplicationMember)
from .choices import (ASSIGNMENT_CHANNEL_CHOICES, ASSIGNMENT_CHANNELS, ELECTRONIC_CHANNELS, EXTENSION_CHANNELS, Channel, HearingOutcome,
                      NoticeChannel, Recommendation, RefusalGround, SubType)
from .extension import ExtensionState, StatusExtension

__all__ = [
    "ASSIGNMENT_CHANNEL_CHOICES", "ASSIGNMENT_CHANNELS", "ApplicantNotice", "ApplicationState", "CertificateHandout", "Channel",
    "ELECTRONIC_CHANNELS", "EXTENSION_CHANNELS", "ExtensionState", "HearingOutcome", "NoticeChannel",
    "Recommendation", "RefusalGround", "StatusApplication", "StatusApplicationMember", "StatusExtension", "SubType",
]
