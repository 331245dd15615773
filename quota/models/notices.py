"""QUO-8: what the applicant was sent, when and by which channel (the channel of filing)."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import QuotaApplication
from .choices import Channel


class NoticeChannel(models.TextChoices):
    CABINET = "cabinet", _("personal cabinet on the portal")
    GOVCORP = "govcorp", _("State Corporation")
    EGOV = "egov", _("e-gov web portal cabinet")


# QUO-8: the result (and every notice) goes back by the channel of filing; a home visit is paper through
# the State Corporation.
NOTICE_CHANNEL_OF_FILING = {Channel.PORTAL: NoticeChannel.CABINET, Channel.EGOV: NoticeChannel.EGOV,
                            Channel.GOVCORP: NoticeChannel.GOVCORP, Channel.HOME_VISIT: NoticeChannel.GOVCORP}


class ApplicantNotice(models.Model):
    """One notice sent to the applicant of a quota application."""

    class Kind(models.TextChoices):
        REFUSAL_TO_ACCEPT = "refusal_to_accept", _("refusal to accept the documents (receipt)")
        PRELIMINARY_REFUSAL = "preliminary", _("preliminary refusal and hearing")
        RESULT = "result", _("result of the service (decision)")

    application = models.ForeignKey(QuotaApplication, on_delete=models.CASCADE, related_name="notices",
                                    verbose_name=_("application"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=NoticeChannel.choices)
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)
    text = models.TextField(_("what was sent"))  # in the installation's language (e-mail, rows before messages)
    # What was sent as a message and its parameters (kandas.texts): read in the reader's language.
    message = models.JSONField(_("message"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("notice to the applicant")
        verbose_name_plural = _("notices to the applicant")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.get_channel_display()} · {self.sent_on:%d.%m.%Y}"

    @property
    def display_text(self) -> str:
        from kandas.texts import text_render

        return text_render(self.message, self.text)
