"""Which customer the risk page's story shows, by real id or, in anonymised mode, by pseudonym.

Without pseudonyms the story's input holds the customer id (``?customer=ID``). In anonymised
mode it holds the pseudonym number instead (``?customer_no=0427``; "Kunde 0427", "427" and "#427"
are understood too), so neither the input nor the address bar shows the real id: a link that
names a real id is rewritten to its number when the page opens, and a real id typed into the
box becomes its number. Switching the mode off turns the number back into the id, so a
facilitator who said "look at customer 427" can find that customer afterwards.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import anon, ui
from lib.loaders import anon as anon_load

REAL, NUMBER = "customer", "customer_no"   # session keys of the two inputs = their URL keys


def _table(ctx) -> pd.DataFrame:
    return anon_load.pseudonyms(ctx.key)


def _number_text(ctx, no: int) -> str:
    return str(int(no)).zfill(anon.width(len(_table(ctx))))


def resolve(ctx, text: str) -> str | None:
    """The real id ``text`` names: a pseudonym number (in any of its spellings) or, failing
    that, a real id of the dataset; None when it names neither."""
    table = _table(ctx)
    found = anon.lookup(table, text)
    if found is None and table["customer_id"].eq(str(text).strip()).any():
        found = str(text).strip()
    return found


def sync(ctx) -> None:
    """Before the page draws anything: carry the story's customer over to the mode's own key
    and URL parameter (a link with a real id in anonymised mode, a pseudonym number without)."""
    state, query = st.session_state, st.query_params
    if ctx.anon:
        real = query.get(REAL) or (state.get(REAL) if NUMBER not in state else None)
        if real:
            cid = resolve(ctx, real)
            # an id the dataset does not know stays as typed: the story says there is no such customer
            state[NUMBER] = _number_text(ctx, anon.numbers([cid], _table(ctx))[0]) if cid else str(real)
            state.pop(REAL, None)
            if REAL in query:
                del query[REAL]
            ui.url_state(NUMBER, "")()
    else:
        number = query.get(NUMBER) or (state.get(NUMBER) if REAL not in state else None)
        if number:
            cid = anon.lookup(_table(ctx), number)
            state[REAL] = cid or ""
            state.pop(NUMBER, None)
            if NUMBER in query:
                del query[NUMBER]
            ui.url_state(REAL, "")()


def linked() -> bool:
    """Whether the URL names a story's customer (either way)."""
    return bool(st.query_params.get(REAL) or st.query_params.get(NUMBER))


def choose(ctx, cid: str) -> None:
    """Open customer ``cid`` (a real id, from a list's selected row) in the story: from a callback."""
    if ctx.anon:
        st.session_state[NUMBER] = _number_text(ctx, anon.numbers([cid], _table(ctx))[0])
        ui.url_state(NUMBER, "")()
    else:
        st.session_state[REAL] = str(cid)
        ui.url_state(REAL, "")()


def _normalise() -> None:
    """on_change of the pseudonym input: a real id or "Kunde 427" typed becomes its number."""
    ctx = st.session_state["ctx"]
    raw = (st.session_state.get(NUMBER) or "").strip()
    cid = resolve(ctx, raw) if raw else None
    if cid is not None:
        st.session_state[NUMBER] = _number_text(ctx, anon.numbers([cid], _table(ctx))[0])
    ui.url_state(NUMBER, "")()


def pick(ctx, example_id: str) -> tuple[str, str | None, str]:
    """The story's input; returns (what was typed, the real id or None, the id as shown: the
    real id, or in anonymised mode the pseudonym). ``example_id`` fills the placeholder."""
    t = ctx.t
    if not ctx.anon:
        typed = st.text_input(t("risk.customer"), key=REAL, on_change=ui.url_state(REAL, ""),
                              help=t("risk.customer.help"), placeholder=str(example_id))
        typed = (typed or "").strip()
        return typed, typed or None, typed
    table = _table(ctx)
    ui.url_state(NUMBER, "")
    example = anon.customer_label(anon.numbers([example_id], table)[0], ctx.lang, anon.width(len(table)))
    typed = st.text_input(t("anon.story.input"), key=NUMBER, on_change=_normalise,
                          help=t("anon.story.input.help"), placeholder=example)
    typed = (typed or "").strip()
    cid = anon.lookup(table, typed) if typed else None
    shown = anon.customer_labels([cid], table, ctx.lang)[0] if cid else typed
    return typed, cid, shown
