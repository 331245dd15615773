"""Forms of the adaptation services (ADA): registration of form app.2, each chain step, fairs, consultations."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandas.models import KINSHIP_BY_SERVICE, Kinship, Region, Staff
from kandas.roles import Role

from .models import (ConsultationTopic, FairMode, RegistrationKind, SupportApplication, SupportCopy, SupportState,
                     Transport, VisitPlace)

MEMBER_ROWS = 6
DATE = forms.DateInput(attrs={"type": "date"})
ADAPTATION_KINSHIP = [(k.value, k.label) for k in Kinship if k in KINSHIP_BY_SERVICE["adaptation"]]


def _today():
    return timezone.localdate()


class Styled:
    """Bootstrap classes on every widget (kandas.forms.BootstrapMixin's, plus checkbox lists)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self):
        for field in self.fields.values():
            widget = field.widget
            if "class" in widget.attrs:
                continue
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"


class RegisterForm(forms.Form):
    """ADA-1: form app.2 as the exit CC specialist enters it (p.7: IIN of the kandas and of every member)."""

    applicant_iin = forms.RegexField(label=_("IIN of the kandas"), regex=r"^\d{12}$", max_length=12)
    applicant_surname = forms.CharField(label=_("surname (if the persons database has no record)"), required=False)
    applicant_given_name = forms.CharField(label=_("given name (if the persons database has no record)"),
                                           required=False)
    settlement_region = forms.ModelChoiceField(label=_("region of settlement"), queryset=Region.objects.none())
    locality_kato = forms.RegexField(label=_("chosen locality (KATO code)"), regex=r"^\d{9}$", max_length=9)
    consent = forms.BooleanField(label=_("The applicant consents to the collection and processing of personal data "
                                         "(art.8 of the Law on personal data)"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement_region"].queryset = Region.objects.filter(is_settlement_region=True)
        for i in range(1, MEMBER_ROWS + 1):
            self.fields[f"member_{i}_iin"] = forms.RegexField(label=_("member %(n)d: IIN") % {"n": i},
                                                              regex=r"^\d{12}$", required=False, max_length=12)
            self.fields[f"member_{i}_kinship"] = forms.ChoiceField(
                label=_("member %(n)d: degree of kinship") % {"n": i}, required=False,
                choices=[("", "—"), *ADAPTATION_KINSHIP])
            self.fields[f"member_{i}_lives_with"] = forms.BooleanField(
                label=_("member %(n)d lives with the applicant") % {"n": i}, required=False, initial=True)
            self.fields[f"member_{i}_married"] = forms.BooleanField(
                label=_("member %(n)d is married") % {"n": i}, required=False)
        self.helper = self.layout_helper()

    def layout_helper(self) -> FormHelper:
        """The applicant's fields side by side, then one row per family member (django-crispy-forms layout)."""
        helper = FormHelper()
        helper.form_tag = False
        applicant = ("applicant_iin", "applicant_surname", "applicant_given_name", "settlement_region",
                     "locality_kato")
        members = [Row(*(Column(f"member_{i}_{part}", css_class="col-sm-6 col-lg-3")
                         for part in ("iin", "kinship", "lives_with", "married")), css_class="g-2 border-bottom mb-2",
                       data_testid=f"member-row-{i}")
                   for i in range(1, MEMBER_ROWS + 1)]
        helper.layout = Layout(
            Row(*(Column(name, css_class="col-md-4") for name in applicant), css_class="g-2"),
            HTML('<h2 class="h5 mt-3">{% load i18n %}{% translate "Family members who are not citizens of '
                 'Kazakhstan" %}</h2>'),
            *members, "consent")
        return helper

    def clean(self):
        data = super().clean()
        for i in range(1, MEMBER_ROWS + 1):
            if data.get(f"member_{i}_iin") and not data.get(f"member_{i}_kinship"):
                self.add_error(f"member_{i}_kinship", _("Choose the degree of kinship."))
        return data

    def members(self):
        from .services.chain import MemberInput

        d = self.cleaned_data
        return [MemberInput(iin=d[f"member_{i}_iin"], kinship=d[f"member_{i}_kinship"],
                            lives_with_applicant=d[f"member_{i}_lives_with"], is_married=d[f"member_{i}_married"])
                for i in range(1, MEMBER_ROWS + 1) if d.get(f"member_{i}_iin")]


class CopiesForm(Styled, forms.Form):
    copies = forms.MultipleChoiceField(label=_("paper copies received"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copies"].choices = [
            (c.pk, f"{c.member.person.full_name}: {c.get_kind_display()}") for c in (case.copies_missing() if case else [])]


class RemarksForm(Styled, forms.Form):
    remarks = forms.CharField(label=_("remarks for the exit CC specialist"), widget=forms.Textarea(attrs={"rows": 3}))


class ExitMioRemarksForm(RemarksForm):
    remarks = forms.CharField(
        label=_("remarks for the exit CC specialist"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("p.10 of the rules names only the path without remarks. This system returns the application "
                    "with remarks to the exit career centre specialist, as p.9 does for the LMC head (Decisions 15)."))


class AssignForm(Styled, forms.Form):
    specialist = forms.ChoiceField(label=_("specialist"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.support_orgs import settlement_mio

        staff = Staff.objects.none()
        if case is not None:
            try:
                staff = Staff.objects.filter(organisation=settlement_mio(case), user__is_active=True,
                                             user__groups__name=Role.MIO_SPECIALIST).select_related("user")
            except Exception:  # noqa: BLE001 — no MIO set up: the choice stays empty and the service says why
                staff = Staff.objects.none()
        self.fields["specialist"].choices = [(s.user_id, s.user.get_full_name() or s.user.username) for s in staff]


class SettlementCheckForm(Styled, forms.Form):
    members_ok = forms.BooleanField(label=_("the data of the kandas and the family members are filled in (p.12 sub.1)"))
    scans_ok = forms.BooleanField(label=_("the scanned documents of p.6 are present (p.12 sub.2)"))
    consent_ok = forms.BooleanField(label=_("the consent to personal data processing is present (p.12 sub.3)"))


class ContactForm(Styled, forms.Form):
    receipt_confirmed_on = forms.DateField(label=_("receipt of the application confirmed on"), widget=DATE,
                                           initial=_today)
    consultation_note = forms.CharField(label=_("consultation on the relocation conditions"),
                                        widget=forms.Textarea(attrs={"rows": 2}))
    vacancies_offered = forms.CharField(label=_("vacancies and active employment measures offered"),
                                        widget=forms.Textarea(attrs={"rows": 2}))
    interested = forms.TypedChoiceField(label=_("the kandas"), coerce=lambda v: v == "yes", choices=[
        ("yes", _("is interested in an offered vacancy (p.17)")),
        ("no", _("chose none of the vacancies: the career centre continues the job search"))])


class RouteForm(Styled, forms.Form):
    vacancy = forms.CharField(label=_("vacancy of interest"))
    route = forms.CharField(label=_("route to the chosen locality"))
    relocation_on = forms.DateField(label=_("relocation date"), widget=DATE)
    transport = forms.ChoiceField(label=_("transport"), choices=Transport.choices)
    arriving_count = forms.IntegerField(label=_("number of arriving family members"), min_value=1, max_value=30)


class PlanDraftForm(Styled, forms.Form):
    plan_draft = forms.CharField(label=_("draft individual adaptation and integration plan"),
                                 widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label=_("grounds"), widget=forms.Textarea(attrs={"rows": 2}))


class FinalDecisionForm(Styled, forms.Form):
    relocation_on = forms.DateField(label=_("relocation date"), widget=DATE)
    transport = forms.ChoiceField(label=_("transport"), choices=Transport.choices)
    employer = forms.CharField(label=_("employer"))
    position = forms.CharField(label=_("position"), required=False)
    labour_contract = forms.CharField(label=_("labour contract (number and date)"))
    housing_requested = forms.BooleanField(label=_("the kandas asks the career centre to find housing"),
                                           required=False)


class QuotaFileForm(Styled, forms.Form):
    """ADA-12 → QUO-1: the CC confirms the eligibility basis the quota rules ask for."""
    status_9_1 = forms.BooleanField(label=_("The kandas status was obtained under condition 9.1) of the status rules "
                                            "(checked against the status decision)"))


class RelocateForm(Styled, forms.Form):
    arrived_on = forms.DateField(label=_("arrived on"), widget=DATE, initial=_today)
    met_at = forms.CharField(label=_("met at (airport, station)"))
    temporary_housing = forms.CharField(label=_("temporary housing"))
    registration_kind = forms.ChoiceField(label=_("registration"), choices=RegistrationKind.choices)
    registered_on = forms.DateField(label=_("registered on"), widget=DATE, initial=_today)
    registration_centre = forms.ChoiceField(label=_("centre of temporary registration"), required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.visits import visit_centres

        centres = visit_centres(case) if case is not None else []
        self.fields["registration_centre"].choices = [("", "—"), *[(c.pk, str(c)) for c in centres]]


class DateForm(Styled, forms.Form):
    on = forms.DateField(label=_("date"), widget=DATE, initial=_today)


class SelfMigrationForm(Styled, forms.Form):
    on = forms.DateField(label=_("date of the self-directed migration"), widget=DATE)
    evidence = forms.CharField(label=_("evidence"), widget=forms.Textarea(attrs={"rows": 2}))


class VisitAnnounceForm(Styled, forms.Form):
    arrival_on = forms.DateField(label=_("arrival date"), widget=DATE)
    centre = forms.ChoiceField(label=_("stays in (TAC / ACC)"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.visits import visit_centres

        self.fields["centre"].choices = [(c.pk, str(c)) for c in (visit_centres(case) if case is not None else [])]


class VisitRecordForm(Styled, forms.Form):
    places = forms.MultipleChoiceField(label=_("places visited"), choices=VisitPlace.choices,
                                       widget=forms.CheckboxSelectMultiple)
    ended_on = forms.DateField(label=_("visit ended on"), widget=DATE, initial=_today)


class VisitPlanForm(Styled, forms.Form):
    plan_note = forms.CharField(label=_("individual plan agreed with the kandas"),
                                widget=forms.Textarea(attrs={"rows": 3}))


class ListFilterForm(Styled, forms.Form):
    q = forms.CharField(label=_("search (number, name, IIN)"), required=False)
    state = forms.ChoiceField(label=_("step"), required=False, choices=[("", _("all")), *SupportState.choices])
    region = forms.ModelChoiceField(label=_("region (exit or settlement)"), required=False,
                                    queryset=Region.objects.all(), empty_label=_("all"))
    direction = forms.ChoiceField(label=_("my region is"), required=False, choices=[
        ("", _("either")), ("exit", _("the region of exit")), ("settlement", _("the region of settlement"))])
    held_by_me = forms.BooleanField(label=_("held by my organisation now"), required=False)
    overdue = forms.BooleanField(label=_("overdue steps only"), required=False)


class ConsultationStartForm(forms.Form):
    person_iin = forms.RegexField(label=_("IIN of the kandas"), regex=r"^\d{12}$", max_length=12)
    surname = forms.CharField(label=_("surname (if the persons database has no record)"), required=False)
    given_name = forms.CharField(label=_("given name (if the persons database has no record)"), required=False)


class TopicForm(forms.Form):
    topic = forms.ChoiceField(label=_("topic"), choices=ConsultationTopic.choices)
    note = forms.CharField(label=_("note"), required=False)


class FairForm(forms.Form):
    title = forms.CharField(label=_("title"))
    mode = forms.ChoiceField(label=_("form"), choices=FairMode.choices)
    held_on = forms.DateField(label=_("held on"), widget=DATE)
    settlement_cc = forms.ChoiceField(label=_("settlement career centre"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from kandas.models import Organisation

        self.fields["settlement_cc"].choices = [
            (o.pk, str(o)) for o in Organisation.objects.filter(kind=Organisation.Kind.CC,
                                                                region__is_settlement_region=True)]


class CandidateForm(forms.Form):
    application = forms.ChoiceField(label=_("application"))

    def __init__(self, *args, fair=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = SupportApplication.objects.none()
        if fair is not None:
            qs = SupportApplication.objects.filter(exit_cc=fair.exit_cc, settlement_region=fair.settlement_cc.region
                                                   ).select_related("applicant")[:200]
        self.fields["application"].choices = [(a.pk, f"{a.ref} — {a.applicant.full_name}") for a in qs]


class ParticipationForm(forms.Form):
    participated = forms.TypedChoiceField(label=_("took part"), coerce=lambda v: v == "yes",
                                          choices=[("yes", _("yes")), ("no", _("no"))])
    outcome = forms.CharField(label=_("outcome"), required=False)
