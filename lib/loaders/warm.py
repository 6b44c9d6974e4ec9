"""Warm-up: compute a dataset's default views once, right after it was imported or first
opened, so nobody waits for them later.

The warm-up builds every step of the story (lib/story) at the dataset's last date through the
cached loaders: the story's steps read the same loaders, with the same default settings, as the
pages' first screens (lifecycle, value, risk with its proof, win-back, loyalty, what-if). Each
result lands in the loaders' memory cache and, where it took a while, in the database file
(:mod:`lib.results`), so the views are quick in this process and in the next one after a
restart. A result already stored is only read back.

The app starts it on a background thread when a page first opens a dataset
(:func:`in_background`, once per dataset and process); the command line runs it with
``python -m lib warm --dataset NAME`` or ``python -m lib import ... --warm``.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from dataclasses import field as data_field
from datetime import date
from typing import Callable

from lib import db, results, story, switches
from lib.i18n import LANGS
from lib.loaders import DatasetKey, cursor
from lib.loaders import story as story_load

log = logging.getLogger(__name__)


def last_date(key: DatasetKey) -> date | None:
    """The dataset's last transaction date: the as-of date every page opens with."""
    return db.last_transaction_date(cursor(key.db_path), key.dataset_id)


def warm(key: DatasetKey, as_of: date | None = None,
         progress: Callable[[int, int, str, float], None] | None = None) -> dict[str, float]:
    """Build the story's steps of dataset ``key`` at ``as_of`` (default: its last date) and wait
    until their results are stored; seconds per step, in story order. ``progress(done, total,
    step_id, seconds)`` after each step. A step that fails (data a loader cannot take) is logged
    and gets NaN seconds; the others are built all the same (:func:`failed` lists them)."""
    as_of = as_of or last_date(key)
    seconds: dict[str, float] = {}
    if as_of is None:   # no transactions: nothing to show, nothing to warm
        return seconds
    steps = [(f"page {page}", lambda page=page: first_screen(key, as_of, page)) for page in PAGES]
    steps += [(step.id, lambda step=step: story_load.slide(key, as_of, step.id, "en", False)) for step in story.STEPS]
    steps.append(("page compare", lambda: first_screen(key, as_of, "compare")))   # the costliest, and rarely first
    for i, (name, build) in enumerate(steps, start=1):
        t0 = time.perf_counter()
        try:
            build()
            seconds[name] = time.perf_counter() - t0
        except Exception as exc:   # the page computes it when opened, and says what is wrong
            log.warning("warm-up of dataset %s: %s stopped: %s", key.dataset_id, name, exc)
            seconds[name] = float("nan")
        if progress:
            progress(i, len(steps), name, seconds[name])
    results.flush(None)
    return seconds


def failed(seconds: dict[str, float]) -> list[str]:
    """The steps of a :func:`warm` result that failed."""
    return [name for name, s in seconds.items() if s != s]


#: The pages whose first screen :func:`first_screen` builds first, in the order of the app's menu
#: (then the story's steps, then the comparison's first screen).
PAGES = ("overview", "lifecycle", "value", "risk", "recovery")


def first_screen(key: DatasetKey, as_of: date, page: str) -> None:
    """Call the loaders of ``page``'s first screen with the page's defaults and the same
    arguments, in both languages (tests/test_warm.py opens every page after the warm-up in a new
    process and fails if any of them computes). The story's steps read most of what the pages
    need beyond these. The comparison page opens with two segments of the dataset when the file
    holds no other dataset with transactions, else with this dataset and the next one."""
    from lib import lifecycle as lc
    from lib import metrics, recovery, risk
    from lib.loaders import available, lifecycle, overview, risk as risk_load, value
    from lib.loaders import recovery as recovery_load

    if page == "overview":
        overview.kpis(key, as_of)
        overview.monthly_activity(key, as_of)
        overview.coverage(key)
    elif page == "lifecycle":
        thresholds, filters = lc.Thresholds(), lc.Filters()
        lifecycle.dimensions(key)
        lifecycle.pending_by_stage(key, as_of, thresholds, filters)
        curve = lifecycle.curve_view(key, as_of, thresholds, filters, "mean")
        lifecycle.evidence(key, as_of, thresholds, filters)
        for lang in LANGS:
            lifecycle.stage_table(key, as_of, thresholds, filters, lang)
            for field in ("customers", "revenue_12m"):
                lifecycle.stage_bars_spec(key, as_of, thresholds, filters, field, None, lang)
            lifecycle.danger_summaries(key, as_of, thresholds, filters, lang)
            if not curve.shown.empty:   # as the page: no chart of a curve without buyers
                lifecycle.curve_spec(key, as_of, thresholds, filters, "mean", None, lang)
    elif page == "value":
        value.customer_values(key, as_of)
        value.default_cuts(key, as_of)
        value.concentration(key, as_of, "revenue_12m")
        for lang in LANGS:
            value.value_bands(key, as_of, "revenue_12m", lang)
    elif page == "risk":
        settings, weights = risk.Settings(window=90, method="auto"), risk.Weights()
        method = risk_load.assessment(key, as_of, settings).method
        cuts = tuple(float(int(c)) for c in risk.default_bands(method))
        risk_load.scores(key, as_of, settings, weights)
        risk_load.score_histogram(key, as_of, settings, weights, cuts)
        risk_load.signal_summary(key, as_of, settings, weights)
    elif page == "recovery":
        avail = available(key)
        start, end = recovery.default_period(as_of, avail.first_date)
        recovery_load.base(key, as_of)
        recovery_load.stock_counts(key, as_of)
        recovery_load.monthly_losses(key, as_of, start, end)
        if avail.winback:
            recovery_load.contacts(key, as_of)
            recovery_load.chosen(key, as_of, recovery.DEFAULT_N, start, end, ())
        recovery_load.summary(key, as_of, recovery.DEFAULT_N, start, end, ())
        recovery_load.clv_model(key, as_of)
        recovery_load.candidates_valued(key, as_of, False, metrics.DEFAULT_VALUE_BASIS)
    elif page == "compare":
        _compare_screen(key, as_of)
    else:
        raise ValueError(f"no first screen for page {page!r}")


def _compare_screen(key: DatasetKey, as_of: date) -> None:
    """The comparison page's first screen (pages/compare.py), the comparison and the first tab's
    curves: with one dataset with transactions in the file, two of its segments; with several,
    this dataset against the next one of the catalogue (oldest first), when that one's derived
    tables are built (the page builds them when it opens it; a warm-up does not)."""
    from lib import compare, derived
    from lib.loaders import available
    from lib.loaders import compare as compare_load

    first = available(key).first_date
    if first is None or as_of < first:
        return
    cur = cursor(key.db_path)
    ids = dict(cur.execute(   # name -> id of the datasets with transactions (this one among them)
        "SELECT d.name, d.id FROM datasets d WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.dataset_id = d.id) "
        "ORDER BY d.created_at, d.id").fetchall())
    if len(ids) > 1:
        own = next(name for name, ds in ids.items() if ds == key.dataset_id)
        pair = compare.default_pair(tuple(ids), own)
        if not derived.is_built(cur, ids[pair[1]]):
            return
        keys = [key, DatasetKey(key.db_path, ids[pair[1]])]
        other_first = available(keys[1]).first_date
        if other_first is None or as_of < other_first:
            return
        filters = [compare.filters_for("datasets", v) for v in pair]
        starts = [compare.retention_start("datasets", v, max(first, other_first), as_of) for v in pair]
    else:
        options = compare.choices(compare_load.dimensions(key), "segment")
        pair = compare.default_pair(options)
        if len(options) < 2 or pair[0] == pair[1]:
            return
        keys = [key, key]
        filters = [compare.filters_for("segment", v) for v in pair]
        starts = [compare.retention_start("segment", v, first, as_of) for v in pair]
    compare_load.comparison(keys[0], filters[0], starts[0], keys[1], filters[1], starts[1], as_of)
    for k, flt in zip(keys, filters):
        compare_load.curve(k, as_of, flt)


ENABLED_ENV = switches.WARM_ENV


def enabled() -> bool:
    """Whether the app starts warm-ups (``LIFECYCLE_WARM`` is not ``0``, :data:`lib.switches.WARM_ENV`)."""
    return switches.switch(ENABLED_ENV)


@dataclass
class Run:
    """A warm-up running on a thread of its own (:func:`start`), for a page to show: ``done`` of
    ``total`` steps, ``finished`` (successfully or not), and once finished ``failed`` (the steps
    that failed), ``stopped`` (a problem stopped it as a whole) and ``seconds``. The pages
    compute what a warm-up did not store when they are opened."""

    done: int = 0
    total: int = 0
    finished: bool = False
    failed: list[str] = data_field(default_factory=list)
    stopped: bool = False
    seconds: float = 0.0

    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def start(key: DatasetKey, *, background: bool = True) -> Run | None:
    """Start :func:`warm` for ``key`` on a thread of its own, unless warm-ups are off or this
    process has started one for ``key`` already (here, the sidebar, or the server's preload,
    lib/ui/serve.py); its :class:`Run`, or None. The thread never fails anyone: a problem is
    logged, and the pages compute what they need themselves. ``background``: run at a lower
    priority (nobody is waiting for it; the data page's import waits, so it does not ask for
    that). The thread goes on when the page that started it is left."""
    if not enabled():
        return None
    run = begin(key)
    if run is not None:
        threading.Thread(target=follow, args=(key, run, background), name=f"warm-{key.dataset_id}",
                         daemon=True).start()
    return run


#: Each dataset's warm-up in this process, the latest one; one that a problem stopped as a whole
#: no longer counts, so the next page that opens the dataset may try again.
_runs: dict[tuple[str, int], Run] = {}
_lock = threading.Lock()


def begin(key: DatasetKey) -> Run | None:
    """The :class:`Run` of the warm-up of ``key`` this caller must now do (:func:`follow`), or
    None when this process has one already (done, or running: here, the sidebar, or the
    server's preload). From here on the sidebar says the dataset's pages are being prepared
    (:func:`running`)."""
    with _lock:
        earlier = _runs.get((key.db_path, key.dataset_id))
        if earlier is not None and not earlier.stopped:
            return None
        run = _runs[(key.db_path, key.dataset_id)] = Run()
    return run


def claim(key: DatasetKey) -> bool:
    """Whether this caller is the first in this process to warm ``key`` (then it must):
    :func:`begin` for a caller that shows no progress."""
    return begin(key) is not None


def running(key: DatasetKey) -> Run | None:
    """The warm-up of ``key`` this process runs now, or None (none started, or finished)."""
    run = _runs.get((key.db_path, key.dataset_id))
    return run if run is not None and not run.finished else None


def in_background(key: DatasetKey) -> bool:
    """:func:`start` at a lower priority; whether it started."""
    return start(key) is not None


def follow(key: DatasetKey, run: Run, background: bool = True, before: Callable[[], None] | None = None) -> bool:
    """Do the warm-up ``run`` of ``key`` (:func:`begin`), ``before()`` first (the server's preload
    builds the derived tables there); False when a problem stopped it as a whole (logged, as is
    each failed step: the pages then compute what they need themselves)."""
    if background:
        results.lower_priority()
    t0 = time.perf_counter()

    def step(done: int, total: int, name: str, seconds: float) -> None:
        run.done, run.total = done, total

    try:
        if before is not None:
            before()
        run.failed = failed(warm(key, progress=step))
    except Exception as exc:   # a dataset replaced meanwhile, a busy file: the pages compute on demand
        log.warning("warm-up of dataset %s stopped: %s", key.dataset_id, exc)
        run.stopped = True   # the next page that opens the dataset may try again (begin)
        return False
    finally:
        run.seconds = time.perf_counter() - t0
        run.finished = True
    log.info("warm-up of dataset %s done in %.1f s", key.dataset_id, run.seconds)
    return True
