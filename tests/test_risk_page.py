"""The risk page with AppTest on the demo data: every tab in both languages, what each tab shows
(the numbers against lib.risk and lib.metrics on the same data), the customer story by URL, the
rules, a too-short history (a message, no exception), and the URL state: ids, numbers and ISO
dates that open the same view in either language, bad values falling back to the defaults."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lib import db, metrics, risk
from lib import lifecycle as lc
from lib.i18n import fmt_amount, fmt_int, fmt_num, fmt_pct, t
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parent.parent
TAB_IDS = ("scores", "watch", "proof", "survival", "story")  # in the URL: risk_tab=<id>
TABS = {
    "en": ("Signals & score", "Watch list & quadrant", "Proof (backtest)", "Survival", "Customer story"),
    "de": ("Signale & Score", "Risikoliste & Quadrant", "Nachweis (Backtest)", "Überleben", "Kundengeschichte"),
}


def run_page(query: dict) -> AppTest:
    return open_page("risk", query)


def open_tab(at: AppTest) -> str:
    """The label of the tab the page drew (only the open one has content)."""
    (label,) = [tab.label for tab in at.tabs if tab.children]
    return label


def texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [i.value for i in at.info] + [w.value for w in at.warning]
                    + [c.value for c in at.caption])


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("tab", range(5))
def test_every_tab_runs(app_env, lang, tab):
    at = run_page({"lang": lang, "risk_tab": TAB_IDS[tab]})
    assert not at.exception, at.exception
    assert open_tab(at) == TABS[lang][tab]
    assert not at.error
    body = texts(at)
    assert ("logistic model" in body) if lang == "en" else ("logistisches Modell" in body)
    if tab == 0:
        assert [m.label for m in at.metric][:2] == (["Customers scored", "High risk"] if lang == "en"
                                                     else ["Bewertete Kunden", "Hohes Risiko"])
        assert len(at.dataframe) == 2 and len(at.table) == 1  # bands, signals; warning signs (static: wraps)
        signs = at.table[0].value
        assert len(signs) == len(risk.WARNING_SIGNS) == 14
        sign_col, status_col = ("Warning sign", "On this dataset") if lang == "en" else ("Warnzeichen", "In diesem Datensatz")
        status = dict(zip(signs[sign_col], signs[status_col]))
        # the demo records account-manager changes (lib/demo/complaints.py): computed, the input named
        person = "Change of contact person" if lang == "en" else "Wechsel des Ansprechpartners"
        assert status[person].startswith("computed for" if lang == "en" else "für")
        inputs = dict(zip(signs[sign_col], signs["Input it needs" if lang == "en" else "Benötigte Eingabe"]))
        assert "manager_change" in inputs[person]
        talk = "Talks the supplier down in negotiations" if lang == "en" else "Drückt in Verhandlungen die Preise"
        assert status[talk].startswith("computed for" if lang == "en" else "für")
        mp = "Competitor market pressure in the region or segment" if lang == "en" else "Wettbewerbsdruck in Region oder Segment"
        assert status[mp].startswith("computed for" if lang == "en" else "für")
    if tab == 1:
        assert at.dataframe[0].value.shape[0] > 0  # the watch list
    if tab == 2:
        auc = next(m for m in at.metric if m.label == "AUC")
        assert float(auc.value.replace(",", ".")) > 0.7
        brier = next(m for m in at.metric if m.label == ("Brier score" if lang == "en" else "Brier-Score"))
        assert 0 < float(brier.value.replace(",", ".")) < 0.2
        if lang == "de":
            assert "," in brier.value
        reliability = at.dataframe[1].value
        assert len(reliability) == 10
    if tab == 3:
        assert "χ²" in body
    if tab == 4:
        assert at.text_input(key="customer").value == ""


def test_customer_story_by_url(app_env):
    at = run_page({"customer": "K0000006"})
    assert not at.exception, at.exception
    assert open_tab(at) == "Customer story"  # a link with a customer and no tab opens the story
    assert at.query_params["risk_tab"] == "story"  # and says so in the URL from now on
    assert at.text_input(key="customer").value == "K0000006"
    assert at.subheader[0].value.startswith("K0000006 · ")
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Stage", "Risk score"]
    assert len(at.dataframe) >= 2  # signals now, timeline
    # another customer typed in
    at.text_input(key="customer").set_value("K0000007").run()
    assert not at.exception and at.subheader[0].value.startswith("K0000007")
    assert at.query_params["customer"] == "K0000007"
    # a link with a customer that names another tab opens that tab
    at = run_page({"customer": "K0000006", "risk_tab": "survival"})
    assert open_tab(at) == "Survival"


def test_unknown_customer_gets_a_sentence(app_env):
    at = run_page({"customer": "=nobody", "lang": "de"})
    assert not at.exception
    assert "=nobody" in at.warning[0].value


def test_rules_chosen_with_edited_points(app_env):
    at = run_page({"risk_method": "rules", "risk_w_disputes": "35"})
    assert not at.exception
    assert "rules" in at.warning[0].value and "chosen" in at.warning[0].value
    assert at.number_input(key="risk_w_disputes").value == 35


def test_too_short_history_uses_the_rules_and_says_so(app_env):
    at = run_page({"as_of": "2023-02-15", "risk_tab": "proof"})
    assert not at.exception, at.exception
    assert "history is too short" in at.warning[0].value
    assert "too short for a backtest" in texts(at)


@pytest.fixture
def transactions_only(tmp_path, monkeypatch):
    """A dataset of a dozen customers with transactions only (no customers, events, invoices)."""
    from datetime import date, timedelta

    from lib import db

    path = tmp_path / "tiny.duckdb"
    con = db.connect(path)
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    rows = [(ds, f"C{c}", date(2024, 1, 1) + timedelta(days=17 * k + 5 * c), 40.0 + c)
            for c in range(12) for k in range(0, 40 - 3 * c)]
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)", rows)
    db.swap_in(con, "tiny", ds, "hand-made", "import")
    con.execute("COMMIT")
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


@pytest.mark.parametrize("tab", range(5))
def test_transactions_only_dataset_explains_what_is_missing(transactions_only, tab):
    at = run_page({"risk_tab": TAB_IDS[tab], "customer": "C3", "risk_surv_by": "segment"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "Import the customers, events, invoices, surveys table" in body
    assert "rules" in at.warning[0].value  # a dozen customers: too few outcomes for the model


def test_watch_list_by_quadrant(app_env):
    at = run_page({"risk_tab": "watch", "risk_quad": "high_value_low_risk", "risk_level": "20"})
    assert not at.exception, at.exception
    assert "in the quadrant “High value, low risk”" in texts(at)
    shown = at.dataframe[0].value
    assert (shown["Score"] < 20).all()


# --- what the page shows, against the lib functions on the same data ---------------------------------------

@pytest.fixture(scope="module")
def expected(demo_db):
    """The demo dataset's assessment, scores and metrics at its last date, computed directly."""
    con = db.connect(demo_db)
    ds = db.dataset_id(con, "demo")
    as_of = db.available(con, ds).last_date
    a = risk.assess(con, ds, as_of)
    sc = risk.score(a)
    m = metrics.customer_metrics(con, ds, as_of)
    watch = risk.watch_frame(a, sc, metrics.with_basis(m.frame, metrics.DEFAULT_VALUE_BASIS), risk.customer_info(con, ds))
    out = {"con": con, "ds": ds, "as_of": as_of, "a": a, "sc": sc, "metrics": m.frame, "watch": watch,
           "cuts": risk.default_bands(a.method)}
    yield out
    con.close()


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def test_scores_tab_shows_the_assessment(app_env, expected):
    at = run_page({"risk_tab": TAB_IDS[0]})
    assert not at.exception, at.exception
    a, sc, cuts = expected["a"], expected["sc"], expected["cuts"]
    assert a.method == "logistic" and cuts == (15.0, 35.0)
    b = risk.bands(sc.score, cuts)
    assert metric(at, "Customers scored").value == fmt_int(len(a.frame), "en")
    high = metric(at, "High risk")
    assert high.value == fmt_int(int((b == 2).sum()), "en") and high.delta == fmt_pct((b == 2).mean(), "en")
    assert metric(at, "Medium risk").value == fmt_int(int((b == 1).sum()), "en")
    assert metric(at, "Expected losses").value == fmt_int(float(sc.score.astype(float).sum() / 100), "en")
    revenue = a.frame["revenue_12m"].to_numpy(dtype=float)
    assert metric(at, "Revenue at high risk (€)").value == fmt_amount(float(revenue[b == 2].clip(0).sum()), "en")
    sleeping = int(a.frame["sleeping"].sum())
    assert sleeping > 0
    assert f"{fmt_int(len(a.frame), 'en')} customers scored (everyone not lost, {fmt_int(sleeping, 'en')} of them sleeping)" in texts(at)
    bands, signals = (d.value for d in at.dataframe)
    assert bands["Band"].tolist() == ["Low", "Medium", "High"]
    assert bands["Customers"].tolist() == [int((b == k).sum()) for k in range(3)]   # numbers, shown as 1,234
    # one row per signal; the demo holds every table and records manager changes, complaint
    # outcomes, negotiations and notice outcomes: every signal is judged (a dataset without them
    # says "no data": tests/test_risk_model.py)
    assert len(signals) == len(risk.SIGNALS)
    flagged = a.flags.sum(axis=0)
    assert signals["Flagged"].tolist() == [fmt_int(int(n), "en") for n in flagged]
    assert signals.loc[signals["Signal"] == "Cancellation notice", "p-value"].iloc[0] != "n/a"


def test_watch_tab_lists_the_customers_at_risk(app_env, expected):
    at = run_page({"risk_tab": TAB_IDS[1], "risk_level": "15"})
    assert not at.exception, at.exception
    watch = expected["watch"]
    listed = watch.loc[watch["score"] >= 15]
    assert len(listed) > 10
    body = texts(at)
    assert f"{fmt_int(len(listed), 'en')} customers with a score of at least 15" in body
    assert f"together {fmt_amount(float(listed['revenue_at_risk'].sum()), 'en')} revenue at risk" in body
    shown, quads = (d.value for d in at.dataframe)
    assert len(shown) == min(500, len(listed))
    assert shown["Customer"].tolist() == listed["customer_id"].head(500).tolist()  # highest revenue at risk first
    assert (shown["Score"] >= 15).all()
    # the value shown is the metric's (lib.metrics: 12-month revenue by default), revenue at risk = value x p
    value = expected["metrics"].set_index("customer_id")["revenue_12m"]
    assert shown["Value (€)"].tolist() == value.loc[shown["Customer"]].round(0).tolist()
    p = listed.head(500)["score"].to_numpy() / 100
    np.testing.assert_allclose(shown["Revenue at risk (€)"], (value.loc[shown["Customer"]].clip(lower=0) * p).round(0),
                               atol=1.0)
    assert set(shown["Stage"]) <= {t(f"risk.stage.{s}", "en") for s in metrics.SCORED_STAGES}
    assert quads["Quadrant"].tolist() == ["High value, high risk", "High value, low risk", "Low value, high risk",
                                          "Low value, low risk"]
    counts = [int(x) for x in quads["Customers"]]
    assert sum(counts) == len(watch) and counts[0] + counts[2] == len(listed)


def test_proof_tab_shows_the_backtest(app_env, expected):
    at = run_page({"risk_tab": TAB_IDS[2]})
    assert not at.exception, at.exception
    cutoff = expected["as_of"] - timedelta(days=180)
    bt = risk.backtest(expected["con"], expected["ds"], cutoff, with_lead=False)
    assert metric(at, "AUC").value == fmt_num(bt.auc, "en", 3)
    assert metric(at, "Lost within 180 days").value == fmt_pct(bt.lost.sum() / bt.customers, "en")
    body = texts(at)
    assert f"tested **out of time** on the {fmt_int(bt.customers, 'en')} customers not lost on {cutoff} (active or sleeping)" in body
    bands, reliability, evidence = (d.value for d in at.dataframe)
    assert [int(x) for x in bands["Customers"]] == np.bincount(
        risk.bands(bt.score, expected["cuts"]), minlength=3).tolist()
    # lift, Brier and calibration of the same backtest, and the reliability table by tenths
    assert metric(at, "Lift in the top 10 %").value == fmt_num(risk.top_lift(bt.score, bt.lost), "en", 1)
    cal = risk.calibration(bt.score.astype(float) / 100, bt.lost)
    assert metric(at, "Brier score").value == fmt_num(cal.brier, "en", 4)
    assert metric(at, "Calibration slope").value == fmt_num(cal.slope, "en", 2)
    assert [int(x) for x in reliability["Customers"]] == cal.table["customers"].tolist()
    assert sum(cal.table["customers"]) == bt.customers
    assert evidence["Signal"].tolist()[0] == "Fewer purchases" and len(evidence) == len(risk.SIGNALS)


def test_survival_tab_shows_one_row_per_segment(app_env, expected):
    at = run_page({"risk_tab": TAB_IDS[3]})
    assert not at.exception, at.exception
    as_of = expected["as_of"]
    start = as_of - timedelta(days=730)
    assert at.date_input(key="risk_surv_start").value == start
    life = risk.lifetimes(expected["con"], expected["ds"], start, as_of)
    table = at.dataframe[0].value
    assert sorted(table["Group"]) == sorted(life["segment"].dropna().unique())
    assert sum(int(x) for x in table["Customers"]) == len(life)
    assert sum(int(x) for x in table["Lost"]) == int(life["observed"].sum())


def test_story_shows_the_customers_stage_and_score(app_env, expected):
    at = run_page({"customer": "K0000006"})
    assert not at.exception, at.exception
    stage = expected["metrics"].set_index("customer_id").loc["K0000006", "stage"]
    assert metric(at, "Stage").value == t(f"risk.stage.{stage}", "en")
    a, sc = expected["a"], expected["sc"]
    row = np.flatnonzero(a.frame["customer_id"].to_numpy() == "K0000006")
    score_metric = metric(at, "Risk score")
    if row.size:  # active: the score of the assessment
        assert score_metric.value == fmt_num(float(sc.score[row[0]]), "en", 1)
    else:
        assert score_metric.value == t("risk.story.not_scored", "en")
    signals = at.dataframe[0].value
    assert len(signals) == len(risk.SIGNALS)


# --- the URL: language-neutral values, one link for both languages -----------------------------------------

def link(at: AppTest, lang: str) -> dict:
    """The page's address as a link opened in ``lang``."""
    return {**at.query_params, "lang": lang}


@pytest.mark.parametrize(("made_in", "opened_in"), [("en", "de"), ("de", "en")])
def test_a_watch_list_link_opens_the_same_view_in_the_other_language(app_env, made_in, opened_in):
    at = run_page({"lang": made_in, "risk_tab": "watch"})
    at.slider(key="risk_level").set_value(20).run()
    at.pills(key="risk_quad").set_value("low_value_high_risk").run()
    assert not at.exception, at.exception
    # the URL holds the ids and numbers, not the labels of either language
    assert (at.query_params["risk_tab"], at.query_params["risk_level"], at.query_params["risk_quad"]) == (
        "watch", "20", "low_value_high_risk")
    made = at.dataframe[0].value

    other = run_page(link(at, opened_in))
    assert not other.exception, other.exception
    assert open_tab(other) == TABS[opened_in][1]
    assert other.slider(key="risk_level").value == 20
    assert other.pills(key="risk_quad").value == "low_value_high_risk"
    assert t("risk.quadrant.low_value_high_risk", opened_in) in texts(other)
    shown = other.dataframe[0].value
    assert len(shown) == len(made) > 0
    assert shown.iloc[:, 0].tolist() == made.iloc[:, 0].tolist()  # the same customers, in the same order


@pytest.mark.parametrize(("made_in", "opened_in"), [("en", "de"), ("de", "en")])
def test_a_rules_backtest_link_opens_the_same_view_in_the_other_language(app_env, made_in, opened_in):
    at = run_page({"lang": made_in, "risk_tab": "proof"})
    at.segmented_control(key="risk_method").set_value("rules").run()
    at.number_input(key="risk_w_disputes").set_value(40).run()
    at.slider(key="risk_bands_r").set_value((20, 50)).run()
    at.date_input(key="risk_cutoff").set_value(date(2025, 3, 31)).run()
    at.slider(key="risk_lead_level").set_value(25).run()
    assert not at.exception, at.exception
    assert {k: at.query_params[k] for k in ("risk_method", "risk_w_disputes", "risk_cutoff", "risk_lead_level")} == {
        "risk_method": "rules", "risk_w_disputes": "40", "risk_cutoff": "2025-03-31", "risk_lead_level": "25"}
    assert at.query_params["risk_bands_r"] == ["20", "50"]
    auc = metric(at, "AUC").value

    other = run_page(link(at, opened_in))
    assert not other.exception, other.exception
    assert open_tab(other) == TABS[opened_in][2]
    assert other.segmented_control(key="risk_method").value == "rules"
    assert other.number_input(key="risk_w_disputes").value == 40
    assert other.slider(key="risk_bands_r").value == (20, 50)
    assert other.date_input(key="risk_cutoff").value == date(2025, 3, 31)
    assert other.slider(key="risk_lead_level").value == 25
    assert metric(other, "AUC").value.replace(",", ".") == auc.replace(",", ".")


@pytest.mark.parametrize(("made_in", "opened_in"), [("en", "de"), ("de", "en")])
def test_a_survival_and_story_link_opens_the_same_view_in_the_other_language(app_env, made_in, opened_in):
    at = run_page({"lang": made_in, "risk_tab": "survival"})
    at.date_input(key="risk_surv_start").set_value(date(2024, 6, 1)).run()
    at.segmented_control(key="risk_surv_by").set_value("stage").run()
    assert (at.query_params["risk_surv_start"], at.query_params["risk_surv_by"]) == ("2024-06-01", "stage")
    groups = len(at.dataframe[0].value)
    other = run_page(link(at, opened_in))
    assert not other.exception, other.exception
    assert open_tab(other) == TABS[opened_in][3]
    assert other.date_input(key="risk_surv_start").value == date(2024, 6, 1)
    assert other.segmented_control(key="risk_surv_by").value == "stage"
    assert len(other.dataframe[0].value) == groups
    assert set(other.dataframe[0].value.iloc[:, 0]) <= {t(f"risk.stage.{s}", opened_in) for s in lc.STAGES}
    # a customer's story: the customer's link opens the story in the other language
    story = run_page({"lang": made_in, "customer": "K0000006"})
    assert story.query_params["customer"] == "K0000006"
    other = run_page(link(story, opened_in))
    assert open_tab(other) == TABS[opened_in][4]
    assert other.subheader[0].value.startswith("K0000006 · ")


def test_links_with_the_old_labels_still_work(app_env):
    """Before the URL held ids, it held the labels of the tab and of three choices."""
    at = run_page({"risk_tab": "Nachweis (Backtest)", "risk_method": "Rules (points per signal)"})
    assert not at.exception, at.exception
    assert open_tab(at) == "Proof (backtest)"
    assert at.segmented_control(key="risk_method").value == "rules"
    assert (at.query_params["risk_tab"], at.query_params["risk_method"]) == ("proof", "rules")
    at = run_page({"risk_tab": "Survival", "risk_surv_by": "Stufe"})
    assert at.segmented_control(key="risk_surv_by").value == "stage"
    at = run_page({"risk_tab": "Watch list & quadrant", "risk_quad": "High value, low risk"})
    assert at.pills(key="risk_quad").value == "high_value_low_risk"


@pytest.mark.parametrize(("query", "defaults"), [
    # an unknown tab opens the first; text, numbers out of range and unknown choices: the defaults
    ({"risk_tab": "nope", "risk_window": "abc", "risk_method": "magic", "risk_bands_m": ["40", "10"]},
     {"risk_window": 90, "risk_method": "auto", "risk_bands_m": (15, 35)}),
    ({"risk_window": "500", "risk_bands_m": "x"}, {"risk_window": 90, "risk_bands_m": (15, 35)}),
    ({"risk_method": "rules", "risk_w_disputes": "-5", "risk_w_silence": "many", "risk_bands_r": ["0", "50"]},
     {"risk_method": "rules", "risk_w_disputes": int(risk.Weights().points["disputes"]),
      "risk_w_silence": int(risk.Weights().points["silence"]), "risk_bands_r": (30, 60)}),
    ({"risk_tab": "watch", "risk_level": "0", "risk_quad": "nope", "risk_value": "clv"},
     {"risk_level": "default", "risk_quad": "all", "risk_value": "revenue_12m"}),
    ({"risk_tab": "proof", "risk_cutoff": "2099-01-01", "risk_lead_level": "1e9"}, {"risk_lead_level": 15}),
    ({"risk_tab": "proof", "risk_cutoff": "31.12.2024"}, {}),
    ({"risk_tab": "survival", "risk_surv_start": "yesterday", "risk_surv_by": "everything"},
     {"risk_surv_by": "segment"}),
])
def test_a_bad_url_value_falls_back_to_the_default(app_env, expected, query, defaults):
    at = run_page(query)
    assert not at.exception, at.exception
    assert not at.error
    assert open_tab(at) == TABS["en"][TAB_IDS.index(query.get("risk_tab", "scores"))
                                      if query.get("risk_tab") in TAB_IDS else 0]
    for key, value in defaults.items():
        if value == "default" and key == "risk_level":  # twice the average probability of loss
            value = risk.default_level(expected["sc"], 35.0)
        assert at.session_state[key] == value, key
    if "risk_cutoff" in query:
        assert at.date_input(key="risk_cutoff").value == expected["as_of"] - timedelta(days=180)
    if "risk_surv_start" in query:
        assert at.date_input(key="risk_surv_start").value == expected["as_of"] - timedelta(days=730)


def test_changing_a_widget_writes_its_id_or_number_to_the_url(app_env):
    at = run_page({"lang": "de", "risk_tab": "survival"})
    at.slider(key="risk_window").set_value(120).run()
    at.segmented_control(key="risk_method").set_value("rules").run()
    at.segmented_control(key="risk_surv_by").set_value("acquisition_channel").run()
    assert not at.exception, at.exception
    assert (at.query_params["risk_window"], at.query_params["risk_method"], at.query_params["risk_surv_by"]) == (
        "120", "rules", "acquisition_channel")
    assert at.query_params["risk_tab"] == "survival"
    # back to the default: out of the URL
    at.slider(key="risk_window").set_value(90).run()
    at.segmented_control(key="risk_method").set_value("auto").run()
    assert "risk_window" not in at.query_params and "risk_method" not in at.query_params
    assert at.query_params["risk_surv_by"] == "acquisition_channel"


def test_an_earlier_as_of_date_resets_a_date_it_no_longer_allows(app_env, expected):
    """The backtest cut-off ends 180 days before the as-of date: moving the as-of date before the
    chosen cut-off resets it to the default (no exception), in the URL too."""
    at = run_page({"risk_tab": "proof", "risk_cutoff": "2025-05-31"})
    assert at.date_input(key="risk_cutoff").value == date(2025, 5, 31)
    at.date_input(key="app_as_of").set_value(date(2025, 6, 30)).run()
    assert not at.exception, at.exception
    assert at.date_input(key="risk_cutoff").value == date(2025, 6, 30) - timedelta(days=180)
    assert "risk_cutoff" not in at.query_params


@pytest.mark.parametrize("hostile", ["![x](http://127.0.0.1:8799/x.png)", "[re-login](http://evil.example/login)",
                                     "<img src=x onerror=alert(1)>", "**bold** _it_ :red[red]"])
def test_customer_ids_from_the_url_are_shown_as_text_never_as_markdown(app_env, hostile):
    from lib.i18n import md_text

    at = run_page({"customer": hostile})
    assert not at.exception
    bodies = [w.value for w in at.warning] + [s.value for s in at.subheader]
    shown = [b for b in bodies if md_text(hostile) in b]
    assert shown, bodies  # the story says the customer was not found, naming the id escaped
    for body in bodies:
        assert hostile not in body  # never the raw Markdown
        assert "](" not in body.replace("\\](", "").replace("\\]\\(", "")


def test_the_story_shows_labels_not_codes(app_env, demo_con):
    # a customer with a cancellation record, a win-back contact and invoices
    cid = demo_con.execute(
        "SELECT c.customer_id FROM churn c JOIN winback w USING (dataset_id, customer_id) "
        "JOIN invoices i USING (dataset_id, customer_id) JOIN datasets d ON d.id = c.dataset_id "
        "WHERE d.name = 'demo' AND c.kind = 'cancellation' AND c.reason IS NOT NULL "
        "ORDER BY c.customer_id LIMIT 1").fetchone()[0]
    measure, group = demo_con.execute(
        "SELECT measure, \"group\" FROM winback w JOIN datasets d ON d.id = w.dataset_id "
        "WHERE d.name = 'demo' AND customer_id = ? ORDER BY date LIMIT 1", [cid]).fetchone()
    at = run_page({"customer": cid, "lang": "de"})
    assert not at.exception, at.exception
    table = at.dataframe[-1].value
    details = " | ".join(table["Detail"].astype(str))
    for code in (measure, f"({group})", "cancellation:", "paid", "open"):
        assert code not in details, code
    assert t(f"recovery.measure.{measure}", "de") in details and t(f"recovery.group.{group}", "de") in details
    assert t("recovery.kind.cancellation", "de") + ": " in details
    assert "Kosten " in details or group == "control"
