"""Domain events other apps subscribe to (receivers connect in their AppConfig.ready)."""
from django.dispatch import Signal

# STA-9: sent by the status app when a kandas status ends unextended.
# Arguments: person_id: int, expired_on: datetime.date. Residence ends with it (RES-10); adaptation
# support does not (ADA-19).
kandas_status_expired = Signal()

# Sent when a kandas status is assigned or extended. Arguments: person_id, since, until.
kandas_status_granted = Signal()
