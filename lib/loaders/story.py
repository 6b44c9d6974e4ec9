"""Loaders of the story page (lib/story/): each step's slide, cached per dataset, as-of date,
step, language and anonymised mode.

A slide is built from the same cached loaders the pages use (:class:`LoadedSource`), so a step
and the page it summarises compute once and show the same numbers.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import lifecycle as lc
from lib import story
from lib.story import snapshots as snapshots_lib
from lib.loaders import DatasetKey, available, cached, con, cursor
from lib.loaders import anon as anon_load
from lib.loaders import lifecycle as lc_load
from lib.loaders import metrics as metrics_load
from lib.loaders import recovery as recovery_load
from lib.loaders import risk as risk_load
from lib.loaders import value as value_load
from lib.loaders import whatif as whatif_load


class LoadedSource(story.Source):
    """:class:`lib.story.Source` over the cached loaders of one dataset and as-of date."""

    def __init__(self, key: DatasetKey, as_of: date):
        super().__init__(con(key), key.dataset_id, as_of)
        self.key = key

    def available(self):
        return available(self.key)

    def stages(self, day: date, thresholds: lc.Thresholds) -> pd.DataFrame:
        return lc_load.stages(self.key, day, thresholds)

    def stage_codes(self, day: date, thresholds: lc.Thresholds) -> pd.DataFrame:
        return lc_load.stage_codes(self.key, day, thresholds)

    def distribution(self, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return lc_load.distribution(self.key, self.as_of, thresholds, filters)

    def transitions(self, date_from: date, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return lc_load.transitions(self.key, date_from, self.as_of, thresholds, filters)

    def curve(self, filters: lc.Filters, statistic: str) -> pd.DataFrame:
        return lc_load.curve(self.key, self.as_of, filters, statistic)

    def revival(self, filters: lc.Filters, thresholds: lc.Thresholds):
        return lc_load.revival(self.key, self.as_of, filters, thresholds)

    def lead_time(self, filters: lc.Filters):
        return lc_load.lead_time(self.key, filters)

    def exposures(self) -> pd.DataFrame:
        return lc_load.exposures(self.key, self.as_of)

    def first_year(self) -> pd.DataFrame:
        return lc_load.first_year(self.key)

    def evidence(self, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
        return lc_load.evidence(self.key, self.as_of, thresholds, filters)

    def customer_values(self) -> pd.DataFrame:
        return value_load.customer_values(self.key, self.as_of)

    def concentration(self, basis: str):
        return value_load.concentration(self.key, self.as_of, basis)

    def clv_model(self):
        return value_load.clv_model(self.key, self.as_of)

    def default_cuts(self):
        return value_load.default_cuts(self.key, self.as_of)

    def with_clv(self, settings, cuts):
        return value_load.with_clv(self.key, self.as_of, settings, cuts)

    def high_value(self, settings, cuts, rule):
        return value_load.high_value(self.key, self.as_of, settings, cuts, rule)

    def group_tests(self, settings, cuts, rule):
        return value_load.group_tests(self.key, self.as_of, settings, cuts, rule)

    def value_groups(self, basis: str) -> pd.DataFrame:
        return metrics_load.value_groups(self.key, self.as_of, basis)

    def assessment(self, settings):
        return risk_load.assessment(self.key, self.as_of, settings)

    def scores(self, settings, weights):
        return risk_load.scores(self.key, self.as_of, settings, weights)

    def watch(self, settings, weights, basis: str) -> pd.DataFrame:
        return risk_load.watch(self.key, self.as_of, settings, weights, basis)

    def watch_summary(self, settings, weights, basis: str, level: float, n: int):
        return risk_load.watch_summary(self.key, self.as_of, settings, weights, basis, level, n)

    def backtest(self, cutoff: date, settings, weights):
        return risk_load.backtest(self.key, cutoff, settings, weights)

    def pseudonyms(self) -> pd.DataFrame:
        return anon_load.pseudonyms(self.key)

    def recovery_base(self):
        return recovery_load.base(self.key, self.as_of)

    def losses_in(self, start: date, end: date) -> pd.DataFrame:
        return recovery_load.losses_in(self.key, self.as_of, start, end)

    def contacts(self) -> pd.DataFrame:
        return recovery_load.contacts(self.key, self.as_of) if self.available().winback else super().contacts()

    def chosen(self, n_days: int, start: date, end: date, campaigns: tuple[str, ...] = ()) -> pd.DataFrame:
        return recovery_load.chosen(self.key, self.as_of, n_days, start, end, campaigns)

    def effects(self, n_days: int, start: date, end: date, by: str) -> pd.DataFrame:
        return recovery_load.effects(self.key, self.as_of, n_days, start, end, (), by)

    def effect(self, n_days: int, start: date, end: date):
        return recovery_load.effect(self.key, self.as_of, n_days, start, end, ())

    def loyalty(self):
        return recovery_load.loyalty(self.key, self.as_of)

    def whatif_baseline(self):
        return whatif_load.baseline(self.key, self.as_of)

    def whatif_projection(self, levers):
        return whatif_load.projection(self.key, self.as_of, levers)


@cached(stored=False)   # a slide holds its chart; the loaders it is built from are stored
def slide(key: DatasetKey, as_of: date, step_id: str, lang: str, anon: bool) -> story.Slide:
    """Step ``step_id`` of the story (:func:`lib.story.build`)."""
    return story.build(con(key), key.dataset_id, as_of, step_id, lang, anon, source=LoadedSource(key, as_of))


# --- snapshots: read and written directly (never cached: another session may have changed them) ------

def snapshots() -> pd.DataFrame:
    """Every saved snapshot of the app's database file with the state of its dataset."""
    return snapshots_lib.listing(cursor())


def snapshot(name: str) -> snapshots_lib.Snapshot | None:
    """The snapshot called ``name``, or None."""
    return snapshots_lib.get(cursor(), name)


def save_snapshot(name: str | None, dataset_name: str, dataset_id: int, created_at, as_of: date,
                  settings: dict) -> str | None:
    """Save a snapshot; the problem with its name ('empty', 'too_long', 'control', 'duplicate') or None."""
    return snapshots_lib.save(cursor(), name or "", dataset_name=dataset_name, dataset_id=dataset_id,
                              created_at=created_at, as_of=as_of, settings=settings)


def delete_snapshot(name: str) -> bool:
    """Delete the snapshot ``name``; whether there was one."""
    return snapshots_lib.delete(cursor(), name)
