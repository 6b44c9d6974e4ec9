"""Shared fixtures: a small demo database on disk, pointed to by LIFECYCLE_DB for the app."""
from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

# No warm-up threads in the apps the tests start (lib/loaders/warm.py): tests that want one call it.
os.environ["LIFECYCLE_WARM"] = "0"

from lib import db, demo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEMO_CUSTOMERS = 1500


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A database file holding the demo dataset (1,500 customers, seed 42) and a second one."""
    path = tmp_path_factory.mktemp("db") / "lifecycle.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=DEMO_CUSTOMERS, seed=42)
    demo.generate(con, "shop-2025", customers=300, seed=7)
    con.close()
    return path


@pytest.fixture
def app_env(demo_db, monkeypatch):
    """Point the app at the demo database for AppTest runs."""
    monkeypatch.setenv("LIFECYCLE_DB", str(demo_db))
    monkeypatch.chdir(ROOT)
    return demo_db


@pytest.fixture(scope="session")
def demo_con(demo_db):
    """A connection to the demo database (same configuration as the app's, so both can be open)."""
    con = db.connect(demo_db)
    yield con
    con.close()


def monthly(first: date, last: date, day: int = 15) -> list[date]:
    """Hand-made purchase dates: the ``day`` of every month from ``first`` to ``last``."""
    out, d = [], first.replace(day=day)
    while d <= last:
        out.append(d)
        d = (d.replace(day=1) + timedelta(days=32)).replace(day=day)
    return out


def d(text: str) -> date:
    """A date from ISO text (hand-made data reads better that way)."""
    return date.fromisoformat(text)


@pytest.fixture(autouse=True, scope="session")
def _served_locally():
    """AppTest runs the pages as `make run` serves them: on localhost (a test that wants the
    network case sets server.address itself)."""
    from streamlit import config

    config.set_option("server.address", "localhost")
    yield


def rendered(markdown: str) -> str:
    """The text a Markdown body shows (AppTest returns the source): backslash escapes removed."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown)


def open_page(name: str, query: dict | None = None, at=None):
    """Run the page ``pages/<name>.py`` in AppTest with ``query`` in its URL (or run ``at`` again
    with more of it): every page test's ``run_page``."""
    from streamlit.testing.v1 import AppTest

    at = at or AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=180)
    at.query_params.update(query or {})
    return at.run()


def shown(element):
    """What a table drawn by ``ui.table`` shows (AppTest's ``.value`` holds the values): the pandas
    Styler's display values, for st.dataframe and st.table alike."""
    from streamlit import dataframe_util

    raw = element.proto.arrow_data.styler.display_values
    assert raw, "the table has no display values: it was not drawn through ui.table"
    return dataframe_util.convert_arrow_bytes_to_pandas_df(raw)


def table_downloads(at) -> list:
    """The page's CSV/XLSX download buttons (the charts' PNG/SVG downloads, keys ``chart_dl_*``, left out)."""
    return [b for b in at.get("download_button") if not str(b.key or "").startswith("chart_dl_")]


@pytest.fixture
def deferred(monkeypatch):
    """The callables the pages' download buttons register (Streamlit runs them only on a click),
    by file name: a test calls one to get the file a reader would download."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made
