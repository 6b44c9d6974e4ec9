"""Anonymised mode: stable pseudonyms for customers ("Kunde 0427") and account managers
("Betreuer 3"), and the one function that puts them into a frame (:func:`mask`).

How the numbers come about: every dataset has a random secret (``anon_keys.salt``, 128 bits,
written once when its derived tables are first built and kept across rebuilds and restarts; it
goes with the dataset). Its customers are numbered 1, 2, ... in the order of md5(salt || id)
(``anon_customers``, a derived table, lib/queries/anon_build_customers.sql), its account managers
likewise (``anon_managers``). So

* the same customer keeps its number within a dataset: after a restart, a rebuild of the derived
  tables, on another server and in the command line (read-only connections read the stored
  numbers);
* another dataset (or the same data imported again, which is a new dataset) numbers differently;
* the number says nothing about the real id: neither its order (the hash order is unrelated to
  the ids' order) nor its digits; without the salt, which is never shown, nobody can map back.

The labels are at least four digits wide, more when the dataset has 10,000 customers or more,
so all labels of a dataset have the same width and sort by number.

Pure: no Streamlit (pages use ``lib.loaders.anon.pseudonyms`` and ``lib.ui.masked``).
"""
from __future__ import annotations

import secrets
import weakref

import duckdb
import numpy as np
import pandas as pd

from lib import db
from lib.i18n import t
from lib.queries import load

#: The columns :func:`mask` replaces, whatever of them a frame has.
MASKED = ("customer_id", "name", "account_manager")
#: The narrowest customer number ("0427").
MIN_WIDTH = 4
#: ``DataFrame.attrs`` key :func:`mask` sets, so a frame is never masked twice.
MASKED_FLAG = "anonymised"


#: Per pseudonym table (by identity, while it lives): its ids as an Index and its managers' numbers,
#: so a page that masks 500 rows of a million-customer dataset does not hash a million ids each time.
_LOOKUPS: dict[int, tuple[weakref.ref, pd.Index, pd.DataFrame]] = {}


def _lookups(table: pd.DataFrame) -> tuple[pd.Index, pd.DataFrame]:
    """The ids of ``table`` as an Index (hashed once) and its (account_manager, manager_no) pairs."""
    hit = _LOOKUPS.get(id(table))
    if hit is not None and hit[0]() is table:
        return hit[1], hit[2]
    for key in [k for k, (ref, _, _) in _LOOKUPS.items() if ref() is None]:
        del _LOOKUPS[key]
    index = pd.Index(table["customer_id"])
    if "manager_no" in table:
        managers = table.loc[table["manager_no"].notna(), ["account_manager", "manager_no"]].drop_duplicates("account_manager")
    else:
        managers = pd.DataFrame({"account_manager": pd.Series(dtype=object), "manager_no": pd.Series(dtype="Int64")})
    _LOOKUPS[id(table)] = (weakref.ref(table), index, managers)
    return index, managers


def ensure_key(con: duckdb.DuckDBPyConnection, dataset_id: int) -> str:
    """The secret salt of ``dataset_id``, created (random, 128 bits) when it has none yet: inside
    the caller's transaction (``lib.derived.build``)."""
    salt = db.scalar(con, "SELECT any_value(salt) FROM anon_keys WHERE dataset_id = ?", [dataset_id])
    if salt is None:
        salt = secrets.token_hex(16)
        con.execute("INSERT INTO anon_keys VALUES (?, ?)", [dataset_id, salt])
    return salt


def build(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Number the customers and account managers of ``dataset_id`` (``lib.derived.build`` calls
    this inside its transaction, after ``lifecycle_customers``; the old rows are deleted by then).
    A few seconds for a million customers."""
    ensure_key(con, dataset_id)
    for name in ("anon_build_customers", "anon_build_managers"):
        con.execute(load(name), {"dataset_id": dataset_id})


def pseudonyms(con: duckdb.DuckDBPyConnection, dataset_id: int) -> pd.DataFrame:
    """Every customer of ``dataset_id`` with its pseudonym number ``no`` (1..n, stable per
    dataset), its account manager (or None) and that manager's number ``manager_no``, by number.

    Examples
    --------
    >>> con = db.connect(":memory:")
    >>> _ = con.execute("INSERT INTO customers (dataset_id, customer_id, account_manager) "
    ...                 "VALUES (1, 'a', 'Ms X'), (1, 'b', NULL)")
    >>> from lib import derived; derived.build(con, 1)
    >>> p = pseudonyms(con, 1)
    >>> sorted(p["no"].tolist()), p.loc[p["customer_id"] == "a", "manager_no"].tolist()
    ([1, 2], [1])
    """
    frame = db.run_query(con, load("anon_pseudonyms"), {"dataset_id": dataset_id})
    frame["no"] = frame["no"].astype("int64")
    frame["manager_no"] = frame["manager_no"].astype("Int64")
    return frame


def width(customers: int) -> int:
    """Digits of the customer numbers of a dataset with ``customers`` customers: at least
    :data:`MIN_WIDTH`, more when the largest number needs them.

    >>> width(5000), width(9999), width(10_000), width(1_000_000)
    (4, 4, 5, 7)
    """
    return max(MIN_WIDTH, len(str(max(int(customers), 1))))


def customer_label(no: int, lang: str, width: int = MIN_WIDTH) -> str:
    """The pseudonym of customer number ``no``: "Customer 0427" / "Kunde 0427".

    >>> customer_label(427, "de"), customer_label(7, "en", width=6)
    ('Kunde 0427', 'Customer 000007')
    """
    return t("anon.customer", lang, no=str(int(no)).zfill(width))


def manager_label(no: int, lang: str) -> str:
    """The pseudonym of account manager number ``no``: "Account manager 3" / "Betreuer 3".

    >>> manager_label(3, "de")
    'Betreuer 3'
    """
    return t("anon.manager", lang, no=int(no))


def _labels(numbers: np.ndarray, found: np.ndarray, template: str, fallback: str, digits: int) -> np.ndarray:
    """``template`` filled with each number (zero-padded to ``digits``), ``fallback`` where not ``found``."""
    text = pd.Series(numbers, dtype="int64").astype(str).str.zfill(digits)
    prefix, _, suffix = template.partition("{no}")
    out = (prefix + text + suffix).to_numpy(dtype=object)
    out[~found] = fallback
    return out


def customer_labels(ids, table: pd.DataFrame, lang: str) -> np.ndarray:
    """The pseudonym of every id in ``ids`` (any sequence of customer ids) by ``table``
    (:func:`pseudonyms`); an id the table does not know (never the case for ids of the dataset)
    gets a label without a number. None stays None."""
    values = pd.Index(ids)   # in its own dtype: looking strings up as strings is the fast path
    pos = _lookups(table)[0].get_indexer(values)
    found = pos >= 0
    numbers = np.where(found, table["no"].to_numpy()[np.clip(pos, 0, None)], 0)
    template = t("anon.customer", lang, no="{no}")
    out = _labels(numbers, found, template, t("anon.unknown_customer", lang), width(len(table)))
    out[np.asarray(values.isna())] = None
    return out


def manager_labels(managers, table: pd.DataFrame, lang: str) -> np.ndarray:
    """The pseudonym of every account manager in ``managers`` by ``table`` (:func:`pseudonyms`);
    None (no manager) stays None, a name the table does not know gets a label without a number."""
    values = pd.Series(managers, dtype=object).to_numpy()
    known = _lookups(table)[1]
    pos = pd.Index(known["account_manager"]).get_indexer(values)
    found = pos >= 0
    numbers = np.where(found, known["manager_no"].to_numpy(dtype="int64", na_value=0)[np.clip(pos, 0, None)], 0)
    template = t("anon.manager", lang, no="{no}")
    out = _labels(numbers, found, template, t("anon.unknown_manager", lang), 1)
    out[pd.isna(values)] = None
    return out


def mask(df: pd.DataFrame, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy of ``df`` whose ``customer_id``, ``name`` and ``account_manager`` columns (whatever
    of them it has; an index named ``customer_id`` too) hold pseudonyms by ``table``
    (:func:`pseudonyms`) instead of the real values. ``name`` becomes the row's customer label
    when the frame has ``customer_id`` (a name alone cannot be mapped: it becomes "(hidden)").

    Examples
    --------
    >>> table = pd.DataFrame({"customer_id": ["K1", "K2"], "no": [2, 1],
    ...                       "account_manager": ["Ms X", None], "manager_no": pd.array([1, None], "Int64")})
    >>> df = pd.DataFrame({"customer_id": ["K1", "K2"], "name": ["Anna", "Ben"],
    ...                    "account_manager": ["Ms X", None], "revenue": [10, 20]})
    >>> mask(df, table, "de").fillna("-").values.tolist()
    [['Kunde 0002', 'Kunde 0002', 'Betreuer 1', 10], ['Kunde 0001', 'Kunde 0001', '-', 20]]
    """
    if df.attrs.get(MASKED_FLAG):
        return df   # masked already (a page's table handed on to its download)
    out = df.copy()
    out.attrs[MASKED_FLAG] = True
    if out.index.name == "customer_id":
        out.index = pd.Index(customer_labels(out.index, table, lang), name="customer_id")
    if "customer_id" in out.columns:
        out["customer_id"] = customer_labels(out["customer_id"], table, lang)
        if "name" in out.columns:
            out["name"] = out["customer_id"]
    elif "name" in out.columns:
        out["name"] = np.where(out["name"].isna(), None, t("anon.hidden", lang))
    if "account_manager" in out.columns:
        out["account_manager"] = manager_labels(out["account_manager"], table, lang)
    return out


def numbers(ids, table: pd.DataFrame) -> np.ndarray:
    """The pseudonym number of every id in ``ids`` (0 for an id the table does not know)."""
    pos = _lookups(table)[0].get_indexer(pd.Index(ids))
    return np.where(pos >= 0, table["no"].to_numpy()[np.clip(pos, 0, None)], 0)


def order(df: pd.DataFrame, table: pd.DataFrame, by=(), ascending=True) -> pd.DataFrame:
    """``df`` sorted by the columns ``by`` (each ``ascending`` or not) and then by the pseudonym
    number of its ``customer_id``: rows that tie (many customers with no revenue) follow the
    pseudonyms, never the order of the real ids, which the lists' SQL and stable sorts would show.

    >>> table = pd.DataFrame({"customer_id": ["A", "B", "C"], "no": [3, 1, 2]})
    >>> df = pd.DataFrame({"customer_id": ["A", "B", "C"], "v": [0, 0, 5]})
    >>> order(df, table, ["v"], [False])["customer_id"].tolist()
    ['C', 'B', 'A']
    """
    by = [by] if isinstance(by, str) else list(by)
    ascending = [ascending] * len(by) if isinstance(ascending, bool) else list(ascending)
    tie = numbers(df["customer_id"], table)
    keyed = df.assign(_anon_no=tie)
    return keyed.sort_values([*by, "_anon_no"], ascending=[*ascending, True], kind="stable").drop(columns="_anon_no")


def lookup(table: pd.DataFrame, text: str) -> str | None:
    """The real customer id behind a pseudonym typed or linked as "0427", "427", "Kunde 0427",
    "Customer 427" or "#427" (None when ``text`` names no number of the table): a facilitator can
    open "customer 427" by its number.

    >>> table = pd.DataFrame({"customer_id": ["K1", "K2"], "no": [2, 1]})
    >>> lookup(table, "Kunde 0002"), lookup(table, "#1"), lookup(table, "3"), lookup(table, "K1")
    ('K1', 'K2', None, None)
    """
    raw = str(text or "").strip()
    for word in ("customer", "kunde", "#"):
        if raw.lower().startswith(word):
            raw = raw[len(word):].strip()
    if not raw.isdigit() or len(raw) > 12:
        return None
    hit = table.loc[table["no"] == int(raw), "customer_id"]
    return None if hit.empty else str(hit.iloc[0])
