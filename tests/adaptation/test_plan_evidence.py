"""ADA-16: completing a plan item with positioned evidence, uploaded in chunks that resume after a drop."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from adaptation.models import Evidence
from adaptation.services import evidence as ev
from kandas.deadlines import step_deadlines

from .plan_world import app, loaded_plan, english  # noqa: F401
from .support_world import family, world  # noqa: F401

pytestmark = pytest.mark.django_db
POS = {"latitude": "52.287303", "longitude": "76.967402", "accuracy": "12.5", "taken_at": "2026-12-01T10:15:00+05:00"}
PHOTO = b"\xff\xd8\xff\xe0" + b"x" * 5000


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def item(world, app):
    plan = loaded_plan(world, app)
    return plan.items.get(person=app.applicant, service=7)


def _start(world, item, **kw):
    data = {"kind": "photo", "filename": "registration.jpg", "size": len(PHOTO), **POS, **kw}
    return ev.upload_start(actor=world.settle.cc_specialist, item_id=item.pk, **data)


def test_ada16_evidence_without_position_is_refused_with_a_clear_message(world, item):
    with pytest.raises(ValidationError, match="no position. Allow the browser to use your location"):
        _start(world, item, latitude="", longitude="")
    assert not Evidence.objects.exists()


def test_ada16_interrupted_upload_resumes_from_the_server_offset(world, item):
    """A chunk lost mid-way: the retry at the old offset is told where the server is, the rest follows,
    and the stored file is the whole photo with its position."""
    up = _start(world, item)
    actor = world.settle.cc_specialist
    ev.upload_chunk(actor=actor, upload_id=up.pk, offset=0, data=PHOTO[:2000])
    with pytest.raises(ev.OffsetMismatch) as exc:  # the client lost the answer and resends from 0… then 4000
        ev.upload_chunk(actor=actor, upload_id=up.pk, offset=4000, data=PHOTO[4000:])
    assert exc.value.received == 2000
    ev.upload_chunk(actor=actor, upload_id=up.pk, offset=2000, data=PHOTO[2000:4000])
    up = ev.upload_chunk(actor=actor, upload_id=up.pk, offset=4000, data=PHOTO[4000:])
    stored = Evidence.objects.get()
    assert up.evidence_id == stored.pk and stored.file.read() == PHOTO
    assert str(stored.latitude) == "52.287303" and stored.accuracy_m == 12.5


def test_ada16_complete_needs_photo_and_records_date_and_who(world, item, app):
    actor = world.settle.cc_specialist
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="Attach a photo or video"):
        ev.item_complete(actor=actor, item_id=item.pk, completed_on=today)
    up = _start(world, item)
    ev.upload_chunk(actor=actor, upload_id=up.pk, offset=0, data=PHOTO)
    done = ev.item_complete(actor=actor, item_id=item.pk, completed_on=today, documents="Адресная справка № 5")
    assert done.completed_on == today and done.completed_by == actor
    assert not step_deadlines(app, "plan_item", subject=f"item:{item.pk}").get().is_running
    with pytest.raises(ValidationError, match="already completed"):
        ev.item_complete(actor=actor, item_id=item.pk, completed_on=today)


def test_ada16_future_completion_date_refused(world, item):
    with pytest.raises(ValidationError, match="future"):
        ev.item_complete(actor=world.settle.cc_specialist, item_id=item.pk,
                         completed_on=timezone.localdate() + datetime.timedelta(days=2))
