"""The Streamlit glue every page shares: the page registry, the sidebar (dataset, as-of date,
language) with its state mirrored in the URL, the URL state of the pages' own choices, downloads
and localised charts. Data comes through lib/loaders.

Streamlit is imported only here and in lib/loaders (the cached data access); pages import these
and the pure modules.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib import anon, db, derived, export
from lib.loaders import DatasetKey, cursor
from lib.loaders import anon as anon_loaders
from lib.charts import image
from lib.charts.locale import localized
from lib.charts.present import projector, projector_spec
from lib.i18n import LANG_NAMES, LANGS, MISSING, cell_formatter, fmt_date, fmt_int, t, md_text

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
    if present:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]
    if anon != present:
        st.query_params["anon"] = "1" if anon else "0"
    elif "anon" in st.query_params:
        del st.query_params["anon"]


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


def masked(df: pd.DataFrame, ctx: Context | None = None) -> pd.DataFrame:
    """``df`` with its customer ids, names and account managers replaced by the dataset's
    pseudonyms (:func:`lib.anon.mask`) when anonymised mode is on; ``df`` itself otherwise
    (and when it is masked already). ``ctx`` defaults to this run's context."""
    ctx = ctx or st.session_state.get("ctx")
    if ctx is None or not ctx.anon or not ctx.dataset_id or df.attrs.get(anon.MASKED_FLAG):
        return df
    return anon.mask(df, anon_loaders.pseudonyms(ctx.key), ctx.lang)


def ordered(df: pd.DataFrame, by, ascending=True, ctx: Context | None = None, head: int | None = None) -> pd.DataFrame:
    """``df`` (a customer list) sorted by ``by`` (stable), in anonymised mode with the pseudonym
    number as the tie-break (:func:`lib.anon.order`): rows that tie, such as the many customers
    without revenue, must not come in the order of their real ids. ``head``: only the first rows
    are wanted (a million-row frame is cut to the rows that can be among them first)."""
    ctx = ctx or st.session_state.get("ctx")
    by = [by] if isinstance(by, str) else list(by)
    ascending = [ascending] * len(by) if isinstance(ascending, bool) else list(ascending)
    if (head is not None and len(by) == 1 and len(df) > head and pd.api.types.is_numeric_dtype(df[by[0]])
            and df[by[0]].notna().sum() >= head):   # every row tying with the last one kept; NaN sort last
        df = (df.nsmallest if ascending[0] else df.nlargest)(head, by[0], keep="all")
    if ctx is None or not ctx.anon or not ctx.dataset_id or "customer_id" not in df.columns:
        out = df.sort_values(by, ascending=ascending, kind="stable")
    else:
        out = anon.order(df, anon_loaders.pseudonyms(ctx.key), by, ascending)
    return out if head is None else out.head(head)


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


def download(df, stem: str, key: str, lang: str, rows: int | None = None, order=None, mask: bool = True,
             where=None) -> None:
    """CSV and XLSX download buttons through the safe export (formulas neutralised).

    ``df`` is a DataFrame or a function returning one, called only on a click (for exports of
    a million customers); give ``rows`` then, so an export too large for Excel is refused up
    front. ``stem`` becomes the file name (it never touches the file system); ``key``
    prefixes the widget keys. In anonymised mode the file holds pseudonyms (:func:`masked`;
    ``order`` = (by, ascending) is the list's sort, re-applied with the pseudonym as tie-break;
    ``mask`` False only for files that hold no customer of the dataset, such as a template);
    ``where`` is a container to draw them in (default: the page).
    """
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:80] or "export"
    ctx = st.session_state.get("ctx")
    # in anonymised mode every file holds pseudonyms (masked on the click, like the file itself)
    def frame() -> pd.DataFrame:
        out = df() if callable(df) else df
        if not mask:
            return out
        return masked(ordered(out, *order, ctx=ctx) if order else out, ctx)

    n = len(df) if rows is None and not callable(df) else (rows or 0)
    # side by side at their natural width (two half-width columns cut the labels beside a narrow
    # table); they wrap when even that does not fit
    left = right = (where or st).container(horizontal=True)
    # The files are built only when clicked: a million-row XLSX takes minutes, and most runs
    # never download anything.
    left.download_button(t("export.csv", lang), lambda: export.to_csv(frame(), lang), f"{name}.csv", "text/csv",
                         key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    right.download_button(t("export.xlsx", lang), lambda: export.to_xlsx(frame(), name),
                          f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/download:", on_click="ignore",
                          disabled=n > export.XLSX_MAX_ROWS,
                          help=t("export.xlsx.too_many", lang) if n > export.XLSX_MAX_ROWS else None)


def metric_row(n: int, where=None) -> list:
    """``n`` slots for ``st.metric`` cards side by side that never cut a label or a value: one
    horizontal container whose cards share the width by their content and wrap onto a second
    line when they do not fit (at 1280 px with the sidebar open, five German cards do not).
    Fill the slots in order (``m[0].metric(...)``, ``m[1].metric(...)``): they are the same
    container."""
    return [(where or st).container(horizontal=True)] * n


#: Rows a table shows at most: a pandas Styler formats every cell it is given (about 0.1 s per
#: 500 rows x 10 columns, 2 s per 20,000); the download holds every row.
TABLE_MAX_ROWS = 5000


def cell_kind(series: pd.Series) -> str | None:
    """The cell kind (``i18n.CELL_KINDS``) a column gets when the page names none: whole numbers
    "int", other numbers "num:2", dates "date"; text and switches None (shown as they are)."""
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_numeric_dtype(series):
        return "num:2"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if series.dtype == object:
        first = series.dropna().head(1)
        if len(first) and isinstance(first.iloc[0], date):
            return "date"
    return None


def _label(col, cfg) -> str:
    """The heading a column shows (its column_config label, else its name)."""
    if isinstance(cfg, str):
        return cfg
    if isinstance(cfg, dict) and cfg.get("label"):
        return cfg["label"]
    return str(col)


def table(df: pd.DataFrame, *, key: str, lang: str, formats: dict | None = None, column_config: dict | None = None,
          stem: str | None = None, export=None, rows: int | None = None, where=None, downloadable: bool = True,
          static: bool = False, order=None, **kwargs):
    """The one way a page shows a table: ``st.dataframe`` with every number and date in the app's
    language while the cells keep their values (so a click on a heading sorts numerically and
    by date), and the CSV/XLSX downloads under it (:func:`download`, formula-safe).

    ``formats`` maps a column to its cell kind (``i18n.CELL_KINDS``: "int", "num:2", "amount",
    "money", "pct:1", "points", "pp", "p", "date", "month", or "text" to leave it alone); columns it
    does not name get :func:`cell_kind`. A formatted column's ``column_config`` keeps its label,
    help and width; its own number/date format is dropped (Streamlit's "localized" follows the
    browser's language, not the app's). Codes are the page's to translate before: a table shows
    labels. The download holds ``export`` (a frame, or a function returning one with ``rows``
    given), by default all of ``df`` with the shown headings; ``stem`` names its file (default
    ``key``), ``key`` keys the table and its buttons, ``where`` is a container (default ``st``);
    ``downloadable=False`` only for a preview of the reader's own file; ``static`` draws a small
    table of long texts as ``st.table`` (its lines wrap instead of being cut; no sorting).
    In anonymised mode the download holds pseudonyms (:func:`download`: ``order`` is the export's
    sort by its own column names, re-applied with the pseudonym as tie-break); the default export
    is masked before its columns get the shown headings. Returns what ``st.dataframe`` returns (the selection of a selectable table).
    """
    where = where or st
    kinds = {col: cell_kind(df[col]) for col in df.columns}
    kinds.update(formats or {})
    kinds = {col: kind for col, kind in kinds.items() if kind and kind != "text" and col in df.columns}
    shown = df.head(TABLE_MAX_ROWS)
    if not shown.index.is_unique:
        shown = shown.reset_index(drop=True)
    config = {}
    for col, cfg in (column_config or {}).items():
        if col in kinds and isinstance(cfg, dict):
            cfg = {k: v for k, v in cfg.items() if k != "type_config"}
        config[col] = cfg
    formatters = {col: cell_formatter(kind, lang) for col, kind in kinds.items()}
    headings = {col: _label(col, (column_config or {}).get(col)) for col in df.columns}
    if static:  # st.table has no column_config: the headings become the columns
        event = where.table(shown.rename(columns=headings).style.format(
            {headings[col]: f for col, f in formatters.items()}).hide(axis="index"))
    else:
        styled = shown.style.format(formatters)
        kwargs.setdefault("hide_index", True)
        kwargs.setdefault("width", "stretch")
        kwargs.setdefault("placeholder", MISSING)  # an empty cell: "—", not Streamlit's English "None"
        event = where.dataframe(styled, key=key, column_config=config or None, **kwargs)
    if len(df) > TABLE_MAX_ROWS:
        where.caption(t("table.capped", lang, shown=fmt_int(TABLE_MAX_ROWS, lang), total=fmt_int(len(df), lang)))
    if not downloadable:
        return event
    if export is None:
        export = masked(df)   # before the headings hide which column holds the customer
        export = export.rename(columns=headings) if any(h != c for c, h in headings.items()) else export
    download(export, stem or key, f"{key}_dl", lang, rows=rows, where=where, order=order)
    return event


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
