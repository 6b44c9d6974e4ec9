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

from lib import db, value
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

    def evidence(self, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return self._once("evidence", (thresholds, filters), lambda: lc.evidence(
            self.con, self.dataset_id, self.as_of, filters, self.stages(self.as_of, thresholds),
            self.stage_codes(lc.months_back(self.as_of, 12), thresholds), self.exposures()))

    # --- value -----------------------------------------------------------------------------------------
    def customer_values(self) -> pd.DataFrame:
        return self._once("customer_values", (),
                          lambda: value.customer_values(self.con, self.dataset_id, self.as_of))

    def concentration(self, basis: str):
        return self._once("concentration", (basis,), lambda: value.concentration(self.customer_values(), basis))
