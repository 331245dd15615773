"""Forms of the monitoring round (ADA-19) and the quality evaluation screens (ADA-20, ADA-21)."""
from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class RoundForm(forms.Form):
    problems = forms.CharField(label=_("problems found"), required=False, max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.CharField(label=_("proposals"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("summary"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    visit_on = forms.DateField(label=_("field visit on"), required=False, widget=DateInput)
    visit_place = forms.CharField(label=_("place of the visit"), required=False, max_length=255)


SCORES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.Form):
    relevance = forms.TypedChoiceField(label=_("relevance"), choices=SCORES, coerce=int)
    effectiveness = forms.TypedChoiceField(label=_("effectiveness"), choices=SCORES, coerce=int)
    social_effect = forms.TypedChoiceField(label=_("social effect"), choices=SCORES, coerce=int)
    reason = forms.CharField(label=_("reason for another social-effect score"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionForm(forms.Form):
    report = forms.CharField(label=_("report"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.CharField(label=_("follow-up of earlier recommendations"), max_length=20000,
                                widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(label=_("recommendations"), max_length=20000,
                                      widget=forms.Textarea(attrs={"rows": 4}))


class MeasuresForm(forms.Form):
    measures = forms.CharField(label=_("measures taken"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
