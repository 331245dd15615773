"""GEN-2: the gateway answers guardianship and adoption, the civil-registry cut-off days decide the paper,
and consent to digital documents is given by a one-time password or a short text reply (002 app.2 p.8)."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kandas import services
from kandas.gateway import ConsentRefused, paper_needed, state_gateway
from kandas.models import DevelopmentMessage, DigitalConsentRequest, StateRecord
from kandas.roles import Role
from kandas.selectors import person_state_checks
from tests.factories import PersonFactory, RegionFactory, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize("kind, day, needed", [
    ("birth", D(2007, 8, 13), True), ("birth", D(2007, 8, 14), False), ("birth", D(1990, 1, 1), True),
    ("marriage", D(2008, 6, 1), True), ("marriage", D(2008, 6, 2), False),
    ("death", D(2008, 5, 1), True), ("death", D(2008, 5, 2), False),
    ("birth", None, True), ("divorce", D(2020, 1, 1), True),
])
def test_gen2_civil_registry_holds_only_registrations_after_the_cutoff_day(kind, day, needed):
    """GEN-2 (000 app.2 p.6): «после 13 августа 2007 года» — a birth on 13.08.2007 needs paper, on 14.08 not;
    marriages after 01.06.2008, deaths of children after 01.05.2008."""
    assert paper_needed(kind, day) is needed


def test_gen2_a_registration_abroad_needs_paper_whatever_its_date():
    """GEN-2: only registrations made in Kazakhstan are in ИС «ЗАГС»."""
    assert paper_needed("birth", "2015-03-01", in_kazakhstan=False) is True
    assert paper_needed("birth", "2015-03-01") is False


def test_gen2_gateway_answers_guardianship_and_adoption():
    """GEN-2: Е-Попечительство and the Supreme Court's adoption decisions come through the one gateway."""
    StateRecord.objects.create(iin="150301500012", kind=StateRecord.Kind.GUARDIANSHIP, payload={
        "guardian_iin": "850412300015", "guardian_name": "Сейтқали Ерлан", "decision_number": "ОП-17",
        "decided_on": "2019-05-04", "authority": "Отдел образования"})
    StateRecord.objects.create(iin="150301500012", kind=StateRecord.Kind.ADOPTION, payload={
        "adopter_iins": ["850412300015"], "court": "Суд г. Астаны", "case_number": "2-123/2020",
        "decided_on": "2020-02-10"})
    gateway = state_gateway()
    [ward] = gateway.guardianship("150301500012")
    [adopted] = gateway.adoption("150301500012")
    assert (ward.guardian_name, ward.decision_number) == ("Сейтқали Ерлан", "ОП-17")
    assert adopted.adopter_iins == ("850412300015",) and adopted.case_number == "2-123/2020"
    assert gateway.guardianship("850412300015") == [] and gateway.adoption("850412300015") == []


def _rows(person):
    with translation.override("en"):
        return {str(r["source"]): {k: str(v) for k, v in r.items()} | {"found": r["found"]}
                for r in person_state_checks(person=person)}


def test_gen2_person_checks_ask_for_paper_for_a_birth_registered_on_the_cutoff_day():
    """GEN-2: a birth act of 13.08.2007 is found but the paper certificate is still asked, with the reason;
    one of 14.08.2007 is taken from ЗАГС; guardianship and adoption rows say what was found."""
    on_day = PersonFactory(birth_date=D(2007, 8, 13))
    after = PersonFactory(birth_date=D(2007, 8, 14))
    for person in (on_day, after):
        StateRecord.objects.create(iin=person.iin, kind=StateRecord.Kind.CIVIL_ACT, payload={
            "kind": "birth", "number": "77", "date": person.birth_date.isoformat()})
    StateRecord.objects.create(iin=after.iin, kind=StateRecord.Kind.ADOPTION, payload={
        "court": "Суд г. Астаны", "case_number": "2-9/2012", "decided_on": "2012-01-10"})
    birth_on_day = _rows(on_day)["civil registry (ЗАГС): birth"]
    birth_after = _rows(after)["civil registry (ЗАГС): birth"]
    assert birth_on_day["found"] and birth_on_day["ask_for"] == "birth certificate"
    assert "13.08.2007" in birth_on_day["why"]
    assert birth_after["found"] and birth_after["ask_for"] == ""
    adoption = _rows(after)["adoption (Supreme Court)"]
    assert adoption["found"] and "2-9/2012" in adoption["summary"]
    assert not _rows(on_day)["guardianship (Е-Попечительство)"]["found"]


def test_gen2_person_checks_marriage_on_the_cutoff_day_and_a_child_death_after_it():
    """GEN-2: a marriage registered on 01.06.2008 is asked on paper; a child's death of 02.05.2008 is not;
    a person with no marriage act is asked for the certificate only if there is one."""
    married = PersonFactory()
    single = PersonFactory(birth_date=D(1990, 2, 3))
    StateRecord.objects.create(iin=married.iin, kind=StateRecord.Kind.CIVIL_ACT,
                               payload={"kind": "marriage", "number": "5", "date": "2008-06-01"})
    StateRecord.objects.create(iin=married.iin, kind=StateRecord.Kind.CIVIL_ACT,
                               payload={"kind": "death", "number": "9", "date": "2008-05-02"})
    rows = _rows(married)
    assert rows["civil registry (ЗАГС): marriage"]["ask_for"] == "marriage or divorce certificate"
    assert "01.06.2008" in rows["civil registry (ЗАГС): marriage"]["why"]
    assert rows["civil registry (ЗАГС): death of a child"]["ask_for"] == ""
    single_rows = _rows(single)
    assert single_rows["civil registry (ЗАГС): marriage"]["ask_for"] == "marriage or divorce certificate (if any)"
    assert "civil registry (ЗАГС): death of a child" not in single_rows


@pytest.fixture
def person():
    return PersonFactory(phone="+77011234567")


@pytest.fixture
def officer(person):
    return make_staff(Role.MIO_SPECIALIST, region=person.region)


def _sent_code(request):
    return DevelopmentMessage.objects.get(consent_request=request).code


def test_gen2_the_right_one_time_password_confirms_and_only_its_hash_is_kept(person, officer):
    """GEN-2 (002 app.2 p.8): a one-time password to the owner's phone; the right code confirms."""
    request = services.digital_consent_request(actor=officer, person_id=person.pk, phone=person.phone)
    code = _sent_code(request)
    assert len(code) == 6 and code not in request.code_hash
    message = DevelopmentMessage.objects.get(consent_request=request).text
    assert message.count(code) == 2 and "бір реттік құпиясөз" in message and "одноразовый пароль" in message
    confirmed = services.digital_consent_confirm(actor=officer, request_id=request.pk, answer=code)
    assert confirmed.state == DigitalConsentRequest.State.CONFIRMED and confirmed.confirmed_at is not None


def test_gen2_a_wrong_code_is_counted_and_three_end_the_request(person, officer):
    """GEN-2: each wrong code is counted (and kept though refused); after three even the right code is refused."""
    request = services.digital_consent_request(actor=officer, person_id=person.pk, phone=person.phone)
    code = _sent_code(request)
    wrong = "000000" if code != "000000" else "111111"
    for expected in (1, 2):
        with pytest.raises(ConsentRefused) as refused:
            services.digital_consent_confirm(actor=officer, request_id=request.pk, answer=wrong)
        assert refused.value.code == "wrong"
        assert DigitalConsentRequest.objects.get(pk=request.pk).attempts == expected
    with pytest.raises(ConsentRefused) as refused:
        services.digital_consent_confirm(actor=officer, request_id=request.pk, answer=wrong)
    assert refused.value.code == "locked"
    with pytest.raises(ConsentRefused):
        services.digital_consent_confirm(actor=officer, request_id=request.pk, answer=code)
    request = DigitalConsentRequest.objects.get(pk=request.pk)
    assert request.state == DigitalConsentRequest.State.LOCKED and request.confirmed_at is None


def test_gen2_an_expired_request_is_refused_even_with_the_right_code(person, officer):
    """GEN-2: the code is valid for a limited time only."""
    request = services.digital_consent_request(actor=officer, person_id=person.pk, phone=person.phone)
    past = timezone.now() - datetime.timedelta(seconds=1)
    DigitalConsentRequest.objects.filter(pk=request.pk).update(expires_at=past)
    with pytest.raises(ConsentRefused) as refused:
        services.digital_consent_confirm(actor=officer, request_id=request.pk, answer=_sent_code(request))
    assert refused.value.code == "expired"
    assert DigitalConsentRequest.objects.get(pk=request.pk).confirmed_at is None


def test_gen2_a_short_text_reply_confirms(person, officer):
    """GEN-2 (002 app.2 p.8): «қысқа мәтіндік хабарлама жіберу арқылы» — the reply «Иә» agrees, «жоқ» does not."""
    request = services.digital_consent_request(actor=officer, person_id=person.pk, phone=person.phone,
                                               channel=DigitalConsentRequest.Channel.TEXT_REPLY)
    with pytest.raises(ConsentRefused):
        services.digital_consent_confirm(actor=officer, request_id=request.pk, answer="жоқ")
    assert services.digital_consent_confirm(actor=officer, request_id=request.pk, answer=" Иә ").confirmed_at


def test_gen2_person_page_requests_and_confirms_the_consent_over_http(client, person, officer):
    """GEN-2: the officer sends the request from the person page, the demo shows the code, a wrong code is
    refused with the reason, the right one shows the consent as confirmed."""
    client.force_login(officer)
    page_url = reverse("kandas:person_detail", args=[person.pk])
    response = client.post(reverse("kandas:digital_consent_request", args=[person.pk]),
                           {"phone": person.phone, "channel": "sms_code"}, follow=True)
    request = DigitalConsentRequest.objects.get(person=person)
    page = response.content.decode()
    assert _sent_code(request) in page  # development: the stored message is shown
    confirm_url = reverse("kandas:digital_consent_confirm", args=[person.pk, request.pk])
    page = client.post(confirm_url, {"answer": "x"}, follow=True).content.decode()
    assert "tries left" in page and DigitalConsentRequest.objects.get(pk=request.pk).attempts == 1
    client.post(confirm_url, {"answer": _sent_code(request)})
    page = client.get(page_url).content.decode()
    assert 'data-testid="digital-consent-confirmed"' in page and person.phone in page


def test_gen2_another_region_cannot_confirm_a_consent(client, person, officer):
    """GEN-2/GEN-3: an officer of another region does not reach the person or the request."""
    request = services.digital_consent_request(actor=officer, person_id=person.pk, phone=person.phone)
    stranger = make_staff(Role.MIO_SPECIALIST, region=RegionFactory())
    client.force_login(stranger)
    response = client.post(reverse("kandas:digital_consent_confirm", args=[person.pk, request.pk]),
                           {"answer": _sent_code(request)})
    assert response.status_code == 404
    assert DigitalConsentRequest.objects.get(pk=request.pk).confirmed_at is None
