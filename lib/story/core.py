"""The story's building blocks: a step, a slide, the registry of step builders and the slides
a step shows when it cannot be drawn. The steps' modules import these; lib/story/__init__ puts
the steps in order and builds them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from lib.i18n import t


@dataclass(frozen=True)
class Step:
    """One step of the story: what it shows is fixed, so a link opens exactly that step."""

    id: str
    #: url path of the page with the details
    page: str
    #: the page's URL settings that show the same view (language-neutral ids and numbers)
    params: tuple[tuple[str, str], ...] = ()
    #: optional input tables the step needs (beyond transactions)
    needs: tuple[str, ...] = ()

    @property
    def settings(self) -> dict[str, str]:
        return dict(self.params)


@dataclass(frozen=True)
class Slide:
    """One step built on a dataset at an as-of date, in one language."""

    step: int                      # 1-based position in :data:`STEPS`
    id: str
    title: str
    takeaway: str                  # one sentence computed from the data
    chart: Any                     # an Altair chart, or None (a missing input: ``takeaway`` says so)
    caption: str                   # how to read the chart, with the definition
    definitions: tuple[str, ...]   # for the speaker notes
    table: pd.DataFrame | None = None
    #: False when the step could not be drawn for this dataset (an input table missing, too little data)
    ok: bool = True


# The steps' builders live in one module per subject; they register themselves in BUILDERS.
BUILDERS: dict[str, Callable[..., "Slide"]] = {}


def builder(step_id: str):
    """Register the function that builds step ``step_id``."""
    def register(fn):
        BUILDERS[step_id] = fn
        return fn
    return register


def missing_slide(number: int, step: Step, lang: str, missing: list[str]) -> Slide:
    """A step whose input tables the dataset lacks: it says which, instead of other numbers."""
    tables = ", ".join(t(f"table.{x}", lang) for x in missing)
    return Slide(number, step.id, t(f"story.{step.id}.title", lang),
                 t("story.missing", lang, tables=tables), None, t("story.missing.caption", lang, tables=tables),
                 (t(f"story.{step.id}.def", lang),), None, ok=False)


def empty_slide(number: int, step: Step, lang: str, reason_key: str, **values) -> Slide:
    """A step without enough data at this as-of date (a sentence saying so)."""
    return Slide(number, step.id, t(f"story.{step.id}.title", lang), t(reason_key, lang, **values), None,
                 t(f"story.{step.id}.def", lang), (t(f"story.{step.id}.def", lang),), None, ok=False)
