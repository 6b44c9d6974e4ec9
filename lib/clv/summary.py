"""The calibration summary every model is fitted on, and the weekly repeat purchases.

Per customer: the number of repeat purchase days ``x``, the time of the last one ``t_x`` and the
length of observation ``T`` (weeks, counted from the first purchase day), the mean spend of the
repeat days and the repeat purchase days of an optional hold-out period — computed from a pandas
frame (:func:`summary_from_frame`) or in DuckDB (:func:`summary_from_db`, ``clv_summary*.sql``),
with the same numbers to the last bit. Same-day purchases are one purchase.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from lib.clv.optimise import FloatArray
from lib.queries import load as load_query


@dataclass(frozen=True, eq=False)  # holds arrays: identity, not element-wise, equality
class CalibrationSummary:
    """Per-customer calibration summary, sorted by ``customer_id``.

    ``customer_id`` is ``None`` when the summary was read without the ids
    (``summary_from_db(..., ids=False)``: the fits and their reports do not need them).
    ``x`` repeat purchase days in calibration, ``t_x`` weeks from first to last purchase day,
    ``T`` weeks from first purchase day to ``calibration_end`` (inclusive end), ``monetary``
    mean day amount of the repeat days (0 when ``x == 0``), ``x_holdout`` purchase days in
    ``(calibration_end, holdout_end]`` (all 0 without hold-out).
    """

    customer_id: NDArray[np.object_] | None
    x: NDArray[np.int64]
    t_x: FloatArray
    T: FloatArray
    monetary: FloatArray
    x_holdout: NDArray[np.int64]
    calibration_end: date
    holdout_end: date | None = None

    def __len__(self) -> int:
        return int(self.x.shape[0])

    @property
    def holdout_weeks(self) -> float:
        if self.holdout_end is None:
            return 0.0
        return (self.holdout_end - self.calibration_end).days / 7.0

    def to_frame(self) -> pd.DataFrame:
        """The summary as a frame (without a ``customer_id`` column when read without ids)."""
        ids = {} if self.customer_id is None else {"customer_id": self.customer_id}
        return pd.DataFrame(
            {
                **ids,
                "x": self.x,
                "t_x": self.t_x,
                "T": self.T,
                "monetary": self.monetary,
                "x_holdout": self.x_holdout,
            }
        )


def _as_date(value: Any) -> date:
    return pd.Timestamp(value).date()


def _day_numbers(values: Any) -> NDArray[np.int64]:
    stamps = pd.to_datetime(pd.Series(values)).to_numpy()
    return stamps.astype("datetime64[D]").astype(np.int64)


def _day_number(value: Any) -> int:
    return int(np.datetime64(_as_date(value), "D").astype(np.int64))


def _holdout_day(calibration_end: date, holdout_end: Any) -> date:
    hold = calibration_end if holdout_end is None else _as_date(holdout_end)
    if hold < calibration_end:
        raise ValueError(f"holdout_end {hold} is before calibration_end {calibration_end}")
    return hold


def summary_from_frame(
    df: pd.DataFrame, calibration_end: Any, holdout_end: Any = None
) -> CalibrationSummary:
    """Calibration summary from transactions in a pandas frame.

    Rows are merged per customer and day (amounts summed, at cent precision). A day is a
    purchase day when it has at least one row with ``amount >= 0``: a day of returns only is not
    a purchase, while the zero-amount rows of CDNOW do count, as in the published set-up.
    Customers whose first purchase day is after ``calibration_end`` are left out.

    Parameters
    ----------
    df : DataFrame with columns ``customer_id``, ``date``, ``amount``.
    calibration_end : last day (inclusive) of the calibration period.
    holdout_end : last day (inclusive) of the hold-out period, or ``None`` for none.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                    "date": ["2024-01-01", "2024-01-08", "2024-01-08", "2024-01-03"],
    ...                    "amount": [10.0, 5.0, 7.0, 3.0]})
    >>> s = summary_from_frame(tx, "2024-01-15")
    >>> s.x.tolist(), s.t_x.tolist(), s.monetary.tolist()
    ([1, 0], [1.0, 0.0], [12.0, 0.0])
    """
    missing = {"customer_id", "date", "amount"} - set(df.columns)
    if missing:
        raise ValueError(f"transactions frame lacks column(s) {sorted(missing)}")
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    cal_day, hold_day = _day_number(cal), _day_number(hold)

    day = _day_numbers(df["date"])
    # Cents as integers so that the sums are exact, like DECIMAL sums in DuckDB.
    cents = np.rint(pd.to_numeric(df["amount"]).to_numpy(dtype=float) * 100.0).astype(np.int64)
    keep = day <= hold_day
    rows = pd.DataFrame(
        {
            "customer_id": df["customer_id"].astype(str).to_numpy(dtype=object)[keep],
            "day": day[keep],
            "cents": cents[keep],
        }
    )
    days = rows.groupby(["customer_id", "day"], sort=True, as_index=False).agg(
        cents=("cents", "sum"), top=("cents", "max")
    )
    days = days[days["top"] >= 0]
    first = days.groupby("customer_id")["day"].transform("min").to_numpy()
    cohort = first <= cal_day
    days, first = days[cohort], first[cohort]
    day_no = days["day"].to_numpy()
    in_cal = day_no <= cal_day
    repeat = in_cal & (day_no > first)
    per = (
        pd.DataFrame(
            {
                "customer_id": days["customer_id"].to_numpy(),
                "first": first,
                "n_cal": in_cal.astype(np.int64),
                "last": np.where(in_cal, day_no, first),
                "rep_cents": np.where(repeat, days["cents"].to_numpy(), 0),
                "n_hold": (~in_cal).astype(np.int64),
            }
        )
        .groupby("customer_id", sort=True)
        .agg(
            first=("first", "min"),
            n_cal=("n_cal", "sum"),
            last=("last", "max"),
            rep_cents=("rep_cents", "sum"),
            n_hold=("n_hold", "sum"),
        )
    )
    x = per["n_cal"].to_numpy(dtype=np.int64) - 1
    first_day = per["first"].to_numpy(dtype=np.int64)
    t_x = (per["last"].to_numpy(dtype=np.int64) - first_day).astype(float) / 7
    big_t = (cal_day - first_day).astype(float) / 7
    # Same operation order as the SQL (cents / 100, then / x) so both agree to the last bit.
    with np.errstate(divide="ignore", invalid="ignore"):
        monetary = np.where(x > 0, per["rep_cents"].to_numpy(dtype=float) / 100 / x, 0.0)
    return CalibrationSummary(
        customer_id=per.index.to_numpy(dtype=object),
        x=x,
        t_x=t_x,
        T=big_t,
        monetary=monetary,
        x_holdout=per["n_hold"].to_numpy(dtype=np.int64),
        calibration_end=cal,
        holdout_end=None if holdout_end is None else hold,
    )


#: Where :func:`summary_from_db` reads the purchase days: the query for each source, with and
#: without the customer ids.
_SUMMARY_QUERIES = {("customer_days", True): "clv_summary", ("customer_days", False): "clv_summary_arrays",
                    ("transactions", False): "clv_summary_transactions"}


def summary_from_db(
    conn: Any, dataset_id: int, calibration_end: Any, holdout_end: Any = None, *,
    ids: bool = True, days: str = "customer_days",
) -> CalibrationSummary:
    """Calibration summary computed in DuckDB (``lib/queries/clv_summary*.sql``).

    Same definitions and same numbers as :func:`summary_from_frame`, on the ``transactions``
    rows of ``dataset_id``.

    Parameters
    ----------
    ids : read the customer ids too; without them (``customer_id`` is ``None``) a million
        customers' summary is read in about half the time, for callers that only fit.
    days : ``"customer_days"`` reads the derived per-day table (lib/derived.sql; the dataset's
        derived rows must be built); ``"transactions"`` merges the transactions per day itself,
        with the same result, for a dataset whose derived tables are not built (only without ids).

    Examples
    --------
    >>> import duckdb
    >>> from pathlib import Path
    >>> conn = duckdb.connect(":memory:")
    >>> _ = conn.execute((Path(__file__).parents[1] / "schema.sql").read_text())
    >>> _ = conn.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) "
    ...                  "VALUES (1, 'a', DATE '2024-01-01', 10), (1, 'a', DATE '2024-01-08', 12)")
    >>> summary_from_db(conn, 1, "2024-01-15", ids=False, days="transactions").x.tolist()
    [1]
    >>> from lib import derived; derived.build(conn, 1)
    >>> summary_from_db(conn, 1, "2024-01-15").x.tolist()
    [1]
    """
    query = _SUMMARY_QUERIES.get((days, ids))
    if query is None:
        raise ValueError(f"cannot read the summary from {days!r} with ids={ids}")
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    res = conn.execute(
        load_query(query),
        {"dataset_id": int(dataset_id), "calibration_end": cal, "holdout_end": hold},
    ).fetchnumpy()
    return CalibrationSummary(
        customer_id=np.asarray(res["customer_id"], dtype=object) if ids else None,
        x=np.asarray(res["x"], dtype=np.int64),
        t_x=np.asarray(res["t_x"], dtype=float),
        T=np.asarray(res["T"], dtype=float),
        monetary=np.asarray(res["monetary"], dtype=float),
        x_holdout=np.asarray(res["x_holdout"], dtype=np.int64),
        calibration_end=cal,
        holdout_end=None if holdout_end is None else hold,
    )


def first_purchase_days(summary: CalibrationSummary, start: Any) -> NDArray[np.int64]:
    """Day of each customer's first purchase, counted from ``start`` (day 0).

    Examples
    --------
    >>> s = CalibrationSummary(np.array(["a"], dtype=object), np.array([0]), np.array([0.0]),
    ...                        np.array([1.0]), np.array([0.0]), np.array([0]), date(2024, 1, 15))
    >>> first_purchase_days(s, "2024-01-01").tolist()
    [7]
    """
    offset = (summary.calibration_end - _as_date(start)).days
    return offset - np.rint(np.asarray(summary.T, dtype=float) * 7).astype(np.int64)


def _week_count(start: date, holdout_end: date) -> int:
    if start > holdout_end:
        raise ValueError(f"start {start} is after the end of the period {holdout_end}")
    return -(-((holdout_end - start).days + 1) // 7)


def weekly_repeats_from_frame(
    df: pd.DataFrame, start: Any, calibration_end: Any, holdout_end: Any
) -> NDArray[np.int64]:
    """Repeat purchase days per week (week 1 starts on ``start``) through ``holdout_end``.

    Counts the purchase days (as in :func:`summary_from_frame`) after each customer's first,
    for the customers whose first purchase is on or before ``calibration_end`` — the actual
    series of the tracking plot.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a"], "amount": [1.0, 2.0, 3.0],
    ...                    "date": ["2024-01-01", "2024-01-02", "2024-01-09"]})
    >>> weekly_repeats_from_frame(tx, "2024-01-01", "2024-01-07", "2024-01-14").tolist()
    [1, 1]
    """
    start_d = _as_date(start)
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    day = _day_numbers(df["date"])
    cents = np.rint(pd.to_numeric(df["amount"]).to_numpy(dtype=float) * 100.0).astype(np.int64)
    keep = day <= _day_number(hold)
    rows = pd.DataFrame(
        {"customer_id": df["customer_id"].astype(str).to_numpy(dtype=object)[keep],
         "day": day[keep], "cents": cents[keep]}
    )
    days = rows.groupby(["customer_id", "day"], as_index=False).agg(top=("cents", "max"))
    days = days[days["top"] >= 0]
    first = days.groupby("customer_id")["day"].transform("min").to_numpy()
    day_no = days["day"].to_numpy()
    repeat = (first <= _day_number(cal)) & (day_no > first) & (day_no >= _day_number(start_d))
    n_weeks = _week_count(start_d, hold)
    week = (day_no[repeat] - _day_number(start_d)) // 7
    return np.bincount(week, minlength=n_weeks).astype(np.int64)[:n_weeks]


def weekly_repeats_from_db(
    conn: Any, dataset_id: int, start: Any, calibration_end: Any, holdout_end: Any
) -> NDArray[np.int64]:
    """:func:`weekly_repeats_from_frame` computed in DuckDB (``clv_holdout.sql``)."""
    start_d = _as_date(start)
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    res = conn.execute(
        load_query("clv_holdout"),
        {"dataset_id": int(dataset_id), "start": start_d, "calibration_end": cal,
         "holdout_end": hold},
    ).fetchnumpy()
    out = np.zeros(_week_count(start_d, hold), dtype=np.int64)
    week = np.asarray(res["week"], dtype=np.int64)
    out[week - 1] = np.asarray(res["repeat_purchases"], dtype=np.int64)
    return out
