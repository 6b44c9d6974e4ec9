"""The one URL-state mechanism: every choice a page keeps in the URL goes through
:func:`url_state` (widgets) or :func:`tabs`. Part of the UI layer: the pages reach it as
``ui.url_state``, ``ui.tabs``, ``ui.open_tab``.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

# --- URL state: the one mechanism ---------------------------------------------------------------
#
# Every choice a page keeps in the URL goes through :func:`url_state` (widgets) or :func:`tabs`:
# the URL holds language-neutral values (option ids, numbers, ISO dates), never translated labels,
# so a link made in English opens the same view in German. A value equal to its default is left
# out of the URL.

def _from_url(raw: str, default, options):
    """``raw`` (a URL value) converted to the type of ``default``; ValueError when it does not fit."""
    if options is not None:
        if raw not in options:
            raise ValueError(raw)
        return raw
    if isinstance(default, bool):
        if raw not in ("0", "1", "true", "false"):
            raise ValueError(raw)
        return raw in ("1", "true")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        value = float(raw)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(raw)
        return value
    if isinstance(default, date):
        return date.fromisoformat(raw)
    return str(raw)


def _to_url(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def url_state(key: str, default, *, options=None, multi: bool = False, valid=None, bounds=None):
    """Start widget ``key`` from the URL and return the ``on_change`` callback that writes it back.

    Call it as the widget's ``on_change``: ``st.slider(..., key="risk_window",
    on_change=ui.url_state("risk_window", 90, bounds=(30, 180)))``. While the widget has no state
    (the session's first run, or a widget in a tab that was closed), it starts from the URL's value
    when that converts to the type of ``default`` (int, float, bool, date, text, or a tuple of
    these for a range), is one of ``options`` (with ``multi``: a list of them, at least one
    known), lies within ``bounds`` (lo, hi) and passes ``valid`` (a predicate); anything else
    falls back to ``default``. A held value that no longer fits (the bounds moved with the as-of
    date) goes back to ``default`` too, and the URL with it.
    """
    state = st.session_state

    def fits(value) -> bool:
        items = value if isinstance(default, tuple) or multi else (value,)
        if bounds is not None and not all(bounds[0] <= v <= bounds[1] for v in items):
            return False
        return valid is None or bool(valid(value))

    if key not in state:
        value = default
        try:
            if multi or isinstance(default, tuple):
                raw = st.query_params.get_all(key)
                if raw:
                    if isinstance(default, tuple):
                        value = tuple(_from_url(v, default[0], None) for v in raw)
                        if len(value) != len(default):
                            raise ValueError(raw)
                    else:
                        value = [v for v in raw if options is None or v in options] or list(default)
            elif key in st.query_params:
                value = _from_url(st.query_params[key], default, options)
            if not fits(value):
                value = default
        except (ValueError, TypeError):
            value = default
        state[key] = list(value) if multi else value
    elif state[key] is not None and not fits(state[key]):
        state[key] = list(default) if multi else default
        _write_url(key, state[key], default, multi)

    def write() -> None:
        _write_url(key, state.get(key), default, multi)

    return write


def _write_url(key: str, value, default, multi: bool) -> None:
    """``value`` into the URL under ``key``; removed when it equals ``default``."""
    listed = multi or isinstance(default, tuple)
    if (list(value or []) == list(default)) if listed else value in (None, default):
        if key in st.query_params:
            del st.query_params[key]
    elif listed:
        st.query_params[key] = [_to_url(v) for v in value]
    else:
        st.query_params[key] = _to_url(value)


def tabs(key: str, ids, label, default: str | None = None, aliases: dict | None = None) -> dict:
    """``st.tabs`` whose open tab is kept in the URL as a language-neutral id: ``{id: container}``.

    ``label(id)`` is the (translated) title. Only the open tab's container has ``open`` True, so
    a page draws that one alone. ``default`` (an id) is opened when the URL names none; the URL
    names a tab only when it is not the default. ``aliases`` maps other URL values (the titles old
    links carried) to ids.
    """
    ids = list(ids)
    fallback = default if default in ids else ids[0]
    raw = st.query_params.get(key)
    raw = (aliases or {}).get(raw, raw)
    chosen = raw if raw in ids else fallback
    labels = [label(i) for i in ids]
    by_label = dict(zip(labels, ids))
    # One widget per language (its titles are its identity), never one per open tab: Streamlit
    # would make `default` part of the identity, and a page run that ends early could leave the
    # browser with another tab's widget. The URL's tab is set as the widget's state instead.
    widget = f"{key}__{'|'.join(labels)}"
    want = labels[ids.index(chosen)]
    if st.session_state.get(widget) != want and (raw in ids or widget not in st.session_state):
        st.session_state[widget] = want

    def write() -> None:
        opened = by_label.get(st.session_state.get(widget), fallback)
        if opened == fallback:
            if key in st.query_params:
                del st.query_params[key]
        else:
            st.query_params[key] = opened

    containers = st.tabs(labels, key=widget, on_change=write)
    return dict(zip(ids, containers))


def open_tab(key: str, tab_id: str) -> None:
    """Switch the tabs of :func:`tabs` ``key`` to ``tab_id`` on the next run (from a callback)."""
    st.query_params[key] = tab_id
    for name in [k for k in st.session_state if str(k).startswith(f"{key}__")]:
        del st.session_state[name]
