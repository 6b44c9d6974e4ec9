"""The Streamlit glue every page shares: the page registry, the sidebar (dataset, as-of date,
language, presenter and anonymised mode) with its state mirrored in the URL, localised charts with
their picture downloads, presenter mode's look, the router. Two parts live beside it and are
reached through this module: ``lib/ui/tables.py`` (the one table, metric rows, downloads,
anonymised lists) and ``lib/ui/url.py`` (the URL state of the pages' own choices). Data comes
through lib/loaders.

Streamlit is imported only in this package and in lib/loaders (the cached data access); pages
import these and the pure modules.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib import db, derived
from lib.loaders import DatasetKey, cursor, warm
from lib.charts import image
from lib.charts.locale import localized
from lib.charts.present import projector, projector_spec
from lib.i18n import LANG_NAMES, LANGS, fmt_date, t, md_text
from lib.ui.tables import TABLE_MAX_ROWS, cell_kind, download, masked, metric_row, ordered, table  # noqa: F401
from lib.ui.url import open_tab, tabs, url_state  # noqa: F401

ROUTER = db.ROOT / "app.py"
DATA_PAGE = "data"  # url path of the page that works without any dataset (importing the first one)

#: (file in pages/, title key, icon, url path) for every page, in menu order. app.py registers
#: exactly these; a test checks that they and the files in pages/ are the same set.
PAGES = (
    ("pages/overview.py", "nav.overview", ":material/dashboard:", "overview"),
    ("pages/story.py", "nav.story", ":material/slideshow:", "story"),
    ("pages/lifecycle.py", "nav.lifecycle", ":material/timeline:", "lifecycle"),
    ("pages/value.py", "nav.value", ":material/diamond:", "value"),
    ("pages/risk.py", "nav.risk", ":material/warning:", "risk"),
    ("pages/recovery.py", "nav.recovery", ":material/undo:", "recovery"),
    ("pages/compare.py", "nav.compare", ":material/compare_arrows:", "compare"),
    ("pages/data.py", "nav.data", ":material/upload_file:", "data"),
)


@dataclass(frozen=True)
class Context:
    """What the sidebar chose; every page reads it through :func:`context`."""

    lang: str
    dataset: str
    dataset_id: int
    as_of: date
    first_date: date
    last_date: date
    source: str
    created_at: datetime
    db_path: str
    #: presenter mode (``?present=1`` or the sidebar switch): one idea per screen, large charts
    present: bool = False
    #: anonymised mode (``?anon=1`` or the sidebar switch; on by default in presenter mode unless
    #: ``anon=0``): customer ids, names and account managers replaced by stable pseudonyms
    anon: bool = False

    @property
    def key(self) -> DatasetKey:
        """What the loaders (lib/loaders) are keyed by: the database file and the dataset id (a
        replaced dataset gets a new id, so nothing stale is served)."""
        return DatasetKey(self.db_path, self.dataset_id)

    def t(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)


def page_link(url_path: str) -> str:
    """The path a page is served at: the first page (the default) at the root."""
    return "" if url_path == PAGES[0][3] else url_path


#: the url_path Streamlit reserves for the first page (served at the root); no link uses it
ROOT_PAGE_PATH = "_start"


def served_paths() -> set[str]:
    """Every URL path the app serves a page at: the root (the first page), each other page's
    path, and the first page's own name as well (``/overview``: a link that names it works)."""
    return {""} | {url for *_, url in PAGES}


def navigation_pages(lang: str) -> list:
    """The ``st.Page`` objects of :data:`PAGES`, titled in ``lang``, and a hidden page at the
    first page's own name (``/overview``) that opens it at the root with the link's settings."""
    # Streamlit serves the default page at the root only, yet reserves its url_path: the first
    # page gets an internal one, so its own name can be the hidden page that leads to the root.
    pages = [
        st.Page(db.ROOT / path, title=t(key, lang), icon=icon, url_path=ROOT_PAGE_PATH if i == 0 else url,
                default=i == 0)
        for i, (path, key, icon, url) in enumerate(PAGES)
    ]

    def first_page() -> None:
        st.switch_page(pages[0], query_params=st.query_params.to_dict())

    alias = st.Page(first_page, title=pages[0].title, url_path=PAGES[0][3], visibility="hidden")
    return [*pages, alias]


#: the page presenter mode opens first
PRESENTER_FIRST = "story"


def presenting() -> bool:
    """Whether presenter mode is on: the sidebar switch, or before it is drawn the URL's ``present``."""
    if "app_present" in st.session_state:
        return bool(st.session_state["app_present"])
    return bool(_url_flag("present"))


def initial_sidebar() -> str:
    """The sidebar's initial state for ``st.set_page_config``: collapsed in presenter mode (the
    switches stay one click away), else Streamlit's default."""
    return "collapsed" if presenting() else "auto"


#: Presenter mode's look: larger type, no toolbar, the page using the whole width and height.
_PRESENTER_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; padding-bottom: 1rem; max-width: 100%; }
[data-testid="stHeader"] { height: 0; min-height: 0; background: transparent; }
[data-testid="stToolbar"] { display: none; }
[data-testid="stMain"] h2 { font-size: clamp(1.9rem, 3.2vw, 3.2rem); padding-top: 0.2rem; }
[data-testid="stMain"] h4 { font-size: clamp(1.25rem, 2.0vw, 2.1rem); font-weight: 500; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"] {
  font-size: clamp(1.0rem, 1.25vw, 1.4rem); }
[data-testid="stVegaLiteChart"] { height: max(300px, calc(100vh - var(--present-chrome, 350px))) !important; }
</style>
"""


def presenter_style(ctx: "Context", chrome: int = 350) -> None:
    """Presenter mode's look on this page (nothing otherwise): static CSS only, no user data.
    A chart takes the viewport's height less ``chrome`` pixels (what the page shows around it),
    at least 300 px."""
    if ctx.present:
        st.html(_PRESENTER_CSS.replace("var(--present-chrome, 350px)", f"{int(chrome)}px"))


def url_lang() -> str:
    lang = st.query_params.get("lang", "en")
    return lang if lang in LANGS else "en"


@st.cache_data(ttl=3600, show_spinner=False)
def _catalog(path: str) -> pd.DataFrame:
    """Datasets with their transaction date range (a scan of all transactions, about 1 s on the
    bench dataset). While the app runs no other process can write its file, so the data page,
    which changes datasets, clears this cache itself."""
    return cursor(path).execute(
        """
        SELECT d.id, d.name, d.source, d.created_at, min(t.date) AS first_date, max(t.date) AS last_date
        FROM datasets d LEFT JOIN transactions t ON t.dataset_id = d.id
        GROUP BY ALL ORDER BY d.created_at, d.id
        """
    ).df()


def sidebar(allow_empty: bool = False) -> Context:
    """Draw the sidebar and return the chosen context; stops the script with a message when
    there is nothing to show (no database, no dataset, no transactions), except with
    ``allow_empty`` (the data page, where the first dataset gets imported): then the context
    has an empty ``dataset``."""
    state = st.session_state
    if "app_lang" not in state:
        state["app_lang"] = url_lang()
    pending = state.pop("app_pending_view", None)
    if pending:   # a page asked for another dataset and as-of date (open_view): before the widgets exist
        state.update(pending)
    with st.sidebar:
        st.segmented_control(
            t("sidebar.language", state["app_lang"]), LANGS, key="app_lang",
            format_func=LANG_NAMES.get, selection_mode="single", required=True,
        )
    lang = state["app_lang"] if state.get("app_lang") in LANGS else url_lang()
    present, anon = modes(lang)

    path = str(db.default_db_path())
    try:
        catalog = _catalog(path)
    except db.StoreError as exc:
        st.error(t("msg.db_error", lang, error=str(exc)))
        st.stop()
    if catalog.empty:
        if allow_empty:
            today = date.today()
            return Context(lang, "", 0, today, today, today, "", datetime.now(), path, present, anon)
        st.info(t("msg.no_data", lang))
        st.stop()

    names = catalog["name"].tolist()
    if "app_dataset" not in state:
        wanted = st.query_params.get("dataset", names[0])
        if wanted not in names:
            st.warning(t("msg.unknown_dataset", lang, name=md_text(wanted), shown=md_text(names[0])))
            wanted = names[0]
        state["app_dataset"] = wanted
    elif state["app_dataset"] not in names:  # deleted or renamed meanwhile
        state["app_dataset"] = names[0]
    with st.sidebar:
        st.selectbox(t("sidebar.dataset", lang), names, key="app_dataset", help=t("sidebar.dataset.help", lang))
    row = catalog.loc[catalog["name"] == state["app_dataset"]].iloc[0]
    if pd.isna(row["last_date"]):
        st.warning(t("msg.no_transactions", lang, name=md_text(row["name"])))
        if not allow_empty:
            st.stop()
        today = date.today()
        return Context(lang, row["name"], int(row["id"]), today, today, today, row["source"], datetime.now(), path,
                       present, anon)
    if not allow_empty:  # the data page reads no derived table: deleting a dataset needs no build first
        _prepare(path, int(row["id"]), row["name"], lang)
    first, last = _as_date(row["first_date"]), _as_date(row["last_date"])

    # A new dataset (or the first run) starts at its last transaction date unless the URL says otherwise.
    if state.get("app_as_of_for") != int(row["id"]):
        as_of = last
        if "as_of" in st.query_params and "app_as_of_for" not in state:
            raw = st.query_params["as_of"]
            try:
                as_of = date.fromisoformat(raw)
                if not first <= as_of <= last:
                    raise ValueError(raw)
            except ValueError:
                as_of = last
                st.warning(t("msg.bad_as_of", lang, value=md_text(raw), first=fmt_date(first, lang),
                             last=fmt_date(last, lang), shown=fmt_date(last, lang)))
        state["app_as_of"] = as_of
        state["app_as_of_for"] = int(row["id"])
    with st.sidebar:
        st.date_input(t("sidebar.as_of", lang), key="app_as_of", min_value=first, max_value=last,
                      help=t("sidebar.as_of.help", lang), format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD")
        st.caption(t("sidebar.period", lang, first=fmt_date(first, lang), last=fmt_date(last, lang)))
        warming = warm.running(DatasetKey(path, int(row["id"])))
        if warming is not None:   # after a restart or a command-line import: the default views being computed
            st.caption(t("sidebar.warming", lang, done=warming.done, total=warming.total or "…"))
    as_of = state["app_as_of"] or last

    st.query_params.update({"lang": lang, "dataset": row["name"], "as_of": as_of.isoformat()})
    created = row["created_at"]
    return Context(lang, row["name"], int(row["id"]), as_of, first, last, row["source"],
                   created.to_pydatetime() if isinstance(created, pd.Timestamp) else created, path, present, anon)


def open_view(dataset: str, dataset_id: int, as_of: date) -> None:
    """Show dataset ``dataset`` (id ``dataset_id``) at ``as_of`` from the next run on: the sidebar
    takes them before it draws its widgets (a page cannot change them once they are drawn). Call
    it from a callback, or follow it by ``st.rerun()``."""
    st.session_state["app_pending_view"] = {"app_dataset": dataset, "app_as_of": as_of, "app_as_of_for": dataset_id}
    st.query_params.update({"dataset": dataset, "as_of": as_of.isoformat()})


def _url_flag(name: str) -> bool | None:
    """The URL's ``name`` as a switch: True for 1/true, False for 0/false, None when absent or
    anything else."""
    raw = str(st.query_params.get(name, "")).lower()
    return True if raw in ("1", "true") else False if raw in ("0", "false") else None


def modes(lang: str) -> tuple[bool, bool]:
    """The sidebar's two switches, presenter mode and anonymised mode, started from the URL
    (``present``, ``anon``) and written back to it: ``(present, anon)``.

    Anonymised mode is on by default in presenter mode unless the URL says ``anon=0``; switching
    presenter mode on later switches anonymised mode on with it (a facilitator who opens the
    presenter view in front of a room gets pseudonyms without a second click)."""
    state = st.session_state
    if "app_present" not in state:
        state["app_present"] = bool(_url_flag("present"))
    if "app_anon" not in state:
        flag = _url_flag("anon")
        state["app_anon"] = state["app_present"] if flag is None else flag

    def switched_present() -> None:
        if state.get("app_present"):
            state["app_anon"] = True
        _write_modes()

    with st.sidebar:
        st.toggle(t("sidebar.present", lang), key="app_present", help=t("sidebar.present.help", lang),
                  on_change=switched_present)
        st.toggle(t("sidebar.anon", lang), key="app_anon", help=t("sidebar.anon.help", lang),
                  on_change=_write_modes)
    _write_modes()
    return bool(state["app_present"]), bool(state["app_anon"])


def _write_modes() -> None:
    """Both switches into the URL: ``present=1`` when on, ``anon`` whenever it differs from
    what the URL's presenter setting implies, so a copied link opens the same modes."""
    state = st.session_state
    present, anon = bool(state.get("app_present")), bool(state.get("app_anon"))
    # only what changed (it runs on every page run; each write is a message to the browser)
    for name, value in (("present", "1" if present else None), ("anon", None if anon == present else str(int(anon)))):
        if value is None and name in st.query_params:
            del st.query_params[name]
        elif value is not None and st.query_params.get(name) != value:
            st.query_params[name] = value


def datasets() -> pd.DataFrame:
    """The datasets of the app's file with their transaction date range (id, name, source,
    created_at, first_date, last_date), oldest first: for a page that reads more than the
    sidebar's dataset (the comparison)."""
    return _catalog(str(db.default_db_path()))


def dataset_key(name: str, lang: str) -> DatasetKey | None:
    """The loaders' key of dataset ``name`` of the app's file, its derived tables built first (as
    the sidebar builds its own dataset's, with a message while it takes); None when the file has
    no such dataset."""
    catalog = datasets()
    row = catalog.loc[catalog["name"] == name]
    if row.empty:
        return None
    path, ds = str(db.default_db_path()), int(row["id"].iloc[0])
    _prepare(path, ds, name, lang)
    return DatasetKey(path, ds)


def _prepare(path: str, ds: int, name: str, lang: str) -> None:
    """Build the dataset's derived tables if it has none of this version yet (after a CLI
    import), with a message while it takes: the app's one call of ``derived.ensure``, before any
    page reads them."""
    done = st.session_state.setdefault("_app_derived", set())
    if ds in done:
        return
    cur = cursor(path)
    if not derived.is_built(cur, ds):
        try:
            with st.spinner(t("msg.preparing", lang, name=md_text(name))):
                derived.ensure(cur, ds)
        except duckdb.Error as exc:
            st.error(t("msg.prepare_failed", lang, name=md_text(name), error=md_text(str(exc).splitlines()[0][:200])))
            st.stop()
    done.add(ds)
    warm.in_background(DatasetKey(path, ds))   # the default views, computed (or read back) once per process


def _as_date(value) -> date:
    return value.date() if isinstance(value, (pd.Timestamp, datetime)) else value


def altair_chart(chart, where=None, *, title: str | None = None, caption: str | None = None, **kwargs):
    """``st.altair_chart`` (or ``where.altair_chart``, e.g. a column) with the numbers and dates
    of the chart in the app's language (German: 1.234,5 and März), and below it the chart's
    download as PNG and SVG (:func:`chart_downloads`) with ``title`` and ``caption``, the
    heading and sentence the page shows with the chart."""
    state = st.session_state
    lang = state["app_lang"] if state.get("app_lang") in LANGS else url_lang()
    shown = chart
    if presenting():
        shown = projector(chart)
        kwargs["height"] = "stretch"
    drawn = (where or st).altair_chart(localized(shown, lang), **kwargs)
    chart_downloads(chart, title=title, caption=caption, lang=lang, where=where)
    return drawn


def chart_downloads(chart, *, title: str | None, caption: str | None = None, lang: str, where=None) -> None:
    """A small "Download chart" popover with two buttons: the chart (an Altair chart or a
    Vega-Lite spec) as PNG at presentation size (1280 x 620 at twice the resolution) and as SVG,
    titled ``title`` with ``caption`` beneath, numbers and dates in ``lang``
    (:func:`lib.charts.image.slide_chart`). The file name comes from the title.

    The pictures are drawn only when a button is clicked (vl-convert takes about half a second
    per chart), never on a page run.
    """
    name = image.file_stem(title or "", fallback=t("chart.download.file", lang))
    key = _unique_key(f"chart_dl_{name}")

    def picture(kind: str):
        def make() -> bytes:
            slide = image.slide_chart(chart, title=title or "", caption=caption or "", lang=lang)
            return image.to_png(slide) if kind == "png" else image.to_svg(slide)
        return make

    box = (where or st).popover(t("chart.download", lang), icon=":material/download:", type="tertiary",
                                help=t("chart.download.help", lang))
    box.download_button(t("chart.download.png", lang), picture("png"), f"{name}.png", "image/png",
                        key=f"{key}_png", icon=":material/image:", on_click="ignore", width="stretch")
    box.download_button(t("chart.download.svg", lang), picture("svg"), f"{name}.svg", "image/svg+xml",
                        key=f"{key}_svg", icon=":material/draw:", on_click="ignore", width="stretch")


def _unique_key(base: str) -> str:
    """``base``, or ``base_2``, ``base_3``, ... when this page run used it already (two charts
    with the same title); :func:`context` starts every run's list afresh."""
    used = st.session_state.setdefault("_ui_keys_this_run", set())
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}_{n}"
    used.add(key)
    return key


def anon_badge(ctx: Context) -> None:
    """The small "Anonymised" label above the page title while pseudonyms are on (the sidebar,
    where the switch is, is out of the way in presenter mode)."""
    if ctx.anon:
        st.badge(t("anon.badge", ctx.lang), icon=":material/visibility_off:", color="gray",
                 help=t("anon.badge.help", ctx.lang))


def settings_box(ctx: "Context", label: str):
    """Where a page draws its settings and filters: a bordered box, or in presenter mode an expander
    ``label`` that starts collapsed (the room sees the charts; the facilitator opens it when needed)."""
    return st.expander(label, expanded=False, icon=":material/tune:") if ctx.present else st.container(border=True)


def vega_lite_chart(spec: dict, where=None, *, title: str | None = None, caption: str | None = None, **kwargs):
    """``st.vega_lite_chart`` of a ready spec (the lifecycle page's cached specs), sized for a
    projector in presenter mode as :func:`altair_chart` does, with its PNG/SVG download
    (:func:`chart_downloads`) titled ``title`` with ``caption``."""
    shown = projector_spec(spec) if presenting() else spec
    if presenting():
        kwargs["height"] = "stretch"
    drawn = (where or st).vega_lite_chart(spec=dict(shown), **kwargs)
    state = st.session_state
    lang = state["app_lang"] if state.get("app_lang") in LANGS else url_lang()
    chart_downloads(spec, title=title, caption=caption, lang=lang, where=where)
    return drawn


def context() -> Context:
    """The context for this run: the one app.py drew, or the sidebar drawn now.

    Streamlit still has its old auto-discovery of a ``pages/`` folder: until the first
    ``st.navigation`` call of a process (and on every AppTest run) a page can be executed
    without the router, for example when the first visitor opens ``/value`` directly.
    """
    st.session_state["_ui_keys_this_run"] = set()  # widget keys made by this run (_unique_key)
    if st.session_state.pop("_router_ran", False):
        return st.session_state["ctx"]
    run = get_script_run_ctx()
    if run is None or Path(run.main_script_path).resolve() != ROUTER:
        # a page run on its own (AppTest of one page file): no router to go to
        st.session_state["ctx"] = ctx = sidebar(
            allow_empty=run is not None and Path(run.main_script_path).stem == DATA_PAGE)
        anon_badge(ctx)
        return ctx
    # Registering the real navigation switches the auto-discovery off for the whole process;
    # the rerun then goes through the router (same URL, same page).
    st.navigation(navigation_pages(st.session_state.get("app_lang") or url_lang()))
    st.rerun()


def tab_title(url_path: str, lang: str) -> str:
    """The browser tab's title: the page's name and the app's, in ``lang``
    ("Abwanderungsrisiko · Kundenlebenszyklus-Explorer")."""
    key = next((k for _, k, _, url in PAGES if url == url_path), None)
    app = t("app.title", lang)
    return f"{t(key, lang)} · {app}" if key else app


def route(lang: str):
    """The router's work (app.py): navigation, the browser tab's title, sidebar, then the chosen page.
    In presenter mode the first screen of a session opened at the root is the story (every page
    keeps its own address)."""
    pages = navigation_pages(lang)
    page = st.navigation(pages)
    st.set_page_config(page_title=tab_title(PAGES[0][3] if page.url_path in ("", ROOT_PAGE_PATH) else page.url_path,
                                            lang))
    first_run = not st.session_state.get("_app_started")
    st.session_state["_app_started"] = True
    if first_run and presenting() and page.url_path in ("", ROOT_PAGE_PATH, PAGES[0][3]):
        story = next(p for p, (_, _, _, url) in zip(pages, PAGES) if url == PRESENTER_FIRST)
        st.switch_page(story, query_params=st.query_params.to_dict())
    st.session_state["ctx"] = ctx = sidebar(allow_empty=page.url_path == DATA_PAGE)
    anon_badge(ctx)
    with st.sidebar:
        st.caption(t("app.tagline", ctx.lang))
    presenter_style(ctx)   # every page on a projector: large type, charts as tall as the screen allows
    st.session_state["_router_ran"] = True
    page.run()
