"""Demo data of the residence slice (idempotent): a centre with rooms and beds per demo region, kandas
status for the demo applicants, and applications in every stage (registered, referred, residing,
reserve). Called by `manage.py demo_data` after kandas.demo."""
import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation

from kandas.models import Family, Organisation
from kandas.services import person_kandas_status_set
from kandas.transitions import ActionNotAllowed

from .models import Bed, Centre, ResidenceApplication, Room
from .services.residence import (
    application_register, check_in, referral_issue, referral_prepare, reserve_enter, talon_record,
)

DEMO_BEDS = {"pvl": (3, 4), "sko": (4, 4), "alm": (5, 4)}  # rooms × beds per room


def _centre(org: Organisation, rooms: int, beds: int) -> Centre:
    centre, _ = Centre.objects.get_or_create(organisation=org)
    if not centre.rooms.exists():
        for r in range(1, rooms + 1):
            room = Room.objects.create(centre=centre, number=str(100 + r), floor=1 + (r - 1) // 3)
            for b in range(1, beds + 1):
                Bed.objects.create(room=room, number=str(b))
    return centre


def _stage(*, centre, family, specialist, head, acc, stage: str) -> ResidenceApplication:
    app = application_register(actor=specialist, centre_id=centre.pk, applicant_id=family.applicant_id,
                               whole_family=True)
    if stage == "registered":
        return app
    today = timezone.localdate()
    for row in app.persons.select_related("person"):
        if row.needs_talon:
            talon_record(application_id=app.pk, resident_id=row.pk, actor=specialist,
                         number=f"УМ-{row.person.iin[-6:]}", on=today)
    try:  # RES-3: the specialist prepares, the head signs
        app = referral_prepare(application_id=app.pk, actor=specialist)
    except ActionNotAllowed:
        return reserve_enter(application_id=app.pk, actor=specialist)
    if stage == "prepared" or head is None:
        return app
    app = referral_issue(application_id=app.pk, actor=head)
    if stage == "residing":
        app = check_in(application_id=app.pk, actor=acc, house_rules_acknowledged=True)
    return app


def demo_load(stdout=None) -> dict:
    # Step labels and messages are stored as text: write them in the interface's default language.
    with translation.override("ru"):
        made = _demo_load(stdout)
    from .demo_support import demo_load as support_demo_load  # the adaptation services (ADA)

    support_demo_load(stdout)
    return made


@transaction.atomic
def _demo_load(stdout=None) -> dict:
    from kandas.demo import DEMO_REGIONS

    today = timezone.localdate()
    made = {}
    for code, kato in DEMO_REGIONS.items():
        org = Organisation.objects.filter(kind=Organisation.Kind.ACC, region__kato=kato).order_by("pk").first()
        specialist = User.objects.filter(username=f"mio_specialist_{code}").first()
        head = User.objects.filter(username=f"mio_head_{code}").first()
        acc = User.objects.filter(username=f"acc_staff_{code}").first()
        if org is None or specialist is None or acc is None:
            continue
        centre = _centre(org, *DEMO_BEDS[code])
        families = list(Family.objects.filter(region=org.region).select_related("applicant").order_by("pk"))
        for family in families:
            if family.applicant.kandas_status_since is None:
                person_kandas_status_set(person_id=family.applicant_id, since=today - datetime.timedelta(days=60),
                                         until=today + datetime.timedelta(days=300))
        if centre.applications.exists():
            continue
        stages = ["residing", "residing", "referred", "registered", "residing", "residing", "prepared", "referred"]
        for family, stage in zip(families, stages):
            _stage(centre=centre, family=family, specialist=specialist, head=head, acc=acc, stage=stage)
        made[code] = centre.applications.count()
    if stdout is not None:
        stdout.write(f"Residence demo: centres with applications {made or 'already loaded'}\n")
    return made
