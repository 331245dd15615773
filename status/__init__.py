"""Kandas status (order 329-Ө-М as amended by order 317; DOMAIN.md STA-1…STA-9).

Layout, the pattern the other slices follow:
  rules.py            the rule table (GEN-1): steps with rule ID, length, unit
  models/             choices (closed lists), hearing (shared STA-4 fields + transition factory),
                      application (app.1 + FSM), extension (app.6 + FSM)
  services/           one function per action; each calls kandas.transitions.case_transition
  selectors.py        reads, always through kandas.scoping.scope_for
  actions.py          the case pages' actions (kandas.actions): form, roles, steps, signing, service
  forms.py, views/    validate and call services; views run the actions through kandas' case_action_run
  api/                DRF serializers and views for /api/v1/status/
  tasks.py, schedule.py  STA-9 expiry (Celery beat)
  demo.py             demo_load(stdout): a case in every state, walked through the services
"""
