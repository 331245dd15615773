"""GEN-1: a filing date before the earliest known rule version is refused, never given the earliest one."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kandas.rules import NoRuleVersion
from tests.example_case.models import EXAMPLE_RULES, ExampleCase
from tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def region_org():
    region = RegionFactory()
    return region, OrganisationFactory(region=region)


def test_gen1_rulebook_refuses_a_day_before_its_earliest_version():
    """GEN-1: 31.12.2019 is before the example book's first version (01.01.2020): no version, a reason."""
    with pytest.raises(NoRuleVersion) as refused:
        EXAMPLE_RULES.version_on(D(2019, 12, 31))
    assert isinstance(refused.value, ValidationError)
    assert "01.01.2020" in refused.value.messages[0] and "2025" in refused.value.messages[0]
    assert EXAMPLE_RULES.version_on(D(2020, 1, 1)).code == "2025"  # its first day is in force


def test_gen1_case_filed_before_the_earliest_version_is_not_saved(region_org):
    """GEN-1: saving a case filed on 31.12.2019 raises, and no case with the earliest version is stored."""
    region, org = region_org
    with pytest.raises(ValidationError) as refused:
        ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2019, 12, 31))
    assert "01.01.2020" in " ".join(refused.value.messages)
    assert not ExampleCase.objects.exists()


def test_gen1_clean_names_the_filing_date_field(region_org):
    """GEN-1: a form validating the case (model clean) shows the refusal on the filing date."""
    region, org = region_org
    case = ExampleCase(region=region, organisation=org, filed_on=D(2019, 6, 1))
    with pytest.raises(ValidationError) as refused:
        case.clean()
    assert "filed_on" in refused.value.message_dict


@pytest.mark.parametrize("language, words", [
    ("ru", "самая ранняя известная редакция"),
    ("kk", "ең ерте белгілі редакциясы"),
    ("en", "the earliest known version"),
])
def test_gen1_refusal_reads_in_the_reader_language(language, words):
    """GEN-1: the refusal names the earliest version and its date in Russian, Kazakh and English."""
    with translation.override(language):
        text = NoRuleVersion(D(2019, 12, 31), EXAMPLE_RULES.earliest).messages[0]
    assert words in text and "01.01.2020" in text and "31.12.2019" in text


@pytest.mark.parametrize("book_path", ["status.rules.STATUS_RULES", "quota.rules.QUOTA_RULES",
                                       "adaptation.rules.RESIDENCE_RULES"])
def test_gen1_every_app_book_answers_its_first_day_and_refuses_the_day_before(book_path):
    """GEN-1: each app's book has a version from its own earliest effective day and refuses the day before."""
    from django.utils.module_loading import import_string

    book = import_string(book_path)
    first = book.earliest.effective_from
    assert book.version_on(first) is book.earliest
    with pytest.raises(NoRuleVersion):
        book.version_on(first - datetime.timedelta(days=1))
