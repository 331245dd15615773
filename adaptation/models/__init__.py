"""Models of the adaptation app: centre residence now (RES); adaptation services (ADA) join later."""
from .centres import Bed, BedState, Centre, Room  # noqa: F401
from .residence import (  # noqa: F401
    ResidenceApplication, ResidenceEvent, ResidencePerson, ResidenceState, StayState, TerminationProposal,
)
from .support import (  # noqa: F401
    APP2_LINES, RegistrationKind, SupportApplication, SupportCopy, SupportMember, SupportState, Transport,
)
from .journey import (  # noqa: F401
    ConsultationTopic, ConsultationTopicRecord, FairMode, JobFair, JobFairCandidate, PreliminaryConsultation,
    PreliminaryVisit, VisitPlace,
)
from .plans import AdaptationPlan, Evidence, EvidenceKind, EvidenceUpload, PlanItem, PlanState  # noqa: F401
from .reports import MonthlyReport  # noqa: F401
from .monitoring import ConclusionMeasures, EvaluationConclusion, MonitoringRound, QualityEvaluation  # noqa: F401
from .roadmap import RuralRoadmap  # noqa: F401
