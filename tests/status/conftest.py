"""A staffed region for the status slice: MIO (specialist, head), commission secretary, State Corporation
operator, an API client; and a helper that files a complete application."""
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kandas.models import Consent, DocumentKind, StateRecord
from kandas.roles import Role
from status.services import application_submit
from tests.factories import OrganisationFactory, PersonFactory, RegionFactory, make_staff


def build_region():
    region = RegionFactory()
    orgs = {kind: OrganisationFactory(kind=kind, region=region) for kind in ("MIO", "KCOM", "GOVCORP")}
    return SimpleNamespace(
        region=region, mio=orgs["MIO"], kcom=orgs["KCOM"], govcorp=orgs["GOVCORP"],
        specialist=make_staff(Role.MIO_SPECIALIST, organisation=orgs["MIO"]),
        head=make_staff(Role.MIO_HEAD, organisation=orgs["MIO"], is_head=True),
        secretary=make_staff(Role.COMMISSION_SECRETARY, organisation=orgs["KCOM"]),
        operator=make_staff(Role.GOVCORP_OPERATOR, organisation=orgs["GOVCORP"]),
        api=make_staff(Role.API_CLIENT, organisation=orgs["GOVCORP"]),
    )


@pytest.fixture
def world(db):
    return build_region()


@pytest.fixture
def other(db):
    """A second region: its staff must not see or touch the first region's cases."""
    return build_region()


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
