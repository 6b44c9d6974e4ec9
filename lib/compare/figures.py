"""The figures of one side of a comparison, each by its owner's definition, and the comparison
of two sides with every difference tested (:mod:`lib.compare.differences`).

* customers, active customers, revenue and churn of the last 12 months: the overview's flags
  per customer (lib/queries/overview_flags.sql, the definitions of kpi.*.help);
* revenue per customer: the mean 12-month revenue of the active customers;
* value concentration: Gini, top-20 % share and Lorenz curve of the 12-month revenue of every
  customer with a purchase (:func:`lib.value.concentration`, the value page's default basis);
* retention: Kaplan-Meier (:func:`lib.survival.kaplan_meier`) of the customers active on the
  start day (:func:`lib.risk.lifetimes`: the stage rules' active stages, lost at a churn record
  or when they become sleeping; the start: :func:`lib.compare.sides.retention_start`), and its
  value after 365 days;
* the stage mix at the as-of date (:func:`lib.lifecycle.distribution`);
* win-back rate: won-back share of the treated win-back contacts of the 12 months up to the
  as-of date whose window has passed (:func:`lib.recovery.effect`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib import db, survival, value
from lib.compare import differences as diff
from lib.queries import load
from lib.recovery.campaigns import Effect, effect
from lib.stats import Rate, rate

#: Retention is read off the curve after this many days.
RETENTION_DAYS = 365
#: The headline rows in order: metric id and how its values read ('count', 'money', 'share', 'ratio').
HEADLINE = (("customers", "count"), ("active", "count"), ("revenue_12m", "money"),
            ("revenue_per_customer", "money"), ("churn_rate", "share"), ("retention_12m", "share"),
            ("gini", "ratio"), ("top20_share", "share"), ("winback_rate", "share"))


#: The lifetimes of a side without a retention curve (a cohort still open at the as-of date).
NO_LIFETIMES = pd.DataFrame({"customer_id": pd.Series(dtype=str), "duration": pd.Series(dtype=float),
                             "observed": pd.Series(dtype=bool)})


def flags(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """The overview's flags of every customer with a transaction up to ``as_of``: customer_id,
    active, revenue_12m, in_base, churned, won_back (lib/queries/compare_flags.sql)."""
    return db.run_query(con, load("compare_flags"), {"dataset_id": dataset_id, "as_of": as_of})


@dataclass(frozen=True, eq=False)
class SideFigures:
    """Everything the page shows of one side (see the module docstring for the definitions)."""

    customers: int
    active: int
    revenue_12m: float
    revenue_active: np.ndarray     # 12-month revenue of each active customer
    churn_base: int
    churned: int
    values: np.ndarray             # 12-month revenue of each customer with a purchase
    concentration: value.Concentration
    lifetimes: pd.DataFrame        # duration, observed of the customers active on the start day
    km: pd.DataFrame               # their Kaplan-Meier curve
    retention: tuple[float, float, float] | None  # S(365) with its 95 % band; None: not observed that long
    stages: pd.DataFrame           # stage, customers, share
    winback: Effect | None         # None: the dataset has no win-back table

    @property
    def revenue_per_customer(self) -> float:
        return float(self.revenue_active.mean()) if self.revenue_active.size else math.nan

    @property
    def churn_rate(self) -> float:
        return self.churned / self.churn_base if self.churn_base else math.nan

    @property
    def churn(self) -> Rate:
        """The churn rate with its 95 % Wilson interval."""
        return rate(self.churned, self.churn_base)

    @property
    def winback_rate(self) -> float:
        return self.winback.treated.p if self.winback is not None and self.winback.treated.n else math.nan

    def headline(self, metric: str) -> float:
        """The value of a :data:`HEADLINE` metric (NaN where there is none)."""
        return {
            "customers": float(self.customers), "active": float(self.active), "revenue_12m": self.revenue_12m,
            "revenue_per_customer": self.revenue_per_customer, "churn_rate": self.churn_rate,
            "retention_12m": self.retention[0] if self.retention else math.nan,
            "gini": self.concentration.gini if self.values.size else math.nan,
            "top20_share": self.concentration.top_share(0.2) if self.values.size else math.nan,
            "winback_rate": self.winback_rate,
        }[metric]


def side_figures(ids: pd.Series, flag_frame: pd.DataFrame, values: pd.DataFrame, lifetimes: pd.DataFrame,
                 follow_days: int, stages: pd.DataFrame, contacts: pd.DataFrame | None) -> SideFigures:
    """The figures of the customers ``ids`` (:func:`lib.compare.sides.members`) from the
    dataset-wide frames: ``flag_frame`` (:func:`flags`), ``values``
    (:func:`lib.value.customer_values`), ``lifetimes`` (:func:`lib.risk.lifetimes`, followed
    ``follow_days`` days), ``stages`` (the side's :func:`lib.lifecycle.distribution`) and
    ``contacts`` (judged win-back contacts of the period, :func:`lib.recovery.in_period`; None
    without a win-back table)."""
    keep = pa.array(ids.astype(str).to_numpy(dtype=object), type=pa.string())
    f = flag_frame.loc[_among(flag_frame["customer_id"], keep)]
    active = f["active"].to_numpy(dtype=bool)
    rev = f["revenue_12m"].to_numpy(dtype=float)
    v = values.loc[_among(values["customer_id"], keep)]
    life = lifetimes.loc[_among(lifetimes["customer_id"], keep)]
    km = survival.kaplan_meier(life["duration"].to_numpy(dtype=float), life["observed"].to_numpy(dtype=bool))
    retention = None
    if follow_days >= RETENTION_DAYS and len(life):
        at = survival.survival_at(km, [RETENTION_DAYS]).iloc[0]
        retention = (float(at["survival"]), float(at["lower"]), float(at["upper"]))
    wb = None
    if contacts is not None:
        wb = effect(contacts.loc[_among(contacts["customer_id"], keep)])
    return SideFigures(
        customers=int(len(f)), active=int(active.sum()), revenue_12m=float(rev.sum()), revenue_active=rev[active],
        churn_base=int(f["in_base"].sum()), churned=int(f["churned"].sum()),
        values=v["revenue_12m"].to_numpy(dtype=float), concentration=value.concentration(v, "revenue_12m"),
        lifetimes=life[["duration", "observed"]].reset_index(drop=True), km=km, retention=retention,
        stages=stages[["stage", "customers", "share"]].reset_index(drop=True), winback=wb)


def _among(column: pd.Series, keep: pa.Array) -> np.ndarray:
    """Which rows of ``column`` (customer ids) are in ``keep``: arrow's hash lookup, some 30 times
    faster than ``Series.isin`` on a hundred thousand string ids."""
    values = pa.array(column.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    return pc.is_in(values, value_set=keep).fill_null(False).to_numpy(zero_copy_only=False)


@dataclass(frozen=True, eq=False)
class Comparison:
    """Two sides and the test of each difference (None where a side has nothing to test)."""

    a: SideFigures
    b: SideFigures
    tests: dict[str, diff.Difference | None]

    def table(self) -> pd.DataFrame:
        """The headline comparison: metric, unit, a, b, diff (A - B), lo, hi, test, p_value,
        evidence (one row per :data:`HEADLINE` metric; test '' where none applies)."""
        rows = []
        for metric, unit in HEADLINE:
            a, b = self.a.headline(metric), self.b.headline(metric)
            d = self.tests.get(metric)
            rows.append({"metric": metric, "unit": unit, "a": a, "b": b,
                         "diff": d.diff if d is not None else a - b,
                         "lo": d.lo if d is not None else math.nan, "hi": d.hi if d is not None else math.nan,
                         "test": d.test if d is not None else "",
                         "p_value": d.p_value if d is not None else math.nan,
                         "evidence": d.evidence if d is not None else ""})
        return pd.DataFrame(rows)


def compare(a: SideFigures, b: SideFigures) -> Comparison:
    """Test every difference between ``a`` and ``b``:

    * active: active customers among all customers, two proportions;
    * revenue per customer: Welch's t-test of the active customers' 12-month revenue; their whole
      distribution (``revenue_distribution``): Mann-Whitney U;
    * churn rate: churned among the customers of the base year, two proportions;
    * retention after 12 months: the log-rank test of the two curves;
    * Gini: bootstrap interval of the difference (the top-20 % share has no test of its own);
    * stage mix (``stages``): chi-square test;
    * win-back rate: won back among the treated contacts, two proportions.
    """
    tests = {
        "active": diff.proportions(a.active, a.customers, b.active, b.customers),
        "revenue_per_customer": diff.welch(a.revenue_active, b.revenue_active),
        "revenue_distribution": diff.mann_whitney(a.revenue_active, b.revenue_active),
        "churn_rate": diff.proportions(a.churned, a.churn_base, b.churned, b.churn_base),
        "retention_12m": diff.logrank(a.lifetimes["duration"], a.lifetimes["observed"],
                                      b.lifetimes["duration"], b.lifetimes["observed"],
                                      a.headline("retention_12m") - b.headline("retention_12m")),
        "gini": diff.gini_bootstrap(a.values, b.values),
        "stages": diff.mix(a.stages["customers"].to_numpy(), b.stages["customers"].to_numpy()),
        "winback_rate": (diff.proportions(a.winback.treated.k, a.winback.treated.n,
                                          b.winback.treated.k, b.winback.treated.n)
                         if a.winback is not None and b.winback is not None else None),
    }
    return Comparison(a, b, tests)
