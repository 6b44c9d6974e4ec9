"""UI strings of the app shell and the overview page (English and German)."""

STRINGS = {
    # --- app shell -----------------------------------------------------------------------------
    "app.title": {"en": "Customer Lifecycle Explorer", "de": "Kundenlebenszyklus-Explorer"},
    "app.tagline": {
        "en": "Why customers stay, leave and come back.",
        "de": "Warum Kunden bleiben, abwandern und zurückkommen.",
    },
    "nav.overview": {"en": "Overview", "de": "Überblick"},
    "sidebar.language": {"en": "Language", "de": "Sprache"},
    "sidebar.present": {"en": "Presenter mode", "de": "Präsentationsmodus"},
    "sidebar.present.help": {
        "en": "For a room: settings out of the way, one idea per screen, large charts and type. "
              "Switches anonymised mode on as well. In the link as present=1.",
        "de": "Für den Vortrag: Einstellungen aus dem Weg, eine Aussage pro Bildschirm, große Diagramme und "
              "Schrift. Schaltet auch den anonymisierten Modus ein. Im Link als present=1.",
    },
    "sidebar.anon": {"en": "Anonymised", "de": "Anonymisiert"},
    "sidebar.anon.help": {
        "en": "Customer ids, names and account managers are replaced by stable pseudonyms (\"Customer 0427\") "
              "on every page, chart and download. In the link as anon=1.",
        "de": "Kundennummern, Namen und Kundenbetreuer werden auf allen Seiten, in Diagrammen und Downloads durch "
              "feste Pseudonyme ersetzt („Kunde 0427“). Im Link als anon=1.",
    },
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
    "sidebar.warming": {
        "en": "Preparing this dataset's pages ({done} of {total} done). A page not prepared yet computes its first "
              "view when opened, which takes longer on large data.",
        "de": "Die Seiten dieses Datensatzes werden vorbereitet ({done} von {total} fertig). Eine Seite, die noch "
              "nicht vorbereitet ist, berechnet ihre erste Ansicht beim Öffnen; bei großen Daten dauert das länger."},
    "msg.no_data": {
        "en": "There is no data yet. Import your own exports on the Data page, or create the demo dataset with `python -m lib demo` (or `make run`) and reload.",
        "de": "Noch keine Daten vorhanden. Importieren Sie eigene Exporte auf der Seite Daten oder legen Sie die Demodaten mit `python -m lib demo` (oder `make run`) an und laden Sie neu.",
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
    "msg.preparing": {
        "en": "Preparing “{name}” for the pages: its summary tables are built once after an import "
              "(half a minute to a minute per million customers) ...",
        "de": "„{name}“ wird für die Seiten vorbereitet: Die Übersichtstabellen entstehen einmal nach einem Import "
              "(eine halbe bis eine Minute je Million Kunden) ...",
    },
    "msg.prepare_failed": {
        "en": "The summary tables of “{name}” could not be built ({error}). Free memory or disk space and reload the page.",
        "de": "Die Übersichtstabellen von „{name}“ ließen sich nicht erstellen ({error}). Geben Sie Speicher oder "
              "Plattenplatz frei und laden Sie die Seite neu.",
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
    "source.demo": {"en": "demo data (seed {seed}, {customers} customers)",
                    "de": "Demodaten (Seed {seed}, {customers} Kunden)"},
    "table.capped": {
        "en": "The first {shown} of {total} rows; the download holds all of them.",
        "de": "Die ersten {shown} von {total} Zeilen; der Download enthält alle.",
    },
    "export.csv": {"en": "Download CSV", "de": "CSV herunterladen"},
    "export.xlsx": {"en": "Download Excel", "de": "Excel herunterladen"},
    "export.xlsx.too_many": {
        "en": "More rows than an Excel sheet holds: use the CSV download.",
        "de": "Mehr Zeilen, als ein Excel-Blatt fasst: Nutzen Sie den CSV-Download.",
    },
    "msg.empty_filter": {
        "en": "No customers match these filters. Widen the filters or pick another as-of date.",
        "de": "Keine Kunden passen zu diesen Filtern. Erweitern Sie die Filter oder wählen Sie einen anderen Stichtag.",
    },
    "no": {"en": "no", "de": "nein"},
    "overview.source": {
        "en": "Source: {source}; stored {created}.",
        "de": "Quelle: {source}; gespeichert {created}.",
    },
}
