"""Forms of the quota screens: they only validate; the services decide."""
from django import forms
from django.utils.translation import gettext_lazy as _

from kandas.filing import filing_person_find, unknown_person_message
from kandas.models import Locality, Person, Region

from .models import (QUOTA_CHANNEL_CHOICES, REFUSAL_GROUNDS, REQUIRED_DOCUMENTS, Complaint, Direction, EligibilityBasis,
                     EmploymentCategory, QuotaKind, QuotaProposal)

class ApplicationForm(forms.Form):
    """app.1 (kandas) / app.6 (settlers): the applicant by IIN, the path and consent; the family members and the
    documents are the rows of quota.forms_rows."""

    region = forms.ModelChoiceField(label=_("Designated region of settlement"),
                                    queryset=Region.objects.filter(is_settlement_region=True))
    channel = forms.ChoiceField(label=_("Channel"), choices=QUOTA_CHANNEL_CHOICES)
    applicant_iin = forms.CharField(label=_("IIN of the applicant"), max_length=12, min_length=12,
                                    widget=forms.TextInput(attrs={"data-iin": "1", "inputmode": "numeric"}))
    address = forms.CharField(label=_("Address of residence"), max_length=255, required=False)
    locality = forms.ModelChoiceField(label=_("District or city offered for settlement (KATO)"), required=False,
                                      queryset=Locality.objects.filter(region__is_settlement_region=True)
                                      .select_related("region").order_by("kato"))
    eligibility_basis = forms.ChoiceField(label=_("Eligibility"), choices=[("", "—"), *EligibilityBasis.choices],
                                          required=False)
    widow_of_iin = forms.CharField(label=_("IIN of the late spouse (widow's case)"), max_length=12, required=False)
    # QUO-1: what the registry does not record is asked and recorded on the application.
    status_9_1 = forms.BooleanField(label=_("The kandas status was obtained under condition 9.1) of the status rules "
                                            "(checked against the status decision)"), required=False)
    employment_category = forms.ChoiceField(label=_("Employment category"),
                                            choices=[("", "—"), *EmploymentCategory.choices], required=False)
    job_seeker_registered_on = forms.DateField(label=_("Registered as job seeker / unemployed on"), required=False,
                                               widget=forms.DateInput(attrs={"type": "date"}))
    eds_signed = forms.BooleanField(label=_("Signed with an EDS"), required=False)
    consent = forms.BooleanField(label=_("The applicant consents to the collection and processing of personal data"),
                                 required=False)

    def __init__(self, *args, kind: str, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.user = user
        if kind == QuotaKind.KANDAS:
            for name in ("employment_category", "job_seeker_registered_on", "eds_signed"):
                del self.fields[name]
        else:
            del self.fields["eligibility_basis"], self.fields["widow_of_iin"]
            del self.fields["status_9_1"]

    def _person(self, iin, field):
        # Decision 18: the filer names persons of the registry it may see; another region's person reads
        # exactly like an unknown IIN.
        person = filing_person_find(self.user, iin=iin) if self.user is not None \
            else Person.objects.filter(iin=iin.strip()).first()
        if person is None:
            self.add_error(field, unknown_person_message())
        return person

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["applicant"] = self._person(data["applicant_iin"], "applicant_iin")
        data["widow_of"] = self._person(data["widow_of_iin"], "widow_of_iin") if data.get("widow_of_iin") else None
        data["eligibility_answers"] = {"status_9_1": bool(data.get("status_9_1"))}
        return data


class CompletenessForm(forms.Form):
    missing = forms.MultipleChoiceField(label=_("Missing documents"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    other_missing = forms.CharField(label=_("Other missing or expired documents"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missing"].choices = [(str(label), label) for _code, label in REQUIRED_DOCUMENTS[kind]]

    def missing_list(self) -> list[str]:
        return self.missing_of(self.cleaned_data)

    @staticmethod
    def missing_of(data: dict) -> list[str]:
        """The missing documents ticked and typed (cleaned data of this form)."""
        out = list(data["missing"])
        if data["other_missing"].strip():
            out.append(data["other_missing"].strip())
        return out


class RecommendForm(forms.Form):
    include = forms.TypedChoiceField(label=_("Recommendation"), coerce=lambda v: v == "1",
                                     choices=[("1", _("include in the quota")), ("0", _("remarks: refuse"))])
    remarks = forms.CharField(label=_("Motivated remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    hearing_at = forms.DateTimeField(label=_("Hearing: time"), required=False,
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    hearing_place = forms.CharField(label=_("Hearing: place"), required=False)
    received_on = forms.DateField(label=_("Preliminary decision received on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class PreliminaryRefusalForm(forms.Form):
    """QUO-7: the MIO's preliminary decision of refusal after a positive recommendation (APPC art.73)."""
    remarks = forms.CharField(label=_("Motivated remarks"), widget=forms.Textarea(attrs={"rows": 2}))
    hearing_at = forms.DateTimeField(label=_("Hearing: time"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    hearing_place = forms.CharField(label=_("Hearing: place"))
    received_on = forms.DateField(label=_("Preliminary decision received on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class UnitRefusedForm(forms.Form):
    """QUO-10: the day the applicant refused the territorial unit offered for settlement."""
    on = forms.DateField(label=_("Refused on"), widget=forms.DateInput(attrs={"type": "date"}))


class HearingForm(forms.Form):
    objections = forms.CharField(label=_("Objections of the applicant"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(label=_("Hearing minutes"), widget=forms.Textarea(attrs={"rows": 2}))


class RefuseForm(forms.Form):
    grounds = forms.MultipleChoiceField(label=_("Refusal grounds"), widget=forms.CheckboxSelectMultiple)
    reasoning = forms.CharField(label=_("Reasoning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grounds"].choices = REFUSAL_GROUNDS[kind]


class ComplaintForm(forms.Form):
    addressee = forms.ChoiceField(label=_("Addressed to"), choices=Complaint.Addressee.choices)
    text = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 2}))
    electronic = forms.BooleanField(label=_("Filed electronically"), required=False)


class ComplaintExtendForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the extension"))
    until = forms.DateField(label=_("Extended until"), widget=forms.DateInput(attrs={"type": "date"}))


class ComplaintDecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Complaint.Outcome.choices)
    text = forms.CharField(label=_("Answer to the applicant"), widget=forms.Textarea(attrs={"rows": 2}))


class LocalityEntryForm(forms.Form):
    locality = forms.ModelChoiceField(label=_("Locality"), queryset=Locality.objects.none())
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    places = forms.IntegerField(label=_("Places (persons)"), min_value=0, initial=0)
    jobs = forms.CharField(label=_("Jobs and housing on offer"), required=False)

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(region=region)


class ProposalForm(forms.ModelForm):
    class Meta:
        model = QuotaProposal
        fields = ["subject", "period", "change", "locality", "justification"]

    def __init__(self, *args, region_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # The MIO proposes for the localities of its own region only.
        self.fields["locality"].queryset = Locality.objects.filter(region_id=region_id).order_by("name_ru")
