"""Residence in the adaptation centre (RES-1…RES-11): the application (form app.2), its journal row
(app.3), the referral (app.1), check-in, residence records, early termination, end and check-out."""
import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_fsm import RETURN_VALUE, FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import condition, role_permission
from kandas.models import ADULT_AGE, CaseBase, Document, Family, Kinship, Organisation, Person
from kandas.roles import Role
from kandas.texts import text, text_render

from ..rules import RESIDENCE_RULES
from .centres import Centre

CHECK_IN_DAYS = 3  # RES-7 (p.9)
MAX_RESIDENCE_MONTHS = 6  # RES-10 (p.15)
VACATE_DAYS = 3  # RES-11 (p.17)

MIO = role_permission(Role.MIO_SPECIALIST, Role.MIO_HEAD)
MIO_HEAD = role_permission(Role.MIO_HEAD)
MIO_SPECIALIST = role_permission(Role.MIO_SPECIALIST)
CENTRE = role_permission(Role.ACC_STAFF)


def _nobody(instance, user) -> bool:
    """Automatic transitions (Celery) are never offered as buttons."""
    return False


class ResidenceState(models.TextChoices):
    REGISTERED = "registered", _("registered in the journal")
    RESERVE = "reserve", _("in the reserve (waiting for beds)")
    OFFERED = "offered", _("beds held: referral to be issued")
    PREPARED = "prepared", _("referral prepared: awaiting the MIO head's signature")
    REFERRED = "referred", _("referral issued")
    RESIDING = "residing", _("residing in the centre")
    TERMINATION_PROPOSED = "termination", _("early termination proposed")
    ENDED = "ended", _("residence ended: to vacate")
    EVICTED = "evicted", _("evicted: to vacate")
    CHECKED_OUT = "checked_out", _("checked out")
    LAPSED = "lapsed", _("referral lapsed (not checked in)")
    REFUSED = "refused", _("refused")


ACTIVE_STATES = (ResidenceState.REGISTERED, ResidenceState.RESERVE, ResidenceState.OFFERED, ResidenceState.PREPARED,
                 ResidenceState.REFERRED,
                 ResidenceState.RESIDING, ResidenceState.TERMINATION_PROPOSED, ResidenceState.ENDED,
                 ResidenceState.EVICTED)


# Kinship as printed on the referral (form app.1). Own labels (with a context) so the residence forms
# print in Russian and Kazakh from this app's catalogue; the values are kandas.models.Kinship's.
RESIDENCE_KINSHIP = [
    ("applicant", pgettext_lazy("kinship", "applicant")),
    (Kinship.SPOUSE, pgettext_lazy("kinship", "spouse")),
    (Kinship.FATHER, pgettext_lazy("kinship", "father")),
    (Kinship.MOTHER, pgettext_lazy("kinship", "mother")),
    (Kinship.SPOUSE_FATHER, pgettext_lazy("kinship", "father of the spouse")),
    (Kinship.SPOUSE_MOTHER, pgettext_lazy("kinship", "mother of the spouse")),
    (Kinship.SON, pgettext_lazy("kinship", "son")),
    (Kinship.DAUGHTER, pgettext_lazy("kinship", "daughter")),
    (Kinship.ADOPTED_CHILD, pgettext_lazy("kinship", "adopted child")),
    (Kinship.CHILD_SPOUSE, pgettext_lazy("kinship", "spouse of a child")),
    (Kinship.GRANDCHILD, pgettext_lazy("kinship", "grandchild")),
    (Kinship.BROTHER, pgettext_lazy("kinship", "brother")),
    (Kinship.SISTER, pgettext_lazy("kinship", "sister")),
    (Kinship.HALF_BROTHER, pgettext_lazy("kinship", "half-brother")),
    (Kinship.HALF_SISTER, pgettext_lazy("kinship", "half-sister")),
]


class StayState(models.TextChoices):
    LISTED = "listed", _("listed in the application")
    RESIDING = "residing", _("residing")
    EVICTED = "evicted", _("evicted")
    LEFT = "left", _("left the centre")


@condition(_("the police talon is recorded for the applicant and every adult member (RES-3)"))
def talons_complete(case) -> bool:
    return not case.persons_missing_talon()


@condition(_("the check-in is within 3 calendar days of receiving the referral"))
def check_in_in_time(case) -> bool:
    return case.check_in_last_day is not None and timezone.localdate() <= case.check_in_last_day


class ResidenceApplication(CaseBase):
    """RES-2: "settle me and my family of N persons" (form app.2), filed with the MIO."""

    RULES = RESIDENCE_RULES
    REF_PREFIX = "RES"
    # Decision 18: a portal client of another region sees what it filed.
    scope_organisation_fields = ("filed_by_organisation",)
    # What a signature covers (kandas.casepage): the referral (RES-3) and the MIO's decision on early
    # termination (RES-9), signed as "termination:<proposal id>".
    SIGNATURE_PURPOSE_LABELS = {
        "referral": _("referral to the centre (form app.1)"),
        "termination": _("decision on early termination of residence"),
    }
    # Timeline rows that are not transitions (kandas.transitions.case_event_log).
    TIMELINE_LABELS = {
        "register": _("registered in the journal"),
        "talon": _("police talon recorded"),
        "member_vacated": _("member left the room"),
        "residence_redated": _("end of residence re-dated"),
    }

    state = FSMField(_("state"), default=ResidenceState.REGISTERED, choices=ResidenceState.choices, protected=True)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="applications", verbose_name=_("centre"))
    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="residence_applications",
                                  verbose_name=_("applicant"))
    family = models.ForeignKey(Family, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("family"))
    persons_count = models.PositiveSmallIntegerField(_("number of persons"))
    journal_no = models.PositiveIntegerField(_("journal number"), editable=False)
    referral_no = models.PositiveIntegerField(_("referral number"), null=True, blank=True, editable=False)
    referral_issued_on = models.DateField(_("referral issued on"), null=True, blank=True)
    referral_handed_over_on = models.DateField(_("referral received by the applicant on"), null=True, blank=True)
    # RES-3: a specialist may prepare the referral; the MIO head whose name it prints signs it.
    referral_prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("referral prepared by"))
    referral_prepared_on = models.DateField(_("referral prepared on"), null=True, blank=True)
    # RES-9 (p.13): the centre's proposal of early termination goes to the MIO that issued the referral.
    referral_issued_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name=_("referral issued by"))
    checked_in_on = models.DateField(_("checked in on"), null=True, blank=True)
    residence_ends_on = models.DateField(_("residence ends on"), null=True, blank=True)
    ended_on = models.DateField(_("residence ended on"), null=True, blank=True)
    vacate_by = models.DateField(_("vacate by"), null=True, blank=True)
    checked_out_on = models.DateField(_("checked out on"), null=True, blank=True)
    reserve_entered_on = models.DateField(_("entered the reserve on"), null=True, blank=True)
    end_reason = models.CharField(_("why residence ended"), max_length=255, blank=True)
    refusal_reason = models.TextField(_("refusal reason"), blank=True)
    # What the system wrote as the reason (kandas.texts), read in the reader's language; the plain fields
    # above keep the installation's language (and what an MIO typed).
    end_message = models.JSONField(_("why residence ended (stored text)"), default=dict, blank=True)
    refusal_message = models.JSONField(_("refusal reason (stored text)"), default=dict, blank=True)
    filed_by_organisation = models.ForeignKey("kandas.Organisation", on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name=_("filed by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on", "-journal_no"]
        verbose_name = _("residence application")
        verbose_name_plural = _("residence applications")
        constraints = [models.UniqueConstraint(fields=["centre", "journal_no"], name="residence_journal_no_unique")]
        indexes = [models.Index(fields=["centre", "state", "journal_no"]),
                   # the case list's first page: the region's latest filings, and its state filter
                   models.Index(fields=["region", "-filed_on", "-journal_no"], name="residence_region_filed_idx"),
                   models.Index(fields=["region", "state", "-filed_on"], name="residence_region_state_idx")]

    def get_absolute_url(self):
        return reverse("adaptation:residence_detail", args=[self.pk])

    # --- derived facts -------------------------------------------------------------------------
    @property
    def end_reason_text(self) -> str:
        return text_render(self.end_message, self.end_reason)

    @property
    def refusal_reason_text(self) -> str:
        return text_render(self.refusal_message, self.refusal_reason)

    @property
    def check_in_last_day(self) -> datetime.date | None:
        """RES-7: the last day to check in (3 calendar days after receiving the referral)."""
        if not self.referral_handed_over_on:
            return None
        return self.referral_handed_over_on + datetime.timedelta(days=CHECK_IN_DAYS)

    def persons_missing_talon(self) -> list["ResidencePerson"]:
        """RES-3: the applicant and every adult member need the police talon."""
        return [p for p in self.persons.all() if p.needs_talon and not p.has_talon]

    def residents(self):
        return self.persons.filter(stay_state=StayState.RESIDING)

    def signature_snapshot(self, purpose: str) -> dict:
        """What the referral (RES-3) and a termination decision (RES-9) sign; JSON-safe values."""
        return json.loads(json.dumps(self._snapshot(purpose), cls=DjangoJSONEncoder))

    def _snapshot(self, purpose: str) -> dict:
        data = super().signature_snapshot(purpose)
        # Only what the printed form shows and what no later step changes (stays change; a referral does not).
        persons = [{"name": p.person.full_name, "birth_date": p.person.birth_date, "kinship": p.kinship,
                    "talon": p.talon_number} for p in self.persons.select_related("person")]
        if purpose == "referral":
            # "members", not "persons": kandas.casepage labels snapshot keys by model field, and
            # `persons` is this model's reverse relation (no verbose name).
            return {**data, "referral_no": self.referral_no, "issued_on": self.referral_issued_on,
                    "centre": str(self.centre), "applicant": self.applicant.full_name,
                    "applicant_birth_date": self.applicant.birth_date,
                    "members": [p for p in persons if p["kinship"] != "applicant"],
                    "state": None}  # the referral stays valid while the case moves on
        if purpose == "termination":  # the confirmation page, before the decision: the proposal decided on
            proposal = self.termination_proposals.filter(decision="").select_related("member__person").first()
            return {**data, "state": None, "violation": proposal.violation if proposal else "",
                    "member": proposal.member.person.full_name if proposal and proposal.member else None}
        if purpose.startswith("termination:"):
            proposal = self.termination_proposals.get(pk=int(purpose.split(":")[1]))
            return {**data, "state": None, "violation": proposal.violation, "decision": proposal.decision,
                    "member": proposal.member.person.full_name if proposal.member else None,
                    "reason": proposal.decision_reason, "decided_on": proposal.decided_on,
                    "vacate_by": proposal.vacate_by}
        return data

    # --- transitions: fields only (services do the rest) -----------------------------------------
    @transition(field=state, source=[ResidenceState.REGISTERED, ResidenceState.OFFERED], target=ResidenceState.PREPARED,
                conditions=[talons_complete], permission=MIO_SPECIALIST,
                custom={"label": _("Prepare the referral for the head's signature")})
    def referral_prepare(self, *, by, on: datetime.date):
        """RES-3: the specialist prepares; the beds are held; the MIO head signs (referral_issue)."""
        self.referral_prepared_by, self.referral_prepared_on = by, on

    # RES-3: form app.1 prints "Руководитель местного исполнительного органа": only the MIO head signs it,
    # so the printed name is the signer's. The head may also sign an application nobody prepared.
    @transition(field=state, source=[ResidenceState.REGISTERED, ResidenceState.OFFERED, ResidenceState.PREPARED],
                target=ResidenceState.REFERRED, conditions=[talons_complete], permission=MIO_HEAD,
                custom={"label": _("Issue the referral")})
    def referral_issue(self, *, number: int, handed_over_on: datetime.date, issued_by):
        self.referral_no = number
        self.referral_issued_on = timezone.localdate()
        self.referral_handed_over_on = handed_over_on
        self.referral_issued_by = issued_by

    @transition(field=state, source=ResidenceState.REGISTERED, target=ResidenceState.RESERVE, permission=MIO,
                custom={"label": _("Place in the reserve")})
    def reserve_enter(self):
        self.reserve_entered_on = timezone.localdate()

    @transition(field=state, source=ResidenceState.RESERVE, target=ResidenceState.OFFERED, permission=_nobody,
                custom={"label": _("Beds held for the next in the reserve")})
    def reserve_offer(self):
        pass

    @transition(field=state, source=[ResidenceState.REGISTERED, ResidenceState.RESERVE, ResidenceState.OFFERED,
                                     ResidenceState.PREPARED, ResidenceState.REFERRED],
                target=ResidenceState.REFUSED, permission=MIO, custom={"label": _("Refuse")})
    def refuse(self, *, reason: str, message: dict | None = None):
        self.refusal_reason, self.refusal_message = reason, message or {}

    @transition(field=state, source=ResidenceState.REFERRED, target=ResidenceState.LAPSED, permission=_nobody,
                custom={"label": _("Referral lapsed")})
    def lapse(self):
        self.end_message = text(gettext_noop("not checked in within 3 calendar days of receiving the referral"))
        self.end_reason = text_render(self.end_message)

    @transition(field=state, source=ResidenceState.REFERRED, target=ResidenceState.RESIDING,
                conditions=[check_in_in_time], permission=CENTRE, custom={"label": _("Check in")})
    def check_in(self, *, on: datetime.date, ends_on: datetime.date):
        self.checked_in_on = on
        self.residence_ends_on = ends_on

    @transition(field=state, source=ResidenceState.RESIDING, target=ResidenceState.TERMINATION_PROPOSED,
                permission=CENTRE, custom={"label": _("Propose early termination")})
    def termination_propose(self):
        pass

    @transition(field=state, source=ResidenceState.TERMINATION_PROPOSED,
                target=RETURN_VALUE(ResidenceState.RESIDING, ResidenceState.EVICTED), permission=MIO_HEAD,
                custom={"label": _("Decide on early termination")})
    def termination_decide(self, *, family_leaves: bool, on: datetime.date, vacate_by: datetime.date):
        if not family_leaves:
            return ResidenceState.RESIDING
        self.ended_on, self.vacate_by = on, vacate_by
        self.end_message = text(gettext_noop("evicted by the MIO decision"))
        self.end_reason = text_render(self.end_message)
        return ResidenceState.EVICTED

    @transition(field=state, source=[ResidenceState.RESIDING, ResidenceState.TERMINATION_PROPOSED],
                target=ResidenceState.ENDED, permission=_nobody, custom={"label": _("End of residence")})
    def residence_end(self, *, on: datetime.date, vacate_by: datetime.date, reason: str, message: dict | None = None):
        self.ended_on, self.vacate_by, self.end_reason, self.end_message = on, vacate_by, reason, message or {}

    @transition(field=state, source=[ResidenceState.ENDED, ResidenceState.EVICTED], target=ResidenceState.CHECKED_OUT,
                permission=CENTRE, custom={"label": _("Check out (room vacated)")})
    def check_out(self, *, on: datetime.date):
        self.checked_out_on = on


class ResidencePerson(models.Model):
    """A person named in the application (the applicant too), with the police talon (RES-3) and the stay."""

    application = models.ForeignKey(ResidenceApplication, on_delete=models.CASCADE, related_name="persons")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="residence_stays",
                               verbose_name=_("person"))
    kinship = models.CharField(_("degree of kinship"), max_length=20,
                               choices=RESIDENCE_KINSHIP)
    talon_number = models.CharField(_("police talon number"), max_length=60, blank=True)
    talon_date = models.DateField(_("police talon date"), null=True, blank=True)
    talon_document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                       verbose_name=_("police talon scan"))
    stay_state = models.CharField(_("stay"), max_length=10, choices=StayState.choices, default=StayState.LISTED)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("person in the application")
        verbose_name_plural = _("persons in the application")
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="residence_person_once")]

    def __str__(self):
        return f"{self.person} ({self.get_kinship_display()})"

    @property
    def is_applicant(self) -> bool:
        return self.kinship == "applicant"

    @property
    def needs_talon(self) -> bool:
        """RES-3: the applicant and adult members; an unknown age counts as adult (the safe reading)."""
        if self.is_applicant:
            return True
        age = self.person.age_on(self.application.filed_on)
        return age is None or age >= ADULT_AGE

    @property
    def has_talon(self) -> bool:
        return bool(self.talon_document_id or (self.talon_number and self.talon_date))


class ResidenceEvent(models.Model):
    """RES-8: what the centre provided and what residents acknowledged (p.10–11)."""

    class Kind(models.TextChoices):
        HOUSE_RULES = "house_rules", _("house rules acknowledged")
        BEDDING_ISSUED = "bedding_issued", _("bedding issued")
        BEDDING_CHANGED = "bedding_changed", _("bedding changed")
        SERVICE = "service", _("adaptation or integration service received")
        # p.10(2): on accommodation and stay, residents file applications, petitions and appeals to the
        # centre's management; the centre records them and its answer.
        REQUEST = "request", _("application, petition or appeal to the centre's management (p.10(2))")
        ANSWER = "answer", _("answer of the centre's management to a resident")

    application = models.ForeignKey(ResidenceApplication, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("person"))
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("residence record")
        verbose_name_plural = _("residence records")


class TerminationProposal(models.Model):
    """RES-9: the centre's proposal of early termination (p.13) and the MIO's documented decision (p.14, p.16)."""

    class Decision(models.TextChoices):
        STAY = "stay", _("stay in the centre")
        EVICT = "evict", _("evict")

    application = models.ForeignKey(ResidenceApplication, on_delete=models.CASCADE,
                                    related_name="termination_proposals")
    member = models.ForeignKey(ResidencePerson, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("family member"),
                               help_text=_("Empty: the proposal concerns the whole family."))
    violation = models.TextField(_("violation"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("proposed on"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("grounds of the decision"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    vacate_by = models.DateField(_("vacate by"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("early termination proposal")
        verbose_name_plural = _("early termination proposals")

    @property
    def purpose(self) -> str:
        return f"termination:{self.pk}"
