"""Reference data the adaptation services need after every migrate (and after a test database flush)."""
import datetime


def plan_terms_ensure(**kwargs) -> int:
    """ADA-14 / Decisions 10: a default term for each app.1 service that the term table does not know at all
    yet (in force from 01.01.2020). Rows an administrator added or edited are never touched."""
    from kandas.models import TermRow

    from .plan_catalogue import SERVICES, TERM_TABLE

    known = set(TermRow.objects.filter(table=TERM_TABLE).values_list("key", flat=True))
    rows = [TermRow(table=TERM_TABLE, key=s.key, effective_from=datetime.date(2020, 1, 1), label_ru=s.app1_ru[:255],
                    label_kk=s.kk[:255], label_en=s.en[:255], length=s.months, unit="months",
                    source="Order 331-Ө-М app.1 (default term, edit in admin)")
            for s in SERVICES if s.key not in known]
    TermRow.objects.bulk_create(rows)
    return len(rows)
