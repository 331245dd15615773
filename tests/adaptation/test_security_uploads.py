"""Security: a police-talon scan must be what its extension says."""
import io

import pytest
from django.urls import reverse

from kandas.models import Document

from .helpers import register
from tests.html import field_error_shown

pytestmark = pytest.mark.django_db


def test_talon_with_pdf_name_but_other_content_is_refused(client, staff):
    """RES-3 upload: an executable renamed .pdf is refused with a message; nothing is stored."""
    app = register(staff)
    client.force_login(staff.specialist)
    fake = io.BytesIO(b"MZ\x90\x00this is not a pdf")
    fake.name = "talon.pdf"
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "talon_record"]),
                           {"resident": app.persons.first().pk, "file": fake})
    assert response.status_code == 400 and field_error_shown(response.content.decode(), 'file')
    assert not Document.objects.filter(kind="police_talon").exists()
