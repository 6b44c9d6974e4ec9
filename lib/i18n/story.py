"""UI strings of the story (the guided sequence, its slides and snapshots), English and German."""

STRINGS = {
    # --- the page ------------------------------------------------------------------------------------
    "nav.story": {"en": "Story", "de": "Story"},
    "story.title": {"en": "The story of your customers", "de": "Die Geschichte Ihrer Kunden"},
    "story.intro": {
        "en": "A guided walk in {n} steps through dataset {dataset} as of {as_of}: one idea per screen, each with its takeaway computed from the data. Presenter mode (sidebar) hides everything else.",
        "de": "Ein geführter Gang in {n} Schritten durch den Datensatz {dataset} zum Stichtag {as_of}: eine Aussage je Bildschirm, jede aus den Daten berechnet. Der Präsentationsmodus (Seitenleiste) blendet alles andere aus.",
    },
    "story.previous": {"en": "Previous", "de": "Zurück"},
    "story.next": {"en": "Next", "de": "Weiter"},
    "story.position": {"en": "Step {n} of {total}", "de": "Schritt {n} von {total}"},
    "story.details": {"en": "Details on the page {page}", "de": "Details auf der Seite {page}"},
    "story.definitions": {"en": "Definitions", "de": "Definitionen"},
    # --- snapshots -----------------------------------------------------------------------------------
    "story.snapshots": {"en": "Snapshots", "de": "Schnappschüsse"},
    "story.snapshots.caption": {
        "en": "A snapshot keeps this dataset, the as-of date and the step under a name in the database file, so a prepared talk shows the same numbers tomorrow, after a restart.",
        "de": "Ein Schnappschuss hält diesen Datensatz, den Stichtag und den Schritt unter einem Namen in der Datenbankdatei fest, damit ein vorbereiteter Vortrag morgen, auch nach einem Neustart, dieselben Zahlen zeigt.",
    },
    "story.snapshots.none": {"en": "No snapshot saved yet.", "de": "Noch kein Schnappschuss gespeichert."},
    "story.snapshot.name": {"en": "Name of a new snapshot", "de": "Name eines neuen Schnappschusses"},
    "story.snapshot.name.help": {
        "en": "Up to {max} characters; each name once.",
        "de": "Bis zu {max} Zeichen; jeder Name nur einmal.",
    },
    "story.snapshot.save": {"en": "Save", "de": "Speichern"},
    "story.snapshot.pick": {"en": "Snapshot", "de": "Schnappschuss"},
    "story.snapshot.open": {"en": "Open", "de": "Öffnen"},
    "story.snapshot.delete": {"en": "Delete", "de": "Löschen"},
    "story.snapshot.leave": {"en": "Back to the current data", "de": "Zurück zu den aktuellen Daten"},
    "story.snapshot.saved": {"en": "Snapshot “{name}” saved.", "de": "Schnappschuss „{name}“ gespeichert."},
    "story.snapshot.deleted": {"en": "Snapshot “{name}” deleted.", "de": "Schnappschuss „{name}“ gelöscht."},
    "story.snapshot.shown": {"en": "Snapshot “{name}”.", "de": "Schnappschuss „{name}“."},
    "story.snapshot.unknown": {
        "en": "There is no snapshot called “{name}”; the story shows the current data.",
        "de": "Es gibt keinen Schnappschuss namens „{name}“; die Story zeigt die aktuellen Daten.",
    },
    "story.snapshot.gone.replaced": {
        "en": "Snapshot “{name}” was saved on {saved} for dataset {dataset} as of {as_of}, but that dataset has been replaced since (imported again). Its numbers would differ from the prepared ones, so they are not shown. Save a new snapshot on the current data.",
        "de": "Der Schnappschuss „{name}“ wurde am {saved} für den Datensatz {dataset} zum Stichtag {as_of} gespeichert, doch dieser Datensatz wurde seither ersetzt (neu importiert). Seine Zahlen wichen von den vorbereiteten ab und werden daher nicht gezeigt. Speichern Sie einen neuen Schnappschuss auf den aktuellen Daten.",
    },
    "story.snapshot.gone.deleted": {
        "en": "Snapshot “{name}” was saved on {saved} for dataset {dataset} as of {as_of}, but that dataset has been deleted since. Its numbers cannot be shown any more; import the data again and save a new snapshot.",
        "de": "Der Schnappschuss „{name}“ wurde am {saved} für den Datensatz {dataset} zum Stichtag {as_of} gespeichert, doch dieser Datensatz wurde seither gelöscht. Seine Zahlen können nicht mehr gezeigt werden; importieren Sie die Daten erneut und speichern Sie einen neuen Schnappschuss.",
    },
    "story.snapshot.problem.empty": {
        "en": "Please give the snapshot a name.",
        "de": "Bitte geben Sie dem Schnappschuss einen Namen.",
    },
    "story.snapshot.problem.too_long": {
        "en": "The name is too long: at most {max} characters.",
        "de": "Der Name ist zu lang: höchstens {max} Zeichen.",
    },
    "story.snapshot.problem.control": {
        "en": "The name contains control characters (such as a line break or tab); use letters, digits, spaces and punctuation.",
        "de": "Der Name enthält Steuerzeichen (etwa einen Zeilenumbruch oder Tabulator); verwenden Sie Buchstaben, Ziffern, Leerzeichen und Satzzeichen.",
    },
    "story.snapshot.problem.duplicate": {
        "en": "A snapshot of this name exists already: choose another name, or delete the old one first.",
        "de": "Ein Schnappschuss dieses Namens existiert bereits: Wählen Sie einen anderen Namen oder löschen Sie zuerst den alten.",
    },
    "story.snapshot.col.name": {"en": "Name", "de": "Name"},
    "story.snapshot.col.dataset": {"en": "Dataset", "de": "Datensatz"},
    "story.snapshot.col.as_of": {"en": "As-of date", "de": "Stichtag"},
    "story.snapshot.col.saved": {"en": "Saved on", "de": "Gespeichert am"},
    "story.snapshot.col.status": {"en": "Dataset now", "de": "Datensatz jetzt"},
    "story.snapshot.status.ok": {"en": "unchanged", "de": "unverändert"},
    "story.snapshot.status.replaced": {"en": "replaced since", "de": "seither ersetzt"},
    "story.snapshot.status.deleted": {"en": "deleted since", "de": "seither gelöscht"},
    # --- shared --------------------------------------------------------------------------------------
    "story.missing": {
        "en": "This step needs the {tables} table, which this dataset does not hold.",
        "de": "Dieser Schritt braucht die Tabelle {tables}, die dieser Datensatz nicht enthält.",
    },
    "story.missing.caption": {
        "en": "Import the {tables} table on the data page to show this step; the other steps work without it.",
        "de": "Importieren Sie die Tabelle {tables} auf der Datenseite, um diesen Schritt zu zeigen; die anderen Schritte kommen ohne sie aus.",
    },
    "story.too_little": {
        "en": "There are too few customers at this as-of date to show this step.",
        "de": "Zu diesem Stichtag gibt es zu wenige Kunden, um diesen Schritt zu zeigen.",
    },
    "story.no_evidence": {"en": "no evidence in this dataset", "de": "keine Belege in diesem Datensatz"},
    "story.danger.sentence": {
        "en": "Strongest danger point, {title}: customers in the group “{worse}” were lost {ratio}x as often as those in “{better}” ({worse_rate} vs {better_rate}).",
        "de": "Stärkster Gefahrenpunkt, {title}: Kunden der Gruppe „{worse}“ gingen {ratio}-mal so oft verloren wie die der Gruppe „{better}“ ({worse_rate} gegenüber {better_rate}).",
    },
    # --- 1 lifecycle ---------------------------------------------------------------------------------
    "story.lifecycle.title": {"en": "This is your customer lifecycle", "de": "Das ist Ihr Kundenlebenszyklus"},
    "story.lifecycle.takeaway": {
        "en": "A customer brings {first} in the first month, {peak} at the peak (month {peak_month}) and still {last} in month {last_month}.",
        "de": "Ein Kunde bringt im ersten Monat {first}, auf dem Höhepunkt (Monat {peak_month}) {peak} und in Monat {last_month} noch {last}.",
    },
    "story.lifecycle.caption": {
        "en": "Mean net revenue per customer by month since the first purchase, with the lifecycle phases placed from the curve and the 14 danger points (red): the data support {supported} of the {tested} that can be tested.",
        "de": "Mittlerer Nettoumsatz je Kunde nach Monaten seit dem Erstkauf, mit den aus der Kurve gesetzten Lebenszyklusphasen und den 14 Gefahrenpunkten (rot): Die Daten stützen {supported} der {tested} prüfbaren.",
    },
    "story.lifecycle.def": {
        "en": "Lifecycle curve: for each month since a customer's first purchase, the net revenue (returns subtracted) per customer who had reached that month, over the customers with at least 30 behind the point.",
        "de": "Lebenszykluskurve: Für jeden Monat seit dem Erstkauf der Nettoumsatz (Retouren abgezogen) je Kunde, der diesen Monat erreicht hat, über die Punkte mit mindestens 30 Kunden.",
    },
    # --- 2 stages ------------------------------------------------------------------------------------
    "story.stages.title": {"en": "Where your customers stand now", "de": "Wo Ihre Kunden jetzt stehen"},
    "story.stages.takeaway": {
        "en": "Of {total} customers, {at_risk} ({at_risk_share}) are declining or sleeping and can still be kept; {lost} ({lost_share}) are lost.",
        "de": "Von {total} Kunden sind {at_risk} ({at_risk_share}) rückläufig oder schlafend und noch zu halten; {lost} ({lost_share}) sind verloren.",
    },
    "story.stages.caption": {
        "en": "Customers per lifecycle stage on {as_of}, by the stage rules with their default thresholds.",
        "de": "Kunden je Lebenszyklusphase am {as_of}, nach den Phasenregeln mit ihren Standardschwellen.",
    },
    "story.stages.def": {
        "en": "Stage: each customer's place in the lifecycle at the as-of date, from their purchases (and a churn record).",
        "de": "Phase: der Platz jedes Kunden im Lebenszyklus zum Stichtag, aus seinen Käufen (und einem Abwanderungseintrag).",
    },
    # --- 3 moves -------------------------------------------------------------------------------------
    "story.moves.title": {"en": "How customers moved in a year", "de": "Wie sich Kunden in einem Jahr bewegt haben"},
    "story.moves.takeaway": {
        "en": "Of the {active} customers still buying on {date_from}, {gone} ({share}) are sleeping or lost now.",
        "de": "Von den {active} Kunden, die am {date_from} noch kauften, schlafen {gone} ({share}) inzwischen oder sind verloren.",
    },
    "story.moves.caption": {
        "en": "Each row: the customers in a stage twelve months ago; each cell: where they are now (customers and share of the row).",
        "de": "Jede Zeile: die Kunden einer Phase vor zwölf Monaten; jede Zelle: wo sie jetzt stehen (Kunden und Anteil der Zeile).",
    },
    "story.moves.def": {
        "en": "Transitions: the stage of every customer twelve months before the as-of date against their stage at the as-of date, by the same stage rules.",
        "de": "Übergänge: die Phase jedes Kunden zwölf Monate vor dem Stichtag gegenüber seiner Phase am Stichtag, nach denselben Phasenregeln.",
    },
    "story.moves.active": {
        "en": "Still buying: the stages {stages}.",
        "de": "Noch kaufend: die Phasen {stages}.",
    },
    # --- 4 concentration -----------------------------------------------------------------------------
    "story.concentration.title": {"en": "Who brings the revenue", "de": "Wer den Umsatz bringt"},
    "story.concentration.none": {
        "en": "No customer has net revenue in the last 12 months before this as-of date.",
        "de": "Kein Kunde hat in den 12 Monaten vor diesem Stichtag Nettoumsatz.",
    },
    "story.concentration.caption": {
        "en": "Lorenz curve of the net revenue of the last 12 months ({total}); the red line marks the top 20%. {a} customers ({a_share}) form class A, the first 80% of revenue; Gini {gini}.",
        "de": "Lorenzkurve des Nettoumsatzes der letzten 12 Monate ({total}); die rote Linie markiert die besten 20 %. {a} Kunden ({a_share}) bilden die Klasse A, die ersten 80 % des Umsatzes; Gini {gini}.",
    },
    "story.concentration.def": {
        "en": "Value: each customer's net revenue of the 365 days up to the as-of date (returns and credit notes subtracted), over the customers with a purchase up to then.",
        "de": "Wert: der Nettoumsatz jedes Kunden in den 365 Tagen bis zum Stichtag (Retouren und Gutschriften abgezogen), über die Kunden mit einem Kauf bis dahin.",
    },
}
