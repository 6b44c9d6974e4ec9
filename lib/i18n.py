"""Every string a person sees, in English and German, and locale-aware number formatting.

Pages never hold literal UI text: they call ``t(key, lang, **values)``. The German follows the
established CRM vocabulary (Kundenlebenszyklus, Kundenwert, Abwanderung, Kundenrückgewinnung,
Zweite Loyalität).
"""
from __future__ import annotations

import math
from datetime import date
from string import Formatter

LANGS = ("en", "de")
LANG_NAMES = {"en": "English", "de": "Deutsch"}

STRINGS: dict[str, dict[str, str]] = {
    # --- app shell -----------------------------------------------------------------------------
    "app.title": {"en": "Customer Lifecycle Explorer", "de": "Kundenlebenszyklus-Explorer"},
    "app.tagline": {
        "en": "Why customers stay, leave and come back.",
        "de": "Warum Kunden bleiben, abwandern und zurückkommen.",
    },
    "nav.overview": {"en": "Overview", "de": "Überblick"},
    "sidebar.language": {"en": "Language", "de": "Sprache"},
    "sidebar.dataset": {"en": "Dataset", "de": "Datensatz"},
    "sidebar.dataset.help": {
        "en": "Each dataset is complete and independent: the demo data or an import of your own exports.",
        "de": "Jeder Datensatz ist vollständig und eigenständig: die Demodaten oder ein Import eigener Exporte.",
    },
    "sidebar.as_of": {"en": "As-of date", "de": "Stichtag"},
    "sidebar.as_of.help": {
        "en": "Every page looks at the data as it stood on this day. Default: the last transaction date.",
        "de": "Jede Seite betrachtet die Daten zum Stand dieses Tages. Standard: das letzte Transaktionsdatum.",
    },
    "sidebar.reset_as_of": {"en": "Reset to last transaction", "de": "Auf letzte Transaktion zurücksetzen"},
    "sidebar.period": {"en": "Data from {first} to {last}", "de": "Daten vom {first} bis {last}"},
    "msg.no_data": {
        "en": "There is no data yet. Create the demo dataset with `python -m lib demo` (or `make run`), then reload.",
        "de": "Noch keine Daten vorhanden. Legen Sie die Demodaten mit `python -m lib demo` (oder `make run`) an und laden Sie neu.",
    },
    "msg.db_error": {
        "en": "The database cannot be opened: {error}",
        "de": "Die Datenbank lässt sich nicht öffnen: {error}",
    },
    "msg.unknown_dataset": {
        "en": "The link names the dataset “{name}”, which does not exist; showing “{shown}” instead.",
        "de": "Der Link nennt den Datensatz „{name}“, den es nicht gibt; angezeigt wird „{shown}“.",
    },
    "msg.bad_as_of": {
        "en": "The link's as-of date “{value}” is not a date within the data ({first} to {last}); using {shown}.",
        "de": "Der Stichtag „{value}“ im Link liegt nicht innerhalb der Daten ({first} bis {last}); verwendet wird {shown}.",
    },
    "msg.no_transactions": {
        "en": "The dataset “{name}” has no transactions: import a transactions file for it.",
        "de": "Der Datensatz „{name}“ enthält keine Transaktionen: Importieren Sie eine Transaktionsdatei.",
    },
    "msg.loading": {"en": "Computing ...", "de": "Wird berechnet ..."},
    # --- overview --------------------------------------------------------------------------------
    "overview.title": {"en": "Overview", "de": "Überblick"},
    "overview.intro": {
        "en": "Dataset **{dataset}** as of **{as_of}**. Hover over a number for its definition; the small figure below it is the change against one year earlier.",
        "de": "Datensatz **{dataset}** zum Stichtag **{as_of}**. Fahren Sie über eine Zahl, um ihre Definition zu sehen; die kleine Zahl darunter ist die Veränderung gegenüber dem Vorjahr.",
    },
    "kpi.customers": {"en": "Customers", "de": "Kunden"},
    "kpi.customers.help": {
        "en": "Customers with at least one purchase up to the as-of date (prospects without a purchase are not counted).",
        "de": "Kunden mit mindestens einem Kauf bis zum Stichtag (Interessenten ohne Kauf zählen nicht).",
    },
    "kpi.active": {"en": "Active customers", "de": "Aktive Kunden"},
    "kpi.active.help": {
        "en": "Customers with a purchase (positive amount) in the 365 days up to and including the as-of date.",
        "de": "Kunden mit einem Kauf (positiver Betrag) in den 365 Tagen bis einschließlich Stichtag.",
    },
    "kpi.revenue": {"en": "Revenue 12 mo. (€)", "de": "Umsatz 12 Mon. (€)"},
    "kpi.revenue.help": {
        "en": "Sum of all transaction amounts in the 365 days up to the as-of date, returns and credit notes netted.",
        "de": "Summe aller Transaktionsbeträge in den 365 Tagen bis zum Stichtag, Retouren und Gutschriften verrechnet.",
    },
    "kpi.churn": {"en": "Annual churn", "de": "Abwanderung p. a."},
    "kpi.churn.help": {
        "en": "Of the customers who bought in the year before the last 12 months ({base} customers), the share lost since: no purchase in the last 12 months, or a churn record in them with no purchase after it.",
        "de": "Von den Kunden, die im Jahr vor den letzten 12 Monaten gekauft haben ({base} Kunden), der Anteil, der seitdem verloren ging: kein Kauf in den letzten 12 Monaten oder ein Abwanderungseintrag darin ohne späteren Kauf.",
    },
    "kpi.won_back": {"en": "Won back", "de": "Rückgewonnen"},
    "kpi.won_back.help": {
        "en": "Customers who bought in the last 12 months after a recorded loss or after more than 365 days without a purchase.",
        "de": "Kunden, die in den letzten 12 Monaten nach einem erfassten Verlust oder nach mehr als 365 Tagen ohne Kauf wieder gekauft haben.",
    },
    "kpi.na": {"en": "n/a", "de": "k. A."},
    "overview.activity": {"en": "Monthly activity", "de": "Aktivität je Monat"},
    "overview.activity.caption": {
        "en": "Net revenue per month (bars) and buying customers per month (line), up to the as-of date.",
        "de": "Nettoumsatz je Monat (Balken) und kaufende Kunden je Monat (Linie), bis zum Stichtag.",
    },
    "chart.month": {"en": "Month", "de": "Monat"},
    "chart.revenue": {"en": "Revenue", "de": "Umsatz"},
    "chart.buyers": {"en": "Buying customers", "de": "Kaufende Kunden"},
    "chart.new_customers": {"en": "New customers", "de": "Neukunden"},
    "overview.coverage": {"en": "Data coverage", "de": "Datenabdeckung"},
    "overview.coverage.caption": {
        "en": "Which of the seven input tables this dataset holds. Missing optional tables only switch off the analyses that need them.",
        "de": "Welche der sieben Eingabetabellen dieser Datensatz enthält. Fehlende optionale Tabellen schalten nur die Analysen ab, die sie brauchen.",
    },
    "coverage.table": {"en": "Table", "de": "Tabelle"},
    "coverage.present": {"en": "Present", "de": "Vorhanden"},
    "coverage.rows": {"en": "Rows", "de": "Zeilen"},
    "coverage.customers": {"en": "Customers", "de": "Kunden"},
    "coverage.first": {"en": "From", "de": "Von"},
    "coverage.last": {"en": "To", "de": "Bis"},
    "coverage.enables": {"en": "Enables", "de": "Ermöglicht"},
    "coverage.enables.transactions": {
        "en": "everything (required): lifecycle, value, churn, win-back",
        "de": "alles (Pflicht): Lebenszyklus, Kundenwert, Abwanderung, Rückgewinnung",
    },
    "coverage.enables.customers": {
        "en": "filters by segment, region, acquisition channel; prospects; account managers",
        "de": "Filter nach Segment, Region, Akquisekanal; Interessenten; Kundenbetreuer",
    },
    "coverage.enables.events": {
        "en": "complaints, disputes, contacts and competitor mentions as warning signals; danger points",
        "de": "Beschwerden, Streitfälle, Kontakte und Wettbewerbernennungen als Frühwarnsignale; Gefahrenpunkte",
    },
    "coverage.enables.invoices": {
        "en": "payment behaviour as a warning signal",
        "de": "Zahlungsverhalten als Frühwarnsignal",
    },
    "coverage.enables.churn": {
        "en": "explicit losses with reasons; loss-reason analysis",
        "de": "ausdrückliche Kündigungen mit Gründen; Analyse der Abwanderungsgründe",
    },
    "coverage.enables.winback": {
        "en": "win-back measures, control groups, uplift",
        "de": "Rückgewinnungsmaßnahmen, Kontrollgruppen, Uplift",
    },
    "coverage.enables.surveys": {
        "en": "satisfaction with sale and after-sales; repurchase by satisfaction",
        "de": "Zufriedenheit mit Kauf und After-Sales; Wiederkauf nach Zufriedenheit",
    },
    "table.transactions": {"en": "Transactions", "de": "Transaktionen"},
    "table.customers": {"en": "Customers", "de": "Kunden"},
    "table.events": {"en": "Events", "de": "Ereignisse"},
    "table.invoices": {"en": "Invoices", "de": "Rechnungen"},
    "table.churn": {"en": "Churn", "de": "Abwanderung"},
    "table.winback": {"en": "Win-back", "de": "Rückgewinnung"},
    "table.surveys": {"en": "Surveys", "de": "Befragungen"},
    "yes": {"en": "yes", "de": "ja"},
    "no": {"en": "no", "de": "nein"},
    "overview.source": {
        "en": "Source: {source}; stored {created}.",
        "de": "Quelle: {source}; gespeichert {created}.",
    },
}


def t(key: str, lang: str, /, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in.

    Examples
    --------
    >>> t("sidebar.period", "de", first="01.01.2023", last="31.12.2025")
    'Daten vom 01.01.2023 bis 31.12.2025'
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a template (for the consistency test)."""
    return {f for _, f, _, _ in Formatter().parse(text) if f}


def fmt_int(value: float | int | None, lang: str) -> str:
    """A whole number with the language's thousands separator: 1,234 / 1.234."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return t("kpi.na", lang)
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "de" else text


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """A decimal number: 1,234.5 / 1.234,5."""
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def fmt_money(value: float | None, lang: str, currency: str = "€") -> str:
    """An amount, shortened with a k/M suffix from 10,000 on: €6.52M / 6,52 Mio €.

    Examples
    --------
    >>> fmt_money(6523544.93, "de"), fmt_money(-950.5, "en")
    ('6,52 Mio €', '-€950')
    """
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    sign, rest = ("-" if value < 0 else ""), abs(value)
    number, en, de = fmt_num(rest, lang, 0), "", ""
    for size, scale, en_suffix, de_suffix in ((1e9, 1e9, "bn", "Mrd"), (1e6, 1e6, "M", "Mio"), (1e4, 1e3, "k", "Tsd")):
        if rest >= size:
            number = fmt_num(rest / scale, lang, 2 if rest < 10 * scale else 1 if rest < 100 * scale else 0)
            en, de = en_suffix, " " + de_suffix
            break
    if lang == "en":
        return f"{sign}{currency}{number}{en}"
    return f"{sign}{number}{de} {currency}".rstrip()


def fmt_pct(value: float | None, lang: str, digits: int = 1) -> str:
    """A share as a percentage: 24.9 % (English keeps the space-free 24.9%)."""
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    number = fmt_num(value * 100, lang, digits)
    return f"{number}%" if lang == "en" else f"{number} %"


def fmt_date(value: date | None, lang: str) -> str:
    """ISO in English (unambiguous for an international room), dd.mm.yyyy in German."""
    if value is None:
        return t("kpi.na", lang)
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()
