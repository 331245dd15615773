"""The case machinery every application type shares: the case base, deadlines, transition log,
signatures and in-app notifications."""
import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin
from simple_history.models import HistoricalRecords

from .geography import Region
from .organisations import Organisation


class Unit(models.TextChoices):
    WORKING_DAYS = "working", _("working days")
    CALENDAR_DAYS = "calendar", _("calendar days")
    CALENDAR_DATE = "date", _("calendar date")
    # Long terms (RES-10's 6 months, ADA-13's 1 year, ADA-19's 5 years, term tables): the same day of the
    # month n months later, clamped to the month's last day (kandas.workdays.WorkCalendar.add_months).
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class Deadline(models.Model):
    """A running step of a case: its statutory due date on the working-day calendar."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        MET = "met", _("met")
        BREACHED = "breached", _("breached")
        PAUSED = "paused", _("paused")
        CANCELLED = "cancelled", _("cancelled")

    RUNNING = (State.OPEN, State.BREACHED)
    scope_region_fields = ("region",)

    case_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")
    case_ref = models.CharField(_("case"), max_length=40)
    case_url = models.CharField(max_length=255, blank=True)
    rule = models.CharField(_("rule"), max_length=20)
    # The step's key in its case type's rule table ("commission"): deadlines are opened and closed by it.
    step_key = models.CharField(_("step key"), max_length=60, default="")
    # What the step is about when a case runs one step per family member or plan item ("person:42").
    subject = models.CharField(_("subject"), max_length=60, blank=True, default="")
    step = models.CharField(_("step"), max_length=255)
    # The holding organisation: only its staff (the assignee, where set, or its head) act on the step.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="deadlines",
                                     verbose_name=_("holding organisation"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="deadlines", verbose_name=_("assignee"))
    # None for a national body's step (the CRTR's conclusion, ADA-21): national staff see it (kandas.scoping).
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    length = models.PositiveIntegerField(_("length"), default=0)
    start = models.DateField(_("counted from"))
    due = models.DateField(_("due"), db_index=True)
    is_service_term = models.BooleanField(_("total service term"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    explanation = models.TextField(_("how the due date was counted"), blank=True)
    # The step label and explanation in the other UI languages ({"kk": {"step": …, "explanation": …}});
    # `step` and `explanation` above hold settings.LANGUAGE_CODE.
    texts = models.JSONField(default=dict, blank=True, editable=False)
    paused_on = models.DateField(null=True, blank=True)
    remaining = models.IntegerField(null=True, blank=True, help_text=_("Days left when paused."))
    breached_at = models.DateTimeField(null=True, blank=True)
    breach_notified_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(fields=["case_type", "case_id"]),
            models.Index(fields=["organisation", "state", "due"]),
            # "My work" (kandas.selectors.MyWorkRows): open steps of an organisation / an assignee by due date.
            models.Index(fields=["organisation", "due", "id"], name="deadline_open_org_due_idx",
                         condition=models.Q(closed_at__isnull=True)),
            models.Index(fields=["assignee", "due", "id"], name="deadline_open_assignee_due_idx",
                         condition=models.Q(closed_at__isnull=True)),
            models.Index(fields=["case_type", "case_id", "step_key", "subject"], name="deadline_case_step_idx"),
        ]

    def __str__(self):
        return f"{self.case_ref} {self.rule} → {self.due:%d.%m.%Y}"

    @property
    def is_running(self) -> bool:
        return self.closed_at is None and self.state in (self.State.OPEN, self.State.BREACHED, self.State.PAUSED)

    def _in_reader_language(self, field: str) -> str:
        code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return (self.texts or {}).get(code, {}).get(field) or getattr(self, field)

    @property
    def step_label(self) -> str:
        return self._in_reader_language("step")

    @property
    def explanation_text(self) -> str:
        return self._in_reader_language("explanation")


class TransitionLog(models.Model):
    """One row per transition of any case: who moved it, from where to where, why."""

    case_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")
    transition = models.CharField(_("action"), max_length=60)
    source = models.CharField(_("from"), max_length=40)
    target = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("actor"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    comment = models.TextField(_("comment"), blank=True)  # what the actor typed, as typed
    # What the system wrote, as a message and its parameters (kandas.texts): read in the reader's language.
    message = models.JSONField(_("system text"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition log entry")
        verbose_name_plural = _("transition log")
        indexes = [models.Index(fields=["case_type", "case_id"])]

    @property
    def text(self) -> str:
        """The system's text in the reader's language, then what the actor typed."""
        from ..texts import text_render

        return " ".join(part for part in (text_render(self.message), self.comment) if part)


class SigningKey(models.Model):
    """The default signer's per-user key pair (generated on first use)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signing_key")
    public_pem = models.TextField()
    private_pem = models.TextField(help_text=_("Encrypted with the server's signing passphrase."))
    created_at = models.DateTimeField(auto_now_add=True)


class Signature(models.Model):
    """An EDS-style signature over a canonical JSON snapshot of what was signed."""

    case_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")
    # The public verification address uses this, not the sequential id: nobody can walk the signatures.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(_("what was signed"), max_length=60)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("signer"))
    role = models.CharField(_("role"), max_length=60)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="+")
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    snapshot = models.JSONField(_("signed content"))
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    value = models.TextField(_("signature value"))
    public_key = models.TextField()
    algorithm = models.CharField(max_length=30, default="Ed25519")
    provider = models.CharField(max_length=60, default="local")

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        indexes = [models.Index(fields=["case_type", "case_id"])]


class Notification(models.Model):
    """An in-app message; `key` makes sending idempotent (the same event never notifies twice)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=120)
    text = models.CharField(_("text"), max_length=500)  # in the installation's language (e-mail, old rows)
    message = models.JSONField(default=dict, blank=True)  # kandas.texts: shown in the reader's language
    link = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user")]

    @property
    def display_text(self) -> str:
        from ..texts import text_render

        return text_render(self.message, self.text)


class CaseBase(ConcurrentTransitionMixin, models.Model):
    """Abstract base of every application type (status, quota, residence, adaptation).

    Subclasses declare `state = FSMField(default=..., choices=..., protected=True)`, `RULES` (a
    kandas.rules.RuleBook), `REF_PREFIX`, and their transitions. Transitions set fields only; the
    service layer (kandas.transitions.case_transition) does the rest.
    """

    scope_region_fields = ("region",)
    RULES = None
    REF_PREFIX = "CASE"

    ref = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("responsible organisation"))
    filed_on = models.DateField(_("filed on"))
    rule_version = models.CharField(_("rule version"), max_length=40, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    deadlines = GenericRelation(Deadline, content_type_field="case_type", object_id_field="case_id")
    transition_logs = GenericRelation(TransitionLog, content_type_field="case_type", object_id_field="case_id")
    signatures = GenericRelation(Signature, content_type_field="case_type", object_id_field="case_id")

    class Meta:
        abstract = True

    def __str__(self):
        return self.ref

    def clean(self):
        super().clean()
        if isinstance(self.filed_on, str):
            self.filed_on = datetime.date.fromisoformat(self.filed_on)
        if not self.rule_version and self.RULES is not None and self.filed_on:
            # GEN-1: a filing date before the earliest known rule version is the filer's to correct.
            try:
                self.RULES.version_on(self.filed_on)
            except ValidationError as exc:
                raise ValidationError({"filed_on": exc}) from exc

    def save(self, *args, **kwargs):
        if isinstance(self.filed_on, str):  # forms and fixtures may hand over an ISO string
            self.filed_on = datetime.date.fromisoformat(self.filed_on)
        if not self.rule_version and self.RULES is not None and self.filed_on:
            # GEN-1: raises NoRuleVersion (a ValidationError) before the earliest version; no fallback.
            self.rule_version = self.RULES.version_on(self.filed_on).code
        if not self.ref:
            from ..casenumbers import case_ref_next

            self.ref = case_ref_next(self.REF_PREFIX, self.filed_on)
        super().save(*args, **kwargs)

    @property
    def rules(self):
        """GEN-1: the rule version this case follows (the one in force on its filing date)."""
        return self.RULES.version(self.rule_version)

    def signature_snapshot(self, purpose: str) -> dict:
        """The content a signature of this purpose covers; subclasses extend it."""
        return {"ref": self.ref, "state": self.state, "purpose": purpose}

    def get_state_display_label(self) -> str:
        return self.get_state_display()


class CaseCounter(models.Model):
    """Gap-free yearly numbering of cases per prefix (STA-2026-000042)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="case_counter_unique")]
