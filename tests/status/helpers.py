"""The status tests' world and helpers: a staffed region (tests.factories.staffed_region) with the MIO
(specialist, head), the commission for kandas (secretary), the State Corporation (operator, API client);
and an application filed complete, as the portal would send it."""
from django.core.files.uploadedfile import SimpleUploadedFile

from kandas.models import Consent, DocumentKind, StateRecord
from status.services import application_submit
from tests.factories import PersonFactory, staffed_region

STATUS_KINDS = ("MIO", "KCOM", "GOVCORP")
STATUS_ROLES = ("specialist", "head", "secretary", "operator", "api")


def build_region():
    return staffed_region(kinds=STATUS_KINDS, roles=STATUS_ROLES)


def pdf_file(name="scan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test scan", content_type="application/pdf")


def file_application(w, *, registry=True, documents=True, consent=True, channel="portal", sub_type="general",
                     settlement_region=None, filed_on=None, actor=None, members=()):
    """An application as the portal would send it; identity comes from the local registry (GEN-2)."""
    applicant = PersonFactory(region=w.region)
    if registry:
        StateRecord.objects.create(iin=applicant.iin, kind=StateRecord.Kind.IDENTITY,
                                   payload={"surname": applicant.surname, "given_name": applicant.given_name})
    docs = []
    if documents:
        docs = [{"kind": DocumentKind.AUTOBIOGRAPHY, "file": pdf_file("autobiography.pdf")},
                {"kind": DocumentKind.NATIONALITY, "number": "BC-1", "file": pdf_file("birth.pdf")}]
    return application_submit(
        actor=actor or w.specialist, sub_type=sub_type, channel=channel, region=w.region, applicant=applicant,
        members=members, settlement_region=settlement_region, documents=docs,
        consent_method=Consent.Method.OTP if consent else None, filed_on=filed_on)


def hearing_held(case):
    """The scheduled hearing time has passed (STA-4: an outcome is recorded only after the hearing)."""
    import datetime

    from django.utils import timezone

    type(case).objects.filter(pk=case.pk).update(hearing_at=timezone.now() - datetime.timedelta(minutes=5))
    return type(case).objects.get(pk=case.pk)
