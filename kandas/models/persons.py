import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..duplicates import duplicate_key
from ..iin import IinError, iin_parse
from ..translit import name_latin, person_search_text
from .geography import Region

ADULT_AGE = 18
# Nobody alive was born before this day: an earlier date of birth is a typing error (issue 14: 0001-01-01).
BIRTH_DATE_MIN = datetime.date(1900, 1, 1)


def birth_date_validate(value: datetime.date | None) -> None:
    """A date of birth between 01.01.1900 and today: the person form, the family-member forms and the APIs."""
    if value is None:
        return
    if value < BIRTH_DATE_MIN:
        raise ValidationError(_("The date of birth cannot be before %(min)s.") % {
            "min": BIRTH_DATE_MIN.strftime("%d.%m.%Y")}, code="birth_date_range")
    if value > timezone.localdate():
        raise ValidationError(_("The date of birth is in the future."), code="birth_date_range")


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class Person(models.Model):
    """A kandas, a settler or a family member. IIN may be empty for someone not yet documented in Kazakhstan."""

    scope_region_fields = ("region",)

    iin = models.CharField(_("IIN"), max_length=12, unique=True, null=True, blank=True)
    surname = models.CharField(_("surname"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    name_latin = models.CharField(_("name in Latin letters"), max_length=320, blank=True, editable=False)
    search_text = models.CharField(max_length=700, blank=True, editable=False)
    # kandas/duplicates.py: the skeleton key that two registrations of one person share.
    duplicate_key = models.CharField(max_length=120, blank=True, editable=False, db_index=True, db_default="")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=255, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    citizenship = models.CharField(_("citizenship"), max_length=100, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True, default="казах")
    country_of_exit = models.CharField(_("country of exit"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="persons", verbose_name=_("region served in"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Registry facts that other services read (status slice writes them through kandas.services).
    kandas_status_since = models.DateField(_("kandas status since"), null=True, blank=True)
    kandas_status_until = models.DateField(_("kandas status valid until"), null=True, blank=True)
    quota_included_on = models.DateField(_("included in a regional quota on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text", "name_latin", "duplicate_key"])

    class Meta:
        ordering = ["surname", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["region", "surname"])]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("kandas:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    def age_on(self, day: datetime.date | None = None) -> int | None:
        if not self.birth_date:
            return None
        day = day or timezone.localdate()
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def is_adult(self) -> bool | None:
        age = self.age_on()
        return None if age is None else age >= ADULT_AGE

    def has_kandas_status_on(self, day: datetime.date) -> bool:
        return bool(
            self.kandas_status_since
            and self.kandas_status_since <= day
            and (self.kandas_status_until is None or day <= self.kandas_status_until)
        )

    def clean(self):
        errors = {}
        if self.iin:
            try:
                info = iin_parse(self.iin)
            except IinError as exc:
                errors["iin"] = exc.message
            else:
                if self.birth_date and self.birth_date != info.birth_date:
                    errors["birth_date"] = _("The date of birth does not match the IIN (%(date)s).") % {
                        "date": info.birth_date.strftime("%d.%m.%Y")
                    }
                if self.sex and self.sex != info.sex:
                    errors["sex"] = _("The sex does not match digit 7 of the IIN.")
        if self.birth_date and "birth_date" not in errors:
            try:
                birth_date_validate(self.birth_date)
            except ValidationError as exc:
                errors["birth_date"] = exc.messages[0]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.iin == "":
            self.iin = None
        if self.iin and (not self.birth_date or not self.sex):
            try:
                info = iin_parse(self.iin)
            except IinError:
                pass
            else:
                self.birth_date = self.birth_date or info.birth_date
                self.sex = self.sex or info.sex
        self.name_latin = name_latin(self.full_name)
        self.search_text = person_search_text(self.full_name)
        self.duplicate_key = duplicate_key(surname=self.surname, given_name=self.given_name)
        super().save(*args, **kwargs)


class Kinship(models.TextChoices):
    """Degrees of kinship named by the regulations; each service allows its own subset."""

    SPOUSE = "spouse", _("spouse")
    FATHER = "father", _("father")
    MOTHER = "mother", _("mother")
    SPOUSE_FATHER = "spouse_father", _("father of the spouse")
    SPOUSE_MOTHER = "spouse_mother", _("mother of the spouse")
    SON = "son", _("son")
    DAUGHTER = "daughter", _("daughter")
    ADOPTED_CHILD = "adopted_child", _("adopted child")
    CHILD_SPOUSE = "child_spouse", _("spouse of a child")
    GRANDCHILD = "grandchild", _("grandchild")
    BROTHER = "brother", _("brother")
    SISTER = "sister", _("sister")
    HALF_BROTHER = "half_brother", _("half-brother")
    HALF_SISTER = "half_sister", _("half-sister")


_CHILDREN = {Kinship.SON, Kinship.DAUGHTER, Kinship.ADOPTED_CHILD}
_SIBLINGS = {Kinship.BROTHER, Kinship.SISTER}
KINSHIP_BY_SERVICE = {
    # 000 app.2: spouse; parents of the applicant and of the spouse; children (incl. adopted) and their
    # families; full and half siblings who are not married.
    "adaptation": {Kinship.SPOUSE, Kinship.FATHER, Kinship.MOTHER, Kinship.SPOUSE_FATHER, Kinship.SPOUSE_MOTHER,
                   Kinship.CHILD_SPOUSE, Kinship.GRANDCHILD, Kinship.HALF_BROTHER, Kinship.HALF_SISTER}
    | _CHILDREN | _SIBLINGS,
    # 002 app.1: spouse, the applicant's parents, children (incl. adopted), siblings.
    "quota": {Kinship.SPOUSE, Kinship.FATHER, Kinship.MOTHER} | _CHILDREN | _SIBLINGS,
    # Residence follows the adaptation list (same order 331-Ө-М); status takes the applicant's declared family.
    "residence": set(Kinship),
    "status": set(Kinship),
}


class Family(models.Model):
    """An applicant and the members who move with them."""

    scope_region_fields = ("region",)

    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="families_headed",
                                  verbose_name=_("applicant"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="families", verbose_name=_("region"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self):
        return _("Family of %(name)s") % {"name": self.applicant.full_name}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("kandas:family_detail", args=[self.pk])

    @property
    def size(self) -> int:
        return 1 + self.members.count()


class FamilyMember(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members", verbose_name=_("family"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person"))
    kinship = models.CharField(_("degree of kinship"), max_length=20, choices=Kinship.choices)
    is_married = models.BooleanField(_("married"), default=False)
    lives_with_applicant = models.BooleanField(_("lives with the applicant"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints = [models.UniqueConstraint(fields=["family", "person"], name="family_member_once")]

    def __str__(self):
        return f"{self.person} ({self.get_kinship_display()})"

    def clean(self):
        if self.family_id and self.person_id and self.family.applicant_id == self.person_id:
            raise ValidationError({"person": _("The applicant is already the head of this family.")})

    def allowed_for(self, service: str) -> bool:
        """Whether this member may be included in an application of the given service."""
        if self.kinship not in KINSHIP_BY_SERVICE[service]:
            return False
        siblings = {Kinship.BROTHER, Kinship.SISTER, Kinship.HALF_BROTHER, Kinship.HALF_SISTER}
        return not (service == "adaptation" and self.kinship in siblings and self.is_married)
