"""Strings of anonymised mode (lib/anon.py, lib/ui.py): the pseudonyms and what the pages say
about them."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "anon.customer": {"en": "Customer {no}", "de": "Kunde {no}"},
    "anon.manager": {"en": "Account manager {no}", "de": "Betreuer {no}"},
    "anon.unknown_customer": {"en": "Customer (not in the dataset)", "de": "Kunde (nicht im Datensatz)"},
    "anon.unknown_manager": {"en": "Account manager (other)", "de": "Betreuer (andere)"},
    "anon.hidden": {"en": "(hidden)", "de": "(verborgen)"},
    "anon.badge": {"en": "Anonymised", "de": "Anonymisiert"},
    "anon.badge.help": {
        "en": "Customer ids, names and account managers are shown as stable pseudonyms (\"Customer 0427\") on "
              "every page, chart and download; the same customer keeps its number within this dataset.",
        "de": "Kundennummern, Namen und Betreuer erscheinen auf jeder Seite, in jedem Diagramm und jedem "
              "Download als feste Pseudonyme („Kunde 0427“); ein Kunde behält seine Nummer in diesem Datensatz.",
    },
}
