"""The story: a guided sequence of steps through the dataset for a workshop, one idea per screen
(lib/story). ``?story=N`` opens step N; Next / Previous move on; each step is a fixed set of
settings, so a link opens exactly that step, and "details on the page" opens its page with those
settings. Snapshots keep a prepared talk's dataset and as-of date under a name in the database
file; ``?snapshot=NAME`` opens one."""
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from lib import story, ui
from lib.i18n import fmt_date, md_text
from lib.loaders import story as load
from pages.sections import deck

ctx = ui.context()
lang, t, state = ctx.lang, ctx.t, st.session_state
STEPS = story.STEPS
N = len(STEPS)
#: rows of a step's table in presenter mode
PRESENT_ROWS = 5


# --- a snapshot from the URL or the list: its dataset and as-of date, or why not -------------------
def open_snapshot(name: str) -> None:
    """Switch the sidebar to the snapshot's dataset and as-of date (from the next run on) and the
    story to its step."""
    snap = load.snapshot(name)
    if snap is None:
        return
    state["story_snapshot"] = snap.name
    st.query_params["snapshot"] = snap.name
    if snap.status != "ok":
        return
    ui.open_view(snap.dataset_name, snap.source_id, snap.as_of)
    state["story"] = min(max(snap.step, 1), N)
    st.query_params["story"] = str(state["story"])


wanted = st.query_params.get("snapshot")
if wanted and state.get("story_snapshot_url") != wanted:
    state["story_snapshot_url"] = wanted
    snap = load.snapshot(wanted)
    if snap is None:
        st.warning(t("story.snapshot.unknown", name=md_text(wanted)))
        del st.query_params["snapshot"]
    else:
        keep_step = "story" in st.query_params
        step_in_url = st.query_params.get("story")
        open_snapshot(wanted)
        if keep_step and step_in_url:
            st.query_params["story"] = step_in_url
            state.pop("story", None)
        if snap.status == "ok" and (snap.source_id != ctx.dataset_id or snap.as_of != ctx.as_of):
            st.rerun()

current = state.get("story_snapshot")
if current:
    snap = load.snapshot(current)
    if snap is not None and snap.status != "ok":
        st.title(t("story.title"))
        st.error(t(f"story.snapshot.gone.{snap.status}", name=md_text(snap.name), dataset=md_text(snap.dataset_name),
                   saved=fmt_date(snap.saved_at.date(), lang), as_of=fmt_date(snap.as_of, lang)))
        if st.button(t("story.snapshot.leave"), key="story_leave"):
            state.pop("story_snapshot", None)
            st.query_params.pop("snapshot", None)
            st.rerun()
        st.stop()
    if snap is None or snap.source_id != ctx.dataset_id or snap.as_of != ctx.as_of:
        # deleted meanwhile, or another dataset or date chosen in the sidebar: no longer that snapshot
        state.pop("story_snapshot", None)
        st.query_params.pop("snapshot", None)
        current = None


# --- the step -----------------------------------------------------------------------------------------
keep = ui.url_state("story", 1, bounds=(1, N))


def go(delta: int) -> None:
    state["story"] = min(max(int(state.get("story") or 1) + delta, 1), N)
    keep()


number = int(state.get("story") or 1)
step = STEPS[number - 1]
with st.spinner(t("msg.loading")):
    slide = load.slide(ctx.key, ctx.as_of, step.id, lang, ctx.anon)
# the chart gets the viewport's height less what surrounds it (navigation, title, takeaway, caption, table)
table_rows = 0 if slide.table is None else min(len(slide.table), PRESENT_ROWS)
ui.presenter_style(ctx, chrome=350 + (40 + 35 * table_rows if table_rows else 0))

if not ctx.present:
    st.title(t("story.title"))
    st.caption(t("story.intro", dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang), n=N)
               + (" " + t("story.snapshot.shown", name=md_text(current)) if current else ""))

nav = st.columns([1, 4, 1], vertical_alignment="center")
nav[0].button(t("story.previous"), key="story_prev", on_click=go, args=(-1,), disabled=number == 1,
              icon=":material/arrow_back:", width="stretch", shortcut="ArrowLeft")
nav[1].markdown(t("story.position", n=number, total=N), text_alignment="center")
nav[2].button(t("story.next"), key="story_next", on_click=go, args=(1,), disabled=number == N,
              icon=":material/arrow_forward:", icon_position="right", width="stretch", type="primary",
              shortcut="ArrowRight")

st.header(slide.title, anchor=False)
st.markdown(f"#### {md_text(slide.takeaway)}" if slide.ok else "")
if not slide.ok:
    st.info(md_text(slide.takeaway))
if slide.chart is not None:
    ui.altair_chart(slide.chart, width="stretch", key=f"story_chart_{step.id}", title=slide.title,
                    caption=f"{slide.takeaway} {slide.caption}")
st.caption(md_text(slide.caption))
if slide.table is not None and len(slide.table):
    # on a projector the first rows, so the chart keeps its room; the page has the whole list
    ui.table(slide.table.head(PRESENT_ROWS) if ctx.present else slide.table, key=f"story_table_{step.id}", lang=lang,
             stem=f"story-{step.id}-{ctx.dataset}-{ctx.as_of}", export=slide.table)

params = {"lang": lang, "dataset": ctx.dataset, "as_of": ctx.as_of.isoformat(), **step.settings}
if ctx.present:
    params["present"] = "1"
if ctx.anon != ctx.present:
    params["anon"] = "1" if ctx.anon else "0"
left, right = st.columns([1, 1])
left.markdown(f"[{t('story.details', page=t(f'nav.{step.page}'))}]({step.page}?{urlencode(params)})")
deck.button(ctx, current, where=left)   # every step as PowerPoint slides, built on the click
with right.expander(t("story.definitions")):
    for line in slide.definitions:
        st.markdown(f"- {md_text(line)}")


# --- snapshots ------------------------------------------------------------------------------------------
def save_snapshot() -> None:
    problem = load.save_snapshot(state.get("story_snap_name"), ctx.dataset, ctx.dataset_id, ctx.created_at,
                                 ctx.as_of, {"story": number})
    state["story_snap_msg"] = ("error", problem) if problem else ("saved", state.get("story_snap_name", "").strip())
    if not problem:
        state["story_snapshot"] = state["story_snap_name"].strip()
        st.query_params["snapshot"] = state["story_snapshot"]
        state["story_snapshot_url"] = state["story_snapshot"]
        state["story_snap_name"] = ""


def delete_snapshot() -> None:
    name = state.get("story_snap_pick")
    if name and load.delete_snapshot(name):
        state["story_snap_msg"] = ("deleted", name)
        if state.get("story_snapshot") == name:
            state.pop("story_snapshot", None)
            st.query_params.pop("snapshot", None)


def open_picked() -> None:
    name = state.get("story_snap_pick")
    if name:
        state["story_snapshot_url"] = name
        open_snapshot(name)


with st.expander(t("story.snapshots"), expanded=False):
    st.caption(t("story.snapshots.caption"))
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    c1.text_input(t("story.snapshot.name"), key="story_snap_name", max_chars=None,
                  help=t("story.snapshot.name.help", max=story.snapshots.MAX_NAME))
    c2.button(t("story.snapshot.save"), key="story_snap_save", on_click=save_snapshot, icon=":material/save:")
    kind, value = state.pop("story_snap_msg", (None, None))
    if kind == "error":
        st.error(t(f"story.snapshot.problem.{value}", max=story.snapshots.MAX_NAME))
    elif kind in ("saved", "deleted"):
        st.success(t(f"story.snapshot.{kind}", name=md_text(value)))
    listing = load.snapshots()
    if listing.empty:
        st.info(t("story.snapshots.none"))
    else:
        ui.table(pd.DataFrame({
            t("story.snapshot.col.name"): listing["name"],
            t("story.snapshot.col.dataset"): listing["dataset_name"],
            t("story.snapshot.col.as_of"): pd.to_datetime(listing["as_of"]).dt.date,
            t("story.snapshot.col.saved"): pd.to_datetime(listing["saved_at"]).dt.date,
            t("story.snapshot.col.status"): [t(f"story.snapshot.status.{s}") for s in listing["status"]],
        }), key="story_snapshots", lang=lang, stem="story-snapshots", formats={
            t("story.snapshot.col.as_of"): "date", t("story.snapshot.col.saved"): "date"})
        p1, p2, p3 = st.columns([3, 1, 1], vertical_alignment="bottom")
        p1.selectbox(t("story.snapshot.pick"), listing["name"].tolist(), key="story_snap_pick")
        p2.button(t("story.snapshot.open"), key="story_snap_open", on_click=open_picked, icon=":material/folder_open:")
        p3.button(t("story.snapshot.delete"), key="story_snap_delete", on_click=delete_snapshot,
                  icon=":material/delete:")
