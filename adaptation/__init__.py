"""Adaptation app (order 331-Ө-М): residence in the adaptation & integration centre now (RES-1…RES-11);
the adaptation-services rules (ADA, appendix 2) join later as sibling modules.

Layout (one sub-domain per module, so ADA adds `models/plans.py`, `services/plans.py`, … next to these):
    rules.py                  RESIDENCE_RULES: steps with rule IDs, lengths and units (GEN-1 versions)
    models/centres.py         Centre (the residence side of an ACC organisation), Room, Bed
    models/residence.py       ResidenceApplication (the case, form app.2), ResidencePerson (talons, stay),
                              ResidenceEvent (RES-8 records), TerminationProposal (RES-9)
    services/residence.py     register (RES-1/2/4/5), talon (RES-3), referral (RES-3), reserve (RES-6),
                              refuse, check-in (RES-7/8/10), lapse (RES-7)
    services/beds.py          bed holding and the reserve allocation rule (RES-6)
    services/stay.py          records (RES-8), early termination (RES-9), end (RES-10), check-out (RES-11)
    services/residence_auto.py  what Celery tasks and registry events trigger
    selectors/residence.py    lists, journal (app.3), reserve, occupancy, what a signature will cover
    actions.py                the case page's actions per case type (kandas.actions registry): each names
                              the steps it acts on, so only the step's holder (MIO or centre) may take it
    views/, api/, admin.py, tasks.py, schedule.py, receivers.py, demo.py

Steps and their holders (rules.py keys): the MIO holds "consider" (RES-5), "offer" (RES-6) and "decide"
(RES-9); the centre (its ACC organisation) holds "check_in" (RES-7), "residence" (RES-10) and "vacate"
(RES-11). Waiting for the applicant (the police talon, RES-3) has no deadline.

The reserve rule (RES-6, p.7–8), in one sentence: freed beds go to the head of the reserve in journal
order and are held for it until the whole family fits — nobody behind it is served first, even a smaller
family that would fit now (details in services/beds.py).

Concurrency: every service that changes beds or journal numbers locks the Centre row first, then the
case; so journal numbers have no gaps or duplicates and no bed is ever held twice (tested with threads
on PostgreSQL).
"""
