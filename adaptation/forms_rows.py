"""The family-member rows of the residence registration (RES-2, form app.2).

A member is named by IIN and found in the part of the registry the filer may see (kandas.filing, Decision 18):
a person of another region reads exactly like an unknown IIN. There is no kinship picker: the service takes the
degree of kinship from the applicant's family in the registry (RES-1), so a picked one would not be used. An
empty row is ignored; a row marked for removal too.
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kandas.filing import filing_person_find, unknown_person_message
from kandas.iin import IinError, iin_parse

IIN = forms.TextInput(attrs={"data-iin": "1", "inputmode": "numeric", "maxlength": "12", "autocomplete": "off"})


class MemberRowForm(forms.Form):
    """One family member who moves in with the applicant."""

    iin = forms.CharField(label=_("IIN of the family member"), max_length=12, required=False, widget=IIN)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        data["person"] = None
        if data.get("DELETE"):
            return data
        iin = (data.get("iin") or "").strip()
        data["iin"] = iin
        if not iin:
            return data
        try:
            iin_parse(iin)
        except IinError as exc:
            self.add_error("iin", exc.message)
            return data
        data["person"] = filing_person_find(self.user, iin=iin)
        if data["person"] is None:
            self.add_error("iin", unknown_person_message())
        return data


class BaseMemberRows(forms.BaseFormSet):
    def __init__(self, *args, user=None, applicant_iin: str = "", **kwargs):
        self.user, self.applicant_iin = user, (applicant_iin or "").strip()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"user": self.user}

    def _named(self) -> list[MemberRowForm]:
        return [f for f in self.forms if f.cleaned_data.get("iin") and not f.cleaned_data.get("DELETE")]

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self._named():
            iin = form.cleaned_data["iin"]
            if iin == self.applicant_iin:
                form.add_error("iin", _("This is the applicant's IIN: name the applicant's family members here."))
            elif iin in seen:
                form.add_error("iin", _("This IIN is already named in the application."))
            seen.add(iin)

    def persons(self) -> list:
        """The registry persons the rows name (valid rows only, removed and empty ones left out)."""
        return [f.cleaned_data["person"] for f in self._named()]


# Three rows: without the script one may name up to three members; with it, "add" gives more.
MemberRows = forms.formset_factory(MemberRowForm, formset=BaseMemberRows, extra=3, max_num=20, validate_max=True,
                                   can_delete=True)


def member_rows(request, *, user) -> BaseMemberRows:
    """The member rows of the registration page, bound on a POST that sent them (a client posting without them
    registers the applicant, and the whole family if asked)."""
    data = request.POST if request.method == "POST" and "members-TOTAL_FORMS" in request.POST else None
    return MemberRows(data, prefix="members", user=user,
                      applicant_iin=request.POST.get("applicant_iin", "") if data is not None else "")
