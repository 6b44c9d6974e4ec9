"""Every page in headless Chromium: cold, warm, and cold again after the server restarted.

``python -m bench.browser --db FILE [--runs 3] [--port 8611] [--compare ROOT --compare-db FILE]``

One round starts the app (a fresh process), opens every page once (cold: the first visit since
the server started) and reloads it (warm: a new browser session, the app's frontend loaded
again), then moves through every page from the sidebar's menu ("menu": warm, as a visitor moves
through the app, without reloading it), stops the app, starts it again on the same file and
opens every page again ("restart": what a facilitator sees after rebooting the laptop; with the
stored results of lib/results.py it reads them instead of computing). The app starts as `make run` starts it
(``python -m lib serve``: modules imported and the first dataset warmed on a background thread;
an older checkout without it with ``streamlit run``); before the restart
``python -m lib warm`` makes sure it has finished. Before a round the stored
results are deleted, so "cold" is the first visit ever for this code. The app's peak memory
(VmHWM) is taken per server process.

With ``--compare ROOT`` the same rounds run in turns against another checkout (say, the code
before a change, with its own copy of the database), so both are measured side by side on the
same, shared machine; the medians of ``--runs`` rounds are printed for both.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
#: How often (ms) the page is asked whether the app has finished. Playwright's own
#: ``wait_for_selector`` asks after 0, 20, 50, 100, 100 ms and then only every 500 ms, which
#: rounded a 1.0 s page up to 1.5 s; asking in the page every 20 ms measures to about 20 ms (the
#: check runs on the page's main thread, so a page still drawing its charts is not ready yet).
POLL_MS = 20
PAGES = ("overview", "lifecycle", "value", "risk", "recovery", "story", "compare", "data")


def _link(page: str) -> str:
    return "" if page == PAGES[0] else page


def wait_ready(page, timeout_ms: int = 600_000) -> None:
    """Wait until the app's script has finished (:data:`READY`), checked every :data:`POLL_MS`."""
    page.wait_for_function(f"() => document.querySelector('{READY}') !== null", polling=POLL_MS,
                           timeout=timeout_ms)


#: A finished page is looked at again this much later (seconds): a rerun its first run triggers.
SETTLE_S = 0.2


def settled_since(page, t0: float) -> float:
    """Wait until the app has finished and stays finished after :data:`SETTLE_S`; the seconds
    since ``t0`` without that pause."""
    wait_ready(page)
    time.sleep(SETTLE_S)
    wait_ready(page)
    return time.perf_counter() - t0 - SETTLE_S


def clear_stored(db_path: Path) -> None:
    """Delete the stored results of ``db_path`` (nothing to do in a file without them)."""
    import duckdb

    from lib import results

    con = duckdb.connect(str(db_path))
    try:
        results.clear(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def serve_and_visit(root: Path, db_path: Path, port: int, browser, visits: int = 2,
                    env_extra: dict | None = None) -> dict:
    """Start the app of checkout ``root`` on ``db_path``, open every page ``visits`` times (the
    first cold), stop it; the seconds per page and visit, and the server's peak memory."""
    env = {**os.environ, "LIFECYCLE_DB": str(db_path), **(env_extra or {})}
    python = root / ".venv" / "bin" / "python"
    python = str(python if python.exists() else sys.executable)
    if (root / "lib" / "commands" / "serve.py").exists():   # as `make run` starts it
        command = [python, "-m", "lib", "serve", "--port", str(port), "--address", "localhost"]
    else:   # an older checkout (--compare)
        command = [python, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
                   str(port), "--server.address", "localhost"]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    try:
        for _ in range(1000):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        start_s = time.perf_counter() - started
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        out: dict = {}
        for name in PAGES:
            times = []
            for _ in range(visits):
                t0 = time.perf_counter()
                page.goto(f"{url}/{_link(name)}?lang=en")
                times.append(settled_since(page, t0))
            out[name] = {"times_s": times,
                         "exception": page.locator('[data-testid="stException"]').count() > 0}
        if visits > 1:
            for name, seconds in menu_times(page, url).items():
                out[name]["menu_s"] = seconds
        page.close()
        out["peak_mb"] = _peak_mb(proc.pid)
        out["start_s"] = start_s
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def menu_times(page, url: str) -> dict[str, float]:
    """Every page opened from the sidebar's menu, as a visitor moves through the app (the page
    switches without reloading the browser's app), after every page was open once: seconds until
    the page is drawn."""
    out = {}
    for name in (*PAGES[1:], PAGES[0]):
        link = page.locator(f'[data-testid="stSidebarNav"] a[href="{url}/{_link(name)}"]').first
        t0 = time.perf_counter()
        link.click()
        page.wait_for_url(lambda u, name=name: u.split("?")[0].rstrip("/") == f"{url}/{_link(name)}".rstrip("/"),
                          timeout=60_000)
        out[name] = settled_since(page, t0)
    return out


def warm_up(root: Path, db_path: Path) -> None:
    """``python -m lib warm`` on every dataset of ``db_path`` with checkout ``root``'s code (a
    checkout without the command: nothing to do): the app starts the same warm-up on a background
    thread when a dataset is first opened; this makes sure it finished before the restart."""
    python = root / ".venv" / "bin" / "python"
    python = str(python if python.exists() else sys.executable)
    if not (root / "lib" / "commands" / "warm.py").exists():
        return
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM datasets ORDER BY id").fetchall()]
    finally:
        con.close()
    for name in names:
        subprocess.run([python, "-m", "lib", "warm", "--db", str(db_path), "--dataset", name, "--quiet"],
                       cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def one_round(root: Path, db_path: Path, port: int, browser, restarts_only: bool = False) -> dict:
    """Cold and warm, then cold after a restart (once the warm-up the first server started has
    finished), of every page. With ``restarts_only`` the first server is also started after the
    warm-up (the stored results kept): "cold" is then a first visit after a restart too."""
    if not restarts_only:
        clear_stored(db_path)
    else:
        warm_up(root, db_path)
    first = serve_and_visit(root, db_path, port, browser)
    warm_up(root, db_path)
    again = serve_and_visit(root, db_path, port, browser, visits=1)
    out = {name: {"cold_s": first[name]["times_s"][0], "warm_s": first[name]["times_s"][1],
                  "menu_s": first[name]["menu_s"], "restart_s": again[name]["times_s"][0],
                  "exception": first[name]["exception"] or again[name]["exception"]} for name in PAGES}
    out["peak_mb"] = max(x for x in (first["peak_mb"], again["peak_mb"]) if x is not None)
    out["start_s"], out["restart_start_s"] = first["start_s"], again["start_s"]
    return out


def medians(rounds: list[dict]) -> dict:
    out = {}
    for name in PAGES:
        out[name] = {k: statistics.median(r[name][k] for r in rounds) for k in ("cold_s", "warm_s", "menu_s", "restart_s")}
        out[name]["exception"] = any(r[name]["exception"] for r in rounds)
    out["peak_mb"] = max(r["peak_mb"] for r in rounds)
    for k in ("start_s", "restart_start_s"):   # from the server's start until it answers
        out[k] = statistics.median(r[k] for r in rounds)
    return out


def run(targets: dict[str, tuple[Path, Path]], runs: int, port: int, log=print, restarts_only: bool = False) -> dict:
    """``runs`` rounds of every target (label -> (checkout, database file)) in turns (see
    :func:`one_round` for ``restarts_only``)."""
    chromium = shutil.which("chromium")
    if not chromium:
        return {"skipped": "no chromium"}
    from playwright.sync_api import sync_playwright

    rounds: dict[str, list] = {label: [] for label in targets}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for i in range(runs):
            for label, (root, db_path) in targets.items():
                r = one_round(root, db_path, port, browser, restarts_only)
                rounds[label].append(r)
                log(f"round {i + 1} {label}: " + ", ".join(
                    f"{n} {r[n]['cold_s']:.1f}/{r[n]['warm_s']:.1f}/{r[n]['menu_s']:.1f}/{r[n]['restart_s']:.1f}"
                    for n in PAGES)
                    + f"; peak {r['peak_mb']:.0f} MB; server up in {r['start_s']:.1f}/{r['restart_start_s']:.1f} s")
        browser.close()
    return {label: {"median": medians(rs), "rounds": rs} for label, rs in rounds.items()}


def table(result: dict) -> str:
    """The medians as a text table: page, then cold / warm (reload) / menu (warm, from the
    sidebar) / restart per target."""
    labels = [k for k in result if isinstance(result[k], dict) and "median" in result[k]]
    lines = ["page        " + "".join(f"{lb + ' cold/warm/menu/restart':>40}" for lb in labels)]
    for name in PAGES:
        cells = "".join(f"{m['cold_s']:>16.2f}{m['warm_s']:>8.2f}{m['menu_s']:>8.2f}{m['restart_s']:>8.2f}"
                        for m in (result[lb]["median"][name] for lb in labels))
        lines.append(f"{name:<12}{cells}")
    lines.append("server up s " + "".join(f"{result[lb]['median']['start_s']:>16.2f}{'':>16}"
                                          f"{result[lb]['median']['restart_start_s']:>8.2f}" for lb in labels))
    lines.append("peak MB     " + "".join(f"{result[lb]['median']['peak_mb']:>40.0f}" for lb in labels))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--db", required=True, help="database file of this checkout's app")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8611)
    parser.add_argument("--compare", help="another checkout (e.g. the code before a change)")
    parser.add_argument("--compare-db", help="its own copy of the database")
    parser.add_argument("--out", help="write the result as JSON here")
    parser.add_argument("--restarts-only", action="store_true",
                        help="keep the stored results: every server starts after the warm-up (quicker rounds)")
    args = parser.parse_args(argv)
    targets = {}
    if args.compare:
        targets["before"] = (Path(args.compare), Path(args.compare_db or args.db))
    targets["after" if args.compare else "this"] = (ROOT, Path(args.db))
    result = run(targets, args.runs, args.port, log=lambda m: print(m, flush=True), restarts_only=args.restarts_only)
    if "skipped" in result:
        print(result["skipped"])
        return 0
    print(table(result))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
