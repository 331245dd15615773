"""Registry forms: a bad input gets a message next to its field and nothing is saved."""
import datetime

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .documents import document_check, document_limits_text
from .gateway import state_gateway
from .iin import IinError, iin_parse
from .models import Consent, Document, DocumentKind, FamilyMember, Kinship, Person, Region
from .scoping import scope_for, user_is_national, user_region_id

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, for the GET filter bars that render their fields by hand (forms render
    through django-crispy-forms, which adds these classes itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class PersonForm(forms.ModelForm):
    """Create or edit a person. On creation: consent (GEN-3) and, without a state record, the identity scan (GEN-2)."""

    consent_given = forms.BooleanField(
        label=_("The person consented to the collection and processing of personal data"), required=False)
    consent_method = forms.ChoiceField(label=_("How consent was given"), choices=Consent.Method.choices,
                                       initial=Consent.Method.PAPER, required=False)
    identity_file = forms.FileField(
        label=_("Scan of the identity document"), required=False,
        help_text=_("Needed only when the persons database has no record of this IIN."))
    # Hidden until the registration turns out to look like persons already registered (offer_not_a_duplicate).
    not_a_duplicate = forms.BooleanField(label=_("None of these is the same person — register anyway"),
                                         required=False, widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = ["iin", "surname", "given_name", "patronymic", "birth_date", "sex", "birth_place", "citizenship",
                  "nationality", "country_of_exit", "region", "address", "phone", "email"]
        widgets = {"birth_date": DATE, "iin": forms.TextInput(attrs={"data-iin": "1", "inputmode": "numeric",
                                                                     "maxlength": "12", "autocomplete": "off"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.creating = self.instance.pk is None
        self.state_record = None
        region_id = user_region_id(user)
        if region_id and not user_is_national(user):
            # A regional caseworker registers people of their own region only.
            self.fields["region"].queryset = Region.objects.filter(pk=region_id)
            self.fields["region"].initial = region_id
            self.fields["region"].disabled = True
        if not self.creating:
            for name in ("consent_given", "consent_method", "identity_file", "not_a_duplicate"):
                del self.fields[name]
        self.fields["iin"].help_text = _("12 digits; checked as you type.")

    def clean_iin(self):
        value = (self.cleaned_data.get("iin") or "").strip()
        if not value:
            return None
        try:
            iin_parse(value)
        except IinError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        duplicate = self.duplicate_error(value)
        if duplicate is not None:
            raise duplicate
        if self.creating:
            self.state_record = state_gateway().person(value)
        return value

    def duplicate_error(self, value: str) -> forms.ValidationError | None:
        """"Already registered" for an IIN someone else holds: with a link to the record when the user may
        see it. Also the answer to the loser of two registrations at once (the view asks again after the
        database refused the second row)."""
        existing = Person.objects.filter(iin=value).exclude(pk=self.instance.pk).first()
        if existing and not scope_for(self.user, Person.objects.filter(pk=existing.pk)).exists():
            # The IIN is unique in the country, so its existence cannot be hidden; the record of another
            # region (its id, a link to it) is not shown.
            return forms.ValidationError(_("A person with this IIN is already registered in another region."),
                                         code="duplicate")
        if existing:
            return forms.ValidationError(format_html(
                '{} <a href="{}" data-testid="duplicate-link">{}</a>',
                _("A person with this IIN is already registered."),
                reverse("kandas:person_detail", args=[existing.pk]), _("Open their record")), code="duplicate")
        return None

    def clean(self):
        cleaned = super().clean()
        if not self.creating:
            return cleaned
        if not cleaned.get("consent_given"):
            self.add_error("consent_given", _("Personal data may be recorded only with the person's consent (GEN-3)."))
        if not cleaned.get("consent_method"):
            self.add_error("consent_method", _("Say how consent was given."))
        needs_paper = self.state_record is None and "iin" not in self.errors
        identity_file = cleaned.get("identity_file")
        if needs_paper and not identity_file:
            self.add_error("identity_file", _("The persons database has no record of this IIN: attach a scan of "
                                              "the identity document."))
        if identity_file:
            try:
                document_check(kind=DocumentKind.IDENTITY, file=identity_file)
            except forms.ValidationError as exc:
                self.add_error("identity_file", exc)
        return cleaned

    def registration_probe(self) -> dict | None:
        """What a likely duplicate is looked for by (kandas.duplicate_services.duplicates_for_new): the name and
        date of birth entered so far, the date read from the IIN when left empty (as Person.save does)."""
        data = self.cleaned_data if self.is_bound else self.initial
        surname, given_name = data.get("surname"), data.get("given_name")
        iin, birth_date = data.get("iin") or None, data.get("birth_date")
        if self.is_bound and "iin" in self.errors:
            iin = None
        if isinstance(birth_date, str):  # the persons database's ISO date in a prefilled form
            try:
                birth_date = datetime.date.fromisoformat(birth_date)
            except ValueError:
                birth_date = None
        if iin and not birth_date:
            try:
                birth_date = iin_parse(iin).birth_date
            except IinError:
                iin = None
        if not (surname and given_name and birth_date):
            return None
        return {"surname": surname, "given_name": given_name, "birth_date": birth_date, "iin": iin}

    def offer_not_a_duplicate(self) -> None:
        """Likely duplicates are shown above the form: the tick that registers the person all the same."""
        self.fields["not_a_duplicate"].widget = forms.CheckboxInput()

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def person_initial_from_state(iin: str) -> tuple[dict, object]:
    """GEN-2: prefill the form from the persons database; (initial, record or None)."""
    initial = {"iin": iin}
    try:
        iin_parse(iin)
    except IinError:
        return initial, None
    record = state_gateway().person(iin)
    if record:
        initial.update(surname=record.surname, given_name=record.given_name, patronymic=record.patronymic,
                       birth_date=record.birth_date, sex=record.sex or "", citizenship=record.citizenship)
    return initial, record


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["method", "purpose"]


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "file", "number", "issued_on", "valid_until", "note"]
        widgets = {"issued_on": DATE, "valid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = True
        self.fields["file"].help_text = "; ".join(
            f"{DocumentKind(k).label}: {document_limits_text(k)}"
            for k in (DocumentKind.IDENTITY, DocumentKind.PHOTO, DocumentKind.VIDEO))

    def clean(self):
        cleaned = super().clean()
        kind, file = cleaned.get("kind"), cleaned.get("file")
        if kind and file:
            try:
                document_check(kind=kind, file=file)
            except forms.ValidationError as exc:
                self.add_error("file", exc)
        return cleaned


class FamilyMemberForm(forms.Form):
    iin = forms.CharField(label=_("IIN of the member"), max_length=12,
                          widget=forms.TextInput(attrs={"data-iin": "1", "inputmode": "numeric", "maxlength": "12"}))
    kinship = forms.ChoiceField(label=_("Degree of kinship"), choices=Kinship.choices)
    is_married = forms.BooleanField(label=_("Married"), required=False)
    lives_with_applicant = forms.BooleanField(label=_("Lives with the applicant"), required=False, initial=True)

    def __init__(self, *args, family, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.family = family
        self.persons = persons  # the registry as the user may see it
        self.person = None

    def clean_iin(self):
        value = self.cleaned_data["iin"].strip()
        try:
            iin_parse(value)
        except IinError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        self.person = self.persons.filter(iin=value).first()
        if self.person is None:
            raise forms.ValidationError(format_html(
                '{} <a href="{}?iin={}&amp;family={}">{}</a>', _("Nobody with this IIN is in the registry."),
                reverse("kandas:person_create"), value, self.family.pk, _("Register the person first")),
                code="unknown")
        if self.person.pk == self.family.applicant_id:
            raise forms.ValidationError(_("The applicant is already the head of this family."), code="applicant")
        if FamilyMember.objects.filter(family=self.family, person=self.person).exists():
            raise forms.ValidationError(_("This person is already a member of the family."), code="member")
        return value


class PersonFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("IIN or name"), required=False, max_length=100)  # kandas.filters.SEARCH_MAX_LENGTH
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("any sex")), *Person._meta.get_field(
        "sex").choices])
    age = forms.ChoiceField(label=_("Age"), required=False, choices=[("", _("any age")), ("adult", _("adults")),
                                                                     ("minor", _("minors"))])
    status = forms.ChoiceField(label=_("Kandas status"), required=False, choices=[
        ("", _("any status")), ("active", _("valid kandas status")), ("none", _("no kandas status"))])
