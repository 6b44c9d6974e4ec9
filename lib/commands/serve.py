"""``python -m lib serve``: the app (what ``make run`` starts), with the modules imported and the
first dataset's default views read into memory as soon as the server runs (lib/ui/serve.py)."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

NAME = "serve"
HELP = ("Run the app (Streamlit's server), ready for the first visitor: the pages' modules imported before it starts "
        "and the first dataset's default views read from the database file (or computed) right after.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=int(os.environ.get("STREAMLIT_SERVER_PORT") or 8501),
                   help="port (default $STREAMLIT_SERVER_PORT or 8501)")
    p.add_argument("--address", default=os.environ.get("STREAMLIT_SERVER_ADDRESS") or "localhost",
                   help="address to serve on (default localhost: this machine only; 0.0.0.0: the network)")
    p.add_argument("--dataset", help="the dataset to have ready (default: the first, the one the app opens with)")


def run(args: argparse.Namespace) -> int:
    if args.db:
        os.environ["LIFECYCLE_DB"] = str(Path(args.db).resolve())   # the app reads its file from there
    from lib.ui import serve

    return serve.main(args.port, args.address, dataset=args.dataset)
