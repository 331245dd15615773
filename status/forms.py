"""Forms of the status screens: they validate input; the services decide."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandas.documents import document_check
from kandas.gateway import state_gateway
from kandas.iin import IinError, iin_parse
from kandas.staging import StagedUploadsMixin
from kandas.models import KINSHIP_BY_SERVICE, Consent, DocumentKind, Kinship, Person, Region, birth_date_validate

from .models import (ASSIGNMENT_CHANNELS, EXTENSION_CHANNELS, ApplicationState, Channel, HearingOutcome,
                     NoticeChannel, Recommendation, RefusalGround, SubType)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)  # kandas.filters.SEARCH_MAX_LENGTH
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *ApplicationState.choices])
    channel = forms.ChoiceField(label=_("Filed via"), required=False, choices=[("", "—"), *Channel.choices])
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.all())
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)


class CaseActionForm(forms.Form):
    """A case action's form (status/actions.py); the page adds the case version the user saw."""

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class CommentForm(CaseActionForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RecommendForm(CaseActionForm):
    outcome = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect)
    protocol_number = forms.CharField(label=_("Protocol number"), max_length=50)
    protocol_date = forms.DateField(label=_("Protocol date"), widget=DATE, initial=timezone.localdate)
    video_reference = forms.CharField(label=_("Video recording of the session"), max_length=255)
    remarks = forms.CharField(label=_("Motivated remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HearingNotifyForm(CaseActionForm):
    remarks = forms.CharField(label=_("Motivated remarks"), widget=forms.Textarea(attrs={"rows": 2}))
    channel = forms.ChoiceField(label=_("Notice sent via"), choices=NoticeChannel.choices)
    hearing_at = forms.DateTimeField(label=_("Hearing time"), widget=DATETIME)
    place = forms.CharField(label=_("Hearing place or method"), max_length=255)


class HearingPostponeForm(CaseActionForm):
    reason = forms.CharField(label=_("Valid reason"), widget=forms.Textarea(attrs={"rows": 2}))
    until = forms.DateField(label=_("Reason ends on"), widget=DATE)
    document = forms.FileField(label=_("Supporting document"))


class GovcorpSentForm(CaseActionForm):
    """STA-8 (p.22): the date the extension decision went to the State Corporation."""
    sent_on = forms.DateField(label=_("Sent to the State Corporation on"), widget=DATE, initial=timezone.localdate)


class HearingRescheduleForm(CaseActionForm):
    hearing_at = forms.DateTimeField(label=_("Hearing time"), widget=DATETIME)
    place = forms.CharField(label=_("Hearing place or method"), max_length=255)


class HearingRecordForm(CaseActionForm):
    outcome = forms.ChoiceField(label=_("Hearing outcome"), choices=HearingOutcome.choices, widget=forms.RadioSelect)
    minutes = forms.CharField(label=_("Hearing minutes"), widget=forms.Textarea(attrs={"rows": 2}))


class RefuseForm(CaseActionForm):
    grounds = forms.MultipleChoiceField(label=_("Refusal grounds"), choices=RefusalGround.choices,
                                        widget=forms.CheckboxSelectMultiple)
    motivation = forms.CharField(label=_("Motivation of the refusal"), widget=forms.Textarea(attrs={"rows": 2}))


class ArrivalForm(CaseActionForm):
    arrival_date = forms.DateField(label=_("Arrival in the settlement region"), widget=DATE)


class ExtendForm(CaseActionForm):
    until = forms.DateField(label=_("Extended until"), widget=DATE)


class DocumentAttachForm(CaseActionForm):
    person = forms.TypedChoiceField(label=_("Whose document"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, lbl) for k, lbl in DocumentKind.choices if k in (
        DocumentKind.AUTOBIOGRAPHY, DocumentKind.IDENTITY, DocumentKind.NATIONALITY, DocumentKind.BIRTH,
        DocumentKind.OTHER)])
    file = forms.FileField(label=_("Scan"))
    number = forms.CharField(label=_("Document number"), required=False, max_length=100)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            people = [case.applicant] + [m.person for m in case.members.select_related("person")]
            self.fields["person"].choices = [(p.pk, p.full_name) for p in people]


class ConsentRecordForm(CaseActionForm):
    """GEN-3: consent given after registration, recorded on the case (or the one on the person's page)."""
    method = forms.ChoiceField(label=_("How the consent was given"), choices=Consent.Method.choices)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        from kandas.selectors import person_consent_active

        existing = person_consent_active(person=case.applicant) if case is not None else None
        if existing is not None:
            self.fields["method"].choices = [
                ("person", _("as recorded on the person's page on %(day)s (%(method)s)") % {
                    "day": existing.given_at.strftime("%d.%m.%Y"), "method": existing.get_method_display()}),
                *Consent.Method.choices]


class HandoutForm(CaseActionForm):
    recipient_document = forms.CharField(label=_("Identity document presented"), max_length=255)


class ExtensionFileForm(CaseActionForm):
    channel = forms.ChoiceField(label=_("Filed via"), choices=[(c.value, c.label) for c in EXTENSION_CHANNELS])
    requested_until = forms.DateField(label=_("Extension requested until"), widget=DATE)
    reason = forms.CharField(label=_("Reason for the extension"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


INTAKE_FILES = ("autobiography", "identity", "nationality")  # each a DocumentKind


def _columns(names, css_class):
    return Row(*(Column(name, css_class=css_class) for name in names), css_class="g-2")


class ApplicationIntakeForm(StagedUploadsMixin, forms.Form):
    """STA-1 on paper (State Corporation, MIO, foreign mission; GEN-4 home visit): the applicant, the path,
    consent and the scans. What the persons database holds is not asked for (GEN-2). A chosen scan survives a
    validation error (kandas.staging)."""

    staged_fields = INTAKE_FILES

    iin = forms.CharField(label=_("IIN"), max_length=12, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=100)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE,
                                 validators=[birth_date_validate])
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), ("M", _("male")), ("F", _("female"))], required=False)
    citizenship = forms.CharField(label=_("Citizenship"), max_length=100, required=False)
    country_of_exit = forms.CharField(label=_("Country of exit"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    sub_type = forms.ChoiceField(label=_("Sub-type"), choices=SubType.choices)
    channel = forms.ChoiceField(label=_("Filed via"), choices=[(c.value, c.label) for c in ASSIGNMENT_CHANNELS])
    settlement_region = forms.ModelChoiceField(label=_("Settlement region"), queryset=Region.objects.all(),
                                               required=False)
    consent = forms.ChoiceField(label=_("Consent to personal data processing"),
                                choices=[("", _("not given")), *Consent.Method.choices], required=False)
    nationality_recommendation = forms.BooleanField(
        label=_("the commission on Kazakh nationality has recommended the applicant"), required=False)
    autobiography = forms.FileField(label=_("autobiography (free form)"), required=False)
    identity = forms.FileField(label=_("identity document with a notarised translation into Kazakh or Russian"),
                               required=False)
    nationality = forms.FileField(label=_("document proving Kazakh nationality"), required=False)
    # GEN-2: a name that contradicts ГБД ФЛ is kept only by an explicit, logged decision.
    keep_document_name = forms.BooleanField(
        label=_("keep the name as written in the presented document (it differs from the persons database)"),
        required=False)
    name_reason = forms.CharField(label=_("Why the name is kept as in the document"), max_length=500,
                                  required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            _columns(("iin", "surname", "given_name", "patronymic", "birth_date", "sex", "citizenship",
                      "country_of_exit", "address", "phone", "sub_type", "channel", "settlement_region", "consent"),
                     "col-sm-6 col-lg-4"),
            "nationality_recommendation", *INTAKE_FILES, "keep_document_name", "name_reason")

    def _file_checked(self, kind):
        file = self.cleaned_data.get(kind)
        if file:  # type, size and content, like every upload (kandas.documents)
            document_check(kind=kind, file=file)
        return file

    def clean_autobiography(self):
        return self._file_checked("autobiography")

    def clean_identity(self):
        return self._file_checked("identity")

    def clean_nationality(self):
        return self._file_checked("nationality")

    def clean(self):
        from .services.intake import name_against_registry

        data = super().clean()
        iin = (data.get("iin") or "").strip()
        data["iin"] = iin
        if iin:
            try:
                iin_parse(iin)
            except IinError as exc:
                self.add_error("iin", exc.message)
                return data
        mismatch = name_against_registry(self.applicant_data()) if iin else None
        if mismatch and not data.get("keep_document_name"):
            registry = " ".join(v for v in mismatch[1].values() if v)
            self.add_error("surname", _(
                "The persons database (ГБД ФЛ) has %(name)s for this IIN: write the name as it is there, or keep "
                "the name as written in the presented document and say why.") % {"name": registry})
        elif mismatch and not (data.get("name_reason") or "").strip():
            self.add_error("name_reason", _("Say why the name is kept as written in the presented document."))
        return data

    def applicant_data(self) -> dict:
        keys = ("iin", "surname", "given_name", "patronymic", "birth_date", "sex", "citizenship", "country_of_exit",
                "address", "phone")
        return {k: self.cleaned_data[k] for k in keys if self.cleaned_data.get(k) not in ("", None)}

    def documents(self) -> list[dict]:
        return [{"kind": kind, "file": self.cleaned_data[kind]} for kind in INTAKE_FILES if self.cleaned_data.get(kind)]


STATUS_KINSHIPS = [(k.value, k.label) for k in Kinship if k in KINSHIP_BY_SERVICE["status"]]


class FamilyMemberForm(forms.Form):
    """STA-1 on paper: one family member named in app.1. An empty row is ignored."""

    iin = forms.CharField(label=_("IIN"), max_length=12, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=100, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE,
                                 validators=[birth_date_validate])
    kinship = forms.ChoiceField(label=_("Degree of kinship"), choices=[("", "—"), *STATUS_KINSHIPS], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(_columns(("iin", "surname", "given_name", "patronymic", "birth_date", "kinship"),
                                             "col-sm-6 col-lg-2"))

    def clean(self):
        data = super().clean()
        iin = (data.get("iin") or "").strip()
        data["iin"] = iin
        if iin:
            try:
                info = iin_parse(iin)
            except IinError as exc:
                self.add_error("iin", exc.message)
            else:
                if data.get("birth_date") and data["birth_date"] != info.birth_date:
                    self.add_error("birth_date", _("The date of birth does not match the IIN (%(date)s).") % {
                        "date": info.birth_date.strftime("%d.%m.%Y")})
        if not data.get("kinship"):
            self.add_error("kinship", _("Choose the degree of kinship."))
        known = bool(iin) and "iin" not in self.errors and (
            Person.objects.filter(iin=iin).exists() or state_gateway().person(iin) is not None)
        if not known and not (data.get("surname") and data.get("given_name")):
            self.add_error("surname", _("Give the surname and the given name: the persons database has no record "
                                        "for this member."))
        return data

    def member(self) -> tuple[dict, str]:
        keys = ("iin", "surname", "given_name", "patronymic", "birth_date")
        return ({k: self.cleaned_data[k] for k in keys if self.cleaned_data.get(k) not in ("", None)},
                self.cleaned_data["kinship"])


class BaseFamilyFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            iin = form.cleaned_data.get("iin") if form.has_changed() else ""
            if iin and iin in seen:
                form.add_error("iin", _("This IIN is already named in the application."))
            seen.add(iin)

    def members(self) -> list[tuple[dict, str]]:
        return [form.member() for form in self.forms if form.has_changed()]


FamilyFormSet = forms.formset_factory(FamilyMemberForm, formset=BaseFamilyFormSet, extra=3, max_num=20,
                                      validate_max=True)


def family_formset(request) -> BaseFamilyFormSet:
    """Bound when the page sent the family rows (a client posting without them files the applicant alone)."""
    if request.method == "POST" and "members-TOTAL_FORMS" in request.POST:
        return FamilyFormSet(request.POST, prefix="members")
    return FamilyFormSet(prefix="members")
