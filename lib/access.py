"""Who may change the data: the admin password that guards importing, renaming and deleting
datasets on the data page.

Where the password comes from ($LIFECYCLE_ADMIN_PASSWORD or Streamlit's secrets) is the page's
business; this module only compares, without Streamlit, so it is tested on its own.
"""
from __future__ import annotations

import hmac


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
