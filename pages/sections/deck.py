"""The story as slides to take away: a download button for the PowerPoint deck of every story
step (lib/deck.py, the same file as ``python -m lib deck``), on this dataset, as-of date, language
and anonymised mode. The story page calls :func:`button`; the deck is built only when clicked."""
import streamlit as st

from lib import story, ui
from lib.deck import file_name
from lib.loaders import deck as load

#: PowerPoint's media type.
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def button(ctx: ui.Context, snapshot: str | None = None, where=None) -> None:
    """The deck's download button (in ``where``, default the page), named after the snapshot shown
    (``snapshot``) on its title slide."""
    t = ctx.t

    def make() -> bytes:   # runs on the click, not on the page run (a second or so per step)
        return load.deck(ctx.key, ctx.dataset, ctx.as_of, ctx.lang, ctx.anon, snapshot)

    (where or st).download_button(
        t("deck.download"), make, file_name(ctx.dataset, ctx.as_of, ctx.lang), PPTX, key="story_deck",
        icon=":material/slideshow:", on_click="ignore",
        help=t("deck.download.help", n=len(story.STEPS), anon=t("deck.download.anon") if ctx.anon else ""))
