"""The demo's case worker and synthetic outcome history: the coach's outcome tables show
real-looking figures (some counts of five and more, some shown as "<5")."""

from __future__ import annotations

from socialmap import editing, importer, referrals
from socialmap.paths import data_dir
from socialmap.referrals.demo import DEMO_CASEWORKER, demo_caseworker, demo_history
from socialmap.store import open_db


def test_demo_case_worker_and_history(tmp_path):
    db = open_db(tmp_path / "demo.db")
    importer.import_path(db, data_dir() / "demo" / "gladbeck.json")
    email, organisations, token = demo_caseworker(db)
    assert (email, organisations) == (DEMO_CASEWORKER, ("jobcenter-gladbeck",))
    assert token and editing.get_user(db, email).role == "caseworker"
    assert demo_history(db, per_region=120) == 120
    assert demo_history(db, per_region=120) == 0  # once per region
    rows = referrals.outcome_table(db, "gladbeck", "offer")
    counts = [r["referred"] for r in rows]
    assert any(isinstance(c, int) and c >= 5 for c in counts)
    assert "<5" in counts
    shares = [r["share_started"] for r in rows if r["share_started"] is not None]
    assert shares and all(0 <= s <= 1 for s in shares)
    ladder = referrals.outcome_table(db, "gladbeck", "neighbourhood")
    assert any(r["measured_6m"] not in (0, "<5") for r in ladder)
    db.close()


def test_the_report_shows_suppressed_outcomes(tmp_path):
    import datetime as dt

    from socialmap.analysis import analyse, region_graph
    from socialmap.analysis.outcomes import outcome_result
    from socialmap.analysis.report import render_report

    db = open_db(tmp_path / "report.db")
    importer.import_path(db, data_dir() / "demo" / "gladbeck.json")
    demo_history(db, per_region=120)
    G = region_graph(db, "gladbeck")
    result = analyse(G, today=dt.date.today(), parts=())
    result["outcomes"] = outcome_result(db, "gladbeck")
    codes = [r[0] for r in db.execute("SELECT code FROM clients")]
    db.close()
    for lang, heading in (("en", "Outcomes of referrals"), ("de", "Ergebnisse der Zuweisungen")):
        html = render_report(G, result, lang=lang)
        assert heading in html
        assert "&lt;5" in html
        assert not any(code in html for code in codes)
