"""The rows of the quota application forms (app.1 / app.6): family members and presented documents.

A member is named by IIN and found in the part of the registry the filer may see (kandas.filing, Decision 18);
a person the filer cannot see reads exactly like an unknown IIN, and then the row needs the names, with which
the registry service registers the member (kandas.services.person_get_or_create). Kinship, the widow's-case
basis of a child and the document kind are pickers. An empty row is ignored; a row marked for removal too.
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kandas.filing import filing_person_find
from kandas.iin import IinError, iin_parse
from kandas.models import KINSHIP_BY_SERVICE, DocumentKind, Kinship, birth_date_validate

from .models import QuotaKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
IIN = forms.TextInput(attrs={"data-iin": "1", "inputmode": "numeric", "maxlength": "12"})
QUOTA_KINSHIPS = [(k.value, k.label) for k in Kinship if k in KINSHIP_BY_SERVICE["quota"]]
# The documents each sub-service presents (REQUIRED_DOCUMENTS' kinds) and any other.
DOCUMENT_KINDS = {
    QuotaKind.KANDAS: ("identity", "marriage", "birth", "other"),
    QuotaKind.SETTLERS: ("identity", "marriage", "education", "employment", "job_seeker", "birth", "other"),
}
WIDOW_CHILD_BASES = [("", "—"), ("common", _("a common child of the late spouse")),
                     ("born_kz", _("born in Kazakhstan before the parents got citizenship"))]


class MemberRowForm(forms.Form):
    """One family member named in the application."""

    iin = forms.CharField(label=_("IIN"), max_length=12, required=False, widget=IIN)
    kinship = forms.ChoiceField(label=_("Degree of kinship"), choices=[("", "—"), *QUOTA_KINSHIPS], required=False)
    surname = forms.CharField(label=_("Surname"), max_length=100, required=False,
                              help_text=_("Only for a person the registry you may see does not hold: the member "
                                          "is then registered with these names."))
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE,
                                 validators=[birth_date_validate])
    widow_child = forms.ChoiceField(label=_("Widow's case: a child the registry does not show in the late "
                                            "spouse's family is"), choices=WIDOW_CHILD_BASES, required=False)

    def __init__(self, *args, kind: str = QuotaKind.KANDAS, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if kind != QuotaKind.KANDAS:
            del self.fields["widow_child"]

    def clean(self):
        data = super().clean()
        if not self.has_changed() or data.get("DELETE"):
            return data
        iin = (data.get("iin") or "").strip()
        data["iin"], data["person"] = iin, None
        if not data.get("kinship"):
            self.add_error("kinship", _("Choose the degree of kinship."))
        if iin:
            try:
                info = iin_parse(iin)
            except IinError as exc:
                self.add_error("iin", exc.message)
                return data
            if data.get("birth_date") and data["birth_date"] != info.birth_date:
                self.add_error("birth_date", _("The date of birth does not match the IIN (%(date)s).") % {
                    "date": info.birth_date.strftime("%d.%m.%Y")})
            data["person"] = filing_person_find(self.user, iin=iin)
        if data["person"] is None and not (data.get("surname") and data.get("given_name")):
            # Decision 18: one answer for an unknown IIN and for a person of another region.
            self.add_error("surname", _("No person with this IIN in the registry you may see: give the surname "
                                        "and the given name, and the member is registered with them."))
        return data

    def new_person_data(self) -> dict:
        keys = ("iin", "surname", "given_name", "patronymic", "birth_date")
        return {k: self.cleaned_data[k] for k in keys if self.cleaned_data.get(k) not in ("", None)}


class BaseMemberRows(forms.BaseFormSet):
    def __init__(self, *args, kind: str, user=None, applicant_iin: str = "", **kwargs):
        self.kind, self.user, self.applicant_iin = kind, user, (applicant_iin or "").strip()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"kind": self.kind, "user": self.user}


    def rows(self) -> list[MemberRowForm]:
        return [f for f in self.forms if f.has_changed() and not f.cleaned_data.get("DELETE")]

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.rows():
            iin = form.cleaned_data.get("iin")
            if iin and iin == self.applicant_iin:
                form.add_error("iin", _("This is the applicant's IIN: name the applicant's family members here."))
            elif iin and iin in seen:
                form.add_error("iin", _("This IIN is already named in the application."))
            seen.add(iin)


class DocumentRowForm(forms.Form):
    """One document presented with the application (app.2 p.8), with its validity (QUO-3)."""

    kind = forms.ChoiceField(label=_("Document"), required=False)
    title = forms.CharField(label=_("Number or description"), max_length=255, required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)

    def __init__(self, *args, kind: str = QuotaKind.KANDAS, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(DocumentKind.choices)
        self.fields["kind"].choices = [("", "—"), *((k, labels[k]) for k in DOCUMENT_KINDS[kind])]

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("DELETE") and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of document."))
        return data

    def document(self) -> tuple[str, str, object]:
        d = self.cleaned_data
        return d["kind"], (d.get("title") or "").strip() or str(dict(DocumentKind.choices)[d["kind"]]), \
            d.get("valid_until")


class BaseDocumentRows(forms.BaseFormSet):
    def __init__(self, *args, kind: str, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"kind": self.kind}


    def documents(self) -> list[tuple[str, str, object]]:
        return [f.document() for f in self.forms if f.has_changed() and not f.cleaned_data.get("DELETE")]


MemberRows = forms.formset_factory(MemberRowForm, formset=BaseMemberRows, extra=1, max_num=20, validate_max=True,
                                   can_delete=True)
DocumentRows = forms.formset_factory(DocumentRowForm, formset=BaseDocumentRows, extra=1, max_num=30,
                                     validate_max=True, can_delete=True)


def application_rows(request, *, kind: str, user) -> tuple[BaseMemberRows, BaseDocumentRows]:
    """The member and document rows of the page, bound on a POST that sent them."""
    data = request.POST if request.method == "POST" else None
    members = MemberRows(data if data is not None and "members-TOTAL_FORMS" in data else None, prefix="members",
                         kind=kind, user=user, applicant_iin=(data or {}).get("applicant_iin", ""))
    documents = DocumentRows(data if data is not None and "documents-TOTAL_FORMS" in data else None,
                             prefix="documents", kind=kind)
    return members, documents
