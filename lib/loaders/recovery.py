"""Loaders of the win-back page (lib/recovery/).

Every result of one as-of date builds on :func:`base` (losses, lost and sleeping customers) and
:func:`contacts` (the win-back contacts); those of a period on :func:`losses_in` (the losses
dated in it) or :func:`chosen` (the contacts dated in it, of the chosen campaigns, judged with a
window of ``n_days``). A dataset without a win-back table has no contacts: the loaders that need
them read :data:`lib.recovery.EMPTY_CONTACTS` (or None for the summary) instead.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import metrics, recovery
from lib.loaders import DatasetKey, available, cached, con  # noqa: F401  (available: the page reads it here)
from lib.loaders import metrics as metrics_loaders
from lib.loaders.metrics import customer_metrics, pending_notices
from lib.loaders.value import clv_model  # one CLV fit per dataset and as-of date, shared with the value page
from lib.recovery import notices as nt


# --- step 1: losses, lost and sleeping customers ----------------------------------------------------

@cached
def base(key: DatasetKey, as_of: date) -> recovery.Base:
    """Every loss up to ``as_of`` and the customers lost or sleeping then and a year earlier."""
    return recovery.base(con(key), key.dataset_id, as_of)


@cached
def stock_counts(key: DatasetKey, as_of: date) -> dict:
    """The headline numbers of step 1: lost (per kind), sleeping, and their former value."""
    return recovery.stock_counts(base(key, as_of))


@cached
def candidates(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """The win-back candidates by priority (former value x likelihood of return)."""
    return recovery.candidates((base(key, as_of), _contacts_or_empty(key, as_of)))


@cached
def clv_at_loss(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """CLV and P(alive) of every candidate at their last purchase before the loss."""
    return recovery.clv_at_loss((con(key), key.dataset_id, as_of, candidates(key, as_of), clv_model(key, as_of)))


@cached
def candidates_by_clv(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """The candidates with their CLV at loss, prioritised by CLV at loss x likelihood of return."""
    return recovery.with_clv(candidates(key, as_of), clv_at_loss(key, as_of))


@cached
def candidates_valued(key: DatasetKey, as_of: date, by_clv: bool, basis: str = metrics.DEFAULT_VALUE_BASIS) -> pd.DataFrame:
    """The candidates (prioritised by CLV at loss with ``by_clv``, else by former revenue) with
    value and value group at ``as_of`` on ``basis`` (lib.metrics, as on the risk page)."""
    frame = candidates_by_clv(key, as_of) if by_clv else candidates(key, as_of)
    return recovery.with_value(frame, metrics_loaders.value_groups(key, as_of, basis), basis)


# --- cancellation notices (between steps 1 and 2) ---------------------------------------------------------

@cached
def notices(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """Every cancellation notice up to ``as_of`` with its status and its value group at the notice
    (the CLV on the day before it against the cut of the as-of date's value groups)."""
    frame = nt.notices(con(key), key.dataset_id, as_of)
    if frame.empty:
        return frame.assign(clv_at_notice=pd.Series(dtype=float), value_group=pd.Series(dtype=object))
    clv = nt.clv_at_notice((con(key), key.dataset_id, as_of, frame, clv_model(key, as_of)))
    return nt.with_value_groups(frame, clv, metrics.high_value_cut(customer_metrics(key, as_of).frame))


@cached
def notice_coverage(key: DatasetKey, as_of: date) -> nt.Coverage:
    """What the notices up to ``as_of`` hold (outcomes, measures, reasons)."""
    return nt.coverage(nt.notices(con(key), key.dataset_id, as_of))


@cached
def notices_in(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """The notices dated in [start, end]."""
    return nt.in_period(notices(key, as_of), start, end)


@cached
def notice_months(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """The notices of [start, end] per month and status."""
    return nt.monthly(notices_in(key, as_of, start, end))


@cached
def save_rates(key: DatasetKey, as_of: date, start: date, end: date, by: str | None = None) -> pd.DataFrame:
    """The save rate of the decided notices of [start, end], overall or by measure, reason, segment
    or value group."""
    return nt.save_rates(notices_in(key, as_of, start, end), by)


@cached
def decision_time(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Days from notice to outcome of the decided notices of [start, end]."""
    return nt.decision_time(notices_in(key, as_of, start, end))


@cached
def revenue_kept(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """Revenue in the 12 months before and after the notice, saved against lost (all notices
    whose 12 months after have passed)."""
    return nt.revenue_kept(notices(key, as_of))


@cached
def notice_staying(key: DatasetKey, as_of: date) -> nt.Staying:
    """Do saved customers stay: survival from the notice to the next loss, and notices again."""
    return nt.staying(notices(key, as_of), base(key, as_of).losses, as_of)


@cached
def open_notices(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """The customers with a notice pending at ``as_of``, by CLV."""
    return nt.open_list(pending_notices(key, as_of), customer_metrics(key, as_of).frame, as_of)


# --- step 2: causes -----------------------------------------------------------------------------------

@cached
def losses_in(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """The losses up to ``as_of`` whose loss date lies in [start, end]."""
    return recovery.losses_in(base(key, as_of), start, end)


@cached
def monthly_losses(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """The losses of [start, end] per month and kind."""
    return recovery.monthly_losses(losses_in(key, as_of, start, end))


@cached
def loss_details(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Stage before and early-warning signals of each loss of [start, end] (and a reference sample)."""
    return recovery.loss_details((con(key), key.dataset_id, losses_in(key, as_of, start, end)), as_of)


@cached
def breakdown(key: DatasetKey, as_of: date, start: date, end: date, by: str) -> pd.DataFrame:
    """Loss reasons of [start, end] within each segment, stage before the loss or value group."""
    details = loss_details(key, as_of, start, end)
    return recovery.breakdown_of((losses_in(key, as_of, start, end), details), by)


@cached
def signal_table(key: DatasetKey, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Share of the losses of [start, end] with each early-warning signal, per reason."""
    return recovery.signal_table(losses_in(key, as_of, start, end), loss_details(key, as_of, start, end))


# --- steps 3 and 4: contacts, measures and success control ---------------------------------------------

@cached
def contacts(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """Every win-back contact up to ``as_of`` with what followed it."""
    return recovery.contacts(con(key), key.dataset_id, as_of)


def _contacts_or_empty(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """:func:`contacts`, or the empty contacts frame of a dataset without a win-back table."""
    return contacts(key, as_of) if available(key).winback else recovery.EMPTY_CONTACTS


@cached
def outcomes(key: DatasetKey, as_of: date, n_days: int) -> pd.DataFrame:
    """The contacts judged with a window of ``n_days``: mature, won, days_to_return."""
    return recovery.outcomes(contacts(key, as_of), n_days, as_of)


@cached
def chosen(key: DatasetKey, as_of: date, n_days: int, start: date, end: date,
           campaigns: tuple[str, ...]) -> pd.DataFrame:
    """The judged contacts dated in [start, end], of ``campaigns`` (all when empty)."""
    return recovery.in_period(outcomes(key, as_of, n_days), start, end, campaigns)


@cached
def summary(key: DatasetKey, as_of: date, n_days: int, start: date, end: date,
            campaigns: tuple[str, ...]) -> recovery.Summary:
    """The numbers of the plain-words summary of [start, end] (no contacts without a win-back table)."""
    frame = chosen(key, as_of, n_days, start, end, campaigns) if available(key).winback else None
    return recovery.summary(base(key, as_of), frame, start, end)


@cached
def effects(key: DatasetKey, as_of: date, n_days: int, start: date, end: date, campaigns: tuple[str, ...],
            by: str) -> pd.DataFrame:
    """What each campaign or measure (``by``) of the chosen contacts achieved against its control group."""
    return recovery.effects(chosen(key, as_of, n_days, start, end, campaigns), (by,))


@cached
def effect(key: DatasetKey, as_of: date, n_days: int, start: date, end: date,
           campaigns: tuple[str, ...]) -> recovery.Effect:
    """What all chosen contacts achieved together."""
    return recovery.effect(chosen(key, as_of, n_days, start, end, campaigns))


@cached
def pooled(key: DatasetKey, as_of: date, n_days: int, start: date, end: date,
           campaigns: tuple[str, ...]) -> recovery.Pooled | None:
    """The chosen contacts' effect pooled over their campaigns (campaigns as strata)."""
    return recovery.pooled(chosen(key, as_of, n_days, start, end, campaigns))


@cached
def reason_measure(key: DatasetKey, as_of: date, n_days: int, start: date, end: date,
                   campaigns: tuple[str, ...]) -> pd.DataFrame:
    """The loss reason x measure grid of the chosen contacts."""
    return recovery.reason_measure(chosen(key, as_of, n_days, start, end, campaigns))


@cached
def cumulative_wins(key: DatasetKey, as_of: date, n_days: int, start: date, end: date,
                    campaigns: tuple[str, ...]) -> pd.DataFrame:
    """Share of the chosen contacts won back by each day after the contact, per group."""
    return recovery.cumulative_wins(chosen(key, as_of, n_days, start, end, campaigns), n_days)


# --- step 5: second loyalty, and after-sales -------------------------------------------------------------

@cached
def loyalty(key: DatasetKey, as_of: date) -> recovery.Loyalty:
    """Won-back customers against matched never-lost customers up to ``as_of``."""
    return recovery.loyalty((con(key), key.dataset_id, base(key, as_of), _contacts_or_empty(key, as_of)), as_of)


@cached
def aftersales(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """Repurchase within 12 months by satisfaction with the sale and with after-sales."""
    return recovery.aftersales(con(key), key.dataset_id, as_of)
