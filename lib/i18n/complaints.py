"""UI strings of the risk page's complaint-handling tab (lib/risk/complaints.py), English and German."""

STRINGS = {
    "risk.tab.complaints": {"en": "Complaint handling", "de": "Beschwerdebehandlung"},
    "complaints.intro": {
        "en": "**Are complaints a chance?** The claim: a customer whose complaint is handled well and fast stays — "
              "often more loyal than one who never complained; one handled badly or slowly leaves. Measured here on "
              "your data.",
        "de": "**Sind Beschwerden eine Chance?** Die These: Ein Kunde, dessen Beschwerde gut und schnell bearbeitet "
              "wird, bleibt – oft treuer als einer, der sich nie beschwert hat; einer, dessen Beschwerde schlecht oder "
              "langsam bearbeitet wird, geht. Hier an Ihren Daten gemessen.",
    },
    "complaints.kinds": {"en": "Count as complaints", "de": "Als Beschwerde zählen"},
    "complaints.kinds.help": {
        "en": "Which events of the events table count: complaints, disputes (claims argued about), or both.",
        "de": "Welche Ereignisse der Ereignistabelle zählen: Beschwerden, Streitfälle (strittige Reklamationen) oder beide.",
    },
    "complaints.kinds.complaint": {"en": "Complaints", "de": "Beschwerden"},
    "complaints.kinds.dispute": {"en": "Disputes", "de": "Streitfälle"},
    "complaints.kinds.both": {"en": "Both", "de": "Beide"},
    "complaints.kinds_text.complaint": {"en": "complaints", "de": "Beschwerden"},
    "complaints.kinds_text.dispute": {"en": "disputes", "de": "Streitfälle"},
    "complaints.kinds_text.both": {"en": "complaints and disputes", "de": "Beschwerden und Streitfälle"},
    # the same in the dative (German: "nach ihren Streitfällen")
    "complaints.kinds_dat.complaint": {"en": "complaints", "de": "Beschwerden"},
    "complaints.kinds_dat.dispute": {"en": "disputes", "de": "Streitfällen"},
    "complaints.kinds_dat.both": {"en": "complaints and disputes", "de": "Beschwerden und Streitfällen"},
    "complaints.segment": {"en": "Segment", "de": "Segment"},
    "complaints.segment.all": {"en": "All segments", "de": "Alle Segmente"},
    "complaints.segment.help": {
        "en": "Compare within one segment: if segments differ in both complaint handling and churn, the comparison over "
              "all customers mixes the two.",
        "de": "Innerhalb eines Segments vergleichen: Unterscheiden sich Segmente sowohl in der Beschwerdebearbeitung als "
              "auch in der Abwanderung, vermischt der Vergleich über alle Kunden beides.",
    },
    "complaints.fast_days": {"en": "Fast = resolved within (days)", "de": "Schnell = gelöst binnen (Tagen)"},
    "complaints.fast_days.help": {
        "en": "A complaint counts as handled well and fast when it was resolved within this many days of its date "
              "(outcome_date − date) and the customer was not dissatisfied with the resolution (satisfied = yes, or "
              "not recorded).",
        "de": "Eine Beschwerde gilt als gut und schnell bearbeitet, wenn sie binnen so vieler Tage nach ihrem Datum "
              "gelöst wurde (erledigt am − Datum) und der Kunde mit der Lösung nicht unzufrieden war (zufrieden = ja "
              "oder nicht erfasst).",
    },
    "complaints.no_events": {
        "en": "This view needs the events table with complaints (type complaint or dispute). Import it on the Data page.",
        "de": "Diese Ansicht braucht die Ereignistabelle mit Beschwerden (Typ Beschwerde oder Streitfall). Importieren "
              "Sie sie auf der Seite Daten.",
    },
    "complaints.none_in_window": {
        "en": "No {kinds} dated from {start} to {end} (the 12 months before the last 12 of the as-of date). Pick a "
              "later as-of date, or another kind of event.",
        "de": "Keine {kinds} mit Datum vom {start} bis {end} (die 12 Monate vor den letzten 12 des Stichtags). Wählen "
              "Sie einen späteren Stichtag oder eine andere Ereignisart.",
    },
    "complaints.no_outcomes": {
        "en": "The dataset holds {n} {kinds} from {start} to {end}, but none has an outcome recorded, so good and bad "
              "handling cannot be told apart. Import the optional events columns **outcome** (resolved, unresolved, "
              "open), **outcome_date** (when it was resolved) and **satisfied** (yes/no: satisfied with the resolution) "
              "— in German files *Ergebnis*, *erledigt am* and *zufrieden* — for complaints and disputes.",
        "de": "Der Datensatz enthält {n} {kinds} vom {start} bis {end}, aber keine mit erfasstem Ergebnis; gute und "
              "schlechte Bearbeitung lassen sich so nicht unterscheiden. Importieren Sie die optionalen Spalten der "
              "Ereignistabelle **Ergebnis** (gelöst, ungelöst, offen), **erledigt am** (wann gelöst) und **zufrieden** "
              "(ja/nein: mit der Lösung zufrieden) – in englischen Dateien *outcome*, *outcome_date* und *satisfied* – "
              "für Beschwerden und Streitfälle.",
    },
    "complaints.m.count": {"en": "Complaints", "de": "Beschwerden"},
    "complaints.m.count.help": {
        "en": "Complaints (events of the chosen kind) dated from {start} to {end}: the 12 months before the last 12 "
              "months of the as-of date.",
        "de": "Beschwerden (Ereignisse der gewählten Art) mit Datum vom {start} bis {end}: die 12 Monate vor den "
              "letzten 12 Monaten des Stichtags.",
    },
    "complaints.m.resolved": {"en": "Resolved", "de": "Gelöst"},
    "complaints.m.resolved.help": {
        "en": "Share of these complaints with outcome resolved and an outcome date by the as-of date.",
        "de": "Anteil dieser Beschwerden mit Ergebnis gelöst und einem Erledigungsdatum bis zum Stichtag.",
    },
    "complaints.m.fast": {"en": "Within {days} days", "de": "Binnen {days} Tagen"},
    "complaints.m.fast.help": {
        "en": "Share of all these complaints resolved within {days} days of their date (outcome date − date).",
        "de": "Anteil aller dieser Beschwerden, die binnen {days} Tagen nach ihrem Datum gelöst wurden (erledigt am − "
              "Datum).",
    },
    "complaints.m.median": {"en": "Median days", "de": "Median Tage"},
    "complaints.m.median.help": {
        "en": "Median days to resolve: outcome date − complaint date over the resolved complaints.",
        "de": "Median der Tage bis zur Lösung: Erledigungsdatum − Beschwerdedatum über die gelösten Beschwerden.",
    },
    "complaints.m.satisfied": {"en": "Satisfied", "de": "Zufrieden"},
    "complaints.m.satisfied.help": {
        "en": "Satisfied with the resolution: share with satisfied = yes among the complaints where satisfaction was "
              "recorded ({rated}).",
        "de": "Mit der Lösung zufrieden: Anteil mit zufrieden = ja unter den Beschwerden mit erfasster Zufriedenheit "
              "({rated}).",
    },
    "complaints.grp.none": {"en": "No complaint", "de": "Keine Beschwerde"},
    "complaints.grp.good": {"en": "Handled well and fast", "de": "Gut und schnell bearbeitet"},
    "complaints.grp.bad": {"en": "Handled badly or slowly", "de": "Schlecht oder langsam bearbeitet"},
    "complaints.grp.unknown": {"en": "Outcome not recorded", "de": "Ergebnis nicht erfasst"},
    "complaints.lost12": {"en": "Lost in the following 12 months", "de": "In den folgenden 12 Monaten abgewandert"},
    "complaints.col.group": {"en": "Group", "de": "Gruppe"},
    "complaints.col.customers": {"en": "Customers", "de": "Kunden"},
    "complaints.col.lost": {"en": "Of them lost", "de": "Davon abgewandert"},
    "complaints.col.rate": {"en": "Lost (95 % interval)", "de": "Abgewandert (95-%-Intervall)"},
    "complaints.col.rate.help": {
        "en": "Share lost with its 95 % Wilson interval.",
        "de": "Anteil abgewandert mit 95-%-Wilson-Intervall.",
    },
    "complaints.definition": {
        "en": "**Who**: customers (of the chosen segment) who were new, growing, mature, declining or won back on {end}. **Grouped** by their "
              "{kinds_dat} from {start} to {end}: *handled well and fast* = every one resolved within {days} days and the "
              "customer not dissatisfied (satisfied = yes or not recorded); *handled badly or slowly* = at least one "
              "unresolved, still open, resolved later, or the customer not satisfied; *outcome not recorded* is shown "
              "but not tested. **Lost** = no purchase from {end} to the as-of date, or a churn record in that time with "
              "no purchase after it (the lifecycle stage rule).",
        "de": "**Wer**: Kunden (des gewählten Segments), die am {end} Neukunde, wachsend, reif, rückläufig oder zurückgewonnen waren. "
              "**Gruppiert** nach ihren {kinds_dat} vom {start} bis {end}: *gut und schnell bearbeitet* = jede binnen "
              "{days} Tagen gelöst und der Kunde nicht unzufrieden (zufrieden = ja oder nicht erfasst); *schlecht oder "
              "langsam bearbeitet* = mindestens eine ungelöst, noch offen, später gelöst oder der Kunde nicht "
              "zufrieden; *Ergebnis nicht erfasst* wird gezeigt, aber nicht getestet. **Abgewandert** = kein Kauf vom "
              "{end} bis zum Stichtag oder ein Abwanderungseintrag in dieser Zeit ohne späteren Kauf (die Stufenregel "
              "des Lebenszyklus).",
    },
    "complaints.test": {
        "en": "Chi-square test of the three groups (no complaint, well and fast, badly or slowly) against lost: "
              "χ² = {chi2}, df = {df}, p {p} — {verdict}.",
        "de": "Chi-Quadrat-Test der drei Gruppen (keine Beschwerde, gut und schnell, schlecht oder langsam) gegen "
              "abgewandert: χ² = {chi2}, FG = {df}, p {p} – {verdict}.",
    },
    "complaints.test.none": {
        "en": "No test: fewer than two groups hold customers, or nobody (or everybody) in them was lost.",
        "de": "Kein Test: Weniger als zwei Gruppen enthalten Kunden, oder niemand (oder jeder) darin ist abgewandert.",
    },
    "complaints.pairs": {"en": "Pairwise comparisons", "de": "Paarweise Vergleiche"},
    "complaints.pairs.caption": {
        "en": "Difference of the loss rates in percentage points with its 95 % Newcombe interval; Fisher's exact test "
              "per pair, the three p-values Holm-adjusted because three tests stand side by side (an adjusted p below "
              "0.05 counts as a difference).",
        "de": "Differenz der Abwanderungsquoten in Prozentpunkten mit 95-%-Newcombe-Intervall; exakter Test nach Fisher "
              "je Paar, die drei p-Werte nach Holm korrigiert, weil drei Tests nebeneinander stehen (ein korrigierter "
              "p-Wert unter 0,05 zählt als Unterschied).",
    },
    "complaints.col.pair": {"en": "Comparison", "de": "Vergleich"},
    "complaints.col.diff": {"en": "Difference (95 % interval)", "de": "Differenz (95-%-Intervall)"},
    "complaints.col.p": {"en": "p (Fisher)", "de": "p (Fisher)"},
    "complaints.col.p_holm": {"en": "p (Holm)", "de": "p (Holm)"},
    "complaints.col.reading": {"en": "Reading", "de": "Bewertung"},
    "complaints.pair": {"en": "{a} vs {b}", "de": "{a} vs. {b}"},
    "complaints.pp": {"en": "{value} pp", "de": "{value} Pp."},
    "complaints.reading.yes": {"en": "differs", "de": "unterscheidet sich"},
    "complaints.reading.no": {"en": "could be chance", "de": "könnte Zufall sein"},
    # the verdict on the claim
    "complaints.verdict.chance": {
        "en": "**Complaints are a chance in your data.** Customers whose complaint was handled well and fast were lost "
              "{good} of the time — no more often than customers without a complaint ({none}) — while those handled "
              "badly or slowly were lost {bad} of the time. Good handling versus bad: {diff} percentage points, "
              "Holm-adjusted p {p}.",
        "de": "**Beschwerden sind in Ihren Daten eine Chance.** Kunden, deren Beschwerde gut und schnell bearbeitet "
              "wurde, wanderten zu {good} ab – nicht häufiger als Kunden ohne Beschwerde ({none}) –, Kunden mit "
              "schlecht oder langsam bearbeiteter Beschwerde zu {bad}. Gute gegen schlechte Bearbeitung: {diff} "
              "Prozentpunkte, nach Holm korrigiert p {p}.",
    },
    "complaints.verdict.paradox": {
        "en": "**Complaints are a chance in your data — even more than that.** Customers whose complaint was handled "
              "well and fast were lost {good} of the time, *less* often than customers without any complaint ({none}); "
              "handled badly or slowly, {bad}. Good handling versus bad: {diff} percentage points, Holm-adjusted p {p}.",
        "de": "**Beschwerden sind in Ihren Daten eine Chance – sogar mehr als das.** Kunden, deren Beschwerde gut und "
              "schnell bearbeitet wurde, wanderten zu {good} ab, *seltener* als Kunden ohne jede Beschwerde ({none}); "
              "schlecht oder langsam bearbeitet zu {bad}. Gute gegen schlechte Bearbeitung: {diff} Prozentpunkte, "
              "nach Holm korrigiert p {p}.",
    },
    "complaints.verdict.matters": {
        "en": "**Handling matters, but it does not undo the complaint.** Handled well and fast, {good} were lost; "
              "handled badly or slowly, {bad} ({diff} percentage points, Holm-adjusted p {p}). Customers without a "
              "complaint were still lost less often ({none}).",
        "de": "**Die Bearbeitung zählt, macht die Beschwerde aber nicht ungeschehen.** Gut und schnell bearbeitet "
              "wanderten {good} ab, schlecht oder langsam bearbeitet {bad} ({diff} Prozentpunkte, nach Holm "
              "korrigiert p {p}). Kunden ohne Beschwerde wanderten dennoch seltener ab ({none}).",
    },
    "complaints.verdict.reverse": {
        "en": "**Your data contradict the claim.** Customers whose complaint was handled well and fast were lost "
              "*more* often ({good}) than those handled badly or slowly ({bad}); Holm-adjusted p {p}. Check how "
              "outcomes are recorded before reading this as cause.",
        "de": "**Ihre Daten widersprechen der These.** Kunden, deren Beschwerde gut und schnell bearbeitet wurde, "
              "wanderten *häufiger* ab ({good}) als Kunden mit schlecht oder langsam bearbeiteter Beschwerde ({bad}); "
              "nach Holm korrigiert p {p}. Prüfen Sie, wie die Ergebnisse erfasst werden, bevor Sie darin eine "
              "Ursache sehen.",
    },
    "complaints.verdict.unclear": {
        "en": "**No clear answer in your data.** Handled well and fast, {good} were lost; handled badly or slowly, "
              "{bad}; without a complaint, {none}. The difference between good and bad handling could be chance "
              "(Holm-adjusted p {p}).",
        "de": "**Keine klare Antwort in Ihren Daten.** Gut und schnell bearbeitet wanderten {good} ab, schlecht oder "
              "langsam bearbeitet {bad}, ohne Beschwerde {none}. Der Unterschied zwischen guter und schlechter "
              "Bearbeitung könnte Zufall sein (nach Holm korrigiert p {p}).",
    },
    "complaints.verdict.too_little": {
        "en": "**Too few handled complaints to judge the claim**: fewer than {min} customers were handled well and "
              "fast or badly or slowly (well and fast: {n_good}, badly or slowly: {n_bad}). Pick a later as-of date or "
              "count complaints and disputes together.",
        "de": "**Zu wenige bearbeitete Beschwerden, um die These zu beurteilen**: weniger als {min} Kunden wurden gut "
              "und schnell bzw. schlecht oder langsam bearbeitet (gut und schnell: {n_good}, schlecht oder langsam: "
              "{n_bad}). Wählen Sie einen späteren Stichtag oder zählen Sie Beschwerden und Streitfälle zusammen.",
    },
    "complaints.caveat": {
        "en": "An association in your data, not proof of cause: customers about to leave anyway may also be harder to "
              "satisfy. Pick a segment above to compare within it.",
        "de": "Ein Zusammenhang in Ihren Daten, kein Beweis einer Ursache: Kunden, die ohnehin gehen wollen, sind "
              "womöglich auch schwerer zufriedenzustellen. Wählen Sie oben ein Segment, um innerhalb davon zu vergleichen.",
    },
}
