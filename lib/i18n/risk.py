"""UI strings of the risk page (Abwanderungsrisiko und Frühwarnsignale), English and German."""

_SIGNALS = {
    "frequency_drop": (
        ("Fewer purchases", "Weniger Käufe"),
        ("Share of the purchase days the customer's own baseline leads us to expect in the recent window that did not happen (1 − recent ÷ expected). Flag: at least half missing, when at least one purchase day was expected.",
         "Anteil der Kauftage, die nach dem eigenen Basiszeitraum des Kunden im jüngsten Zeitfenster zu erwarten waren und ausblieben (1 − tatsächlich ÷ erwartet). Signal: mindestens die Hälfte fehlt, wenn mindestens ein Kauftag zu erwarten war."),
    ),
    "revenue_drop": (
        ("Less revenue", "Weniger Umsatz"),
        ("Share of the expected net revenue (baseline scaled to the window) that is missing in the recent window. Flag: at least half missing, with at least two purchase days in the baseline.",
         "Anteil des erwarteten Nettoumsatzes (Basiszeitraum auf das Zeitfenster umgerechnet), der im jüngsten Zeitfenster fehlt. Signal: mindestens die Hälfte fehlt, bei mindestens zwei Kauftagen im Basiszeitraum."),
    ),
    "silence": (
        ("Unexpected silence", "Unerwartete Funkstille"),
        ("Days since the last purchase. Flag: more than half of the days after which the customer counts as sleeping (the larger of 180 days and 3 × the customer's usual gap between purchases, at most 365).",
         "Tage seit dem letzten Kauf. Signal: mehr als die Hälfte der Tage, nach denen der Kunde als schlafend gilt (der größere Wert aus 180 Tagen und 3 × dem üblichen Abstand zwischen seinen Käufen, höchstens 365)."),
    ),
    "complaints": (
        ("More complaints", "Mehr Beschwerden"),
        ("Complaints (Reklamationen, Beschwerden) in the recent window. Flag: at least one, and at least twice as many as the baseline leads us to expect.",
         "Beschwerden und Reklamationen im jüngsten Zeitfenster. Signal: mindestens eine und mindestens doppelt so viele, wie nach dem Basiszeitraum zu erwarten."),
    ),
    "disputes": (
        ("Disputes", "Streitfälle"),
        ("Disputes or disturbances in the relationship recorded in the recent window. Flag: at least one.",
         "Im jüngsten Zeitfenster erfasste Streitfälle oder Störungen der Geschäftsbeziehung. Signal: mindestens einer."),
    ),
    "payment_delay": (
        ("Paying later", "Spätere Zahlung"),
        ("Mean days late of the invoices due in the recent window minus the mean of the baseline's invoices (an open invoice counts with the days it is overdue so far; no baseline invoices = on time). Flag: at least 10 days later.",
         "Mittlerer Zahlungsverzug der im jüngsten Zeitfenster fälligen Rechnungen minus dem Mittel der Rechnungen des Basiszeitraums (eine offene Rechnung zählt mit ihrem bisherigen Verzug; ohne frühere Rechnungen = pünktlich). Signal: mindestens 10 Tage später."),
    ),
    "overdue": (
        ("Overdue invoices", "Überfällige Rechnungen"),
        ("Invoices still unpaid more than 30 days after their due date (due within the baseline or the recent window). Flag: at least one.",
         "Rechnungen, die mehr als 30 Tage nach Fälligkeit noch offen sind (fällig im Basiszeitraum oder im jüngsten Zeitfenster). Signal: mindestens eine."),
    ),
    "inbound_decline": (
        ("Fewer inbound contacts", "Weniger eingehende Kontakte"),
        ("Share of the expected inbound contacts (the customer getting in touch) that did not happen in the recent window: distance or indifference. Flag: at least half missing, when at least one was expected.",
         "Anteil der erwarteten eingehenden Kontakte (der Kunde meldet sich), die im jüngsten Zeitfenster ausblieben: Distanz oder Gleichgültigkeit. Signal: mindestens die Hälfte fehlt, wenn mindestens einer zu erwarten war."),
    ),
    "competitor": (
        ("Competitor mentions", "Wettbewerber erwähnt"),
        ("Mentions of competitors or their offers in talks, recorded in the recent window. Flag: at least one.",
         "Im jüngsten Zeitfenster erfasste Hinweise auf Wettbewerber oder deren Angebote in Gesprächen. Signal: mindestens einer."),
    ),
    "cancellation": (
        ("Cancellation notice", "Kündigung"),
        ("Cancellation notices or threats to leave in the recent window. Flag: at least one.",
         "Kündigungen oder Kündigungsandrohungen im jüngsten Zeitfenster. Signal: mindestens eine."),
    ),
    "p_alive": (
        ("P(alive)", "P(aktiv)"),
        ("Probability that the customer is still active, from the BG/NBD model on the purchase history (the value page's model). Flag: below 50 %.",
         "Wahrscheinlichkeit, dass der Kunde noch aktiv ist, aus dem BG/NBD-Modell der Kaufhistorie (das Modell der Kundenwert-Seite). Signal: unter 50 %."),
    ),
    "new_customer": (
        ("New customer", "Neukunde"),
        ("Days since the first purchase. Flag: fewer than 180 days — the start of the relationship is its most dangerous phase.",
         "Tage seit dem ersten Kauf. Signal: weniger als 180 Tage — der Beginn der Geschäftsbeziehung ist ihre gefährlichste Phase."),
    ),
}

_KINDS = {
    "purchase": ("Purchase", "Kauf"), "return": ("Return / credit", "Retoure / Gutschrift"),
    "complaint": ("Complaint", "Beschwerde"), "dispute": ("Dispute", "Streitfall"),
    "contact_in": ("Contact (inbound)", "Kontakt (eingehend)"), "contact_out": ("Contact (outbound)", "Kontakt (ausgehend)"),
    "competitor_mention": ("Competitor mention", "Wettbewerber erwähnt"),
    "cancellation_notice": ("Cancellation notice", "Kündigung"), "marketing": ("Marketing", "Marketing"),
    "notice_took_effect": ("Notice took effect", "Kündigung wirksam geworden"),
    "notice_withdrawn": ("Notice withdrawn", "Kündigung zurückgenommen"),
    "notice_averted": ("Notice averted by an offer", "Kündigung durch Angebot abgewendet"),
    "other": ("Other event", "Sonstiges Ereignis"), "invoice": ("Invoice (due)", "Rechnung (fällig)"),
    "survey": ("Survey", "Befragung"), "churn": ("Churn record", "Abwanderung erfasst"),
    "winback": ("Win-back contact", "Rückgewinnungskontakt"),
}

STRINGS = {
    "nav.risk": {"en": "Churn risk", "de": "Abwanderungsrisiko"},
    "risk.title": {"en": "Churn risk and early warning", "de": "Abwanderungsrisiko und Frühwarnung"},
    "risk.intro": {
        "en": 'Customers often resign inwardly before they cancel. This page finds them early and proves how early. Dataset **{dataset}** as of **{as_of}**: {scored} customers scored (everyone not lost, {sleeping} of them sleeping).',
        "de": 'Kunden kündigen oft innerlich, bevor sie abwandern. Diese Seite findet sie früh und belegt, wie früh. Datensatz **{dataset}** zum Stichtag **{as_of}**: {scored} Kunden bewertet (alle nicht abgewanderten, davon {sleeping} schlafend).',
    },
    "risk.no_customers": {
        "en": 'No customer is scored at this as-of date (every customer is a prospect or lost). Pick a later as-of date.',
        "de": 'Zu diesem Stichtag wird kein Kunde bewertet (alle sind Interessenten oder abgewandert). Wählen Sie einen späteren Stichtag.',
    },
    "risk.computing": {"en": "Computing the signals of every customer ...", "de": "Frühwarnsignale aller Kunden werden berechnet ..."},
    "risk.fitting_clv": {"en": "Fitting the CLV models ...", "de": "CLV-Modelle werden geschätzt ..."},
    # settings
    "risk.settings": {"en": "Settings: window, method, bands, rule points", "de": "Einstellungen: Zeitfenster, Verfahren, Risikostufen, Regelpunkte"},
    "risk.window": {"en": "Recent window (days)", "de": "Jüngstes Zeitfenster (Tage)"},
    "risk.window.help": {
        "en": "Each signal compares these last days with the customer's own baseline: the 365 days before them.",
        "de": "Jedes Signal vergleicht diese letzten Tage mit dem eigenen Basiszeitraum des Kunden: den 365 Tagen davor.",
    },
    "risk.method": {"en": "Score", "de": "Score"},
    "risk.method.auto": {"en": "Model (fitted on history)", "de": "Modell (aus der Historie)"},
    "risk.method.rules": {"en": "Rules (points per signal)", "de": "Regeln (Punkte je Signal)"},
    "risk.method.help": {
        "en": "Model: a logistic regression fitted on this dataset's own history; when the history is too short the rules are used instead. Rules: the points below for every flagged signal, capped at 100.",
        "de": "Modell: eine logistische Regression, geschätzt auf der eigenen Historie dieses Datensatzes; ist die Historie zu kurz, gelten stattdessen die Regeln. Regeln: die Punkte unten für jedes gesetzte Signal, höchstens 100.",
    },
    "risk.bands": {"en": "Risk bands: medium from, high from", "de": "Risikostufen: mittel ab, hoch ab"},
    "risk.bands.help": {
        "en": "Score cut-offs of the bands. With the model the score is the probability of being lost within 180 days in %, so the defaults are 15 and 35; with the rules it is points, defaults 30 and 60.",
        "de": "Grenzen der Risikostufen. Mit dem Modell ist der Score die Wahrscheinlichkeit in %, binnen 180 Tagen abzuwandern, daher die Vorgaben 15 und 35; mit den Regeln sind es Punkte, Vorgaben 30 und 60.",
    },
    "risk.weights": {"en": "Points per flagged signal (rules)", "de": "Punkte je gesetztem Signal (Regeln)"},
    "risk.weights.caption": {
        "en": "The rules are in use (chosen above, or because the history is too short for the model). The score is the sum of the points of the flagged signals, at most 100.",
        "de": "Die Regeln sind in Gebrauch (oben gewählt oder weil die Historie für das Modell zu kurz ist). Der Score ist die Summe der Punkte der gesetzten Signale, höchstens 100.",
    },
    # which score is in use
    "risk.using.model": {
        "en": "**Score in use: logistic model** fitted on this dataset's history — signals of the {customers} customers not lost on {cutoff} (active or sleeping), against whether they were lost by {outcome_end} ({lost} were, {rate}). The score is the probability of being lost within the next 180 days, in %. How well it works on data it was not fitted on: see the **Proof** tab.",
        "de": '**Verwendeter Score: logistisches Modell**, geschätzt auf der Historie dieses Datensatzes — Signale der {customers} am {cutoff} nicht abgewanderten Kunden (aktiv oder schlafend) gegen die Frage, ob sie bis {outcome_end} verloren gingen ({lost}, also {rate}). Der Score ist die Wahrscheinlichkeit in %, in den nächsten 180 Tagen verloren zu gehen. Wie gut er auf Daten wirkt, auf denen er nicht geschätzt wurde: siehe Reiter **Nachweis**.',
    },
    "risk.using.rules.chosen": {
        "en": "**Score in use: rules** (chosen in the settings): the points of every flagged signal, capped at 100.",
        "de": "**Verwendeter Score: Regeln** (in den Einstellungen gewählt): die Punkte jedes gesetzten Signals, höchstens 100.",
    },
    "risk.using.rules.short_history": {
        "en": "**Score in use: rules**, because the history is too short for the model: it learns from the customers not lost 180 days before the as-of date ({cutoff}) and who of them was lost since, and needs at least {window} days of data before that day. Pick an as-of date from {earliest} on, or import more history, to use the model.",
        "de": "**Verwendeter Score: Regeln**, weil die Historie für das Modell zu kurz ist: Es lernt an den Kunden, die 180 Tage vor dem Stichtag ({cutoff}) nicht abgewandert waren, und daran, wer von ihnen seitdem verloren ging, und braucht davor mindestens {window} Tage Daten. Wählen Sie einen Stichtag ab {earliest} oder importieren Sie mehr Historie, um das Modell zu nutzen.",
    },
    "risk.using.rules.few_outcomes": {
        "en": "**Score in use: rules**, because the history has too few outcomes to fit the model: {customers} customers not lost on {cutoff}, {lost} of them lost by {outcome_end} (the model needs at least 200 customers and 20 lost and 20 staying).",
        "de": "**Verwendeter Score: Regeln**, weil die Historie zu wenige Ausgänge für das Modell enthält: {customers} am {cutoff} nicht abgewanderte Kunden, davon {lost} bis {outcome_end} verloren (das Modell braucht mindestens 200 Kunden, davon mindestens 20 abgewanderte und 20 gebliebene).",
    },
    "risk.using.rules.fit_failed": {
        "en": "**Score in use: rules**, because the model could not be fitted on this history (no convergence).",
        "de": "**Verwendeter Score: Regeln**, weil das Modell auf dieser Historie nicht geschätzt werden konnte (keine Konvergenz).",
    },
    "risk.missing": {
        "en": "Not computed for lack of data: {signals}. Import the {tables} table to enable them.",
        "de": "Mangels Daten nicht berechnet: {signals}. Importieren Sie die Tabelle {tables}, um sie zu nutzen.",
    },
    "risk.table.events": {"en": "events", "de": "Ereignisse (events)"},
    "risk.table.invoices": {"en": "invoices", "de": "Rechnungen (invoices)"},
    # tabs
    "risk.tab.scores": {"en": "Signals & score", "de": "Signale & Score"},
    "risk.tab.watch": {"en": "Watch list & quadrant", "de": "Risikoliste & Quadrant"},
    "risk.tab.proof": {"en": "Proof (backtest)", "de": "Nachweis (Backtest)"},
    "risk.tab.survival": {"en": "Survival", "de": "Überleben"},
    "risk.tab.story": {"en": "Customer story", "de": "Kundengeschichte"},
    # scores tab
    "risk.kpi.scored": {"en": "Customers scored", "de": "Bewertete Kunden"},
    "risk.kpi.scored.help": {
        "en": "Every customer not lost at the as-of date: at least one purchase, no churn record after it and at most 365 days without a purchase (the lifecycle page's stages) — active and sleeping customers alike. Sleeping customers, the riskiest, are also the recovery page's candidates.",
        "de": 'Alle am Stichtag nicht abgewanderten Kunden: mindestens ein Kauf, danach kein Abwanderungseintrag und höchstens 365 Tage ohne Kauf (die Stufen der Lebenszyklus-Seite) — aktive wie schlafende Kunden. Schlafende Kunden, die gefährdetsten, sind zugleich Kandidaten der Rückgewinnungs-Seite.',
    },
    "risk.kpi.high": {"en": "High risk", "de": "Hohes Risiko"},
    "risk.kpi.high.help": {"en": "Customers with a score at or above the high cut-off ({cut}).", "de": "Kunden mit einem Score ab der Grenze für hohes Risiko ({cut})."},
    "risk.kpi.medium": {"en": "Medium risk", "de": "Mittleres Risiko"},
    "risk.kpi.medium.help": {"en": "Customers with a score from {low} up to below {high}.", "de": "Kunden mit einem Score ab {low} bis unter {high}."},
    "risk.kpi.expected": {"en": "Expected losses", "de": "Erwartete Abgänge"},
    "risk.kpi.expected.help": {
        "en": "Sum of every scored customer's probability of being lost within 180 days (model only; the rule points are not probabilities).",
        "de": "Summe der Wahrscheinlichkeiten aller bewerteten Kunden, binnen 180 Tagen abzuwandern (nur mit dem Modell; Regelpunkte sind keine Wahrscheinlichkeiten).",
    },
    "risk.kpi.revenue_high": {"en": "Revenue at high risk (€)", "de": "Risikoumsatz (€)"},
    "risk.kpi.revenue_high.help": {
        "en": "Net revenue of the last 12 months of the high-risk customers.",
        "de": "Nettoumsatz der letzten 12 Monate der Kunden mit hohem Risiko.",
    },
    "risk.distribution": {"en": "Distribution of the risk score", "de": "Verteilung des Risiko-Scores"},
    "risk.distribution.caption": {
        "en": "Customers per 5-point score bin, coloured by band; the lines are the band cut-offs.",
        "de": "Kunden je 5-Punkte-Klasse des Scores, eingefärbt nach Risikostufe; die Linien sind die Stufengrenzen.",
    },
    "risk.score": {"en": "Risk score", "de": "Risiko-Score"},
    "risk.customers": {"en": "Customers", "de": "Kunden"},
    "risk.band": {"en": "Band", "de": "Risikostufe"},
    "risk.band.low": {"en": "Low", "de": "Niedrig"},
    "risk.band.medium": {"en": "Medium", "de": "Mittel"},
    "risk.band.high": {"en": "High", "de": "Hoch"},
    "risk.share": {"en": "Share", "de": "Anteil"},
    "risk.revenue_12m": {"en": "Revenue 12 mo. (€)", "de": "Umsatz 12 Mon. (€)"},
    "risk.signals": {"en": "Early-warning signals", "de": "Frühwarnsignale"},
    "risk.signals.caption": {
        "en": "Each signal compares the last {window} days with the customer's own baseline (the 365 days before). Weight: how much one standard deviation of the signal moves the log-odds of a loss in the model (p-value: could it be chance?); with the rules, the points. Contribution: the mean push of the signal on the score of the flagged customers.",
        "de": "Jedes Signal vergleicht die letzten {window} Tage mit dem eigenen Basiszeitraum des Kunden (den 365 Tagen davor). Gewicht: wie stark eine Standardabweichung des Signals die Log-Odds einer Abwanderung im Modell verschiebt (p-Wert: könnte es Zufall sein?); mit den Regeln die Punkte. Beitrag: der mittlere Einfluss des Signals auf den Score der Kunden mit gesetztem Signal.",
    },
    "risk.col.signal": {"en": "Signal", "de": "Signal"},
    "risk.col.definition": {"en": "Definition", "de": "Definition"},
    "risk.col.flagged": {"en": "Flagged", "de": "Gesetzt"},
    "risk.col.share": {"en": "Share flagged", "de": "Anteil gesetzt"},
    "risk.col.weight": {"en": "Weight", "de": "Gewicht"},
    "risk.col.points": {"en": "Points", "de": "Punkte"},
    "risk.col.p": {"en": "p-value", "de": "p-Wert"},
    "risk.col.contribution": {"en": "Mean contribution", "de": "Mittlerer Beitrag"},
    "risk.col.score.rules_help": {
        "en": "The rule points of the flagged signals (at most 100); no probability.",
        "de": "Die Regelpunkte der gesetzten Signale (höchstens 100); keine Wahrscheinlichkeit.",
    },
    "risk.col.value": {"en": "Value", "de": "Wert"},
    "risk.col.flag": {"en": "Flag", "de": "Signal gesetzt"},
    "risk.col.contrib": {"en": "Contribution", "de": "Beitrag"},
    "risk.no_data": {"en": "no data", "de": "keine Daten"},
    "risk.definitions": {"en": "Definitions of the signals and the score", "de": "Definitionen der Signale und des Scores"},
    "risk.definitions.score": {
        "en": "**Score (model).** A logistic regression on the signals at a past cutoff (as-of date − 180 days) against the outcome *lost within the next 180 days*: a churn record, or no purchase in that time while the idle days exceed the sleeping threshold (the customer became sleeping or lost, lifecycle rules). Fitted with scipy by penalised maximum likelihood (ridge on standardised coefficients). Score = 100 × predicted probability. **Contribution** of a signal to a customer's score: coefficient × (the customer's value − the average customer's), in log-odds; positive values push the risk up. The **drivers** are the three largest positive contributions.\n\n**Score (rules).** The points of every flagged signal, at most 100; the contributions are those points.\n\n**Who is scored.** Every customer not lost at the as-of date (at least one purchase, no churn record after it, at most 365 days without a purchase): active and sleeping customers. The model is fitted on the same population at the cutoff; for a sleeping customer *lost* means not coming back within the 180 days.",
        "de": "**Score (Modell).** Eine logistische Regression der Signale zu einem früheren Stichtag (Stichtag − 180 Tage) auf den Ausgang *binnen der nächsten 180 Tage abgewandert*: ein Abwanderungseintrag, oder in dieser Zeit kein Kauf, während die Tage ohne Kauf die Schlafgrenze überschreiten (der Kunde wurde schlafend oder abgewandert, Regeln des Lebenszyklus). Geschätzt mit scipy per penalisierter Maximum-Likelihood (Ridge auf standardisierten Koeffizienten). Score = 100 × vorhergesagte Wahrscheinlichkeit. **Beitrag** eines Signals zum Score eines Kunden: Koeffizient × (Wert des Kunden − Wert des Durchschnittskunden), in Log-Odds; positive Werte erhöhen das Risiko. Die **Treiber** sind die drei größten positiven Beiträge.\n\n**Score (Regeln).** Die Punkte jedes gesetzten Signals, höchstens 100; die Beiträge sind diese Punkte.\n\n**Wer bewertet wird.** Alle am Stichtag nicht abgewanderten Kunden (mindestens ein Kauf, danach kein Abwanderungseintrag, höchstens 365 Tage ohne Kauf): aktive und schlafende Kunden. Das Modell wird am Stichtag des Trainings auf denselben Kreis geschätzt; für einen schlafenden Kunden heißt *abgewandert*, dass er binnen der 180 Tage nicht zurückkommt.",
    },
    # watch list
    "risk.level": {"en": "List customers with a score of at least", "de": "Kunden listen ab einem Score von"},
    "risk.level.help": {
        "en": 'The watch list shows customers from this score on, and it is the risk side of the quadrant. Default with the model: twice the average probability of loss of the scored customers ({avg} %), so high risk means at least twice as likely to be lost as the average customer; with the rules: the high cut-off.',
        "de": 'Die Risikoliste zeigt Kunden ab diesem Score, und er ist die Risikogrenze des Quadranten. Vorgabe beim Modell: das Doppelte der durchschnittlichen Abwanderungswahrscheinlichkeit der bewerteten Kunden ({avg} %), hohes Risiko heißt also mindestens doppelt so wahrscheinlich verloren wie der Durchschnittskunde; bei den Regeln: die Grenze für hohes Risiko.',
    },
    "risk.value_basis": {
        "en": 'Value of a customer',
        "de": 'Wert eines Kunden',
    },
    "risk.value_basis.help": {
        "en": "What a customer is worth when weighed against the risk of losing them. **Revenue, 12 months** (default): net revenue of the last 365 days up to the as-of date, returns netted — the value page's historic value. **CLV if the customer stays**: the predicted lifetime value over 12 months (BG/NBD and Gamma-Gamma, 10 % discount a year) without the factor P(alive), i.e. the value expected if the customer does not leave. Not the CLV itself: it already shrinks with the probability of having left, so high value and high risk would exclude each other. High value = the top 20 % of the customers with a purchase by this value; revenue at risk = this value × probability of loss.",
        "de": 'Was ein Kunde wert ist, wenn man es gegen das Risiko abwägt, ihn zu verlieren. **Umsatz 12 Monate** (Vorgabe): Nettoumsatz der letzten 365 Tage bis zum Stichtag, Retouren verrechnet — der historische Wert der Kundenwert-Seite. **CLV, wenn der Kunde bleibt**: der prognostizierte Kundenwert über 12 Monate (BG/NBD und Gamma-Gamma, 10 % Abzinsung im Jahr) ohne den Faktor P(aktiv), also der Wert, der zu erwarten ist, wenn der Kunde nicht geht. Nicht der CLV selbst: Er schrumpft bereits mit der Wahrscheinlichkeit, gegangen zu sein, sodass hoher Wert und hohes Risiko einander ausschlössen. Hoher Wert = die besten 20 % der Kunden mit einem Kauf nach diesem Wert; Umsatz unter Risiko = dieser Wert × Abwanderungswahrscheinlichkeit.',
    },
    "risk.value_basis.revenue_12m": {
        "en": 'Revenue, 12 months',
        "de": 'Umsatz 12 Monate',
    },
    "risk.value_basis.clv_alive": {
        "en": 'CLV if the customer stays',
        "de": 'CLV, wenn der Kunde bleibt',
    },
    "risk.quadrant_filter": {"en": "Quadrant", "de": "Quadrant"},
    "risk.quadrant.all": {"en": "All", "de": "Alle"},
    "risk.watch.summary": {
        "en": "{n} customers with a score of at least {level}; together {rar} revenue at risk. Sorted by revenue at risk (value × probability of loss); the first {shown} are shown, the export holds all. Select a row to open the customer's story.",
        "de": '{n} Kunden mit einem Score ab {level}; zusammen {rar} Umsatz unter Risiko. Sortiert nach Umsatz unter Risiko (Wert × Abwanderungswahrscheinlichkeit); die ersten {shown} werden gezeigt, der Export enthält alle. Wählen Sie eine Zeile, um die Geschichte des Kunden zu öffnen.',
    },
    "risk.watch.summary_quadrant": {
        "en": "{n} customers in the quadrant “{quadrant}”; together {rar} revenue at risk. Sorted by revenue at risk (value × probability of loss); the first {shown} are shown, the export holds all. Select a row to open the customer's story.",
        "de": '{n} Kunden im Quadranten „{quadrant}“; zusammen {rar} Umsatz unter Risiko. Sortiert nach Umsatz unter Risiko (Wert × Abwanderungswahrscheinlichkeit); die ersten {shown} werden gezeigt, der Export enthält alle. Wählen Sie eine Zeile, um die Geschichte des Kunden zu öffnen.',
    },
    "risk.watch.summary_rules": {
        "en": "{n} customers listed. The rule points are no probability, so there is no revenue at risk: sorted by score, then value; the first {shown} are shown, the export holds all. Select a row to open the customer's story.",
        "de": '{n} Kunden gelistet. Die Regelpunkte sind keine Wahrscheinlichkeit, daher gibt es keinen Umsatz unter Risiko: sortiert nach Score, dann Wert; die ersten {shown} werden gezeigt, der Export enthält alle. Wählen Sie eine Zeile, um die Geschichte des Kunden zu öffnen.',
    },
    "risk.watch.empty_quadrant": {
        "en": "No customer falls in the quadrant “{quadrant}” at this level.",
        "de": "Bei dieser Grenze liegt kein Kunde im Quadranten „{quadrant}“.",
    },
    "risk.watch.empty": {
        "en": "No customer has a score of at least {level}. Lower the level to see more.",
        "de": "Kein Kunde hat einen Score ab {level}. Senken Sie die Grenze, um mehr zu sehen.",
    },
    "risk.col.customer": {"en": "Customer", "de": "Kunde"},
    "risk.col.name": {"en": "Name", "de": "Name"},
    "risk.col.segment": {"en": "Segment", "de": "Segment"},
    "risk.col.score": {"en": "Score", "de": "Score"},
    "risk.col.clv": {"en": "CLV (€)", "de": "CLV (€)"},
    "risk.col.p_loss.help": {
        "en": "The score is the model's probability in % that the customer is lost within the next 180 days: a churn record, or no purchase while the idle days pass the sleeping threshold; for a sleeping customer: not coming back.",
        "de": 'Der Score ist die Wahrscheinlichkeit des Modells in %, dass der Kunde binnen der nächsten 180 Tage verloren geht: ein Abwanderungseintrag, oder kein Kauf, während die Tage ohne Kauf die Schlafgrenze überschreiten; bei einem schlafenden Kunden: keine Rückkehr.',
    },
    "risk.col.value": {
        "en": 'Value (€)',
        "de": 'Wert (€)',
    },
    "risk.col.value.help": {
        "en": "The customer's value on the chosen basis: {basis}.",
        "de": 'Der Wert des Kunden auf der gewählten Grundlage: {basis}.',
    },
    "risk.col.revenue_at_risk.help": {
        "en": "Value × probability of loss: the part of the customer's value the business can expect to lose within 180 days.",
        "de": 'Wert × Abwanderungswahrscheinlichkeit: der Teil des Kundenwerts, den das Unternehmen binnen 180 Tagen zu verlieren erwarten muss.',
    },
    "risk.col.stage": {
        "en": 'Stage',
        "de": 'Phase',
    },
    "risk.col.drivers": {"en": "Top drivers", "de": "Haupttreiber"},
    "risk.col.manager": {"en": "Account manager", "de": "Betreuer"},
    "risk.col.last_contact": {"en": "Last contact", "de": "Letzter Kontakt"},
    "risk.col.last_purchase": {"en": "Last purchase", "de": "Letzter Kauf"},
    "risk.col.value_group": {"en": "Value group", "de": "Wertgruppe"},
    "risk.value_group.high": {"en": "High value", "de": "Hoher Wert"},
    "risk.value_group.low": {"en": "Low value", "de": "Niedriger Wert"},
    "risk.quadrant": {"en": "Value × risk quadrant", "de": "Wert-Risiko-Quadrant"},
    "risk.quadrant.caption": {
        "en": 'Customers by value ({basis}, logarithmic) and risk score; high value = the top 20 % of the customers with a purchase by this value (right of the dashed vertical line), high risk = a score of at least {level} (above the dashed horizontal line). Revenue at risk = value × probability of loss.',
        "de": 'Kunden nach Wert ({basis}, logarithmisch) und Risiko-Score; hoher Wert = die besten 20 % der Kunden mit einem Kauf nach diesem Wert (rechts der gestrichelten senkrechten Linie), hohes Risiko = ein Score ab {level} (über der gestrichelten waagerechten Linie). Umsatz unter Risiko = Wert × Abwanderungswahrscheinlichkeit.',
    },
    "risk.quadrant.rules": {
        "en": 'With the rules there is no probability of loss, so the quadrants show no revenue at risk.',
        "de": 'Mit den Regeln gibt es keine Abwanderungswahrscheinlichkeit, daher zeigen die Quadranten keinen Umsatz unter Risiko.',
    },
    "risk.quadrant.high_value_high_risk": {"en": "High value, high risk", "de": "Hoher Wert, hohes Risiko"},
    "risk.quadrant.high_value_low_risk": {"en": "High value, low risk", "de": "Hoher Wert, geringes Risiko"},
    "risk.quadrant.low_value_high_risk": {"en": "Low value, high risk", "de": "Niedriger Wert, hohes Risiko"},
    "risk.quadrant.low_value_low_risk": {"en": "Low value, low risk", "de": "Niedriger Wert, geringes Risiko"},
    "risk.col.quadrant": {"en": "Quadrant", "de": "Quadrant"},
    "risk.col.revenue_at_risk": {"en": "Revenue at risk (€)", "de": "Umsatz unter Risiko (€)"},
    "risk.col.value_sum": {"en": "Value total (€)", "de": "Wert gesamt (€)"},
    "risk.value_axis": {"en": "{basis} (€, log scale)", "de": "{basis} (€, logarithmisch)"},
    "risk.clv_fallback": {
        "en": "The CLV models could not be fitted ({error}); CLV is the simple fallback of the value page.",
        "de": "Die CLV-Modelle ließen sich nicht schätzen ({error}); der CLV ist die einfache Ersatzrechnung der Kundenwert-Seite.",
    },
    # proof
    "risk.cutoff": {"en": "Cutoff date of the test", "de": "Stichtag des Tests"},
    "risk.cutoff.help": {
        "en": 'The score is fitted on the history up to this date (signals 180 days before it, outcome up to it) and tested on the customers not lost on it (active or sleeping): who was lost in the 180 days after? Latest possible: as-of date − 180 days.',
        "de": 'Der Score wird auf der Historie bis zu diesem Tag geschätzt (Signale 180 Tage davor, Ausgang bis zu ihm) und an den an diesem Tag nicht abgewanderten Kunden getestet (aktiv oder schlafend): Wer ging in den 180 Tagen danach verloren? Spätestens: Stichtag − 180 Tage.',
    },
    "risk.proof.too_short": {
        "en": "The data are too short for a backtest: it needs one horizon (180 days) for the fit, one for the test and a baseline before them. Pick a later as-of date.",
        "de": "Die Daten reichen für einen Backtest nicht: Er braucht einen Zeitraum (180 Tage) für die Schätzung, einen für den Test und davor einen Basiszeitraum. Wählen Sie einen späteren Stichtag.",
    },
    "risk.proof.empty": {
        "en": "On {cutoff} no customer was scored (none not lost), or none was lost or none stayed in the 180 days after: nothing to test. Pick another cutoff.",
        "de": "Am {cutoff} war kein Kunde aktiv, oder in den 180 Tagen danach wanderte keiner ab bzw. blieb keiner: nichts zu testen. Wählen Sie einen anderen Stichtag.",
    },
    "risk.proof.summary.model": {
        "en": "Fitted on the history before {cutoff} ({train} customers not lost on {fit_cutoff}, outcome by {cutoff}); tested **out of time** on the {customers} customers not lost on {cutoff} (active or sleeping), of whom {lost} ({rate}) were lost by {end}.",
        "de": "Geschätzt auf der Historie vor dem {cutoff} ({train} am {fit_cutoff} nicht abgewanderte Kunden, Ausgang bis {cutoff}); **außerhalb des Schätzzeitraums** getestet an den {customers} am {cutoff} nicht abgewanderten Kunden, von denen {lost} ({rate}) bis {end} verloren gingen.",
    },
    "risk.proof.summary.rules": {
        "en": "The rules (no fitting) tested on the {customers} customers not lost on {cutoff}, of whom {lost} ({rate}) were lost by {end}.",
        "de": "Die Regeln (ohne Schätzung) getestet an den {customers} am {cutoff} nicht abgewanderten Kunden, von denen {lost} ({rate}) bis {end} verloren gingen.",
    },
    "risk.auc": {"en": "AUC", "de": "AUC"},
    "risk.auc.help": {
        "en": "Area under the ROC curve: the probability that a customer who was lost scored higher than one who stayed. 0.5 = chance, 1 = perfect.",
        "de": "Fläche unter der ROC-Kurve: die Wahrscheinlichkeit, dass ein abgewanderter Kunde einen höheren Score hatte als ein gebliebener. 0,5 = Zufall, 1 = perfekt.",
    },
    "risk.auc.verdict.strong": {"en": "clearly better than chance", "de": "deutlich besser als Zufall"},
    "risk.auc.verdict.some": {"en": "better than chance", "de": "besser als Zufall"},
    "risk.auc.verdict.none": {"en": "hardly better than chance", "de": "kaum besser als Zufall"},
    "risk.lost_rate": {"en": "Lost within 180 days", "de": "Binnen 180 Tagen abgewandert"},
    "risk.top_decile": {"en": "Lost found in the top 10 %", "de": "Abgänge in den obersten 10 %"},
    "risk.top_decile.help": {
        "en": "Share of all customers lost within 180 days who were among the 10 % with the highest scores (gains at 10 %).",
        "de": "Anteil aller binnen 180 Tagen abgewanderten Kunden, die unter den 10 % mit dem höchsten Score waren (Gains bei 10 %).",
    },
    "risk.roc": {"en": "ROC curve", "de": "ROC-Kurve"},
    "risk.roc.caption": {
        "en": "Each point is a score threshold: the share of lost customers it catches (true positive rate) against the share of staying customers it flags wrongly (false positive rate). The diagonal is chance.",
        "de": "Jeder Punkt ist eine Score-Schwelle: der Anteil der abgewanderten Kunden, die sie erfasst (Trefferquote), gegen den Anteil der gebliebenen, die sie fälschlich markiert (Fehlalarmquote). Die Diagonale ist Zufall.",
    },
    "risk.fpr": {"en": "False positive rate", "de": "Fehlalarmquote"},
    "risk.tpr": {"en": "True positive rate (recall)", "de": "Trefferquote (Recall)"},
    "risk.chance": {"en": "Chance", "de": "Zufall"},
    "risk.gains": {"en": "Gains and lift", "de": "Gains und Lift"},
    "risk.gains.caption": {
        "en": "Customers sorted by score, highest first: the share of all lost customers found when contacting the top x % (line) against contacting at random (diagonal). Lift = found ÷ contacted.",
        "de": "Kunden nach Score sortiert, höchster zuerst: der Anteil aller abgewanderten Kunden, die man mit den obersten x % erreicht (Linie), gegenüber einer zufälligen Auswahl (Diagonale). Lift = erreicht ÷ kontaktiert.",
    },
    "risk.contacted": {"en": "Share of customers contacted (highest score first)", "de": "Anteil kontaktierter Kunden (höchster Score zuerst)"},
    "risk.found": {"en": "Share of lost customers found", "de": "Anteil erreichter abgewanderter Kunden"},
    "risk.lift": {"en": "Lift", "de": "Lift"},
    "risk.model_line": {"en": "Score", "de": "Score"},
    "risk.bands_table": {"en": "Precision and recall per band", "de": "Präzision und Trefferquote je Risikostufe"},
    "risk.bands_table.caption": {
        "en": "Precision: share of the band's customers who were lost. Recall: the band's share of all lost customers. “At or above”: the band together with the bands above it.",
        "de": "Präzision: Anteil der Kunden der Stufe, die abwanderten. Trefferquote: Anteil der Stufe an allen Abwanderungen. „Ab dieser Stufe“: die Stufe zusammen mit den höheren.",
    },
    "risk.col.lost": {"en": "Lost", "de": "Abgewandert"},
    "risk.col.precision": {"en": "Precision", "de": "Präzision"},
    "risk.col.recall": {"en": "Recall", "de": "Trefferquote"},
    "risk.col.precision_above": {"en": "Precision at or above", "de": "Präzision ab dieser Stufe"},
    "risk.col.recall_above": {"en": "Recall at or above", "de": "Trefferquote ab dieser Stufe"},
    "risk.lead": {"en": "Lead time: how early the score warns", "de": "Vorwarnzeit: wie früh der Score warnt"},
    "risk.lead.level": {"en": "Flagged from a score of", "de": "Gewarnt ab einem Score von"},
    "risk.lead.caption": {
        "en": '{sampled} of the {total} customers active at the cutoff and lost in the test, scored every 30 days over the year before the cutoff and until their loss (date of the churn record, or the day they became sleeping). Lead time: days from the first warning — score at least the level at every check from then on — to the loss. Missed: not warned at the last check before the loss.',
        "de": '{sampled} der {total} am Stichtag aktiven und im Test verlorenen Kunden, alle 30 Tage bewertet über das Jahr vor dem Stichtag bis zu ihrer Abwanderung (Datum des Abwanderungseintrags oder der Tag, an dem sie schlafend wurden). Vorwarnzeit: Tage von der ersten Warnung — Score ab der Grenze bei jeder Prüfung seitdem — bis zur Abwanderung. Verpasst: bei der letzten Prüfung vor der Abwanderung nicht gewarnt.',
    },
    "risk.lead.warned": {"en": "Warned before the loss", "de": "Vor der Abwanderung gewarnt"},
    "risk.lead.median": {"en": "Median lead time (days)", "de": "Median der Vorwarnzeit (Tage)"},
    "risk.lead.median.help": {
        "en": "Among the customers warned before their loss.",
        "de": "Unter den vor ihrer Abwanderung gewarnten Kunden.",
    },
    "risk.lead.early": {"en": "Warned 90+ days ahead", "de": "90+ Tage vorher gewarnt"},
    "risk.lead.bucket": {"en": "Days from the first warning to the loss", "de": "Tage von der ersten Warnung bis zur Abwanderung"},
    "risk.lead.missed": {"en": "missed", "de": "verpasst"},
    "risk.evidence": {"en": "Loss rate with versus without each flag", "de": "Abwanderungsquote mit und ohne jedes Signal"},
    "risk.evidence.caption": {
        "en": "Customers not lost on the cutoff (active or sleeping): the share lost within 180 days among those with the flag and among those without, with 95 % intervals (Wilson). A drop against the baseline is compared only among customers with a baseline to judge it by.",
        "de": "Am Stichtag nicht abgewanderte Kunden (aktiv oder schlafend): der Anteil der binnen 180 Tagen Verlorenen unter denen mit gesetztem Signal und unter denen ohne, mit 95-%-Intervallen (Wilson). Ein Rückgang gegenüber dem Basiszeitraum wird nur unter Kunden verglichen, für die es einen Basiszeitraum gibt.",
    },
    "risk.with_flag": {"en": "With the flag", "de": "Mit Signal"},
    "risk.without_flag": {"en": "Without the flag", "de": "Ohne Signal"},
    "risk.loss_rate": {"en": "Loss rate within 180 days", "de": "Abwanderungsquote binnen 180 Tagen"},
    "risk.col.n_with": {"en": "Customers with", "de": "Kunden mit"},
    "risk.col.rate_with": {"en": "Lost with (95 % CI)", "de": "Abgewandert mit (95-%-KI)"},
    "risk.col.n_without": {"en": "Customers without", "de": "Kunden ohne"},
    "risk.col.rate_without": {"en": "Lost without (95 % CI)", "de": "Abgewandert ohne (95-%-KI)"},
    "risk.col.ratio": {"en": "Ratio", "de": "Verhältnis"},
    # survival
    "risk.surv.start": {"en": "Follow customers active on", "de": "Kunden verfolgen, die aktiv waren am"},
    "risk.surv.start.help": {
        "en": "Customers active on this date are followed until their first loss (a churn record, or the day they became sleeping) or until the as-of date (censored: still a customer).",
        "de": "Am diesem Tag aktive Kunden werden bis zu ihrer ersten Abwanderung verfolgt (Abwanderungseintrag oder der Tag, an dem sie schlafend wurden) oder bis zum Stichtag (zensiert: noch Kunde).",
    },
    "risk.surv.by": {"en": "Compare by", "de": "Vergleichen nach"},
    "risk.surv.by.value_group": {"en": "Value group", "de": "Wertgruppe"},
    "risk.surv.by.segment": {"en": "Segment", "de": "Segment"},
    "risk.surv.by.stage": {"en": "Stage", "de": "Stufe"},
    "risk.surv.by.acquisition_channel": {"en": "Acquisition channel", "de": "Akquisitionskanal"},
    "risk.surv.bad_start": {
        "en": "Pick a start date before the as-of date and after the first transaction.",
        "de": "Wählen Sie ein Startdatum vor dem Stichtag und nach der ersten Transaktion.",
    },
    "risk.surv.empty": {
        "en": "No customer was active on {start}. Pick a later start date.",
        "de": "Am {start} war kein Kunde aktiv. Wählen Sie ein späteres Startdatum.",
    },
    "risk.surv.no_segments": {
        "en": "This dataset has no customers table, so there is no segment or acquisition channel to compare: import one, or compare by value group or stage.",
        "de": "Dieser Datensatz hat keine Kundentabelle und damit kein Segment und keinen Akquisitionskanal zum Vergleichen: Importieren Sie eine oder vergleichen Sie nach Wertgruppe oder Stufe.",
    },
    "risk.surv.chart": {"en": "Kaplan–Meier survival curves", "de": "Kaplan-Meier-Überlebenskurven"},
    "risk.surv.caption": {
        "en": "Share of the customers active on {start} still customers after x days (Kaplan–Meier, censored at the as-of date), with 95 % bands. Value group and stage are as of the start date.",
        "de": "Anteil der am {start} aktiven Kunden, die nach x Tagen noch Kunden sind (Kaplan-Meier, zensiert am Stichtag), mit 95-%-Bändern. Wertgruppe und Stufe gelten zum Startdatum.",
    },
    "risk.surv.days": {"en": "Days since the start date", "de": "Tage seit dem Startdatum"},
    "risk.surv.survival": {"en": "Still a customer", "de": "Noch Kunde"},
    "risk.surv.group": {"en": "Group", "de": "Gruppe"},
    "risk.surv.at_risk": {"en": "Still observed", "de": "Noch beobachtet"},
    "risk.col.group": {"en": "Group", "de": "Gruppe"},
    "risk.col.median": {"en": "Median lifetime (days, 95 % CI)", "de": "Mediane Lebensdauer (Tage, 95-%-KI)"},
    "risk.col.survival_end": {"en": "Still a customer at the end", "de": "Am Ende noch Kunde"},
    "risk.median.not_reached": {"en": "not reached (> {days})", "de": "nicht erreicht (> {days})"},
    "risk.surv.median.caption": {
        "en": "Median lifetime: days after the start date until half of the group was lost; “not reached” when more than half were still customers at the end of the observation.",
        "de": "Mediane Lebensdauer: Tage nach dem Startdatum, bis die Hälfte der Gruppe abgewandert war; „nicht erreicht“, wenn am Ende der Beobachtung mehr als die Hälfte noch Kunden waren.",
    },
    "risk.logrank": {
        "en": "Log-rank test of equal survival across the {k} groups: χ² = {chi2} with {df} degrees of freedom, p {p} — {verdict}.",
        "de": "Log-Rank-Test auf gleiches Überleben der {k} Gruppen: χ² = {chi2} bei {df} Freiheitsgraden, p {p} — {verdict}.",
    },
    "risk.logrank.one_group": {
        "en": "Only one group: nothing to compare.",
        "de": "Nur eine Gruppe: nichts zu vergleichen.",
    },
    "risk.evidence.very_strong": {"en": "the groups clearly differ", "de": "die Gruppen unterscheiden sich klar"},
    "risk.evidence.strong": {"en": "the groups differ", "de": "die Gruppen unterscheiden sich"},
    "risk.evidence.weak": {"en": "a weak hint of a difference", "de": "ein schwacher Hinweis auf einen Unterschied"},
    "risk.evidence.none": {"en": "no evidence of a difference", "de": "kein Beleg für einen Unterschied"},
    "risk.missing_value": {"en": "unknown", "de": "unbekannt"},
    # story
    "risk.customer": {"en": "Customer id", "de": "Kundennummer"},
    "risk.customer.help": {
        "en": "Type a customer id, or select a row in any list of this page. The story also opens from a link ending in ?customer=ID.",
        "de": "Geben Sie eine Kundennummer ein oder wählen Sie eine Zeile in einer Liste dieser Seite. Die Geschichte öffnet sich auch über einen Link, der auf ?customer=ID endet.",
    },
    "risk.story.pick": {
        "en": "Type a customer id above, or select a row in the watch list to see that customer's story.",
        "de": "Geben Sie oben eine Kundennummer ein oder wählen Sie eine Zeile der Risikoliste, um die Geschichte dieses Kunden zu sehen.",
    },
    "risk.story.not_found": {
        "en": "There is no customer “{customer}” in dataset {dataset} up to {as_of}. Check the id (it is case-sensitive).",
        "de": "Im Datensatz {dataset} gibt es bis {as_of} keinen Kunden „{customer}“. Prüfen Sie die Nummer (Groß- und Kleinschreibung zählt).",
    },
    "risk.story.header": {"en": "{customer} · {name}", "de": "{customer} · {name}"},
    "risk.story.facts": {
        "en": "Segment: {segment} · Region: {region} · Acquired via: {channel} · Account manager: {manager}",
        "de": "Segment: {segment} · Region: {region} · Gewonnen über: {channel} · Betreuer: {manager}",
    },
    "risk.story.stage": {"en": "Stage", "de": "Stufe"},
    "risk.story.score": {"en": "Risk score", "de": "Risiko-Score"},
    "risk.story.not_scored": {"en": "not scored", "de": "nicht bewertet"},
    "risk.story.not_scored.help": {
        "en": 'Every customer who is not lost is scored; this one is a prospect (no purchase yet) or lost (see the recovery page).',
        "de": 'Bewertet wird jeder nicht abgewanderte Kunde; dieser ist Interessent (noch kein Kauf) oder abgewandert (siehe Rückgewinnungs-Seite).',
    },
    "risk.story.revenue": {"en": "Revenue in the window (€)", "de": "Umsatz im Zeitfenster (€)"},
    "risk.story.revenue.help": {
        "en": "Net revenue of the last {window} days; the small figure is the difference to what the customer's own baseline leads us to expect.",
        "de": "Nettoumsatz der letzten {window} Tage; die kleine Zahl ist der Unterschied zu dem, was der eigene Basiszeitraum des Kunden erwarten lässt.",
    },
    "risk.story.purchases": {"en": "Purchase days in the window", "de": "Kauftage im Zeitfenster"},
    "risk.story.signals": {"en": "Signals now", "de": "Signale heute"},
    "risk.story.signals.caption": {
        "en": "Each signal's value and flag at the as-of date and its contribution to the score (model: log-odds against the average customer; rules: points). Bars to the right push the risk up.",
        "de": "Wert und Status jedes Signals zum Stichtag und sein Beitrag zum Score (Modell: Log-Odds gegenüber dem Durchschnittskunden; Regeln: Punkte). Balken nach rechts erhöhen das Risiko.",
    },
    "risk.story.monthly": {"en": "Score month by month", "de": "Score Monat für Monat"},
    "risk.story.monthly.caption": {
        "en": "Today's score applied to the customer's history as it stood at each month end; gaps: lost then (or no purchase yet). The dashed lines are the band cut-offs.",
        "de": "Der heutige Score, angewandt auf die Historie des Kunden zu jedem Monatsende; Lücken: damals abgewandert (oder noch kein Kauf). Die gestrichelten Linien sind die Stufengrenzen.",
    },
    "risk.story.rolling": {"en": "Revenue against its own baseline", "de": "Umsatz gegenüber dem eigenen Basiszeitraum"},
    "risk.story.rolling.caption": {
        "en": "At each month end: net revenue of the last {window} days (solid) and what the 365 days before them lead us to expect (dashed).",
        "de": "Zu jedem Monatsende: Nettoumsatz der letzten {window} Tage (durchgezogen) und was die 365 Tage davor erwarten lassen (gestrichelt).",
    },
    "risk.story.actual": {"en": "Revenue in the window", "de": "Umsatz im Zeitfenster"},
    "risk.story.expected": {"en": "Expected from the baseline", "de": "Erwartung aus dem Basiszeitraum"},
    "risk.story.month": {"en": "Month end", "de": "Monatsende"},
    "risk.story.timeline": {"en": "Timeline", "de": "Zeitleiste"},
    "risk.story.timeline.caption": {
        "en": "Everything recorded about the customer up to the as-of date; hover a mark for details. The list below holds the same, newest first.",
        "de": "Alles, was bis zum Stichtag über den Kunden erfasst ist; für Details über eine Markierung fahren. Die Liste darunter enthält dasselbe, neueste zuerst.",
    },
    "risk.story.no_timeline": {"en": "Nothing recorded up to the as-of date.", "de": "Bis zum Stichtag nichts erfasst."},
    "risk.col.date": {"en": "Date", "de": "Datum"},
    "risk.col.kind": {"en": "What", "de": "Was"},
    "risk.col.detail": {"en": "Detail", "de": "Detail"},
    "risk.col.amount": {"en": "Amount (€)", "de": "Betrag (€)"},
    "risk.col.days_late": {"en": "Days late", "de": "Tage Verzug"},
    "risk.col.nps": {"en": "NPS", "de": "NPS"},
    "risk.yes": {"en": "yes", "de": "ja"},
    "risk.no": {"en": "no", "de": "nein"},
    "risk.unit.days": {"en": "{n} days", "de": "{n} Tage"},
    "risk.unit.count": {"en": "{n}", "de": "{n}"},
    "risk.expected": {"en": "{value} (expected {expected})", "de": "{value} (erwartet {expected})"},
    "risk.export": {"en": "Export the watch list", "de": "Risikoliste exportieren"},
}

for _key, ((_en, _de), (_den, _dde)) in _SIGNALS.items():
    STRINGS[f"risk.signal.{_key}"] = {"en": _en, "de": _de}
    STRINGS[f"risk.signal.{_key}.def"] = {"en": _den, "de": _dde}
for _key, (_en, _de) in _KINDS.items():
    STRINGS[f"risk.kind.{_key}"] = {"en": _en, "de": _de}
for _key, (_en, _de) in {
    "prospect": ("Prospect", "Interessent"), "new": ("New", "Neukunde"), "growing": ("Growing", "Wachsend"),
    "mature": ("Mature", "Reif"), "declining": ("Declining", "Rückläufig"), "sleeping": ("Sleeping", "Schlafend"),
    "lost": ("Lost", "Abgewandert"), "won_back": ("Won back", "Zurückgewonnen"),
}.items():
    STRINGS[f"risk.stage.{_key}"] = {"en": _en, "de": _de}
