"""Forms of the adaptation app (residence): they validate input; services do the work."""
import datetime
import os

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandas.documents import document_check
from kandas.models import DOCUMENT_LIMITS, DocumentKind, Person

from .models import Centre, ResidenceEvent, ResidenceState, TerminationProposal


class StyledForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control form-control-sm")


def _date(**kwargs):
    # HTML date inputs take ISO dates whatever the interface language.
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)


class RegisterForm(forms.Form):
    """RES-2 (form app.2): the applicant (a kandas, by IIN), the centre and whether the whole family moves in;
    the members named one by one are the rows of adaptation.forms_rows."""

    applicant_iin = forms.CharField(label=_("IIN of the applicant (kandas)"), max_length=12, min_length=12,
                                    widget=forms.TextInput(attrs={"data-iin": "1", "autocomplete": "off"}))
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none())
    whole_family = forms.BooleanField(label=_("Settle the whole family registered with the applicant"),
                                      required=False, initial=True)

    def __init__(self, *args, centres=None, persons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres if centres is not None else Centre.objects.none()
        self.persons = persons if persons is not None else Person.objects.none()

    def clean_applicant_iin(self):
        iin = self.cleaned_data["applicant_iin"].strip()
        person = self.persons.filter(iin=iin).first()
        if person is None:
            raise forms.ValidationError(_("No person with this IIN in the registry of your region."))
        self.applicant = person
        return iin


class TalonForm(StyledForm):
    """RES-3: the police talon of one person named in the application — a scan, or its number and date."""

    resident = forms.TypedChoiceField(label=_("Person"), coerce=int)
    number = forms.CharField(label=_("Talon number"), max_length=60, required=False)
    on = _date(label=_("Talon date"), required=False)
    file = forms.FileField(label=_("Scan"), required=False)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(r.pk, str(r)) for r in persons]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            limits = DOCUMENT_LIMITS[DocumentKind.POLICE_TALON]
            ext = os.path.splitext(upload.name)[1].lower()
            if ext not in limits:
                raise forms.ValidationError(_("Allowed files: %(ext)s.") % {"ext": ", ".join(sorted(limits))})
            if upload.size > limits[ext]:
                raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": limits[ext] // (1024 * 1024)})
            document_check(kind=DocumentKind.POLICE_TALON, file=upload)  # and its content is of that type
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("number") and data.get("on")):
            raise forms.ValidationError(_("Upload the talon or give its number and date."))
        if data.get("on") and data["on"] > timezone.localdate():
            self.add_error("on", _("The date is in the future."))
        return data


class ReferralForm(StyledForm):
    handed_over_on = _date(label=_("Referral received by the applicant on"), initial=timezone.localdate)

    def clean_handed_over_on(self):
        day = self.cleaned_data["handed_over_on"]
        today = timezone.localdate()
        if day > today or day < today - datetime.timedelta(days=3):
            raise forms.ValidationError(_("The hand-over is today or up to 3 days ago."))
        return day


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class CheckInForm(StyledForm):
    house_rules_acknowledged = forms.BooleanField(label=_("The residents acknowledged the house rules"))


class ProposeForm(StyledForm):
    violation = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    member = forms.TypedChoiceField(label=_("Concerns"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, residents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("the whole family"))] + [(r.pk, str(r)) for r in residents]


class DecideForm(StyledForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=TerminationProposal.Decision.choices,
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Grounds of the decision"), widget=forms.Textarea(attrs={"rows": 2}))


class RecordForm(StyledForm):
    kind = forms.ChoiceField(label=_("What"), choices=ResidenceEvent.Kind.choices)
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [(r.person_id, str(r.person)) for r in persons]


class VacatedForm(StyledForm):
    """RES-11: an evicted member has left the room."""

    resident = forms.TypedChoiceField(label=_("Family member"), coerce=int)

    def __init__(self, *args, evicted=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(r.pk, str(r)) for r in evicted]


class ListFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)  # kandas.filters.SEARCH_MAX_LENGTH
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("all"))] + ResidenceState.choices)
    centre = forms.ModelChoiceField(label=_("Centre"), required=False, queryset=Centre.objects.none())
    filed_from = _date(label=_("Filed from"), required=False)
    filed_to = _date(label=_("Filed to"), required=False)

    def __init__(self, *args, centres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres if centres is not None else Centre.objects.none()


class PeriodForm(StyledForm):
    first = _date(label=_("From"))
    last = _date(label=_("To"))

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data
