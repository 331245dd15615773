import datetime

from django.utils import timezone

from adaptation.services.residence import application_register, referral_issue, referral_prepare, talon_record

from .factories import make_kandas_family


def register(staff, *, adults=1, children=0, centre=None, surname=None, status_until=None):
    applicant, _members = make_kandas_family(staff.region, adults=adults, children=children, surname=surname,
                                             status_until=status_until)
    return application_register(actor=staff.specialist, centre_id=(centre or staff.centre).pk,
                                applicant_id=applicant.pk, whole_family=True)


def talons_all(staff, application):
    for row in application.persons.all():
        if row.needs_talon:
            talon_record(application_id=application.pk, resident_id=row.pk, actor=staff.specialist,
                         number=f"T-{row.pk}", on=timezone.localdate())


def referred(staff, application, handed_over_on=None):
    """RES-3: talons, the specialist prepares the referral, the MIO head signs and issues it."""
    talons_all(staff, application)
    return issue(staff, application, handed_over_on=handed_over_on)


def issue(staff, application, handed_over_on=None):
    """RES-3: the specialist prepares (unless already prepared), the head signs and issues."""
    from adaptation.models import ResidenceApplication, ResidenceState

    if ResidenceApplication.objects.get(pk=application.pk).state != ResidenceState.PREPARED:
        referral_prepare(application_id=application.pk, actor=staff.specialist)
    return referral_issue(application_id=application.pk, actor=staff.head, handed_over_on=handed_over_on)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def member_rows_post(rows: list[dict]) -> dict:
    """POST data of the registration page's member rows (adaptation.forms_rows): the management form and the rows."""
    data = {"members-TOTAL_FORMS": str(len(rows)), "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"members-{i}-{k}": v for k, v in row.items()})
    return data
