"""Where the story's numbers come from: the same lib functions the pages' loaders call.

:class:`Source` computes each result once per instance (a deck builds all steps from one
source); the app passes a subclass whose methods call the cached loaders instead
(lib/loaders/story.py), so a slide and its page share one computation and show the same numbers.
Method names and arguments mirror the loaders'.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

import pandas as pd

from lib import anon, db, metrics, recovery, risk, value, whatif
from lib import lifecycle as lc


class Source:
    """The lib results of one dataset at one as-of date, each computed once."""

    def __init__(self, con, dataset_id: int, as_of: date):
        self.con, self.dataset_id, self.as_of = con, dataset_id, as_of
        self._memo: dict[tuple, Any] = {}

    def _once(self, name: str, args: tuple, compute: Callable[[], Any]) -> Any:
        key = (name, *args)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # --- what the dataset holds ----------------------------------------------------------------
    def available(self) -> db.Available:
        return self._once("available", (), lambda: db.available(self.con, self.dataset_id))

    # --- lifecycle ---------------------------------------------------------------------------------
    def stages(self, day: date, thresholds: lc.Thresholds) -> pd.DataFrame:
        return self._once("stages", (day, thresholds),
                          lambda: lc.stages(self.con, self.dataset_id, day, thresholds))

    def stage_codes(self, day: date, thresholds: lc.Thresholds) -> pd.DataFrame:
        return self._once("stage_codes", (day, thresholds),
                          lambda: lc.stage_codes(self.con, self.dataset_id, day, thresholds))

    def distribution(self, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return self._once("distribution", (thresholds, filters), lambda: lc.distribution(
            self.con, self.dataset_id, self.stages(self.as_of, thresholds), filters))

    def transitions(self, date_from: date, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return self._once("transitions", (date_from, thresholds, filters), lambda: lc.transitions(
            self.con, self.dataset_id, self.stage_codes(date_from, thresholds),
            self.stages(self.as_of, thresholds), filters))

    def curve(self, filters: lc.Filters, statistic: str) -> pd.DataFrame:
        return self._once("curve", (filters, statistic),
                          lambda: lc.curve(self.con, self.dataset_id, self.as_of, filters, statistic))

    def revival(self, filters: lc.Filters, thresholds: lc.Thresholds) -> tuple[pd.DataFrame, float | None]:
        return self._once("revival", (filters, thresholds),
                          lambda: lc.revival(self.con, self.dataset_id, self.as_of, filters, thresholds))

    def lead_time(self, filters: lc.Filters) -> tuple[float | None, int]:
        return self._once("lead_time", (filters,), lambda: lc.lead_time(self.con, self.dataset_id, filters))

    def exposures(self) -> pd.DataFrame:
        return self._once("exposures", (), lambda: lc.exposures(self.con, self.dataset_id, self.as_of))

    def first_year(self) -> pd.DataFrame:
        return self._once("first_year", (), lambda: lc.first_year(self.con, self.dataset_id))

    def evidence(self, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return self._once("evidence", (thresholds, filters), lambda: lc.evidence(
            self.con, self.dataset_id, self.as_of, filters, self.stages(self.as_of, thresholds),
            self.stage_codes(lc.months_back(self.as_of, 12), thresholds), self.exposures(), self.first_year()))

    # --- value -----------------------------------------------------------------------------------------
    def customer_values(self) -> pd.DataFrame:
        return self._once("customer_values", (),
                          lambda: value.customer_values(self.con, self.dataset_id, self.as_of))

    def concentration(self, basis: str):
        return self._once("concentration", (basis,), lambda: value.concentration(self.customer_values(), basis))

    def clv_model(self):
        return self._once("clv_model", (), lambda: value.clv_model(self.con, self.dataset_id, self.as_of))

    # --- per-customer metrics, risk ----------------------------------------------------------------
    def value_groups(self, basis: str) -> pd.DataFrame:
        return self._once("value_groups", (basis,), lambda: metrics.with_basis(metrics.customer_metrics(
            self.con, self.dataset_id, self.as_of, model=self.clv_model(), values=self.customer_values()).frame, basis))

    def assessment(self, settings: risk.Settings) -> risk.Assessment:
        return self._once("assessment", (settings,),
                          lambda: risk.assess(self.con, self.dataset_id, self.as_of, settings))

    def scores(self, settings: risk.Settings, weights: risk.Weights) -> risk.Scores:
        return self._once("scores", (settings, weights), lambda: risk.score(self.assessment(settings), weights))

    def watch(self, settings: risk.Settings, weights: risk.Weights, basis: str) -> pd.DataFrame:
        return self._once("watch", (settings, weights, basis), lambda: risk.watch_frame(
            self.assessment(settings), self.scores(settings, weights), self.value_groups(basis),
            risk.customer_info(self.con, self.dataset_id)))

    def watch_summary(self, settings: risk.Settings, weights: risk.Weights, basis: str, level: float,
                      n: int) -> risk.WatchSummary:
        return self._once("watch_summary", (settings, weights, basis, level, n), lambda: risk.watch_summary(
            self.watch(settings, weights, basis), level, n))

    def backtest(self, cutoff: date, settings: risk.Settings, weights: risk.Weights) -> risk.Backtest:
        return self._once("backtest", (cutoff, settings, weights),
                          lambda: risk.backtest(self.con, self.dataset_id, cutoff, settings, weights))

    def pseudonyms(self) -> pd.DataFrame:
        return self._once("pseudonyms", (), lambda: anon.pseudonyms(self.con, self.dataset_id))

    # --- win-back ----------------------------------------------------------------------------------------
    def recovery_base(self):
        return self._once("recovery_base", (), lambda: recovery.base(self.con, self.dataset_id, self.as_of))

    def losses_in(self, start: date, end: date) -> pd.DataFrame:
        return self._once("losses_in", (start, end), lambda: recovery.losses_in(self.recovery_base(), start, end))

    def contacts(self) -> pd.DataFrame:
        """The win-back contacts, or the empty frame of a dataset without a win-back table."""
        return self._once("contacts", (), lambda: recovery.contacts(self.con, self.dataset_id, self.as_of)
                          if self.available().winback else recovery.EMPTY_CONTACTS)

    def chosen(self, n_days: int, start: date, end: date, campaigns: tuple[str, ...] = ()) -> pd.DataFrame:
        return self._once("chosen", (n_days, start, end, campaigns), lambda: recovery.in_period(
            recovery.outcomes(self.contacts(), n_days, self.as_of), start, end, campaigns))

    def effects(self, n_days: int, start: date, end: date, by: str) -> pd.DataFrame:
        return self._once("effects", (n_days, start, end, by),
                          lambda: recovery.effects(self.chosen(n_days, start, end), (by,)))

    def effect(self, n_days: int, start: date, end: date):
        return self._once("effect", (n_days, start, end), lambda: recovery.effect(self.chosen(n_days, start, end)))

    def loyalty(self):
        return self._once("loyalty", (), lambda: recovery.loyalty(
            (self.con, self.dataset_id, self.recovery_base(), self.contacts()), self.as_of))

    # --- value: CLV and the high/low split ---------------------------------------------------------------
    def default_cuts(self) -> value.RfmCuts:
        return self._once("default_cuts", (), lambda: value.default_cuts(self.customer_values()))

    def with_clv(self, settings: value.ClvSettings, cuts: value.RfmCuts) -> pd.DataFrame:
        return self._once("with_clv", (settings, cuts), lambda: value.enrich(
            self.customer_values(), value.clv_predictions(self.clv_model(), settings), cuts))

    def high_value(self, settings: value.ClvSettings, cuts: value.RfmCuts, rule: value.SplitRule):
        frame = self.with_clv(settings, cuts)
        return self._once("high_value", (settings, cuts, rule), lambda: value.high_value(
            frame.rename(columns={"segment": "customer_segment", "segment_rfm": "segment"}), rule))

    def group_tests(self, settings: value.ClvSettings, cuts: value.RfmCuts, rule: value.SplitRule):
        return self._once("group_tests", (settings, cuts, rule), lambda: value.compare_groups(
            self.with_clv(settings, cuts), self.high_value(settings, cuts, rule)))

    # --- what-if -------------------------------------------------------------------------------------------
    def whatif_baseline(self):
        return self._once("whatif_baseline", (), lambda: whatif.baseline(self.con, self.dataset_id, self.as_of))

    def whatif_projection(self, levers):
        return self._once("whatif_projection", (levers,), lambda: whatif.project(self.whatif_baseline(), levers))
