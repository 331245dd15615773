"""The application for kandas status (app.1) and its state machine (STA-1…STA-7, STA-9)."""
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import condition, role_permission
from kandas.models import CaseBase, Kinship
from kandas.roles import Role
from kandas.texts import text_render

from ..rules import GOVCORP_STORAGE_YEARS, STATUS_RULES
from .choices import Channel, HearingOutcome, NoticeChannel, SubType
from .hearing import HearingFields, iso_date, hearing_transitions


class ApplicationState(models.TextChoices):
    REGISTERED = "registered", _("registered")
    AT_COMMISSION = "at_commission", _("at the commission")
    RECOMMENDED_ASSIGN = "recommended_assign", _("commission recommends assignment")
    RECOMMENDED_REFUSE = "recommended_refuse", _("commission recommends refusal")
    HEARING = "hearing", _("preliminary refusal notified, hearing scheduled")
    HEARING_POSTPONED = "hearing_postponed", _("hearing postponed")
    HEARD = "heard", _("hearing held")
    AWAITING_ARRIVAL = "awaiting_arrival", _("assigned, awaiting arrival in the settlement region")
    ASSIGNED = "assigned", _("kandas status assigned")
    REFUSED = "refused", _("refused")
    EXPIRED = "expired", _("status expired")


def nobody(instance, user) -> bool:
    """Automatic transitions (Celery) are not offered to any user."""
    return False


@condition(_("all required documents are attached"))
def documents_complete(case) -> bool:
    return not case.missing_documents


@condition(_("consent to personal data processing is recorded (otherwise refusal ground 4)"))
def consent_recorded(case) -> bool:
    return case.consent_id is not None


@condition(_("the hearing accepted the application"))
def not_refused_at_hearing(case) -> bool:
    return case.state != ApplicationState.HEARD or case.hearing_outcome == HearingOutcome.ACCEPTED


@condition(_("the status period has ended"))
def status_period_over(case) -> bool:
    return bool(case.status_until and case.status_until < timezone.localdate())


class StatusApplication(HearingFields, CaseBase):
    """An application for kandas status: general procedure or via a foreign mission (MIO consent)."""

    RULES = STATUS_RULES
    REF_PREFIX = "STA"
    scope_region_fields = ("region",)
    # A foreign mission or an API client has no region of its own: it sees what it filed.
    scope_organisation_fields = ("filed_by_organisation",)

    state = FSMField(_("state"), default=ApplicationState.REGISTERED, choices=ApplicationState.choices,
                     protected=True, db_index=True)
    sub_type = models.CharField(_("sub-type"), max_length=10, choices=SubType.choices, default=SubType.GENERAL)
    channel = models.CharField(_("filed via"), max_length=12, choices=Channel.choices)
    applicant = models.ForeignKey("kandas.Person", on_delete=models.PROTECT, related_name="status_applications",
                                  verbose_name=_("applicant"))
    settlement_region = models.ForeignKey("kandas.Region", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name=_("settlement region"))
    filed_by_organisation = models.ForeignKey("kandas.Organisation", on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name=_("accepted by"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by (external system)"))
    external_id = models.CharField(_("number in the sending system"), max_length=64, blank=True)
    consent = models.ForeignKey("kandas.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("consent to personal data processing"))
    nationality_recommendation = models.BooleanField(
        _("the commission on Kazakh nationality has recommended the applicant"), default=False,
        help_text=_("Then no proof of nationality is needed (app.2 p.8)."))
    missing_documents = models.JSONField(_("missing documents"), default=list, blank=True)
    registry_confirmed = models.JSONField(_("confirmed from state systems"), default=list, blank=True)
    # GEN-2: the people whose name was kept as written in a presented document against ГБД ФЛ (logged).
    name_kept_for = models.JSONField(_("name kept as in the presented document"), default=list, blank=True)
    # STA-3: the commission's recommendation, its protocol and the session's video recording.
    recommendation = models.CharField(_("recommendation"), max_length=10, blank=True)
    protocol_number = models.CharField(_("protocol number"), max_length=50, blank=True)
    protocol_date = models.DateField(_("protocol date"), null=True, blank=True)
    video_reference = models.CharField(_("video recording of the session"), max_length=255, blank=True)
    commission_remarks = models.TextField(_("commission remarks"), blank=True)
    # STA-5 / STA-7 / STA-9: the result.
    arrival_date = models.DateField(_("arrival in the settlement region"), null=True, blank=True)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    status_until = models.DateField(_("status valid until"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    # STA-7 (app.2 row 5): the State Corporation keeps the documents (the result) in its information system
    # for one year; by request its operator hands out the certificate received from the MIO.
    govcorp_stored_until = models.DateField(_("kept at the State Corporation until"), null=True, blank=True)
    originals_returned_on = models.DateField(_("originals returned on"), null=True, blank=True)
    autobiography_kept = models.BooleanField(_("autobiography kept in the file"), default=False)

    history = HistoricalRecords(excluded_fields=["state", "version", "updated_at"])

    # Timeline rows that are not transitions (kandas.transitions.case_event_log), named for the reader.
    TIMELINE_LABELS = {"return_originals": _("originals returned"),
                       "record_consent": _("consent to personal data processing recorded"),
                       "name_kept": _("name kept as in the presented document"),
                       "name_from_registry": _("name taken from the persons database")}
    # What each signature purpose of this case covers (kandas.casepage shows these, never the codes).
    SIGNATURE_PURPOSE_LABELS = {
        "decision": _("decision on assigning kandas status (app.4)"),
        "refusal": _("motivated refusal to assign kandas status"),
    }

    class Meta:
        ordering = ["-filed_on", "-pk"]
        # the case list's first page (the region's latest filings) and its state filter
        indexes = [models.Index(fields=["region", "-filed_on", "-id"], name="status_app_region_filed_idx"),
                   models.Index(fields=["region", "state", "-filed_on"], name="status_app_region_state_idx")]
        verbose_name = _("application for kandas status")
        verbose_name_plural = _("applications for kandas status")

    def get_absolute_url(self):
        return reverse("status:application_detail", args=[self.pk])

    @property
    def is_mission_path(self) -> bool:
        return self.sub_type == SubType.MISSION

    def signature_snapshot(self, purpose: str) -> dict:
        return {
            **super().signature_snapshot(purpose),
            "applicant": self.applicant.full_name, "iin": self.applicant.iin or "",
            "sub_type": self.sub_type, "settlement_region": self.settlement_region_id,
            "refusal_grounds": list(self.refusal_grounds), "refusal_motivation": self.refusal_motivation,
            "decided_on": iso_date(self.decided_on), "certificate_number": self.certificate_number,
            "status_since": iso_date(self.status_since), "status_until": iso_date(self.status_until),
        }

    # --- the state machine: transitions set fields only (kandas.transitions does the rest) ---
    @transition(field=state, source=ApplicationState.REGISTERED, target=ApplicationState.AT_COMMISSION,
                conditions=[documents_complete], permission=role_permission(Role.MIO_SPECIALIST),
                custom={"label": _("Send to the commission")})
    def send_to_commission(self):
        pass

    @transition(field=state, source=ApplicationState.AT_COMMISSION, target=RETURN_VALUE(
        ApplicationState.RECOMMENDED_ASSIGN, ApplicationState.RECOMMENDED_REFUSE),
        permission=role_permission(Role.COMMISSION_SECRETARY), custom={"label": _("Record the recommendation")})
    def recommend(self, *, outcome, protocol_number, protocol_date, video_reference, remarks=""):
        self.recommendation, self.protocol_number, self.protocol_date = outcome, protocol_number, protocol_date
        self.video_reference, self.commission_remarks = video_reference, remarks
        if outcome == "assign":
            return ApplicationState.RECOMMENDED_ASSIGN
        return ApplicationState.RECOMMENDED_REFUSE

    (notify_preliminary_refusal, postpone_hearing, reschedule_hearing, record_hearing,
     refuse) = hearing_transitions(ApplicationState, notice_from=[ApplicationState.RECOMMENDED_ASSIGN,
                                                                  ApplicationState.RECOMMENDED_REFUSE])

    @transition(field=state, source=[ApplicationState.RECOMMENDED_ASSIGN, ApplicationState.HEARD],
                target=RETURN_VALUE(ApplicationState.ASSIGNED, ApplicationState.AWAITING_ARRIVAL),
                conditions=[consent_recorded, documents_complete, not_refused_at_hearing],
                permission=role_permission(Role.MIO_HEAD), custom={"label": _("Sign the assignment decision")})
    def assign(self, *, since=None, until=None):
        self.decided_on = timezone.localdate()
        self.certificate_number = self.certificate_number or self.ref.replace("STA", "KU")
        self.govcorp_stored_until = self.decided_on + relativedelta(years=GOVCORP_STORAGE_YEARS)
        if self.is_mission_path:
            # p.10.2: the decision takes effect on the day of arrival in the settlement region.
            return ApplicationState.AWAITING_ARRIVAL
        self.status_since, self.status_until = since, until
        return ApplicationState.ASSIGNED

    @transition(field=state, source=ApplicationState.AWAITING_ARRIVAL, target=ApplicationState.ASSIGNED,
                permission=role_permission(Role.MIO_SPECIALIST), custom={"label": _("Record the arrival")})
    def record_arrival(self, *, arrival_date, until):
        self.arrival_date, self.status_since, self.status_until = arrival_date, arrival_date, until

    @transition(field=state, source=ApplicationState.ASSIGNED, target=ApplicationState.EXPIRED,
                conditions=[status_period_over], permission=nobody, custom={"label": _("Expire")})
    def expire(self):
        pass


class StatusApplicationMember(models.Model):
    """A family member named in the application (app.1), with the degree of kinship."""

    application = models.ForeignKey(StatusApplication, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("kandas.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("family member"))
    kinship = models.CharField(_("degree of kinship"), max_length=20, choices=Kinship.choices)

    class Meta:
        verbose_name = _("family member in the application")
        verbose_name_plural = _("family members in the application")
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="status_member_once")]

    def __str__(self):
        return f"{self.person} ({self.get_kinship_display()})"


class CertificateHandout(models.Model):
    """STA-7: the State Corporation hands out, on request, the certificate it received from the MIO."""

    scope_region_fields = ("application__region",)

    application = models.ForeignKey(StatusApplication, on_delete=models.PROTECT, related_name="handouts")
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("handed out by"))
    organisation = models.ForeignKey("kandas.Organisation", on_delete=models.PROTECT, null=True, related_name="+")
    recipient_document = models.CharField(_("identity document presented"), max_length=255)
    handed_at = models.DateTimeField(_("handed out at"), auto_now_add=True)

    class Meta:
        ordering = ["-handed_at"]
        verbose_name = _("certificate handed out")
        verbose_name_plural = _("certificates handed out")


class ApplicantNotice(models.Model):
    """What the applicant (or the State Corporation) was told, when and through which channel."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("registration notice (app.3)")
        PRELIMINARY_REFUSAL = "preliminary", _("preliminary refusal and hearing")
        DECISION = "decision", _("decision")
        GOVCORP = "govcorp", _("decision sent to the State Corporation")

    application = models.ForeignKey(StatusApplication, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="notices")
    extension = models.ForeignKey("status.StatusExtension", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="notices")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20)
    # The old plain text (installation language): kept for rows written before `message` and for e-mail.
    text = models.TextField(_("text"))
    # What the notice says as a stored message (kandas.texts), read in the reader's language.
    message = models.JSONField(_("message"), default=dict, blank=True)
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notice to the applicant")
        verbose_name_plural = _("notices to the applicant")

    @property
    def body(self) -> str:
        """The notice in the reader's language (the plain text for rows written before messages)."""
        return text_render(self.message, self.text)

    @property
    def channel_label(self) -> str:
        """The channel in the reader's language (a filing channel or a notice channel)."""
        labels = {**dict(Channel.choices), **dict(NoticeChannel.choices)}
        return str(labels.get(self.channel, self.channel))
