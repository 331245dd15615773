"""Registry events the residence slice reacts to (connected in AdaptationConfig.ready)."""


def residence_on_status_expired(sender=None, *, person_id: int, expired_on, **kwargs) -> None:
    """RES-10 / RES-1: the applicant's kandas status ended → residence ends; a pending application
    is refused (only kandas and their families may be settled). A member's own status does not matter:
    members are settled as the kandas's family."""
    from .models import ResidenceApplication, ResidenceState
    from .services.residence_auto import STATUS_ENDED, application_refuse_status_ended
    from .services.stay import residence_end

    open_cases = ResidenceApplication.objects.filter(applicant_id=person_id)
    for pk in open_cases.filter(state__in=(ResidenceState.RESIDING, ResidenceState.TERMINATION_PROPOSED)).values_list(
            "pk", flat=True):
        residence_end(application_id=pk, on=expired_on, reason=STATUS_ENDED)
    pending = (ResidenceState.REGISTERED, ResidenceState.RESERVE, ResidenceState.OFFERED, ResidenceState.PREPARED,
               ResidenceState.REFERRED)
    for pk in open_cases.filter(state__in=pending).values_list("pk", flat=True):
        application_refuse_status_ended(application_id=pk, expired_on=expired_on)


def residence_on_status_granted(sender=None, *, person_id: int, since=None, until=None, **kwargs) -> None:
    """RES-10: an extended (or shortened) status moves the end of residence, never past 6 months."""
    from .services.stay import residence_end_refresh

    residence_end_refresh(person_id=person_id)
