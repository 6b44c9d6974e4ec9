"""Loader of the story's deck (lib/deck.py): the PowerPoint file of every story step, cached per
dataset, as-of date, language, anonymised mode and snapshot, built from the story page's cached
slides (lib/loaders/story.py), so the deck and the page show the same numbers."""
from __future__ import annotations

from datetime import date

from lib import deck as deck_lib
from lib import story
from lib.loaders import DatasetKey, cached
from lib.loaders import story as story_load


@cached
def deck(key: DatasetKey, dataset: str, as_of: date, lang: str, anon: bool, snapshot: str | None) -> bytes:
    """The deck (``.pptx`` bytes) of the story on dataset ``dataset`` (``key``) at ``as_of``."""
    slides = [story_load.slide(key, as_of, step.id, lang, anon) for step in story.STEPS]
    return deck_lib.deck(slides, dataset=dataset, as_of=as_of, lang=lang, anon=anon, snapshot=snapshot)
