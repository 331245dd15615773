"""Extended statistics on the open steps of a holder (PostgreSQL only): the organisation, region, state and
closed_at of a deadline are strongly correlated, and without them the planner guessed 505 of an organisation's
10,512 open steps and joined three bitmap indexes for "My work" (75 ms → 30 ms at 300,000 cases)."""
from django.db import migrations

CREATE = ("CREATE STATISTICS IF NOT EXISTS deadline_holder_stats (dependencies, mcv) "
          "ON organisation_id, region_id, state, closed_at FROM kandas_deadline")
DROP = "DROP STATISTICS IF EXISTS deadline_holder_stats"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("kandas", "0017_exports_log")]
    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
