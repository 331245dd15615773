"""Which roles may open the status screens that are not case actions (the pages and the links to them)."""
from kandas.roles import Role

INTAKE_ROLES = (Role.GOVCORP_OPERATOR, Role.MIO_SPECIALIST, Role.MISSION_OFFICER)
AGENDA_ROLES = (Role.COMMISSION_SECRETARY, Role.MIO_SPECIALIST, Role.MIO_HEAD)
