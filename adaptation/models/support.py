"""The application for adaptation and integration services (form app.2 of order 170) and its journey from the
exit region to the settlement region: ADA-1…9, ADA-12, ADA-13, ADA-22 as one case (DOMAIN.md ADA).

Each state is a step held by one organisation (exit CC → exit LMC → exit MIO → settlement MIO → settlement
LMC → settlement CC); the step's deadline names that organisation, so only its staff act (kandas.holders).
Transitions set fields only; adaptation.services.chain does the rest.
"""
import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import condition, role_permission
from kandas.models import CaseBase, Document, Kinship, Locality, Organisation, Person, Region
from kandas.roles import Role

from ..rules_support import SUPPORT_RULES

CC = role_permission(Role.CC_SPECIALIST, Role.CC_DIRECTOR)
CC_DIRECTOR = role_permission(Role.CC_DIRECTOR)
LMC_HEAD = role_permission(Role.LMC_HEAD)
LMC = role_permission(Role.LMC_SPECIALIST, Role.LMC_HEAD)
MIO_HEAD = role_permission(Role.MIO_HEAD)
MIO = role_permission(Role.MIO_SPECIALIST, Role.MIO_HEAD)


def settlement_cc_or_mio(instance, user) -> bool:
    """ADA-22 is recorded in the settlement region (by its CC or MIO), not by the region the kandas left."""
    from kandas.roles import user_has_role
    from kandas.scoping import user_region_id

    return user_has_role(user, Role.CC_SPECIALIST, Role.CC_DIRECTOR, Role.MIO_SPECIALIST, Role.MIO_HEAD) and (
        user.is_superuser or user_region_id(user) == instance.settlement_region_id)


def _nobody(instance, user) -> bool:
    """Automatic transitions (Celery) are never offered as buttons."""
    return False


class SupportState(models.TextChoices):
    REGISTERED = "registered", _("registered by the exit career centre")
    REWORK = "rework", _("returned to the exit career centre for rework")
    AT_EXIT_LMC = "at_exit_lmc", _("at the head of the exit labour mobility centre")
    AT_EXIT_MIO = "at_exit_mio", _("at the exit MIO management")
    AT_SETTLEMENT_MIO = "at_settlement_mio", _("at the settlement MIO management (assignment)")
    SETTLEMENT_CHECK = "settlement_check", _("checked by the settlement MIO specialist")
    AT_SETTLEMENT_LMC = "at_settlement_lmc", _("at the settlement labour mobility centre")
    LMC_ROUTING = "lmc_routing", _("vacancy of interest: route and relocation being agreed")
    AT_SETTLEMENT_CC = "at_settlement_cc", _("sent to the settlement career centre")
    CC_WORKING = "cc_working", _("accepted by the settlement career centre: job search")
    UNEMPLOYMENT_DRAFT = "unemployment_draft", _("draft decision on registration as unemployed")
    UNEMPLOYMENT_SENT = "unemployment_sent", _("draft unemployment decision sent to the LMC")
    FINAL_DECISION = "final_decision", _("final decision to relocate: quota application to file")
    QUOTA_FILED = "quota_filed", _("quota application filed: relocation")
    RELOCATED = "relocated", _("relocated to the settlement region")
    SUPPORT_RETURN = "support_return", _("self-directed migration: return of state support")


EXIT_STATES = (SupportState.REGISTERED, SupportState.REWORK, SupportState.AT_EXIT_LMC, SupportState.AT_EXIT_MIO)
FINISHED_STATES = (SupportState.UNEMPLOYMENT_SENT, SupportState.SUPPORT_RETURN)


class Transport(models.TextChoices):
    CAR = "car", _("car")
    RAIL = "rail", _("rail")
    AIR = "air", _("air")


class RegistrationKind(models.TextChoices):
    PERMANENT = "permanent", _("permanent registration at the place of arrival")
    TEMPORARY = "temporary", _("temporary registration in an adaptation or temporary accommodation centre")


# The kinship list of form app.2 (members who are not citizens of Kazakhstan): its four lines.
APP2_LINES = (
    ("spouse", _("spouse"), {Kinship.SPOUSE}),
    ("parents", _("parents of the applicant and of the spouse"),
     {Kinship.FATHER, Kinship.MOTHER, Kinship.SPOUSE_FATHER, Kinship.SPOUSE_MOTHER}),
    ("children", _("children (including adopted) and their families"),
     {Kinship.SON, Kinship.DAUGHTER, Kinship.ADOPTED_CHILD, Kinship.CHILD_SPOUSE, Kinship.GRANDCHILD}),
    ("siblings", _("full and half brothers and sisters who are not married"),
     {Kinship.BROTHER, Kinship.SISTER, Kinship.HALF_BROTHER, Kinship.HALF_SISTER}),
)


@condition(_("consent to the processing of personal data is recorded (GEN-3)"))
def has_consent(case) -> bool:
    return case.consent_given


@condition(_("every paper copy the state systems do not hold is received (p.6)"))
def copies_complete(case) -> bool:
    return not case.copies_missing()


@condition(_("the job-search period has ended"))
def job_search_over(case) -> bool:
    from kandas.deadlines import deadline_due
    from django.utils import timezone

    due = deadline_due(case=case, step="job_search")
    return due is not None and timezone.localdate() > due


class SupportApplication(CaseBase):
    """Form app.2: "please assist me and my family members in receiving adaptation and integration services
    in the settlement region" — taken by the exit-region career centre (ADA-1)."""

    RULES = SUPPORT_RULES
    REF_PREFIX = "ADA"
    # Both regions read the case: the exit region that sent it and the settlement region that receives it.
    scope_region_fields = ("exit_region", "settlement_region")
    TIMELINE_LABELS = {
        "copies": _("copies received"), "visit_arrival": _("preliminary visit announced"),
        "visit_done": _("preliminary visit held"), "visit_plan": _("plan after the visit"),
        "permanent_registration": _("permanent registration"), "fair": _("job fair"),
        "consultation": _("preliminary consultation"),
        "plan_formed": _("adaptation plan formed"), "plan_agreed": _("plan agreed with the kandas"),
        "plan_approved": _("plan approved by the LMC"), "plan_loaded": _("plan loaded"),
        "plan_item_done": _("plan item completed"), "monitoring_round": _("monitoring round"),
    }
    SIGNATURE_PURPOSE_LABELS = {
        "application": _("application (form app.2)"), "lmc_check": _("check by the LMC head"),
        "exit_mio": _("check by the exit MIO"), "settlement_check": _("check by the settlement MIO specialist"),
        "unemployment_draft": _("draft decision on registration as unemployed"),
        "adaptation_plan": _("adaptation plan approved by the settlement LMC head"),
    }

    state = FSMField(_("state"), default=SupportState.REGISTERED, choices=SupportState.choices, protected=True)
    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="support_applications",
                                  verbose_name=_("applicant"))
    exit_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("region of exit"))
    settlement_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("region of settlement"))
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("chosen locality (KATO)"))
    exit_cc = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("exit career centre"))
    consent_given = models.BooleanField(_("consent to personal data processing (art.8)"), default=False)
    taken_by_name = models.CharField(_("application taken by"), max_length=255)
    taken_by_position = models.CharField(_("position of the person who took it"), max_length=255, blank=True)
    rework_remarks = models.TextField(_("remarks for rework"), blank=True)
    rework_count = models.PositiveSmallIntegerField(_("returned for rework"), default=0)
    # ADA-6 (p.14–16)
    receipt_confirmed_on = models.DateField(_("receipt confirmed on"), null=True, blank=True)
    consultation_note = models.TextField(_("consultation on relocation conditions"), blank=True)
    vacancies_offered = models.TextField(_("vacancies and active employment measures offered"), blank=True)
    # ADA-7 (p.17)
    vacancy = models.CharField(_("vacancy of interest"), max_length=255, blank=True)
    route = models.CharField(_("route"), max_length=255, blank=True)
    relocation_on = models.DateField(_("relocation date"), null=True, blank=True)
    transport = models.CharField(_("transport"), max_length=10, choices=Transport.choices, blank=True)
    arriving_count = models.PositiveSmallIntegerField(_("number of arriving family members"), null=True, blank=True)
    # ADA-9 (p.19) and ADA-8 (p.18)
    accepted_on = models.DateField(_("accepted by the settlement CC on"), null=True, blank=True)
    plan_draft = models.TextField(_("draft individual adaptation and integration plan"), blank=True)
    job_refused = models.BooleanField(_("the kandas refused the offered job"), default=False)
    unemployment_reason = models.TextField(_("grounds of the draft unemployment decision"), blank=True)
    unemployment_sent_on = models.DateField(_("draft unemployment decision sent on"), null=True, blank=True)
    # ADA-12 (p.29)
    employer = models.CharField(_("employer"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    labour_contract = models.CharField(_("labour contract (number and date)"), max_length=255, blank=True)
    housing_requested = models.BooleanField(_("housing search requested from the CC"), default=False)
    final_decision_on = models.DateField(_("final decision on"), null=True, blank=True)
    quota_application = models.OneToOneField("quota.QuotaApplication", on_delete=models.PROTECT, null=True,
                                             blank=True, related_name="support_application",
                                             verbose_name=_("quota application"))
    # ADA-13 (p.30–31)
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True)
    met_at = models.CharField(_("met at (airport, station)"), max_length=255, blank=True)
    temporary_housing = models.CharField(_("temporary housing"), max_length=255, blank=True)
    registration_kind = models.CharField(_("registration"), max_length=10, choices=RegistrationKind.choices,
                                         blank=True)
    registration_centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+", verbose_name=_("centre of temporary registration"))
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    temp_registration_until = models.DateField(_("temporary registration until"), null=True, blank=True)
    permanent_registered_on = models.DateField(_("permanent registration on"), null=True, blank=True)
    # ADA-22 (p.46)
    self_migration_on = models.DateField(_("self-directed migration on"), null=True, blank=True)
    self_migration_evidence = models.TextField(_("evidence of the self-directed migration"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("application for adaptation services")
        verbose_name_plural = _("applications for adaptation services")
        indexes = [models.Index(fields=["exit_region", "state"]), models.Index(fields=["settlement_region", "state"])]

    def get_absolute_url(self):
        return reverse("adaptation:support_detail", args=[self.pk])

    # --- derived facts -------------------------------------------------------------------------
    def copies_missing(self) -> list["SupportCopy"]:
        return [c for c in SupportCopy.objects.filter(member__application=self).select_related("member__person")
                if c.source == SupportCopy.Source.PAPER and c.received_on is None]

    @property
    def temp_registration_beyond_year(self) -> bool:
        """ADA-13: temporary registration in a centre lasts at most one year; beyond it the case is flagged."""
        from django.utils import timezone

        return bool(self.temp_registration_until and not self.permanent_registered_on
                    and self.state == SupportState.RELOCATED and timezone.localdate() > self.temp_registration_until)

    def signature_snapshot(self, purpose: str) -> dict:
        data = {**super().signature_snapshot(purpose),
                "applicant": self.applicant.full_name, "applicant_iin": self.applicant.iin,
                "exit_region": str(self.exit_region.name_ru), "settlement_region": str(self.settlement_region.name_ru),
                "locality": self.locality.kato if self.locality else "",
                "family_members": [f"{m.person.full_name} ({m.person.iin or '—'}, {m.kinship})"
                            for m in self.members.select_related("person")]}
        if purpose == "adaptation_plan" and hasattr(self, "plan"):
            from ..services.plans import plan_snapshot

            data.update(plan=plan_snapshot(self.plan))
        if purpose == "unemployment_draft":
            data.update(state=None, reason=self.unemployment_reason, accepted_on=self.accepted_on)
        return json.loads(json.dumps(data, cls=DjangoJSONEncoder))

    # --- transitions: fields only (services do the rest) -----------------------------------------
    @transition(field=state, source=[SupportState.REGISTERED, SupportState.REWORK], target=SupportState.AT_EXIT_LMC,
                conditions=[has_consent, copies_complete], permission=CC,
                custom={"label": _("Sign and send to the LMC head")})
    def submit(self):
        self.rework_remarks = ""

    @transition(field=state, source=SupportState.AT_EXIT_LMC, target=SupportState.AT_EXIT_MIO, permission=LMC_HEAD,
                custom={"label": _("Sign and send to the exit MIO")})
    def lmc_sign(self):
        pass

    def _rework(self, remarks: str):
        self.rework_remarks = remarks
        self.rework_count += 1

    @transition(field=state, source=SupportState.AT_EXIT_LMC, target=SupportState.REWORK, permission=LMC_HEAD,
                custom={"label": _("Return for rework to the exit CC specialist")})
    def lmc_return(self, *, remarks: str):
        self._rework(remarks)

    @transition(field=state, source=SupportState.AT_EXIT_MIO, target=SupportState.REWORK, permission=MIO_HEAD,
                custom={"label": _("Remarks: return for rework to the exit CC specialist")})
    def exit_mio_return(self, *, remarks: str):
        # p.10 names only the "no remarks" path; Decisions 15: the same return as p.9 (said on screen).
        self._rework(remarks)

    @transition(field=state, source=SupportState.SETTLEMENT_CHECK, target=SupportState.REWORK, permission=MIO,
                custom={"label": _("Return for rework to the exit CC specialist (p.13)")})
    def settlement_return(self, *, remarks: str):
        self._rework(remarks)

    @transition(field=state, source=SupportState.AT_EXIT_MIO, target=SupportState.AT_SETTLEMENT_MIO,
                permission=MIO_HEAD, custom={"label": _("Sign and send to the settlement MIO")})
    def exit_mio_sign(self):
        pass

    @transition(field=state, source=SupportState.AT_SETTLEMENT_MIO, target=SupportState.SETTLEMENT_CHECK,
                permission=MIO_HEAD, custom={"label": _("Assign a specialist")})
    def assign(self):
        pass

    @transition(field=state, source=SupportState.SETTLEMENT_CHECK, target=SupportState.AT_SETTLEMENT_LMC,
                conditions=[has_consent, copies_complete], permission=MIO,
                custom={"label": _("Sign and send to the settlement LMC")})
    def settlement_sign(self):
        pass

    @transition(field=state, source=SupportState.AT_SETTLEMENT_LMC,
                target=RETURN_VALUE(SupportState.LMC_ROUTING, SupportState.AT_SETTLEMENT_CC), permission=LMC,
                custom={"label": _("Record the contact with the kandas")})
    def lmc_contact(self, *, receipt_confirmed_on, consultation_note, vacancies_offered, interested: bool):
        self.receipt_confirmed_on = receipt_confirmed_on
        self.consultation_note = consultation_note
        self.vacancies_offered = vacancies_offered
        return SupportState.LMC_ROUTING if interested else SupportState.AT_SETTLEMENT_CC

    @transition(field=state, source=SupportState.LMC_ROUTING, target=SupportState.AT_SETTLEMENT_CC, permission=LMC,
                custom={"label": _("Record route, date, transport and send to the CC")})
    def route_agree(self, *, vacancy, route, relocation_on, transport, arriving_count):
        self.vacancy, self.route, self.relocation_on = vacancy, route, relocation_on
        self.transport, self.arriving_count = transport, arriving_count

    @transition(field=state, source=SupportState.AT_SETTLEMENT_CC, target=SupportState.CC_WORKING, permission=CC,
                custom={"label": _("Accept and draft the individual plan")})
    def cc_accept(self, *, on: datetime.date, plan_draft: str):
        self.accepted_on, self.plan_draft = on, plan_draft

    @transition(field=state, source=SupportState.CC_WORKING, target=SupportState.UNEMPLOYMENT_DRAFT, permission=CC,
                custom={"label": _("The kandas refused the offered job")})
    def job_refuse(self, *, reason: str):
        self.job_refused = True
        self.unemployment_reason = reason

    @transition(field=state, source=SupportState.CC_WORKING, target=SupportState.UNEMPLOYMENT_DRAFT, permission=CC,
                conditions=[job_search_over], custom={"label": _("No suitable job within the job-search period")})
    def no_job(self, *, reason: str):
        self.unemployment_reason = reason

    @transition(field=state, source=SupportState.CC_WORKING, target=SupportState.UNEMPLOYMENT_DRAFT,
                permission=_nobody, custom={"label": _("Job-search period ended")})
    def job_search_lapse(self, *, reason: str):
        self.unemployment_reason = reason

    @transition(field=state, source=SupportState.UNEMPLOYMENT_DRAFT, target=SupportState.UNEMPLOYMENT_SENT,
                permission=CC_DIRECTOR, custom={"label": _("Sign the draft decision and send it to the LMC")})
    def unemployment_sign(self, *, on: datetime.date):
        self.unemployment_sent_on = on

    @transition(field=state, source=SupportState.CC_WORKING, target=SupportState.FINAL_DECISION, permission=CC,
                custom={"label": _("Record the final decision to relocate")})
    def final_decide(self, *, on, relocation_on, transport, employer, position, labour_contract, housing_requested):
        self.final_decision_on, self.relocation_on, self.transport = on, relocation_on, transport
        self.employer, self.position, self.labour_contract = employer, position, labour_contract
        self.housing_requested = housing_requested

    @transition(field=state, source=SupportState.FINAL_DECISION, target=SupportState.QUOTA_FILED, permission=CC,
                custom={"label": _("File the quota application on the kandas' behalf")})
    def quota_file(self, *, quota_application):
        self.quota_application = quota_application

    @transition(field=state, source=SupportState.QUOTA_FILED, target=SupportState.RELOCATED, permission=CC,
                custom={"label": _("Record the arrival and registration")})
    def relocate(self, *, arrived_on, met_at, temporary_housing, registration_kind, registration_centre,
                 registered_on, temp_registration_until):
        self.arrived_on, self.met_at, self.temporary_housing = arrived_on, met_at, temporary_housing
        self.registration_kind, self.registration_centre = registration_kind, registration_centre
        self.registered_on, self.temp_registration_until = registered_on, temp_registration_until
        if registration_kind == RegistrationKind.PERMANENT:
            self.permanent_registered_on = registered_on

    @transition(field=state, source=[SupportState.QUOTA_FILED, SupportState.RELOCATED],
                target=SupportState.SUPPORT_RETURN, permission=settlement_cc_or_mio,
                custom={"label": _("Record self-directed migration (return of state support)")})
    def self_migrate(self, *, on, evidence):
        self.self_migration_on, self.self_migration_evidence = on, evidence


class SupportMember(models.Model):
    """A family member named in form app.2 (not a citizen of Kazakhstan), on the adaptation kinship list."""

    scope_region_fields = ("application__exit_region", "application__settlement_region")

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="members",
                                    verbose_name=_("application"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    kinship = models.CharField(_("degree of kinship"), max_length=20, choices=Kinship.choices)
    lives_with_applicant = models.BooleanField(_("lives with the applicant"), default=True)
    is_married = models.BooleanField(_("married"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="support_member_once")]

    def __str__(self):
        return f"{self.person} — {self.get_kinship_display()}"

    @property
    def app2_line(self) -> str:
        return next((key for key, _label, kinds in APP2_LINES if self.kinship in kinds), "")


class SupportCopy(models.Model):
    """A copy p.6 names for a member; where a state system holds the record it is fetched, not asked (GEN-2)."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("identity document")
        MARRIAGE = "marriage", _("marriage certificate")
        EDUCATION = "education", _("education document")
        BIRTH = "birth", _("birth certificate")

    class Source(models.TextChoices):
        STATE = "state", _("from the state information systems")
        PAPER = "paper", _("paper copy from the applicant")

    scope_region_fields = ("member__application__exit_region", "member__application__settlement_region")

    member = models.ForeignKey(SupportMember, on_delete=models.CASCADE, related_name="copies",
                               verbose_name=_("family member"))
    kind = models.CharField(_("copy"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=6, choices=Source.choices)
    state_summary = models.CharField(_("what the state system answered"), max_length=255, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["member", "kind"]
        verbose_name = _("copy of a document")
        verbose_name_plural = _("copies of documents")
