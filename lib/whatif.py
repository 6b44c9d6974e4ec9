"""What-if: today's customers projected month by month over 36 months, on this dataset's own rates,
as they are (the baseline) and with the levers moved (the scenario).

The model (also the panel's caption)
------------------------------------
A cohort projection of the customers known at the as-of date, without new customers, in two value
groups g (high / low: :func:`lib.metrics.value_groups` on the 12-month revenue, the top 20 %).
Each group has a pool of customers not lost (active or sleeping, :data:`lib.metrics.SCORED_STAGES`)
``A`` and a pool of lost customers ``L``. Month by month, t = 1..36:

    lost_t   = A_{t-1} x c_g                 (c_g: the group's monthly loss rate)
    won_t    = L_{t-1} x w                   (w: the monthly win-back rate)
    A_t      = A_{t-1} - lost_t + won_t
    L_t      = L_{t-1} + lost_t - won_t
    revenue_t = A_{t-1} x purchases per month_g x order value_g
    value_t   = revenue_t x (1 + r)^(-t/12)  (r: the CLV's annual discount rate, 10 %)

Customer value over a horizon is the sum of ``value_t`` (the discounted revenue, as the CLV
discounts it); revenue is the undiscounted sum. A won-back customer returns to the group they
left and buys like it.

The rates come from the dataset (:func:`baseline`), each over the 12 months before the as-of date:

* monthly loss rate of group g: losses / months at risk in the 12 months before the as-of date. At
  risk are the customers not lost 12 months earlier ("then", in their value group then) from then,
  and the customers whose first purchase came later (in the group their revenue places them
  against the as-of date's high-value cut) from that purchase, each up to their first loss (the
  lifecycle's lost rule, :func:`lib.recovery.base`) or the as-of date; annual = 1 - (1 - c)^12;
* annual win-back rate: of the customers lost 12 months earlier, the share who bought again by
  the as-of date (lib/recovery's stock 'then', the rate the candidate list learns the likelihood of
  return from; it counts every return, with or without a win-back contact); monthly likewise;
* purchases per month and order value of group g: purchase days and net revenue of the last 12
  months of the group's customers not lost at the as-of date (:func:`lib.value.customer_values`),
  per customer and month, and revenue per purchase day;
* the lost pool at the as-of date in its value group by the former value (net revenue of the 365
  days up to the last purchase) against the as-of date's high-value cut
  (:func:`lib.metrics.high_value_cut`).

The levers (:class:`Levers`) change the annual rates before they become monthly: churn lower by
x points (not below 0), the high-value group's loss rate then lower by z %, the win-back rate
higher by y points (at most 100 %), the order value up or down by a per cent.

Pure: no Streamlit. The panel is pages/sections/recovery_whatif.py, its loaders
lib/loaders/whatif.py, the chart lib/charts/whatif.py; the story's last step reads
:func:`baseline`, :func:`project`, :func:`chart` and :func:`takeaway`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import lifecycle, metrics, value
from lib.charts import whatif as whatif_charts
from lib.frames import isin
from lib.i18n import fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct, t
from lib.recovery import losses as recovery_losses

#: The value groups of the projection, high first.
GROUPS = ("high", "low")
#: Months projected.
MONTHS = 36
#: The horizons of the table and the takeaway (months).
HORIZONS = (12, 24, 36)
#: The two projections of :func:`project` (ids).
SCENARIOS = ("baseline", "scenario")
#: Annual discount rate, as the CLV discounts (lib.value.ClvSettings).
DISCOUNT_RATE = value.ClvSettings().discount_rate
#: The seed figures: companies lose 20-30 % of their customers a year; keeping a customer is said
#: to cost a fifth of winning a new one.
SEED_LOSS = (0.20, 0.30)
SEED_COST_RATIO = 5
#: Days of a month (as the CLV counts them).
DAYS_PER_MONTH = 365.25 / 12
#: A no-break space: keeps "17,6 %" and "177 €" on one line in the assumptions.
NBSP = "\u00a0"
#: Why a dataset has no baseline (ids, translated by the panel).
PROBLEMS = ("no_customers", "short_history")


def monthly_rate(annual: float) -> float:
    """The monthly rate that compounds to ``annual`` over 12 months: 1 - (1 - annual)^(1/12).

    Examples
    --------
    >>> round(monthly_rate(0.25), 6), monthly_rate(0.0), monthly_rate(1.0)
    (0.023688, 0.0, 1.0)
    """
    a = min(max(float(annual), 0.0), 1.0)
    return 1.0 - (1.0 - a) ** (1.0 / 12.0)


@dataclass(frozen=True)
class Group:
    """One value group's figures: ``customers`` not lost and ``lost`` at the as-of date; the year
    before: ``at_risk`` customers at risk in it (not lost 12 months earlier, or first purchase
    since), ``exposure_months`` their months at risk (up to their first loss or the as-of date),
    ``lost_in_year`` of them lost, ``annual_loss`` = 1 - (1 - lost / exposure)^12; ``purchases``
    per customer and month and ``order_value`` (net revenue per purchase day) of the last 12 months."""

    customers: int
    lost: int
    at_risk: int
    exposure_months: float
    lost_in_year: int
    annual_loss: float
    purchases: float
    order_value: float

    @property
    def revenue_per_month(self) -> float:
        """Revenue per customer not lost and month: purchases x order value."""
        return self.purchases * self.order_value


@dataclass(frozen=True)
class Baseline:
    """This dataset's figures at ``as_of`` (see the module docstring); ``problem`` (one of
    :data:`PROBLEMS`) says why there are none to project from. ``lost_then`` customers were lost
    12 months earlier (at ``then``), ``back`` of them bought again since: ``annual_winback``."""

    as_of: date
    then: date
    groups: dict = field(default_factory=dict)   # group id -> Group
    lost_then: int = 0
    back: int = 0
    annual_winback: float = 0.0
    discount_rate: float = DISCOUNT_RATE
    problem: str | None = None

    @property
    def customers(self) -> int:
        return sum(g.customers for g in self.groups.values())

    @property
    def lost(self) -> int:
        return sum(g.lost for g in self.groups.values())

    @property
    def annual_loss(self) -> float:
        """The overall annual loss rate: 1 - (1 - losses / months at risk)^12 over both groups (nan
        without any months at risk)."""
        n = sum(g.exposure_months for g in self.groups.values())
        return 1.0 - (1.0 - min(self.lost_in_year / n, 1.0)) ** 12 if n else float("nan")

    @property
    def at_risk(self) -> int:
        return sum(g.at_risk for g in self.groups.values())

    @property
    def lost_in_year(self) -> int:
        return sum(g.lost_in_year for g in self.groups.values())


@dataclass(frozen=True)
class Levers:
    """What the scenario changes: ``churn_pp`` points off every group's annual loss rate,
    ``winback_pp`` points on the annual win-back rate, ``keep_high_pct`` % fewer losses of the
    high-value group (after the points), ``order_value_pct`` % on the order value (-50..+50)."""

    churn_pp: float = 0.0
    winback_pp: float = 0.0
    keep_high_pct: float = 0.0
    order_value_pct: float = 0.0

    @property
    def zero(self) -> bool:
        return not any((self.churn_pp, self.winback_pp, self.keep_high_pct, self.order_value_pct))


#: The levers the story's last step shows (a facilitator's example: 5 points less churn, 5 points
#: more won back, 20 % more of the high-value customers kept).
STORY_LEVERS = Levers(churn_pp=5.0, winback_pp=5.0, keep_high_pct=20.0, order_value_pct=0.0)


# --- the baseline from the dataset -------------------------------------------------------------------

def baseline(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> Baseline:
    """The figures of dataset ``dataset_id`` at ``as_of`` the projection starts from (see the module
    docstring): :func:`baseline_from` with the data it reads."""
    then = lifecycle.months_back(as_of, 12)
    return baseline_from(as_of, recovery_losses.base(con, dataset_id, as_of),
                         value.customer_values(con, dataset_id, as_of), value.customer_values(con, dataset_id, then),
                         metrics.stages(con, dataset_id, as_of), metrics.stages(con, dataset_id, then))


def baseline_from(as_of: date, base: recovery_losses.Base, now_values: pd.DataFrame, then_values: pd.DataFrame,
                  stages_now: pd.DataFrame, stages_then: pd.DataFrame) -> Baseline:
    """The baseline at ``as_of`` from :func:`lib.recovery.base` at ``as_of``,
    :func:`lib.value.customer_values` at ``as_of`` and 12 months earlier, and :func:`lib.metrics.stages`
    at both dates (the loaders pass their cached results)."""
    then = lifecycle.months_back(as_of, 12)
    if now_values.empty:
        return Baseline(as_of, then, problem="no_customers")
    now = now_values[["customer_id", "revenue_12m", "orders_12m"]].assign(
        group=metrics.value_groups(now_values["revenue_12m"].to_numpy(dtype=float)))
    cut = metrics.high_value_cut(now.assign(value=now["revenue_12m"], value_group=now["group"]))
    # at risk in the year: the customers not lost at `then` (in their value group then) and those whose
    # first purchase came after it (in the group their revenue of the year places them, against today's cut)
    known = then_values[["customer_id"]].assign(
        group=metrics.value_groups(then_values["revenue_12m"].to_numpy(dtype=float)),
        entry=pd.Timestamp(then))
    known = known[isin(known["customer_id"],
                       stages_then.loc[stages_then["stage"].isin(metrics.SCORED_STAGES), "customer_id"])]
    first = pd.to_datetime(now_values["first_date"])
    joined = now_values.loc[(first > pd.Timestamp(then)).to_numpy(), ["customer_id", "revenue_12m", "first_date"]]
    joined = pd.DataFrame({"customer_id": joined["customer_id"],
                           "group": np.where(joined["revenue_12m"].to_numpy(dtype=float) >= cut, "high", "low"),
                           "entry": pd.to_datetime(joined["first_date"])})
    at_risk = pd.concat([known, joined], ignore_index=True)
    if known.empty:
        return Baseline(as_of, then, problem="short_history")
    # each customer's first loss (the lifecycle's lost rule) after they entered, up to the as-of date
    losses = base.losses[["customer_id", "loss_date"]].assign(loss_date=pd.to_datetime(base.losses["loss_date"]))
    losses = losses.merge(at_risk[["customer_id", "entry"]], on="customer_id")
    losses = losses[(losses["loss_date"] > losses["entry"]) & (losses["loss_date"] <= pd.Timestamp(as_of))]
    first_loss = losses.groupby("customer_id")["loss_date"].min()
    lost = isin(at_risk["customer_id"], first_loss.index)
    exit_ = np.full(len(at_risk), np.datetime64(as_of, "D"), dtype="datetime64[D]")
    exit_[lost] = first_loss.reindex(at_risk.loc[lost, "customer_id"]).to_numpy().astype("datetime64[D]")
    entry = pd.to_datetime(at_risk["entry"]).to_numpy().astype("datetime64[D]")
    at_risk["lost"] = lost
    at_risk["months"] = (exit_ - entry).astype(np.int64) / DAYS_PER_MONTH

    active = now[isin(now["customer_id"], stages_now.loc[stages_now["stage"].isin(metrics.SCORED_STAGES),
                                                         "customer_id"])]
    stock = base.stock
    lost_now = stock[(stock["at"] == "now") & (stock["stage"] == "lost")]
    lost_group = np.where(lost_now["revenue_before"].to_numpy(dtype=float) >= cut, "high", "low")
    lost_then = stock[(stock["at"] == "then") & (stock["stage"] == "lost")]

    groups = {}
    for g in GROUPS:
        risk_g = at_risk[at_risk["group"] == g]
        act_g = active[active["group"] == g]
        n_cust = len(act_g)
        orders = float(act_g["orders_12m"].sum())
        revenue = float(act_g["revenue_12m"].sum())
        exposure = float(risk_g["months"].sum())
        monthly = float(risk_g["lost"].sum()) / exposure if exposure > 0 else 0.0
        groups[g] = Group(customers=n_cust, lost=int((lost_group == g).sum()), at_risk=len(risk_g),
                          exposure_months=exposure, lost_in_year=int(risk_g["lost"].sum()),
                          annual_loss=1.0 - (1.0 - min(monthly, 1.0)) ** 12,
                          purchases=orders / 12.0 / n_cust if n_cust else 0.0,
                          order_value=revenue / orders if orders > 0 else 0.0)
    back = int(lost_then["back"].sum())
    return Baseline(as_of, then, groups, lost_then=len(lost_then), back=back,
                    annual_winback=back / len(lost_then) if len(lost_then) else 0.0)


# --- the projection ----------------------------------------------------------------------------------

def rates(b: Baseline, levers: Levers = Levers()) -> pd.DataFrame:
    """Per group the annual and monthly loss and win-back rates and the order value the projection
    uses under ``levers`` (the baseline's own with zero levers)."""
    rows = []
    w = min(1.0, max(0.0, b.annual_winback + levers.winback_pp / 100.0))
    for g, fig in b.groups.items():
        loss = max(0.0, fig.annual_loss - levers.churn_pp / 100.0)
        if g == "high":
            loss *= 1.0 - min(max(levers.keep_high_pct, 0.0), 100.0) / 100.0
        rows.append({"group": g, "annual_loss": loss, "monthly_loss": monthly_rate(loss), "annual_winback": w,
                     "monthly_winback": monthly_rate(w), "purchases": fig.purchases,
                     "order_value": fig.order_value * (1.0 + levers.order_value_pct / 100.0)})
    return pd.DataFrame(rows)


def _run(b: Baseline, r: pd.DataFrame, months: int) -> pd.DataFrame:
    """The month-by-month projection of every group with rates ``r`` (:func:`rates`), summed."""
    t_ = np.arange(months + 1)
    total = {k: np.zeros(months + 1) for k in ("customers", "lost_pool", "lost", "won_back", "revenue")}
    for _, row in r.iterrows():
        fig = b.groups[row["group"]]
        a, lost_pool = float(fig.customers), float(fig.lost)
        c, w = row["monthly_loss"], row["monthly_winback"]
        per_customer = row["purchases"] * row["order_value"]
        total["customers"][0] += a
        total["lost_pool"][0] += lost_pool
        for m in range(1, months + 1):
            lost, won = a * c, lost_pool * w
            total["revenue"][m] += a * per_customer
            a, lost_pool = a - lost + won, lost_pool + lost - won
            total["lost"][m] += lost
            total["won_back"][m] += won
            total["customers"][m] += a
            total["lost_pool"][m] += lost_pool
    out = pd.DataFrame({"month": t_, **total})
    out["value"] = out["revenue"] * (1.0 + b.discount_rate) ** (-t_ / 12.0)
    out["cum_revenue"] = out["revenue"].cumsum()
    out["cum_value"] = out["value"].cumsum()
    return out


def project(b: Baseline, levers: Levers = Levers(), months: int = MONTHS) -> pd.DataFrame:
    """Both projections, long: month (0..``months``), scenario (:data:`SCENARIOS`), customers (not
    lost, at the month's end), lost_pool, lost and won_back (in the month), revenue and value (its
    discounted revenue; month 0 has none), cum_revenue and cum_value. Empty when ``b`` has a problem."""
    if b.problem or not b.groups:
        return pd.DataFrame(columns=["month", "scenario", "customers", "lost_pool", "lost", "won_back", "revenue",
                                     "value", "cum_revenue", "cum_value"])
    base_run = _run(b, rates(b), months).assign(scenario="baseline")
    scen_run = _run(b, rates(b, levers), months).assign(scenario="scenario")
    out = pd.concat([base_run, scen_run], ignore_index=True)
    return out[["month", "scenario", "customers", "lost_pool", "lost", "won_back", "revenue", "value",
                "cum_revenue", "cum_value"]]


def horizons(projection: pd.DataFrame, at=HORIZONS) -> pd.DataFrame:
    """Per horizon (months) and scenario: revenue and customer value (discounted revenue) summed
    up to it, and customers not lost at its end; plus the scenario's difference (``delta_*``).
    One row per horizon."""
    rows = []
    for h in at:
        one = projection[projection["month"] == h].set_index("scenario")
        row = {"months": int(h)}
        for col, src in (("revenue", "cum_revenue"), ("value", "cum_value"), ("customers", "customers")):
            row[f"{col}_baseline"] = float(one.loc["baseline", src])
            row[f"{col}_scenario"] = float(one.loc["scenario", src])
            row[f"delta_{col}"] = row[f"{col}_scenario"] - row[f"{col}_baseline"]
        rows.append(row)
    return pd.DataFrame(rows)


def clv_expectation(model: value.ClvModel, at=HORIZONS) -> dict:
    """The CLV model's answer to the same question, for comparison with today's course: the summed
    CLV (lib/clv through :func:`lib.value.clv_predictions`, the one definition: BG/NBD and
    Gamma-Gamma, P(alive) included, discounted like the projection) of every customer with a
    purchase, over each horizon in months; ``method``: 'model' or 'fallback' (the naive CLV)."""
    out = {}
    method = "model"
    for h in at:
        pred = value.clv_predictions(model, value.ClvSettings(horizon_months=int(h), discount_rate=DISCOUNT_RATE))
        out[int(h)] = float(pred["clv"].sum())
        method = str(pred["method"].iloc[0]) if len(pred) else method
    out["method"] = method
    return out


# --- words and the chart, in the reader's language ------------------------------------------------

def takeaway(b: Baseline, projection: pd.DataFrame, levers: Levers, lang: str) -> str:
    """One sentence computed from the projection: what the levers bring over 36 months against the
    baseline (or what today's course brings, with zero levers; or why there is no projection)."""
    if b.problem:
        return t(f"whatif.problem.{b.problem}", lang, as_of=fmt_date(b.as_of, lang))
    h = horizons(projection, (MONTHS,)).iloc[0]
    if levers.zero:
        return t("whatif.takeaway.none", lang, months=MONTHS, revenue=fmt_money(h["revenue_baseline"], lang),
                 customers=fmt_int(b.customers, lang), left=fmt_int(h["customers_baseline"], lang))
    rel = h["delta_revenue"] / h["revenue_baseline"] if h["revenue_baseline"] else float("nan")
    key = "whatif.takeaway.more" if h["delta_revenue"] >= 0 else "whatif.takeaway.less"
    return t(key, lang, months=MONTHS, delta=fmt_money(abs(h["delta_revenue"]), lang),
             rel=fmt_pct(abs(rel), lang, 1) if np.isfinite(rel) else t("kpi.na", lang),
             customers=t("whatif.takeaway.same_customers" if round(abs(h["delta_customers"])) == 0
                         else "whatif.takeaway.fewer_customers" if h["delta_customers"] < 0
                         else "whatif.takeaway.more_customers", lang, n=fmt_int(abs(h["delta_customers"]), lang)))


def definitions(b: Baseline, levers: Levers, lang: str) -> tuple[str, ...]:
    """The model and this dataset's assumptions in sentences (the panel's caption and assumptions;
    the story's speaker notes). Markdown."""
    if b.problem:
        return (t(f"whatif.problem.{b.problem}", lang, as_of=fmt_date(b.as_of, lang)),)
    high, low = b.groups["high"], b.groups["low"]
    r = rates(b, levers).set_index("group")

    def pct(x: float) -> str:
        return fmt_pct(x, lang, 1).replace(" ", NBSP)

    def money(x: float) -> str:   # "177 €" stays on one line
        return fmt_money(x, lang).replace(" ", NBSP)

    assumptions = t(
        "whatif.assumptions.text", lang, as_of=fmt_date(b.as_of, lang), then=fmt_date(b.then, lang),
        customers=fmt_int(b.customers, lang), high=fmt_int(high.customers, lang), low=fmt_int(low.customers, lang),
        lost=fmt_int(b.lost, lang), loss_high=pct(high.annual_loss), loss_low=pct(low.annual_loss),
        lost_high=fmt_int(high.lost_in_year, lang), risk_high=fmt_int(high.at_risk, lang),
        lost_low=fmt_int(low.lost_in_year, lang), risk_low=fmt_int(low.at_risk, lang),
        s_loss_high=pct(r.loc["high", "annual_loss"]), s_loss_low=pct(r.loc["low", "annual_loss"]),
        winback=pct(b.annual_winback), back=fmt_int(b.back, lang), lost_then=fmt_int(b.lost_then, lang),
        s_winback=pct(r.loc["high", "annual_winback"]),
        buy_high=fmt_num(high.purchases, lang, 2), buy_low=fmt_num(low.purchases, lang, 2),
        ov_high=money(high.order_value), ov_low=money(low.order_value),
        s_ov_high=money(r.loc["high", "order_value"]), s_ov_low=money(r.loc["low", "order_value"]),
        discount=fmt_pct(b.discount_rate, lang, 0).replace(" ", NBSP))
    return t("whatif.model", lang, discount=fmt_pct(b.discount_rate, lang, 0)), assumptions


def chart(projection: pd.DataFrame, lang: str):
    """The monthly revenue of the baseline against the scenario, labelled in ``lang``
    (:func:`lib.charts.whatif.revenue_lines`)."""
    names = {s: t(f"whatif.scenario.{s}", lang) for s in SCENARIOS}
    frame = projection[projection["month"] > 0].assign(label=projection["scenario"].map(names))
    return whatif_charts.revenue_lines(frame, month=t("whatif.chart.month", lang), revenue=t("whatif.chart.revenue", lang),
                                       customers=t("whatif.chart.customers", lang),
                                       scenario=t("whatif.chart.scenario", lang),
                                       order=[names[s] for s in SCENARIOS])
