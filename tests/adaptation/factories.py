"""Residence test data: a centre with rooms and beds, kandas families, and the staffed region around it
(tests.factories.staffed_region: the MIO with its specialist and head, the centre with its staff)."""
import datetime

from django.utils import timezone

from adaptation.models import Bed, Centre, Room
from kandas.models import Kinship, Organisation
from kandas.services import person_kandas_status_set
from tests.factories import FamilyFactory, OrganisationFactory, PersonFactory, RegionFactory, add_member, staffed_region


def make_centre(region=None, beds: int = 4, per_room: int = 4, organisation=None) -> Centre:
    """A centre (the residence side of an ACC organisation) with `beds` beds, `per_room` to a room."""
    if organisation is None:
        region = region or RegionFactory()
        organisation = Organisation.objects.filter(kind=Organisation.Kind.ACC, region=region).first() \
            or OrganisationFactory(kind=Organisation.Kind.ACC, region=region)
    centre, _ = Centre.objects.get_or_create(organisation=organisation)
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


def residence_world(*, beds: int = 4, per_room: int = 4):
    """One staffed region (tests.factories.staffed_region) with a centre of `beds` beds: `.region`,
    `.mio` with `.specialist` and `.head` (who hold the MIO steps), `.acc` (the centre's organisation) and
    `.centre_staff` (who hold the centre's steps), `.centre`."""
    world = staffed_region(kinds=("MIO", "ACC"), roles=("specialist", "head", "acc_staff"))
    world.centre = make_centre(beds=beds, per_room=per_room, organisation=world.orgs["ACC"])
    world.centre_staff = world.acc_staff
    return world
