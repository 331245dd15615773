"""Applications for inclusion in a regional quota (kandas, app.1; settlers, app.6) and their members."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import condition, role_permission
from kandas.models import CaseBase, DocumentKind, Kinship, Person, Region
from kandas.roles import Role

from ..rules import QUOTA_RULES
from .choices import (ALL_GROUNDS, QUOTA_CHANNEL_CHOICES, AppState, Channel, EligibilityBasis, EmploymentCategory,
                      QuotaKind)

S = AppState
MIO = role_permission(Role.MIO_SPECIALIST, Role.MIO_HEAD)
ACCEPTORS = role_permission(Role.GOVCORP_OPERATOR, Role.MIO_SPECIALIST, Role.CC_SPECIALIST)
COMMISSION = role_permission(Role.COMMISSION_SECRETARY)
HEAD = role_permission(Role.MIO_HEAD)


@condition(_("the result has not been sent yet"))
def result_not_sent(case) -> bool:
    return case.result_sent_on is None


@condition(_("a refusal follows a preliminary decision of refusal and the hearing (APPC art.73, QUO-7): "
             "issue the preliminary refusal with the time and place of the hearing first"))
def hearing_held(case) -> bool:
    return case.state == S.HEARD


class QuotaApplication(CaseBase):
    """One application for inclusion in the kandas or the settlers quota of a designated region.

    `region` is the designated region of settlement whose MIO provides the service; for settlers
    `exit_region` is where they live now (its career centre sees the case too).
    """

    RULES = QUOTA_RULES
    REF_PREFIX = "QUO"
    scope_region_fields = ("region", "exit_region")
    # Decision 18: a State Corporation office or a portal client of another region sees what it filed.
    scope_organisation_fields = ("filed_by_organisation",)
    # What a quota signature covers (kandas.casepage shows these instead of the purpose code).
    SIGNATURE_PURPOSE_LABELS = {"decision": _("decision on inclusion in the regional quota (app.4 / 5 / 9 / 10)"),
                                "application": _("application for inclusion in the regional quota")}
    SNAPSHOT_LABELS = {"applicant_iin": _("IIN of the applicant"), "members": _("family members included")}
    TIMELINE_LABELS = {"unit_refused": _("applicant refused the offered unit")}

    kind = models.CharField(_("sub-service"), max_length=10, choices=QuotaKind.choices)
    state = FSMField(_("state"), default=S.SUBMITTED, choices=S.choices, protected=True)
    channel = models.CharField(_("channel"), max_length=12, choices=QUOTA_CHANNEL_CHOICES)
    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quota_applications",
                                  verbose_name=_("applicant"))
    exit_region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("region of exit"))
    address = models.CharField(_("address of residence"), max_length=255, blank=True)
    # QUO-10: the territorial unit (district or city, KATO) offered for settlement; its plan is consumed
    # (the region's when the unit has none). The applicant's refusal of it is ground 5 (kandas) / 4 (settlers).
    locality = models.ForeignKey("kandas.Locality", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("territorial unit offered (KATO)"))
    locality_refused_on = models.DateField(_("the applicant refused the offered unit on"), null=True, blank=True)
    # QUO-1
    eligibility_basis = models.CharField(_("eligibility"), max_length=12, choices=EligibilityBasis.choices,
                                         blank=True)
    widow_of = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("late spouse (kandas included in a quota)"))
    eligibility_note = models.TextField(_("eligibility check"), blank=True)  # installation's language
    # The same as a message and its parameters (kandas.texts): read in the reader's language.
    eligibility_message = models.JSONField(_("eligibility check (message)"), default=dict, blank=True)
    # QUO-1: what the registry does not record, asked at filing: {"status_9_1": true} / {"children":
    # {"<person id>": {"answer": "common" | "born_kz", "source": "registry" | "applicant"}}}.
    eligibility_answers = models.JSONField(_("eligibility: answers recorded at filing"), default=dict, blank=True)
    # QUO-6
    employment_category = models.CharField(_("employment category"), max_length=2,
                                           choices=EmploymentCategory.choices, blank=True)
    job_seeker_registered_on = models.DateField(_("registered as job seeker / unemployed on"), null=True,
                                                blank=True)
    # GEN-2: what the state systems said at filing (p.5, p.16).
    registration_address = models.CharField(_("permanent registration (state systems)"), max_length=255,
                                            blank=True)
    registration_since = models.DateField(_("registered there since"), null=True, blank=True)
    owns_housing = models.BooleanField(_("owns housing in the locality (state systems)"), null=True)
    consent_given = models.BooleanField(_("consent to personal data processing"), default=False)
    eds_signed = models.BooleanField(_("signed with an EDS"), default=False)
    # QUO-3
    missing_documents = models.JSONField(_("missing or expired documents"), default=list, blank=True)
    accepted_on = models.DateField(_("accepted / registered on"), null=True, blank=True)
    incoming_number = models.CharField(_("incoming number"), max_length=40, blank=True)
    # QUO-5 / QUO-6 / QUO-7
    sent_to_commission_on = models.DateField(_("sent to the commission on"), null=True, blank=True)
    recommended_on = models.DateField(_("recommendation on"), null=True, blank=True)
    commission_remarks = models.TextField(_("motivated remarks"), blank=True)
    hearing_at = models.DateTimeField(_("hearing: time"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing: place"), max_length=255, blank=True)
    preliminary_received_on = models.DateField(_("preliminary decision received on"), null=True, blank=True)
    objections = models.TextField(_("objections of the applicant"), blank=True)
    hearing_minutes = models.TextField(_("hearing minutes"), blank=True)
    # QUO-8 / QUO-9 / QUO-10
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    refusal_grounds = models.JSONField(_("refusal grounds"), default=list, blank=True)
    refusal_reasoning = models.TextField(_("reasoning of the refusal"), blank=True)
    quota_plan = models.ForeignKey("quota.QuotaPlan", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="applications", verbose_name=_("quota consumed"))
    quota_units = models.PositiveIntegerField(_("quota units consumed"), default=0)
    result_sent_on = models.DateField(_("result sent on"), null=True, blank=True)
    term_overrun = models.BooleanField(_("14-day term overrun"), default=False)
    filed_by_organisation = models.ForeignKey("kandas.Organisation", on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name=_("filed by"))

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("quota application")
        verbose_name_plural = _("quota applications")
        indexes = [models.Index(fields=["region", "kind", "state"]),
                   # Issue 14: the lists' order (newest first) inside a region, an exit region, across the country.
                   models.Index(fields=["region", "-filed_on", "-id"], name="quota_app_region_filed_idx"),
                   models.Index(fields=["-filed_on", "-id"], name="quota_app_filed_idx"),
                   models.Index(fields=["exit_region", "-filed_on", "-id"], name="quota_app_exit_filed_idx"),
                   models.Index(fields=["region", "state", "-filed_on"], name="quota_app_region_state_idx")]

    def get_absolute_url(self):
        return reverse("quota:application_detail", args=[self.pk])

    @property
    def is_settlers(self) -> bool:
        return self.kind == QuotaKind.SETTLERS

    @property
    def via_govcorp(self) -> bool:
        return self.channel in Channel.paper()

    @property
    def eligibility_text(self) -> str:
        from kandas.texts import text_render

        return text_render(self.eligibility_message, self.eligibility_note)

    def grounds_display(self) -> list[str]:
        return [str(ALL_GROUNDS[g]) for g in self.refusal_grounds if g in ALL_GROUNDS]

    def get_refusal_grounds_display(self) -> str:
        """The grounds by their wording (the signing preview shows no codes)."""
        return "; ".join(self.grounds_display())

    def signature_snapshot(self, purpose):
        data = super().signature_snapshot(purpose)
        data.update({
            "kind": self.kind, "applicant_iin": self.applicant.iin, "applicant": self.applicant.full_name,
            "decided_on": self.decided_on.isoformat() if self.decided_on else None, "decision_number": self.decision_number,
            "refusal_grounds": self.refusal_grounds, "refusal_reasoning": self.refusal_reasoning,
            "members": sorted(m.person.iin or m.person.full_name for m in self.members.all() if m.included),
            "quota_units": self.quota_units,
        })
        return data

    # --- transitions: fields only (services do the rest); the data they record comes as arguments ---
    @transition(field=state, source=S.SUBMITTED, target=S.REFUSED_TO_ACCEPT, permission=ACCEPTORS,
                custom={"label": _("Refuse to accept")})
    def refuse_to_accept(self, *, missing):
        """QUO-3: the receipt lists the missing or expired documents."""
        if not missing:
            raise ValidationError({"missing": _("List the missing or expired documents.")})
        self.missing_documents = list(missing)

    @transition(field=state, source=S.SUBMITTED, target=S.REGISTERED, permission=ACCEPTORS,
                custom={"label": _("Accept")})
    def accept(self, *, on, number=""):
        self.accepted_on, self.incoming_number, self.missing_documents = on, number, []

    @transition(field=state, source=S.REGISTERED, target=S.AT_COMMISSION, permission=MIO,
                custom={"label": _("Send to the commission")})
    def send_to_commission(self, *, on):
        self.sent_to_commission_on = on

    @transition(field=state, source=S.AT_COMMISSION, target=S.RECOMMENDED, permission=COMMISSION,
                custom={"label": _("Recommend inclusion")})
    def recommend_inclusion(self, *, on):
        self.recommended_on = on

    @transition(field=state, source=S.AT_COMMISSION, target=S.PRELIMINARY_REFUSAL, permission=COMMISSION,
                custom={"label": _("Remarks: preliminary refusal")})
    def recommend_refusal(self, *, on, remarks, hearing_at, hearing_place, received_on):
        """QUO-7: motivated remarks, with the time and place of the hearing."""
        if not (remarks or "").strip():
            raise ValidationError({"remarks": _("Motivated remarks are required for a preliminary refusal.")})
        self.recommended_on, self.commission_remarks = on, remarks
        self.hearing_at, self.hearing_place, self.preliminary_received_on = hearing_at, hearing_place, received_on

    @transition(field=state, source=S.RECOMMENDED, target=S.PRELIMINARY_REFUSAL, permission=MIO,
                custom={"label": _("Preliminary decision of refusal")})
    def preliminary_refusal(self, *, remarks, hearing_at, hearing_place, received_on):
        """QUO-7 (APPC art.73): after a positive recommendation the MIO that means to refuse (e.g. no quota
        in the unit, or the applicant refused the offered unit) first issues a preliminary decision and
        hears the applicant; the recommendation day stays as it was."""
        if not (remarks or "").strip():
            raise ValidationError({"remarks": _("Motivated remarks are required for a preliminary refusal.")})
        self.commission_remarks = remarks
        self.hearing_at, self.hearing_place, self.preliminary_received_on = hearing_at, hearing_place, received_on

    @transition(field=state, source=S.PRELIMINARY_REFUSAL, target=S.HEARD, permission=MIO,
                custom={"label": _("Record the hearing")})
    def record_hearing(self, *, objections, minutes):
        self.objections, self.hearing_minutes = objections, minutes

    @transition(field=state, source=[S.RECOMMENDED, S.HEARD], target=S.INCLUDED, permission=HEAD,
                custom={"label": _("Decide: include")})
    def include(self, *, on, number, plan, units):
        self.decided_on, self.decision_number = on, number
        self.quota_plan, self.quota_units, self.refusal_grounds = plan, units, []

    @transition(field=state, source=[S.RECOMMENDED, S.HEARD], target=S.REFUSED, permission=HEAD,
                conditions=[hearing_held], custom={"label": _("Decide: refuse")})
    def refuse(self, *, on, number, grounds, reasoning=""):
        """QUO-9: a refusal names at least one ground of the closed list."""
        if not grounds or not all(g in ALL_GROUNDS for g in grounds):
            raise ValidationError({"grounds": _("Name at least one refusal ground.")})
        self.decided_on, self.decision_number = on, number
        self.refusal_grounds, self.refusal_reasoning = list(grounds), reasoning

    @transition(field=state, source=[S.INCLUDED, S.REFUSED], target=RETURN_VALUE(S.INCLUDED, S.REFUSED),
                conditions=[result_not_sent], permission=MIO, custom={"label": _("Send the result")})
    def send_result(self, *, on, overrun=False):
        """QUO-8; Decisions 5: an overrun of the 14-day term is flagged, not hidden."""
        self.result_sent_on, self.term_overrun = on, overrun
        return self.state


class ApplicationMember(models.Model):
    """A family member named in the application (app.1 / app.6 table); `included` ones consume the quota."""

    application = models.ForeignKey(QuotaApplication, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    kinship = models.CharField(_("degree of kinship"), max_length=20, choices=Kinship.choices)
    included = models.BooleanField(_("included in the application"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("family member in the application")
        verbose_name_plural = _("family members in the application")
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="quota_member_once")]

    def __str__(self):
        return f"{self.person} ({self.get_kinship_display()})"


class ApplicationDocumentNote(models.Model):
    """A document presented with the application (app.2 p.8), with its validity (QUO-3)."""

    application = models.ForeignKey(QuotaApplication, on_delete=models.CASCADE, related_name="documents_presented")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("document"), max_length=255)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("presented document")
        verbose_name_plural = _("presented documents")

    def __str__(self):
        return self.title
