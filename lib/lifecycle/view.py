"""The lifecycle page's state in the URL: filters, thresholds, the dates of the moves matrix,
the chosen danger point, toggles and the selection (:class:`View`), each under its own
``lc_*`` parameter."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lib.lifecycle.danger import DANGER_POINTS
from lib.lifecycle.filters import Filters
from lib.lifecycle.lists import SORT_KEYS, Selection
from lib.lifecycle.stage import Thresholds

#: URL parameter of each threshold.
THRESHOLD_PARAMS = {"new_days": "lc_new", "growth": "lc_grow", "decline": "lc_decl", "sleep_days": "lc_sleep",
                    "sleep_factor": "lc_sleepx", "lost_days": "lc_lost", "won_back_days": "lc_back"}
#: Every URL parameter the lifecycle page owns (it leaves all others alone).
URL_PARAMS = ("lc_seg", "lc_reg", "lc_chan", "lc_cohort", "lc_stat", "lc_danger", "lc_from", "lc_to", "lc_metric",
              "lc_share", "lc_sel", "lc_sort", "lc_asc", *THRESHOLD_PARAMS.values())


@dataclass(frozen=True)
class View:
    """Everything a shared link of the lifecycle page restores: filters, thresholds, the dates of
    the moves matrix (None: the defaults), the chosen danger point, toggles and the selection
    whose customers are listed.

    Examples
    --------
    >>> v = View(filters=Filters(segments=("B2B SME",), cohort_from=date(2024, 1, 1)), danger=4,
    ...          selection=Selection("stage", "lost"))
    >>> q = v.to_query(); q["lc_seg"], q["lc_cohort"], q["lc_danger"], q["lc_sel"]
    (['B2B SME'], '2024-01..', '4', 'stage:lost')
    >>> View.from_query({k: (val if isinstance(val, list) else [val]) for k, val in q.items()}) == (v, [])
    True
    """

    filters: Filters = Filters()
    thresholds: Thresholds = Thresholds()
    statistic: str = "mean"
    danger: int | None = None
    move_from: date | None = None
    move_to: date | None = None
    metric: str = "customers"
    trend_share: bool = False
    selection: Selection | None = None
    sort: str = "revenue_12m"
    descending: bool = True

    def to_query(self) -> dict[str, str | list[str]]:
        """The URL parameters of this view; values at their default are left out."""
        f, q = self.filters, {}
        for key, values in (("lc_seg", f.segments), ("lc_reg", f.regions), ("lc_chan", f.channels)):
            if values:
                q[key] = list(values)
        if f.cohort_from or f.cohort_to:
            q["lc_cohort"] = f"{_month_text(f.cohort_from)}..{_month_text(f.cohort_to)}"
        default = Thresholds()
        for name, key in THRESHOLD_PARAMS.items():
            value = getattr(self.thresholds, name)
            if value != getattr(default, name):
                q[key] = f"{value:g}"
        for key, value, default_value in (("lc_stat", self.statistic, "mean"), ("lc_metric", self.metric, "customers"),
                                          ("lc_sort", self.sort, "revenue_12m")):
            if value != default_value:
                q[key] = value
        if self.danger is not None:
            q["lc_danger"] = str(self.danger)
        if self.move_from:
            q["lc_from"] = self.move_from.isoformat()
        if self.move_to:
            q["lc_to"] = self.move_to.isoformat()
        if self.trend_share:
            q["lc_share"] = "1"
        if not self.descending:
            q["lc_asc"] = "1"
        if self.selection:
            q["lc_sel"] = self.selection.encode()
        return q

    @classmethod
    def from_query(cls, query: dict[str, list[str]]) -> tuple[View, list[str]]:
        """The view a link describes, and the names of the parameters that could not be read
        (those keep their defaults). ``query`` maps each parameter to all its values."""
        bad: list[str] = []

        def one(key: str) -> str | None:
            values = query.get(key) or []
            return values[-1] if values else None

        def parse(key: str, fn, default):
            text = one(key)
            if text is None or text == "":
                return default
            try:
                return fn(text)
            except (ValueError, TypeError):
                bad.append(key)
                return default

        cohort_from = cohort_to = None
        text = one("lc_cohort")
        if text:
            try:
                low, high = text.split("..", 1)
                cohort_from = _parse_month(low) if low else None
                cohort_to = _parse_month(high) if high else None
            except ValueError:
                bad.append("lc_cohort")
        filters = Filters(tuple(query.get("lc_seg") or ()), tuple(query.get("lc_reg") or ()),
                          tuple(query.get("lc_chan") or ()), cohort_from, cohort_to)
        default = Thresholds()
        values = {}
        for name, key in THRESHOLD_PARAMS.items():
            kind = type(getattr(default, name))
            values[name] = parse(key, lambda s, kind=kind: kind(float(s)) if kind is int else float(s), getattr(default, name))
        thresholds = Thresholds(**values)
        if thresholds.problems():
            bad.extend(THRESHOLD_PARAMS[n] for n in THRESHOLD_PARAMS if getattr(thresholds, n) != getattr(default, n))
            thresholds = default

        def choice(key: str, options: tuple[str, ...], default_value: str) -> str:
            value = one(key)
            if value is None:
                return default_value
            if value not in options:
                bad.append(key)
                return default_value
            return value

        def danger(text: str) -> int:
            n = int(text)
            if not 1 <= n <= len(DANGER_POINTS):
                raise ValueError(text)
            return n

        selection = None
        if one("lc_sel"):
            selection = Selection.decode(one("lc_sel"))
            if selection is None:
                bad.append("lc_sel")
        view = cls(
            filters=filters, thresholds=thresholds,
            statistic=choice("lc_stat", ("mean", "median"), "mean"),
            danger=parse("lc_danger", danger, None),
            move_from=parse("lc_from", date.fromisoformat, None),
            move_to=parse("lc_to", date.fromisoformat, None),
            metric=choice("lc_metric", ("customers", "revenue"), "customers"),
            trend_share=one("lc_share") == "1",
            selection=selection,
            sort=choice("lc_sort", SORT_KEYS, "revenue_12m"),
            descending=one("lc_asc") != "1",
        )
        return view, bad


def _month_text(day: date | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def _parse_month(text: str) -> date:
    year, month = text.split("-")[:2]
    return date(int(year), int(month), 1)
