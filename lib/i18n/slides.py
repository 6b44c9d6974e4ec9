"""Strings of the slides: chart downloads (PNG/SVG at presentation size) and the deck (PowerPoint)."""
from __future__ import annotations

STRINGS = {
    "chart.download": {"en": "Download chart", "de": "Grafik herunterladen"},
    "chart.download.help": {
        "en": "The chart as a picture for slides: PNG at presentation size (1280 × 620, drawn at twice the "
              "resolution) or SVG (sharp at any size, editable), with its title and caption in this language.",
        "de": "Die Grafik als Bild für Folien: PNG in Präsentationsgröße (1280 × 620, in doppelter Auflösung) "
              "oder SVG (in jeder Größe scharf, bearbeitbar), mit Titel und Erläuterung in dieser Sprache.",
    },
    "chart.download.png": {"en": "PNG (presentation size)", "de": "PNG (Präsentationsgröße)"},
    "chart.download.svg": {"en": "SVG (vector)", "de": "SVG (Vektorgrafik)"},
    "chart.download.file": {"en": "chart", "de": "grafik"},
    # --- the deck (python -m lib deck, the story page's download) --------------------------------------
    "deck.title": {"en": "The lifecycle of your customers: {dataset}", "de": "Der Lebenszyklus Ihrer Kunden: {dataset}"},
    "deck.subtitle": {"en": "As of {as_of} · {language}", "de": "Stichtag {as_of} · {language}"},
    "deck.snapshot": {"en": "Snapshot “{name}”", "de": "Schnappschuss „{name}“"},
    "deck.anon": {
        "en": "Anonymised: customers appear by pseudonyms only (Customer 0427)",
        "de": "Anonymisiert: Kunden erscheinen nur unter Pseudonymen (Kunde 0427)",
    },
    "deck.footer": {"en": "Step {n} of {total} · {title} · {dataset}, as of {as_of}",
                    "de": "Schritt {n} von {total} · {title} · {dataset}, Stichtag {as_of}"},
    "deck.notes.title": {
        "en": "The story in {steps} steps, one idea per slide: each slide's title is its takeaway, computed from the "
              "data; the definitions are in each slide's notes. Made with the Customer Lifecycle Explorer on {today}.",
        "de": "Die Geschichte in {steps} Schritten, eine Aussage je Folie: Der Titel jeder Folie ist ihre Kernaussage, "
              "aus den Daten berechnet; die Definitionen stehen in den Notizen jeder Folie. Erstellt mit dem Customer "
              "Lifecycle Explorer am {today}.",
    },
    "deck.notes.definitions": {"en": "Definitions:", "de": "Definitionen:"},
    "deck.download": {"en": "Download the story as slides (PowerPoint)", "de": "Story als Folien herunterladen (PowerPoint)"},
    "deck.download.help": {
        "en": "All {n} steps of the story on this dataset and as-of date, in this language{anon}: one slide per step "
              "with its chart, the takeaway as the title and the definitions in the speaker notes. Built when clicked "
              "(about a second per step).",
        "de": "Alle {n} Schritte der Story auf diesem Datensatz und Stichtag, in dieser Sprache{anon}: eine Folie je "
              "Schritt mit ihrer Grafik, der Kernaussage als Titel und den Definitionen in den Sprechernotizen. "
              "Wird beim Klick erstellt (etwa eine Sekunde je Schritt).",
    },
    "deck.download.anon": {"en": ", anonymised", "de": ", anonymisiert"},
}
