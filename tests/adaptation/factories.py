"""Residence test data: a centre with rooms and beds, kandas families, staff of the three bodies."""
import datetime

from django.utils import timezone

from adaptation.models import Bed, Centre, Room
from kandas.models import Kinship, Organisation
from kandas.roles import Role
from kandas.services import person_kandas_status_set
from tests.factories import FamilyFactory, OrganisationFactory, PersonFactory, RegionFactory, add_member, make_staff


def make_centre(region=None, beds: int = 4, per_room: int = 4) -> Centre:
    region = region or RegionFactory()
    org = Organisation.objects.filter(kind=Organisation.Kind.ACC, region=region).first() or OrganisationFactory(
        kind=Organisation.Kind.ACC, region=region)
    centre, _ = Centre.objects.get_or_create(organisation=org)
    made = 0
    room_no = centre.rooms.count()
    while made < beds:
        room_no += 1
        room = Room.objects.create(centre=centre, number=str(100 + room_no))
        for n in range(min(per_room, beds - made)):
            Bed.objects.create(room=room, number=str(n + 1))
            made += 1
    return centre


def make_kandas_family(region, *, adults: int = 1, children: int = 0, status_until=None, surname=None):
    """A kandas applicant (status in the registry) with `adults` adult members (spouse first) and children."""
    today = timezone.localdate()
    kwargs = {"surname": surname} if surname else {}
    applicant = PersonFactory(region=region, birth_date=datetime.date(1980, 3, 4), **kwargs)
    person_kandas_status_set(person_id=applicant.pk, since=today - datetime.timedelta(days=30),
                             until=status_until or today + datetime.timedelta(days=335))
    family = FamilyFactory(applicant=applicant, region=region)
    members = []
    for i in range(adults):
        members.append(add_member(family, Kinship.SPOUSE if i == 0 else Kinship.MOTHER,
                                  birth_date=datetime.date(1982, 5, 6), sex="F"))
    for _i in range(children):
        members.append(add_member(family, Kinship.SON, birth_date=datetime.date(today.year - 8, 1, 15)))
    return applicant, members


class Staffing:
    """The MIO specialist and head, and the centre's staff, of one region."""

    def __init__(self, centre: Centre):
        region = centre.organisation.region
        self.region = region
        self.centre = centre
        self.specialist = make_staff(Role.MIO_SPECIALIST, region=region)
        mio = self.specialist.staff.organisation
        self.head = make_staff(Role.MIO_HEAD, organisation=mio)
        self.acc = make_staff(Role.ACC_STAFF, organisation=centre.organisation)
