"""Loader of anonymised mode (lib/anon.py): the dataset's pseudonym numbers, read once per
dataset and shared by every page (``lib.ui.masked`` puts them into a frame)."""
from __future__ import annotations

import pandas as pd

from lib import anon
from lib.loaders import DatasetKey, cached, con


@cached
def pseudonyms(key: DatasetKey) -> pd.DataFrame:
    """customer_id, no, account_manager, manager_no of every customer (:func:`lib.anon.pseudonyms`)."""
    return anon.pseudonyms(con(key), key.dataset_id)
