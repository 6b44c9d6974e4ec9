"""Strings of anonymised mode (lib/anon.py, lib/ui): the pseudonyms and what the pages say
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
    "anon.story.input": {"en": "Customer (pseudonym number)", "de": "Kunde (Pseudonym-Nummer)"},
    "anon.story.input.help": {
        "en": "Anonymised mode: type the customer's number as the lists show it (\"0427\" or \"Customer 0427\"), "
              "or select a row in a list of this page. In the link as ?customer_no=0427; a link with a real "
              "?customer=ID opens that customer under its number.",
        "de": "Anonymisierter Modus: Geben Sie die Nummer des Kunden ein, wie die Listen sie zeigen („0427“ oder "
              "„Kunde 0427“), oder wählen Sie eine Zeile in einer Liste dieser Seite. Im Link als ?customer_no=0427; "
              "ein Link mit einer echten ?customer=ID öffnet diesen Kunden unter seiner Nummer.",
    },
    "anon.notes_hidden": {"en": "(note hidden)", "de": "(Notiz verborgen)"},
    "anon.data.preview": {
        "en": "Anonymised mode is on: the preview of the file's rows is hidden, because they show real customer "
              "ids and names. The import checks every row all the same; switch anonymised mode off in the sidebar "
              "to see them.",
        "de": "Der anonymisierte Modus ist an: Die Vorschau der Zeilen der Datei ist verborgen, weil sie echte "
              "Kundennummern und Namen zeigt. Der Import prüft trotzdem jede Zeile; schalten Sie den anonymisierten "
              "Modus in der Seitenleiste aus, um sie zu sehen.",
    },
    "anon.data.problems": {
        "en": "Anonymised mode is on: the list of problems and the rejected rows are hidden, because their values "
              "can be real customer ids or names. Switch anonymised mode off in the sidebar to see and download them.",
        "de": "Der anonymisierte Modus ist an: Die Liste der Probleme und die abgelehnten Zeilen sind verborgen, weil "
              "ihre Werte echte Kundennummern oder Namen sein können. Schalten Sie den anonymisierten Modus in der "
              "Seitenleiste aus, um sie zu sehen und herunterzuladen.",
    },
}
