"""What happens around the application: the preliminary consultation (ADA-23, p.3, p.5), job fairs (ADA-10,
p.20–24) and the preliminary visit to the settlement region (ADA-11, p.25–28)."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kandas.models import Organisation, Person

from .support import SupportApplication


class ConsultationTopic(models.TextChoices):
    """The 11 topics of the first consultation, p.5 sub.1–11, in the order of the text."""

    QUOTA = "quota", _("1) inclusion in the regional quota for kandas")
    REGION = "region", _("2) choice of the settlement region, given its specifics")
    ACCOMMODATION = "accommodation", _("3) temporary accommodation centres and services before quota and housing")
    MATERIAL_AID = "material_aid", _("4) material aid and the economic-mobility certificate")
    SOCIAL_CONTRACT = "social_contract", _("5) the social contract on state support for voluntary relocation")
    TRAVEL = "travel", _("6) travel to the settlement region by car, rail or air")
    SERVICES = "services", _("7) registration, military registration, school, pre-school, clinic")
    EMPLOYMENT = "employment", _("8) employment, training, retraining and further training")
    COURSES = "courses", _("9) courses in languages, history, culture, traditions and law")
    GUIDES = "guides", _("10) study guides for self-study")
    CITIZENSHIP = "citizenship", _("11) acquiring citizenship of Kazakhstan")


class PreliminaryConsultation(models.Model):
    """ADA-23: the first consultation of a kandas who comes to the career centre of the exit region."""

    scope_region_fields = ("career_centre__region",)

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("kandas"))
    career_centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("career centre"))
    started_on = models.DateField(_("came to the career centre on"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("consulted by"))
    application = models.ForeignKey(SupportApplication, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="consultations", verbose_name=_("application"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("preliminary consultation")
        verbose_name_plural = _("preliminary consultations")

    def __str__(self):
        return f"{self.person} — {self.started_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("adaptation:consultation_detail", args=[self.pk])

    def topics_missing(self) -> list[str]:
        done = set(self.topics.values_list("topic", flat=True))
        return [t for t in ConsultationTopic.values if t not in done]


class ConsultationTopicRecord(models.Model):
    """One topic of p.5 covered: when, by whom, what was said."""

    scope_region_fields = ("consultation__career_centre__region",)

    consultation = models.ForeignKey(PreliminaryConsultation, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=20, choices=ConsultationTopic.choices)
    covered_on = models.DateField(_("covered on"))
    covered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("by"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["consultation", "covered_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "topic"], name="consultation_topic_once")]
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")


class FairMode(models.TextChoices):
    ONLINE = "online", _("online (video conference)")
    OFFLINE = "offline", _("offline, in the region of exit")


class JobFair(models.Model):
    """ADA-10: a job fair with the settlement region; the exit CC sends its list of candidates (p.24)."""

    scope_region_fields = ("exit_cc__region", "settlement_cc__region")

    mode = models.CharField(_("form"), max_length=10, choices=FairMode.choices)
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=255)
    exit_cc = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("exit career centre"))
    settlement_cc = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("settlement career centre"))
    list_sent_on = models.DateField(_("candidate list sent on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")

    def __str__(self):
        return f"{self.title} ({self.held_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("adaptation:fair_detail", args=[self.pk])


class JobFairCandidate(models.Model):
    scope_region_fields = ("fair__exit_cc__region", "fair__settlement_cc__region")

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="candidates")
    application = models.ForeignKey(SupportApplication, on_delete=models.PROTECT, related_name="fair_entries",
                                    verbose_name=_("application"))
    participated = models.BooleanField(_("took part"), null=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)

    class Meta:
        ordering = ["fair", "pk"]
        constraints = [models.UniqueConstraint(fields=["fair", "application"], name="fair_candidate_once")]
        verbose_name = _("job fair candidate")
        verbose_name_plural = _("job fair candidates")


class VisitPlace(models.TextChoices):
    """p.27: what the kandas sees during the preliminary visit."""

    LOCALITY = "locality", _("the place of planned settlement")
    EMPLOYER = "employer", _("the employer or its HR service")
    SCHOOL = "school", _("school")
    KINDERGARTEN = "kindergarten", _("pre-school institution")
    HOUSING = "housing", _("the place of planned residence (district, street)")
    SPECIFICS = "specifics", _("the specifics of the region")


class PreliminaryVisit(models.Model):
    """ADA-11: the kandas announces the arrival date, stays in a TAC or ACC, visits the places of p.27."""

    scope_region_fields = ("application__exit_region", "application__settlement_region")

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="visits")
    arrival_on = models.DateField(_("arrival date"))
    centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("stays in (TAC / ACC)"))
    places = models.JSONField(_("places visited"), default=list, blank=True)
    ended_on = models.DateField(_("visit ended on"), null=True, blank=True)
    plan_formed_on = models.DateField(_("individual plan formed on"), null=True, blank=True)
    plan_note = models.TextField(_("individual plan agreed with the kandas"), blank=True)

    class Meta:
        ordering = ["application", "arrival_on"]
        verbose_name = _("preliminary visit")
        verbose_name_plural = _("preliminary visits")

    def places_labels(self) -> list[str]:
        return [str(VisitPlace(p).label) for p in self.places if p in VisitPlace.values]
