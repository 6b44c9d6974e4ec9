"""Who may change the data: the admin password that guards importing, renaming and deleting
datasets on the data page.

The password is ``$LIFECYCLE_ADMIN_PASSWORD`` or ``admin_password`` in .streamlit/secrets.toml
(:func:`configured_password`). Serving beyond this machine without one gets a warning at start
(:func:`exposure_warning`, printed by ``make run`` and logged by the app). No Streamlit here, so
it is tested on its own.
"""
from __future__ import annotations

import hmac
import os
import sys
import tomllib
from pathlib import Path


def check_password(given: str | None, expected: str | None) -> bool:
    """Whether ``given`` is the admin password, compared in constant time.

    Examples
    --------
    >>> check_password("s3cret", "s3cret"), check_password("guess", "s3cret"), check_password("", None)
    (True, False, False)
    """
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


#: Addresses that serve this machine only.
LOCAL = ("localhost", "127.0.0.1", "::1")


def is_local(address: str | None) -> bool:
    """Whether Streamlit's ``server.address`` serves this machine only (unset or ``0.0.0.0``
    means every network interface).

    Examples
    --------
    >>> is_local("localhost"), is_local("127.0.0.1"), is_local("0.0.0.0"), is_local(None)
    (True, True, False, False)
    """
    return bool(address) and (address in LOCAL or str(address).startswith("127."))


def configured_password(env: dict | None = None, secrets: str | os.PathLike | None = None) -> str | None:
    """The admin password as the app reads it: ``$LIFECYCLE_ADMIN_PASSWORD``, else
    ``admin_password`` in ``.streamlit/secrets.toml``; None when neither is set."""
    env = os.environ if env is None else env
    if env.get("LIFECYCLE_ADMIN_PASSWORD"):
        return env["LIFECYCLE_ADMIN_PASSWORD"]
    path = Path(secrets) if secrets else Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get("admin_password") or None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


def exposure_warning(address: str | None, password: str | None) -> str | None:
    """The warning for serving beyond this machine without an admin password, else None.

    Examples
    --------
    >>> exposure_warning("localhost", None) is None, exposure_warning("0.0.0.0", "s3cret") is None
    (True, True)
    >>> exposure_warning("0.0.0.0", None).startswith("warning: the app is served on 0.0.0.0")
    True
    """
    if is_local(address) or password:
        return None
    where = address or "every network interface"
    return (f"warning: the app is served on {where} without an admin password: anyone who can reach "
            "this machine can import, rename and delete datasets. Set LIFECYCLE_ADMIN_PASSWORD (or "
            "admin_password in .streamlit/secrets.toml), or serve on localhost (the default of make run).")


def main(argv: list[str] | None = None) -> int:
    """``python -m lib.access --address ADDR``: print the exposure warning (``make run`` calls it
    before starting the app); always exit 0, it only warns."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lib.access")
    parser.add_argument("--address", default=None)
    args = parser.parse_args(argv)
    message = exposure_warning(args.address, configured_password())
    if message:
        print(message, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
