"""Side by side: two datasets of the file, or two segments, regions, acquisition channels or
cohorts of one dataset, compared at one as-of date with every difference tested.

* :mod:`.sides` -- what a side is (a dataset and the lifecycle filters), the values each kind
  offers, the customers a side keeps, where the retention curves start;
* :mod:`.figures` -- one side's figures, each by its owner's definition (overview, value,
  survival, lifecycle, recovery), and the comparison of two sides;
* :mod:`.differences` -- the tests: two proportions (Newcombe, Fisher), Welch, Mann-Whitney,
  log-rank, a bootstrap of the Gini difference, chi-square.
"""
from lib.compare.differences import (BOOTSTRAP_REPS, SEED, Difference, gini_bootstrap, logrank, mann_whitney, mix,
                                     proportions, welch)
from lib.compare.figures import (HEADLINE, NO_LIFETIMES, RETENTION_DAYS, Comparison, SideFigures, compare, flags,
                                 side_figures)
from lib.compare.sides import (DIMENSION, KINDS, choices, cohort_end, cohort_id, default_pair, filters_for, members,
                               retention_start, survival_start)

__all__ = [
    "BOOTSTRAP_REPS", "SEED", "Difference", "gini_bootstrap", "logrank", "mann_whitney", "mix", "proportions", "welch",
    "HEADLINE", "NO_LIFETIMES", "RETENTION_DAYS", "Comparison", "SideFigures", "compare", "flags", "side_figures",
    "DIMENSION", "KINDS", "choices", "cohort_end", "cohort_id", "default_pair", "filters_for", "members",
    "retention_start", "survival_start",
]
