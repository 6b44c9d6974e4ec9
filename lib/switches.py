"""On/off settings from the environment, one definition each (no other lib module imported here,
so every layer may read them)."""
from __future__ import annotations

import os

#: Set ``LIFECYCLE_WARM=0`` to start no warm-up that was not asked for by name: none in the app,
#: and none after ``python -m lib import`` without ``--warm`` (the test suite does: its many small
#: apps and imports would otherwise compete with themselves for the cores). lib/loaders/warm.py.
WARM_ENV = "LIFECYCLE_WARM"


def switch(name: str) -> bool:
    """An on/off environment setting: on unless set to 0, false, no or off.

    Examples
    --------
    >>> os.environ["LIFECYCLE_EXAMPLE"] = " Off"; switch("LIFECYCLE_EXAMPLE"), switch("LIFECYCLE_UNSET_EXAMPLE")
    (False, True)
    >>> del os.environ["LIFECYCLE_EXAMPLE"]
    """
    return os.environ.get(name, "1").strip().lower() not in ("0", "false", "no", "off")
