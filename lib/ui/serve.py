"""The app's server with a start that is not cold: ``python -m lib serve`` (``make run``).

``streamlit run app.py`` does three things only when the first visitor opens a page: it imports
the modules the pages use (1.5-2 s), reads the catalogue of datasets (a scan of every
transaction, about 1 s on a million customers) and, page by page, reads each result back from
the database file (:mod:`lib.results`) into the memory cache. After a restart, the first visits
paid for all of it.

:func:`main` starts the same Streamlit server, but imports those modules first, and as soon as the
server runs, a background thread (:func:`preload`) reads the catalogue and warms the dataset the
app opens with (:func:`lib.loaders.warm.warm`): every default view read back into the memory cache
from the stored results, or computed and stored when there are none yet (a new import). A visitor
who comes meanwhile is never blocked by it: a page that needs a result the thread is reading waits
for that one result (Streamlit's cache computes a value once), and computes everything else itself.
"""
from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import sys
import threading
import time
from pathlib import Path

from streamlit import runtime

from lib import db, derived
from lib.loaders import DatasetKey, cursor, warm

log = logging.getLogger(__name__)

#: The app's entry point (the router).
APP = Path(__file__).resolve().parents[2] / "app.py"

#: What the pages import besides Streamlit, imported once before the server starts so the first
#: visit runs the page, not the imports: every module of these packages (the loaders bring in the
#: subjects they load, with pandas and SciPy; the charts Altair) and the data page's two modules.
PACKAGES = ("lib.loaders", "lib.charts")
MODULES = ("lib.access", "lib.importing")


def preimport() -> None:
    """Import :data:`PACKAGES`' modules and :data:`MODULES` (most are imported already when this
    runs as ``python -m lib serve``: the command line imports every command)."""
    for package in PACKAGES:
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{info.name}")
    for name in MODULES:
        importlib.import_module(name)


def preload(path: str, dataset: str | None = None, wait_s: float = 120.0) -> DatasetKey | None:
    """Once the server runs (at most ``wait_s`` seconds from now): the catalogue of ``path``, the
    derived tables and the warm-up of dataset ``dataset`` (default: the first, the one the sidebar
    opens with); the key of the dataset warmed, or None when there is none (no file, no dataset of
    that name, no transactions)."""
    from lib import ui   # the sidebar's cached catalogue: the first page reads it from memory

    deadline = time.monotonic() + wait_s
    while not runtime.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    catalog = ui._catalog(path)
    if catalog.empty:
        return None
    rows = catalog if dataset is None else catalog.loc[catalog["name"] == dataset]
    if rows.empty or rows["last_date"].isna().iloc[0]:
        return None
    ds = int(rows["id"].iloc[0])
    key = DatasetKey(path, ds)
    run = warm.begin(key)   # from here the sidebar says the pages are being prepared
    if run is None:   # a page opened it first and started the same warm-up
        return key
    # the derived tables first: after a CLI import without --prepare (the sidebar would build them)
    if not warm.follow(key, run, background=False, before=lambda: derived.ensure(cursor(path), ds)):
        return None
    return key


def _preload_logged(path: str, dataset: str | None, wait_s: float = 120.0) -> None:
    from lib import results

    results.lower_priority()
    t0 = time.perf_counter()
    try:
        key = preload(path, dataset, wait_s)
    except Exception as exc:   # a busy or broken file: the pages say what is wrong when opened
        log.warning("preload of %s stopped: %s", path, exc)
        return
    if key is not None:
        log.info("preloaded dataset %s of %s in %.1f s", key.dataset_id, path, time.perf_counter() - t0)


def main(port: int, address: str, dataset: str | None = None, options: list[str] | None = None) -> int:
    """Import the pages' modules, start :func:`preload` on a thread (unless warm-ups are off,
    ``LIFECYCLE_WARM=0``) and run Streamlit's server on ``port`` and ``address`` with the extra
    Streamlit ``options`` (``--server.x value`` pairs) until it stops; its exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    preimport()
    log.info("modules imported")
    path = str(db.default_db_path().resolve())
    os.environ["LIFECYCLE_DB"] = path   # the app's file, also after the move below
    os.chdir(APP.parent)   # Streamlit reads .streamlit/config.toml from the working directory
    if warm.enabled():
        threading.Thread(target=_preload_logged, args=(path, dataset), name="preload", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), "--server.headless", "true", "--server.port", str(port),
                "--server.address", address, *(options or [])]
    try:
        cli.main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
