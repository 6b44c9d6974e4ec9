"""UI strings of the story (the guided sequence, its slides and snapshots), English and German."""

STRINGS = {
    # --- presenter mode on every page -------------------------------------------------------------------
    "present.settings": {"en": "Settings and filters", "de": "Einstellungen und Filter"},
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
    "story.lifecycle.takeaway_rising": {
        "en": "A customer brings {first} in the first month and {peak} in month {peak_month}, the most so far.",
        "de": "Ein Kunde bringt im ersten Monat {first} und in Monat {peak_month} {peak}, so viel wie noch nie.",
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
        "en": "Each row: the customers buying or sleeping twelve months ago, by their stage then; each cell: where they are now (customers and share of the row).",
        "de": "Jede Zeile: die vor zwölf Monaten kaufenden oder schlafenden Kunden, nach ihrer damaligen Phase; jede Zelle: wo sie jetzt stehen (Kunden und Anteil der Zeile).",
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
    # --- risk steps ------------------------------------------------------------------------------------
    "story.risk.too_short": {
        "en": "The history before this as-of date is too short to test the warning signs against what happened next (it needs about nine months plus the 180 days after).",
        "de": "Die Historie vor diesem Stichtag ist zu kurz, um die Warnsignale an dem zu prüfen, was danach geschah (nötig sind etwa neun Monate plus die 180 Tage danach).",
    },
    "story.signals.title": {"en": "The early-warning signs", "de": "Die Frühwarnsignale"},
    "story.signals.none": {
        "en": "No warning sign flagged enough customers (at least 30) to compare their losses with the others.",
        "de": "Kein Warnsignal traf genug Kunden (mindestens 30), um ihre Abwanderung mit der der anderen zu vergleichen.",
    },
    "story.signals.takeaway": {
        "en": "Customers showing “{signal}” were lost {ratio}x as often within {days} days as those without it ({rate_with} vs {rate_without}).",
        "de": "Kunden mit dem Signal „{signal}“ gingen binnen {days} Tagen {ratio}-mal so oft verloren wie Kunden ohne es ({rate_with} gegenüber {rate_without}).",
    },
    "story.signals.caption": {
        "en": "The {n} customers not lost on {cutoff}: share lost within the next {days} days with and without each warning sign, with 95% intervals; the signs that flagged at least 30 customers, strongest first.",
        "de": "Die {n} am {cutoff} nicht abgewanderten Kunden: Anteil der in den folgenden {days} Tagen Verlorenen mit und ohne jedes Warnsignal, mit 95-%-Intervallen; die Signale mit mindestens 30 betroffenen Kunden, stärkstes zuerst.",
    },
    "story.signals.def": {
        "en": "Warning sign: a signal computed for each customer from the 90 days before the cutoff against the customer's own earlier behaviour (fewer purchases, silence, complaints, payment delays, ...).",
        "de": "Warnsignal: ein Signal, für jeden Kunden aus den 90 Tagen vor dem Stichtag im Vergleich zu seinem eigenen früheren Verhalten berechnet (weniger Käufe, Funkstille, Beschwerden, Zahlungsverzug, ...).",
    },
    "story.score.title": {"en": "The risk score, and its proof", "de": "Der Risiko-Score und sein Beweis"},
    "story.score.takeaway": {
        "en": "The 10% of customers with the highest risk score on {cutoff} included {gain} of all customers lost in the next {days} days: {lift}x as many as a random pick.",
        "de": "Die 10 % der Kunden mit dem höchsten Risiko-Score am {cutoff} umfassten {gain} aller in den folgenden {days} Tagen verlorenen Kunden: {lift}-mal so viele wie eine Zufallsauswahl.",
    },
    "story.score.caption": {
        "en": "Tested out of time: {method}, scoring the {n} customers not lost on {cutoff}, of whom {lost} were lost afterwards. AUC {auc} (0.5 = chance, 1 = perfect).",
        "de": "Außerhalb der Zeit geprüft: {method}, angewandt auf die {n} am {cutoff} nicht abgewanderten Kunden, von denen {lost} danach verloren gingen. AUC {auc} (0,5 = Zufall, 1 = perfekt).",
    },
    "story.score.method.model": {
        "en": "the logistic model fitted on the history before that date",
        "de": "das logistische Modell, angepasst auf die Historie vor diesem Tag",
    },
    "story.score.method.rules": {
        "en": "the rule points (the history is too short for a model)",
        "de": "die Regelpunkte (die Historie ist für ein Modell zu kurz)",
    },
    "story.score.def": {
        "en": "Risk score: the model's probability in % that a customer not lost now is lost within the next 180 days (a churn record, or no purchase until the idle days pass the sleeping threshold).",
        "de": "Risiko-Score: die Wahrscheinlichkeit des Modells in %, dass ein jetzt nicht abgewanderter Kunde binnen der nächsten 180 Tage verloren geht (ein Abwanderungseintrag, oder kein Kauf, bis die Tage ohne Kauf die Schlafgrenze überschreiten).",
    },
    "story.watch.title": {"en": "Value × risk: who to call first", "de": "Wert × Risiko: wen Sie zuerst anrufen"},
    "story.watch.takeaway": {
        "en": "{n} high-value customers are at high risk: {rar} of revenue at risk on {value} of revenue in 12 months.",
        "de": "{n} Kunden mit hohem Wert haben ein hohes Risiko: {rar} Umsatz unter Risiko bei {value} Umsatz in 12 Monaten.",
    },
    "story.watch.takeaway_rules": {
        "en": "{n} high-value customers score at least {level} rule points, with {value} of revenue in 12 months.",
        "de": "{n} Kunden mit hohem Wert haben mindestens {level} Regelpunkte, mit {value} Umsatz in 12 Monaten.",
    },
    "story.watch.caption": {
        "en": "Customers not lost, by 12-month revenue (log scale) and risk score. High risk (red line): a score of at least {level}, twice the average ({avg}); high value (orange line): the top 20%, from {split}. The first {shown} of the top-right quadrant by revenue at risk:",
        "de": "Nicht abgewanderte Kunden nach Umsatz der letzten 12 Monate (logarithmisch) und Risiko-Score. Hohes Risiko (rote Linie): ein Score ab {level}, das Doppelte des Durchschnitts ({avg}); hoher Wert (orange Linie): die besten 20 %, ab {split}. Die ersten {shown} des Quadranten oben rechts nach Umsatz unter Risiko:",
    },
    "story.watch.def": {
        "en": "Revenue at risk: a customer's value (net revenue of the last 12 months) times the probability of losing them within 180 days.",
        "de": "Umsatz unter Risiko: der Wert eines Kunden (Nettoumsatz der letzten 12 Monate) mal die Wahrscheinlichkeit, ihn binnen 180 Tagen zu verlieren.",
    },
    "story.watch.col.p_loss": {"en": "Probability of loss", "de": "Abwanderungswahrscheinlichkeit"},
    "story.watch.col.rar": {"en": "Revenue at risk (€)", "de": "Umsatz unter Risiko (€)"},
    # --- win-back steps ---------------------------------------------------------------------------------
    "story.reasons.title": {"en": "Why customers left", "de": "Warum Kunden gegangen sind"},
    "story.reasons.none": {
        "en": "No customer was lost between {start} and {end}.",
        "de": "Zwischen {start} und {end} ging kein Kunde verloren.",
    },
    "story.reasons.takeaway": {
        "en": "“{reason}” is the most frequent reason given, for {share} of the {n} customers lost from {start} to {end}; {silent} left without saying why.",
        "de": "„{reason}“ ist der häufigste genannte Grund, bei {share} der {n} vom {start} bis {end} verlorenen Kunden; {silent} gingen, ohne einen Grund zu nennen.",
    },
    "story.reasons.takeaway_silent": {
        "en": "None of the {n} customers lost from {start} to {end} gave a reason: ask the next ones.",
        "de": "Keiner der {n} vom {start} bis {end} verlorenen Kunden nannte einen Grund: Fragen Sie die nächsten.",
    },
    "story.reasons.caption": {
        "en": "Losses per reason, most frequent first, with the cumulative share (line). By former revenue ({revenue} in all), “{reason}” weighs most ({share}).",
        "de": "Abgänge je Grund, häufigster zuerst, mit dem kumulierten Anteil (Linie). Nach früherem Umsatz ({revenue} insgesamt) wiegt „{reason}“ am schwersten ({share}).",
    },
    "story.reasons.def": {
        "en": "A loss: a churn record (cancellation or silent loss, with the reason given) or, without one, the 366th day without a purchase (loss by inactivity, no reason known); losses dated in the twelve months up to the as-of date.",
        "de": "Ein Abgang: ein Abwanderungseintrag (Kündigung oder stille Abwanderung, mit angegebenem Grund) oder, ohne ihn, der 366. Tag ohne Kauf (Abwanderung durch Inaktivität, kein Grund bekannt); Abgänge in den zwölf Monaten bis zum Stichtag.",
    },
    "story.winback.title": {"en": "What win-back achieved", "de": "Was die Rückgewinnung gebracht hat"},
    "story.winback.none": {
        "en": "There were no win-back contacts between {start} and {end}.",
        "de": "Zwischen {start} und {end} gab es keine Rückgewinnungskontakte.",
    },
    "story.winback.takeaway": {
        "en": "Of {n} lost customers contacted, {rate_t} bought again within {days} days, against {rate_c} in the control groups: {uplift} points, about {wins} customers won back by the contacts themselves.",
        "de": "Von {n} angesprochenen verlorenen Kunden kauften {rate_t} binnen {days} Tagen wieder, gegenüber {rate_c} in den Kontrollgruppen: {uplift} Prozentpunkte, etwa {wins} Kunden durch die Kontakte selbst zurückgewonnen.",
    },
    "story.winback.takeaway_no_control": {
        "en": "Of {n} lost customers contacted, {rate_t} bought again within {days} days; without control groups it cannot be said how many would have come back anyway.",
        "de": "Von {n} angesprochenen verlorenen Kunden kauften {rate_t} binnen {days} Tagen wieder; ohne Kontrollgruppen lässt sich nicht sagen, wie viele ohnehin zurückgekommen wären.",
    },
    "story.winback.caption": {
        "en": "Win-back rate per measure, contacted customers against their control groups (not contacted), with 95% intervals; contacts from {start} to {end}, won back = a purchase within {days} days. Overall uplift 95% interval: {lo} to {hi} points.",
        "de": "Rückgewinnungsquote je Maßnahme, angesprochene Kunden gegenüber ihren Kontrollgruppen (nicht angesprochen), mit 95-%-Intervallen; Kontakte vom {start} bis {end}, zurückgewonnen = ein Kauf binnen {days} Tagen. 95-%-Intervall des Gesamteffekts: {lo} bis {hi} Prozentpunkte.",
    },
    "story.winback.def": {
        "en": "Uplift: the win-back rate of the contacted customers minus that of the control group, who were lost too but not contacted; only the difference is the effect of the contacts.",
        "de": "Uplift: die Rückgewinnungsquote der angesprochenen Kunden minus die der Kontrollgruppe, die ebenfalls verloren war, aber nicht angesprochen wurde; nur der Unterschied ist die Wirkung der Kontakte.",
    },
    "story.loyalty.title": {"en": "Second loyalty: do won-back customers stay?", "de": "Zweite Loyalität: Bleiben zurückgewonnene Kunden?"},
    "story.loyalty.none": {
        "en": "No customer has come back after being lost or sleeping up to this as-of date.",
        "de": "Bis zu diesem Stichtag ist kein Kunde nach Abwanderung oder Schlafphase zurückgekommen.",
    },
    "story.loyalty.takeaway": {
        "en": "{won} of the {n} won-back customers followed for a year were lost again within 12 months, against {ctrl} of comparable customers never lost.",
        "de": "{won} der {n} zurückgewonnenen Kunden, die ein Jahr lang beobachtet wurden, gingen binnen 12 Monaten erneut verloren, gegenüber {ctrl} vergleichbarer, nie verlorener Kunden.",
    },
    "story.loyalty.takeaway_short": {
        "en": "{n} customers came back, but none has been followed for a full year yet.",
        "de": "{n} Kunden kamen zurück, doch noch keiner wurde ein volles Jahr beobachtet.",
    },
    "story.loyalty.caption": {
        "en": "Share not lost yet by days since the return (Kaplan-Meier, 95% bands), won-back customers against {matched} never-lost customers matched by month and tenure. {kept} of those followed a year bring at least their former value again.",
        "de": "Anteil noch nicht verlorener Kunden nach Tagen seit der Rückkehr (Kaplan-Meier, 95-%-Bänder), zurückgewonnene Kunden gegenüber {matched} nie verlorenen, nach Monat und Kundendauer zugeordneten Kunden. {kept} der ein Jahr Beobachteten bringen wieder mindestens ihren früheren Wert.",
    },
    "story.loyalty.def": {
        "en": "Won back: a purchase after being lost or sleeping (the lifecycle page's return). Lost again: a churn record within 365 days after the return, or no purchase in days 183-365 after it.",
        "de": "Zurückgewonnen: ein Kauf nach Abwanderung oder Schlafphase (die Rückkehr der Lebenszyklusseite). Erneut verloren: ein Abwanderungseintrag binnen 365 Tagen nach der Rückkehr oder kein Kauf in den Tagen 183 bis 365 danach.",
    },
    # --- high vs low value --------------------------------------------------------------------------------
    "story.high_low.title": {"en": "High versus low value, and how to treat them", "de": "Hoher gegen niedrigen Wert, und wie man sie betreut"},
    "story.high_low.customers": {"en": "Customers", "de": "Kunden"},
    "story.high_low.revenue": {"en": "Revenue, last 12 months", "de": "Umsatz, letzte 12 Monate"},
    "story.high_low.clv": {"en": "Predicted CLV", "de": "Prognostizierter CLV"},
    "story.high_low.share": {"en": "Share of the total", "de": "Anteil am Ganzen"},
    "story.high_low.caption": {
        "en": "High value: the top 20% of customers by predicted CLV over {horizon} months. A high-value customer placed a median of {high_orders} orders in 12 months, a low-value one {low_orders}. The treatment plan below is the value page's default.",
        "de": "Hoher Wert: die besten 20 % der Kunden nach prognostiziertem CLV über {horizon} Monate. Ein Kunde mit hohem Wert bestellte im Median {high_orders}-mal in 12 Monaten, einer mit niedrigem Wert {low_orders}-mal. Der Betreuungsplan unten ist die Vorgabe der Kundenwertseite.",
    },
    "story.high_low.def": {
        "en": "Predicted CLV: the expected net revenue of the next {horizon} months from the BG/NBD and Gamma-Gamma models fitted on this dataset, discounted at 10% a year.",
        "de": "Prognostizierter CLV: der erwartete Nettoumsatz der nächsten {horizon} Monate aus den auf diesem Datensatz angepassten Modellen BG/NBD und Gamma-Gamma, mit 10 % im Jahr abgezinst.",
    },
    # --- what-if ------------------------------------------------------------------------------------------
    "story.whatif.title": {"en": "What if you kept more customers?", "de": "Was wäre, wenn Sie mehr Kunden hielten?"},
    "story.whatif.caption": {
        "en": "Monthly revenue of today's customers over 36 months: today's course against {churn} points less churn, {winback} points more won back and {keep}% more of the high-value customers kept. Extra revenue: {d12} in 12 months, {d24} in 24, {d36} in 36.",
        "de": "Monatsumsatz der heutigen Kunden über 36 Monate: der heutige Verlauf gegenüber {churn} Prozentpunkten weniger Abwanderung, {winback} Prozentpunkten mehr Rückgewinnung und {keep}\u00a0% mehr gehaltenen wertvollen Kunden. Mehrumsatz: {d12} in 12 Monaten, {d24} in 24, {d36} in 36.",
    },
    "story.whatif.assumptions": {
        "en": "Assumptions from this dataset: loss rate a year {loss_high} of the high-value customers and {loss_low} of the others (scenario {s_loss_high} and {s_loss_low}); win-back rate a year {winback} (scenario {s_winback}).",
        "de": "Annahmen aus diesem Datensatz: Verlustrate im Jahr {loss_high} der wertvollen Kunden und {loss_low} der übrigen (Szenario {s_loss_high} und {s_loss_low}); Rückgewinnungsrate im Jahr {winback} (Szenario {s_winback}).",
    },
    "story.whatif.def": {
        "en": "What-if: a cohort projection of today's customers, month by month, on the dataset's own loss and win-back rates, purchases and order values, without new customers.",
        "de": "Was wäre, wenn: eine Kohortenfortschreibung der heutigen Kunden, Monat für Monat, mit den eigenen Verlust- und Rückgewinnungsraten, Käufen und Bestellwerten des Datensatzes, ohne Neukunden.",
    },
}
