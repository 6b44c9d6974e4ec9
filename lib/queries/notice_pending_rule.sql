-- The one rule for a cancellation notice pending (open) at $as_of: a boolean over a notice's
-- columns date, outcome, outcome_date, effective_date. Included where a query needs it (the
-- pending notices of notice_pending.sql, the notice status of notice_rows.sql). A notice is
-- pending when
--   it is dated on or before $as_of,
--   it was not decided by then: no outcome took_effect / withdrawn / averted dated on or before
--   $as_of (dated by outcome_date, else effective_date, else the notice date), and
--   its effective date has not passed (effective_date >= $as_of); without an effective date only
--   a notice marked open, or decided after $as_of, is pending (an old notice without any outcome
--   or effective date is not known to be pending).
(date <= $as_of
 AND NOT (coalesce(outcome IN ('took_effect', 'withdrawn', 'averted'), false)
          AND coalesce(outcome_date, effective_date, date) <= $as_of)
 AND (effective_date >= $as_of
      OR (effective_date IS NULL AND coalesce(outcome IN ('open', 'took_effect', 'withdrawn', 'averted'), false))))
