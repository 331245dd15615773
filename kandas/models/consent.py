"""GEN-2: consent of a document's owner to the use of their digital documents (002 app.2 p.8).

The owner agrees either by a one-time password sent to the mobile number registered on the e-government
portal, or by a short text message sent in reply to the portal's notification. The request is made and
answered through kandas.gateway; this row is what the system keeps of it: the channel, a hash of the code
(never the code itself), when it expires, how many answers were tried, and when it was confirmed.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .persons import Person

# How long an answer is accepted and how many wrong answers end the request (a new one must be sent).
DIGITAL_CONSENT_TTL_MINUTES = 10
DIGITAL_CONSENT_MAX_ATTEMPTS = 3


class DigitalConsentRequest(models.Model):
    class Channel(models.TextChoices):
        SMS_CODE = "sms_code", _("one-time password by SMS")
        TEXT_REPLY = "text_reply", _("short text reply to the portal's message")

    class State(models.TextChoices):
        SENT = "sent", _("sent, awaiting the answer")
        CONFIRMED = "confirmed", _("confirmed")
        EXPIRED = "expired", _("expired")
        LOCKED = "locked", _("too many wrong answers")

    scope_region_fields = ("person__region",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="digital_consents", verbose_name=_("person"))
    iin = models.CharField(_("IIN"), max_length=12, db_index=True)
    phone = models.CharField(_("phone"), max_length=32)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, default=Channel.SMS_CODE)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SENT)
    code_hash = models.CharField(max_length=128, editable=False)  # django.contrib.auth.hashers
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong answers"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent to the use of digital documents")
        verbose_name_plural = _("consents to the use of digital documents")

    def __str__(self):
        return f"{self.iin} {self.get_channel_display()} {self.get_state_display()}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class DevelopmentMessage(models.Model):
    """What the local development adapter "sends": the text a real SMS gateway would deliver to the phone.

    Only kandas.gateway.LocalRegistryGateway writes here, so a test and the demo can read the one-time code;
    a real adapter sends through the e-government portal and leaves this table empty."""

    consent_request = models.ForeignKey(DigitalConsentRequest, on_delete=models.CASCADE, related_name="messages")
    phone = models.CharField(max_length=32)
    text = models.TextField()
    code = models.CharField(max_length=12, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("development message (not sent)")
        verbose_name_plural = _("development messages (not sent)")
