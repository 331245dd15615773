"""Security: choice fields offer only what belongs to the user's region."""
import pytest
from django.urls import reverse

from kandas.models import Locality, Region
from quota.models import QuotaProposal

pytestmark = pytest.mark.django_db


def test_proposal_locality_choices_are_of_the_mio_region_only(client, world, locality):
    """QUO-12: a MIO proposes for its own localities: another region's locality is not offered and is refused."""
    foreign = Locality.objects.create(region=Region.objects.get(kato="590000000"), kato="591010000",
                                      name_ru="Чужой посёлок", name_kk="Бөтен ауыл", kind="village")
    client.force_login(world.specialist)
    html = client.get(reverse("quota:proposals")).content.decode()
    assert locality.name_ru in html and "Чужой посёлок" not in html
    client.post(reverse("quota:proposals"), {"subject": "kandas_quota", "period": "2027", "change": "5",
                                             "locality": foreign.pk, "justification": "x"})
    assert not QuotaProposal.objects.exists()
    client.post(reverse("quota:proposals"), {"subject": "kandas_quota", "period": "2027", "change": "5",
                                             "locality": locality.pk, "justification": "x"})
    assert QuotaProposal.objects.get().locality == locality
