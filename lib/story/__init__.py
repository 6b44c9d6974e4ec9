"""The story: a guided sequence of steps through the dataset, one idea per step, for a workshop.

The story is data and pure functions (no Streamlit): the story page (pages/story.py) and the
deck command (``python -m lib deck``) both build their slides here.

* :data:`STEPS` -- the steps in order, each with a language-neutral ``id``, the ``page`` (url
  path) whose details it summarises, the page settings it fixes (``params``, the URL of the
  "details on the page" link) and the optional input tables it ``needs``;
* :func:`build` -- one step as a :class:`Slide`: title, ONE takeaway sentence computed from the
  data, a chart from the builders in :mod:`lib.charts`, a caption with the definition, the
  definitions for the speaker notes and, for a list, a table.

Every number comes from the same lib functions the pages' loaders call (through
:class:`lib.story.source.Source`, which the app replaces by one that calls the cached loaders),
so a slide shows what the page shows. A step whose input tables the dataset lacks says what is
missing instead of failing.
"""
from __future__ import annotations

from datetime import date

from lib.story import lifecycle as _lifecycle, recovery as _recovery, risk as _risk, value as _value  # noqa: F401
from lib.story import whatif as _whatif  # noqa: F401
from lib.story.core import BUILDERS, Slide, Step, empty_slide, missing_slide
from lib.story.source import Source


STEPS: tuple[Step, ...] = (
    Step("lifecycle", "lifecycle", (("lc_tab", "curve"),)),
    Step("stages", "lifecycle", (("lc_tab", "curve"),)),
    Step("moves", "lifecycle", (("lc_tab", "moves"),)),
    Step("concentration", "value", (("val_tab", "history"), ("val_basis", "revenue_12m"), ("val_top", "20"))),
    Step("high_low", "value", (("val_tab", "split"), ("val_split", "clv_top"), ("val_x", "20"))),
    Step("signals", "risk", (("risk_tab", "proof"),)),
    Step("score", "risk", (("risk_tab", "proof"),)),
    Step("watch", "risk", (("risk_tab", "watch"), ("risk_value", "revenue_12m"))),
    Step("reasons", "recovery", (("rec_tab", "causes"), ("rec_pareto", "customers")), needs=("churn",)),
    Step("winback", "recovery", (("rec_tab", "success"),), needs=("winback",)),
    Step("loyalty", "recovery", (("rec_tab", "loyalty"),)),
    Step("whatif", "recovery", (("rec_tab", "whatif"), ("wi_churn", "5"), ("wi_winback", "5"), ("wi_high", "20"))),
)


def step_ids() -> tuple[str, ...]:
    return tuple(s.id for s in STEPS)


def step_of(step_id: str) -> Step:
    """The step with ``step_id`` (KeyError when there is none)."""
    for s in STEPS:
        if s.id == step_id:
            return s
    raise KeyError(step_id)


def build(con, dataset_id: int, as_of: date, step_id: str, lang: str, anon: bool = False, *,
          source: Source | None = None) -> Slide:
    """Step ``step_id`` of the story on dataset ``dataset_id`` at ``as_of`` in ``lang``; with
    ``anon`` customers appear by their pseudonyms only.

    ``source`` supplies the lib results the step is built from (default: computed here, each once
    per source; pass one source to several calls to share them). Unknown ``step_id``: KeyError.
    """
    step = step_of(step_id)
    number = STEPS.index(step) + 1
    src = source or Source(con, dataset_id, as_of)
    missing = [x for x in step.needs if not getattr(src.available(), x)]
    if missing:
        return missing_slide(number, step, lang, missing)
    return BUILDERS[step_id](src, number, step, lang, anon)


__all__ = ["STEPS", "Step", "Slide", "build", "step_ids", "step_of", "Source", "empty_slide"]
