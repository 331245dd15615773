"""What each adaptation list and dashboard table exports (GEN-3, kandas.exports): the page's own column headers,
one cell per column as the page shows it. Only the registration journal carries personal data (the place and
date of birth), dropped by kandas.exports for a reader without the right."""
from __future__ import annotations

from django.utils.translation import gettext as _, gettext_lazy, pgettext_lazy

from kandas.exports import Column


def _number_and_date(number, day) -> str:
    return f"№ {number}, {day:%d.%m.%Y}" if number else "—"


CENTRE_COLUMNS = [
    Column(gettext_lazy("Centre"), lambda o: str(o.centre)), Column(gettext_lazy("Beds"), lambda o: o.total),
    Column(gettext_lazy("free"), lambda o: o.beds["free"]),
    Column(gettext_lazy("held for a referral"), lambda o: o.beds["held"]),
    Column(gettext_lazy("occupied"), lambda o: o.beds["occupied"]),
    Column(gettext_lazy("Reserve"), lambda o: o.reserve_length)]

BED_COLUMNS = [
    Column(gettext_lazy("room"), lambda b: b.room.number), Column(gettext_lazy("bed"), lambda b: b.number),
    Column(gettext_lazy("state"), lambda b: b.get_state_display()),
    Column(gettext_lazy("occupant"), lambda b: b.occupant.full_name if b.occupant_id else ""),
    Column(gettext_lazy("application"), lambda b: b.application.ref if b.application_id else "")]


def _birth(a) -> str:
    place = a.applicant.birth_place
    born = f"{a.applicant.birth_date:%d.%m.%Y}" if a.applicant.birth_date else ""
    return f"{place}, {born}" if place else born


JOURNAL_COLUMNS = [
    Column("№", lambda a: a.journal_no), Column(gettext_lazy("Applicant"), lambda a: a.applicant.full_name),
    Column(gettext_lazy("Place and date of birth"), _birth, personal=True),
    Column(gettext_lazy("Country of exit"), lambda a: a.applicant.country_of_exit),
    Column(gettext_lazy("Number and date of the application"), lambda a: f"{a.ref}, {a.filed_on:%d.%m.%Y}"),
    Column(gettext_lazy("Number and date of the referral"),
           lambda a: _number_and_date(a.referral_no, a.referral_issued_on))]

CONSULTATION_COLUMNS = [
    Column(pgettext_lazy("person", "kandas"), lambda c: c.person.full_name),
    Column(gettext_lazy("career centre"), lambda c: str(c.career_centre)),
    Column(gettext_lazy("date"), lambda c: c.started_on),
    Column(gettext_lazy("topics"), lambda c: f"{c.topic_count}/11")]

FAIR_COLUMNS = [
    Column(gettext_lazy("title"), lambda f: f.title), Column(gettext_lazy("form"), lambda f: f.get_mode_display()),
    Column(gettext_lazy("held on"), lambda f: f.held_on),
    Column(gettext_lazy("exit career centre"), lambda f: str(f.exit_cc) if f.exit_cc_id else ""),
    Column(gettext_lazy("settlement career centre"), lambda f: str(f.settlement_cc) if f.settlement_cc_id else ""),
    Column(gettext_lazy("candidate list sent on"), lambda f: f.list_sent_on)]

REPORT_COLUMNS = [
    Column(gettext_lazy("career centre"), lambda r: str(r["cc"])), Column(gettext_lazy("month"), lambda r: r["period"]),
    Column(gettext_lazy("submitted on"), lambda r: r["report"].submitted_on if r["report"] else None),
    Column(gettext_lazy("received by the MIO on"), lambda r: r["report"].received_on if r["report"] else None)]

DUE_ROUND_COLUMNS = [
    Column(gettext_lazy("due"), lambda r: r.due), Column(gettext_lazy("round"), lambda r: r.number),
    Column(gettext_lazy("case"), lambda r: r.plan.application.ref),
    Column(pgettext_lazy("person", "kandas"), lambda r: r.plan.application.applicant.full_name)]


def _residence(r) -> str:
    if r.left_region:
        return _("Left the region")
    return _("confirmed") if r.residence_confirmed else "—"


FAMILY_ROUND_COLUMNS = [
    Column("№", lambda r: r.number), Column(gettext_lazy("due"), lambda r: r.due),
    Column(gettext_lazy("held on"), lambda r: r.done_on), Column(gettext_lazy("residence"), _residence)]

QUALITY_COLUMNS = [
    Column(gettext_lazy("settlement region"), lambda r: str(r["org"].region) if r["org"].region_id else ""),
    Column(gettext_lazy("evaluated organisation"), lambda r: r["org"].name),
    Column(gettext_lazy("total"), lambda r: f"{r['evaluation'].total}/15" if r["evaluation"] else "—"),
    Column(gettext_lazy("level"), lambda r: r["evaluation"].get_band_display() if r["evaluation"] else "—")]


def _completion_columns(head) -> list[Column]:
    return [Column(head, lambda r: r["name"]), Column(gettext_lazy("items"), lambda r: r["total"]),
            Column(gettext_lazy("completed"), lambda r: r["done"]),
            Column(gettext_lazy("overdue"), lambda r: r["overdue"]), Column("%", lambda r: r["percent"])]


# The dashboard's tables: ?table= names one, with the key of its rows in plan_dashboard()'s data.
DASHBOARD_TABLES = {
    "regions": ("regions", _completion_columns(gettext_lazy("settlement region"))),
    "ccs": ("ccs", _completion_columns(gettext_lazy("career centre"))),
    "lmcs": ("lmcs", _completion_columns(gettext_lazy("labour mobility centre"))),
    "rounds": ("round_rows", [Column(gettext_lazy("settlement region"), lambda r: r["name"]),
                              Column(gettext_lazy("overdue"), lambda r: r["overdue"]),
                              Column(gettext_lazy("due this quarter"), lambda r: r["quarter"])]),
    "scores": ("scores", [Column(gettext_lazy("quarter"), lambda s: s["quarter"]),
                          Column(gettext_lazy("evaluations"), lambda s: s["n"]),
                          Column(gettext_lazy("relevance"), lambda s: s["relevance"]),
                          Column(gettext_lazy("effectiveness"), lambda s: s["effectiveness"]),
                          Column(gettext_lazy("social effect"), lambda s: s["social_effect"]),
                          Column(gettext_lazy("total"), lambda s: s["total"]),
                          Column(gettext_lazy("high / medium / low"),
                                 lambda s: f"{s['high']} / {s['medium']} / {s['low']}")]),
}
