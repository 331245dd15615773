# QUO-12's yearly list of localities is a periodic obligation (quota/obligations.py), created by kandas'
# daily "Obligations" task; the quota slice has no periodic task of its own.
PERIODIC_TASKS = {}
