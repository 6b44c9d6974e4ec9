"""The customer lifecycle: every customer's stage at an as-of date, the stage trend and the
transitions between two dates, the lifecycle curve with its phases, cohort retention, and the
evidence for the 14 danger points along the lifecycle.

One module per subject (named so that none shadows a function of the same name):

* :mod:`.stage` -- the stage rule's thresholds and calendar windows, returns, the per-customer
  stages (the one stage rule: lib/queries/lifecycle_stage_rule.sql), the distribution per stage
  and the transitions between two dates;
* :mod:`.stage_trend` -- customers per stage at every month end (the trend cube) and its aggregate;
* :mod:`.filters` -- the page's filters, the values they offer and the combinations they keep;
* :mod:`.curves` -- the lifecycle and revitalisation curves, cohort retention, lead time, and the
  phases placed from the curve;
* :mod:`.danger` -- the 14 danger points, their evidence and exposures, their chart markers;
* :mod:`.lists` -- the customers of a selection (a stage, a transition or a cohort cell).

Everything reads the derived ``lifecycle_*`` tables (lib/derived.sql), built once per dataset by
lib.derived; this package never imports lib.derived.

The page caches the per-customer frames (:func:`stages`, about 50 bytes a customer) and the small
cubes (:func:`trend_cube`) per dataset, as-of date and thresholds; every filter then aggregates
over them in DuckDB (:func:`distribution`, :func:`trend`, ...), so a filter change costs tens of
milliseconds even for a million customers. Filters travel as SQL parameters, resolved once into
the set of matching filter combinations (:func:`picked`).
"""
from lib.lifecycle.curves import (DAYS_PER_MONTH, MIN_CUSTOMERS, PHASES, Layout, Phase, curve, layout, lead_time,
                                 reliable, retention, revival)
from lib.lifecycle.danger import (DANGER_POINTS, DangerPoint, Finding, evidence, exposures, finding, first_year,
                                  marker_positions, point_evidence)
from lib.lifecycle.filters import Filters, dimensions, picked
from lib.lifecycle.lists import LIST_LIMIT, SORT_KEYS, Selection, customer_list
from lib.lifecycle.stage import (STAGES, UNKNOWN, Thresholds, distribution, last_complete_month, month_end, months_back,
                                  returns, stage_codes, stages, transitions, window_starts)
from lib.lifecycle.stage_trend import trend, trend_cube

__all__ = [
    "DAYS_PER_MONTH", "MIN_CUSTOMERS", "PHASES", "Layout", "Phase", "curve", "layout", "lead_time", "reliable",
    "retention", "revival",
    "DANGER_POINTS", "DangerPoint", "Finding", "evidence", "exposures", "finding", "first_year", "marker_positions",
    "point_evidence",
    "Filters", "dimensions", "picked",
    "LIST_LIMIT", "SORT_KEYS", "Selection", "customer_list",
    "STAGES", "UNKNOWN", "Thresholds", "distribution", "last_complete_month", "month_end", "months_back", "returns",
    "stage_codes", "stages", "transitions", "window_starts",
    "trend", "trend_cube",
]
