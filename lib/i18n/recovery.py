"""UI strings of the recovery page (Kundenrückgewinnung), English and German."""

STRINGS = {
    "nav.recovery": {"en": "Win-back", "de": "Kundenrückgewinnung"},
    "recovery.title": {"en": "Customer win-back", "de": "Kundenrückgewinnung"},
    "recovery.intro": {
        "en": "Win-back in five steps: **identify** lost and sleeping customers, **analyse** why they left, "
              "**plan and carry out** win-back measures, **measure** their success against a control group, and "
              "**prevent** further losses by building a second loyalty: a third chance hardly ever comes. It works on "
              "two fronts: cancellation management (fending off or reversing a cancellation) and revitalisation "
              "(restarting a relationship that ended or fell asleep). Many companies lose 20–30 % of their customers "
              "a year.",
        "de": "Kundenrückgewinnung in fünf Schritten: verlorene und schlafende Kunden **identifizieren**, die Gründe "
              "der Abwanderung **analysieren**, Rückgewinnungsmaßnahmen **planen und durchführen**, ihren Erfolg gegen "
              "eine Kontrollgruppe **messen** und weitere Verluste **verhindern**, indem eine Zweite Loyalität entsteht: "
              "Eine dritte Chance gibt es kaum. Zwei Fronten: Kündigungsmanagement (eine Kündigung abwehren oder "
              "rückgängig machen) und Revitalisierung (eine beendete oder eingeschlafene Beziehung neu beleben). Viele "
              "Unternehmen verlieren jährlich 20–30 % ihrer Kunden.",
    },
    "recovery.from": {"en": "Period from", "de": "Zeitraum von"},
    "recovery.to": {"en": "to", "de": "bis"},
    "recovery.period.help": {
        "en": "Losses are counted by their loss date, cancellation notices by their notice date, win-back contacts "
              "by their contact date. Second loyalty, the after-sales view and, for notices, the revenue kept and "
              "whether saved customers stay use the whole history up to the as-of date, because following customers "
              "takes time.",
        "de": "Abwanderungen zählen nach ihrem Verlustdatum, Kündigungen nach ihrem Eingangsdatum, "
              "Rückgewinnungskontakte nach ihrem Kontaktdatum. Zweite Loyalität, After-Sales-Sicht und bei Kündigungen "
              "der gehaltene Umsatz und ob gehaltene Kunden bleiben nutzen die gesamte Historie bis zum Stichtag, weil "
              "Kunden eine Weile beobachtet werden müssen.",
    },
    "recovery.period": {"en": "{start} to {end}", "de": "{start} bis {end}"},
    "recovery.bad_period": {
        "en": "The period is empty (its start lies after its end); showing {start} to {end} instead.",
        "de": "Der Zeitraum ist leer (der Beginn liegt nach dem Ende); angezeigt wird {start} bis {end}.",
    },
    "recovery.campaigns": {"en": "Campaigns", "de": "Kampagnen"},
    "recovery.campaigns.all": {"en": "All campaigns", "de": "Alle Kampagnen"},
    "recovery.campaigns.help": {
        "en": "Limits the win-back measures, the success control and the summary to these campaigns.",
        "de": "Beschränkt Maßnahmen, Erfolgskontrolle und Zusammenfassung auf diese Kampagnen.",
    },
    "recovery.n_days": {"en": "Win-back within (days)", "de": "Rückgewinnung binnen (Tagen)"},
    "recovery.n_days.help": {
        "en": "A contacted customer counts as won back if they buy within this many days after the contact. "
              "Contacts whose window has not ended by the as-of date are left out of every rate.",
        "de": "Ein kontaktierter Kunde gilt als zurückgewonnen, wenn er binnen so vieler Tage nach dem Kontakt kauft. "
              "Kontakte, deren Frist am Stichtag noch läuft, fließen in keine Quote ein.",
    },
    # --- summary ---------------------------------------------------------------------------------
    "recovery.sum.lost": {
        "en": "From {period}, **{lost}** customers were lost ({cancelled} of them by cancellation); in their last "
              "12 months they had brought **{revenue}**.",
        "de": "Von {period} sind **{lost}** Kunden abgewandert ({cancelled} davon durch Kündigung); in ihren letzten "
              "12 Monaten hatten sie **{revenue}** Umsatz gebracht.",
    },
    "recovery.sum.lost_inactive": {
        "en": "From {period}, **{lost}** customers were lost, all of them by 365 days without a purchase (there is no "
              "churn table); in their last 12 months they had brought **{revenue}**.",
        "de": "Von {period} sind **{lost}** Kunden abgewandert, alle durch 365 Tage ohne Kauf (es gibt keine "
              "Abwanderungstabelle); in ihren letzten 12 Monaten hatten sie **{revenue}** Umsatz gebracht.",
    },
    "recovery.sum.none_lost": {
        "en": "No customer was lost from {period}.",
        "de": "Von {period} ist kein Kunde abgewandert.",
    },
    "recovery.sum.no_winback": {
        "en": "This dataset has no win-back table, so nothing can be said about win-back measures: import one "
              "(customer, contact date, campaign, measure, treatment or control group, cost) to measure them.",
        "de": "Dieser Datensatz enthält keine Rückgewinnungstabelle, daher lässt sich zu Rückgewinnungsmaßnahmen "
              "nichts sagen: Importieren Sie eine (Kunde, Kontaktdatum, Kampagne, Maßnahme, Test- oder Kontrollgruppe, "
              "Kosten), um sie zu messen.",
    },
    "recovery.sum.no_contacts": {
        "en": "No win-back contacts{campaigns} were made in this period.",
        "de": "In diesem Zeitraum gab es keine Rückgewinnungskontakte{campaigns}.",
    },
    "recovery.sum.these_campaigns": {"en": " of the chosen campaigns", "de": " der gewählten Kampagnen"},
    "recovery.sum.contacted": {
        "en": "In the same period **{contacted}** lost or sleeping customers were contacted in win-back campaigns.",
        "de": "Im selben Zeitraum wurden **{contacted}** verlorene oder schlafende Kunden in Rückgewinnungskampagnen "
              "angesprochen.",
    },
    "recovery.sum.pending": {
        "en": "None of these contacts is older than {n} days yet, so no win-back rate can be given.",
        "de": "Keiner dieser Kontakte ist älter als {n} Tage, daher gibt es noch keine Rückgewinnungsquote.",
    },
    "recovery.sum.effect": {
        "en": "Of the {mature} contacts in the {campaigns} campaigns with a control group whose {n} days have "
              "passed, **{rate_t}** came back against **{rate_c}** in the control groups. Compared within each "
              "campaign and pooled over the campaigns, the uplift is **{uplift}** ({evidence}; exact stratified test, "
              "p {p}).",
        "de": "Von den {mature} Kontakten der {campaigns} Kampagnen mit Kontrollgruppe, deren {n} Tage verstrichen "
              "sind, kamen **{rate_t}** zurück, in den Kontrollgruppen **{rate_c}**. Innerhalb jeder Kampagne "
              "verglichen und über die Kampagnen zusammengefasst, beträgt der Uplift **{uplift}** ({evidence}; "
              "exakter geschichteter Test, p {p}).",
    },
    "recovery.sum.effect_one": {
        "en": "Of the {mature} contacts whose {n} days have passed in the one campaign with a control group, "
              "**{rate_t}** came back against **{rate_c}** in the control group: an uplift of **{uplift}** "
              "({evidence}; Fisher's exact test, p {p}).",
        "de": "Von den {mature} Kontakten der einen Kampagne mit Kontrollgruppe, deren {n} Tage verstrichen sind, "
              "kamen **{rate_t}** zurück, in der Kontrollgruppe **{rate_c}**: ein Uplift von **{uplift}** "
              "({evidence}; exakter Test nach Fisher, p {p}).",
    },
    "recovery.sum.left_out": {
        "en": "Not part of this comparison: {left_out} of the chosen campaigns (no control group, or its {n} days "
              "have not passed yet).",
        "de": "Nicht Teil dieses Vergleichs: {left_out} der gewählten Kampagnen (ohne Kontrollgruppe, oder deren "
              "{n} Tage sind noch nicht verstrichen).",
    },
    "recovery.sum.money": {
        "en": "Those who came back bought **{revenue}** in the 12 months after their return, for **{cost}** of "
              "measures; in the campaigns with a control group the uplift credits the measures with "
              "**{incremental}** of additional revenue (ROI {roi}).",
        "de": "Die Zurückgewonnenen kauften in den 12 Monaten nach ihrer Rückkehr für **{revenue}**, bei **{cost}** "
              "Maßnahmenkosten; in den Kampagnen mit Kontrollgruppe sind dem Uplift nach **{incremental}** davon "
              "zusätzlicher Umsatz (ROI {roi}).",
    },
    "recovery.items.campaign": {"en": "campaigns", "de": "Kampagnen"},
    "recovery.items.measure": {"en": "measures", "de": "Maßnahmen"},
    "recovery.reading.pooled_only": {
        "en": "None of the {tested} {items} shows an effect on its own once its test is corrected for testing "
              "{tested} {items} at once (Holm), so no single row of the success control counts as an effect: **the "
              "effect is visible only when the {items} are pooled**. Each alone has too few contacts to show it; "
              "together they do.",
        "de": "Keine der {tested} {items} zeigt für sich allein eine Wirkung, sobald ihr Test dafür korrigiert ist, "
              "dass {tested} {items} gleichzeitig getestet werden (Holm); daher gilt keine einzelne Zeile der "
              "Erfolgskontrolle als Wirkung: **Die Wirkung zeigt sich nur, wenn die {items} zusammengefasst "
              "werden.** Jede für sich hat zu wenige Kontakte, um sie zu zeigen; zusammen reichen sie.",
    },
    "recovery.reading.both": {
        "en": "On their own, corrected for testing {tested} {items} at once (Holm), {significant} of the {tested} "
              "{items} show an effect too.",
        "de": "Für sich allein, korrigiert dafür, dass {tested} {items} gleichzeitig getestet werden (Holm), zeigen "
              "auch {significant} der {tested} {items} eine Wirkung.",
    },
    "recovery.reading.rows_only": {
        "en": "Pooled, the uplift could be chance, yet {significant} of the {tested} {items} show an effect on their "
              "own, even corrected for testing {tested} at once (Holm): the {items} differ in their effect, and in "
              "the pooled comparison the others dilute it.",
        "de": "Zusammengefasst könnte der Uplift Zufall sein, doch {significant} der {tested} {items} zeigen für "
              "sich allein eine Wirkung, auch korrigiert dafür, dass {tested} gleichzeitig getestet werden (Holm): "
              "Die {items} wirken unterschiedlich, und im zusammengefassten Vergleich verwässern die übrigen die "
              "Wirkung.",
    },
    "recovery.reading.neither": {
        "en": "None of the {tested} {items} shows an effect on its own either, corrected for testing {tested} at "
              "once (Holm).",
        "de": "Auch keine der {tested} {items} zeigt für sich allein eine Wirkung, korrigiert dafür, dass {tested} "
              "gleichzeitig getestet werden (Holm).",
    },
    "recovery.sum.no_control": {
        "en": "Of the {mature} contacts whose {n} days have passed, {rate_t} bought again ({revenue} in the 12 months "
              "after their return, for {cost} of measures). **These contacts had no control group, so this is not an "
              "effect**: some of them would have come back anyway.",
        "de": "Von den {mature} Kontakten, deren {n} Tage verstrichen sind, kauften {rate_t} wieder ({revenue} in den "
              "12 Monaten nach der Rückkehr, bei {cost} Maßnahmenkosten). **Ohne Kontrollgruppe ist das kein Effekt**: "
              "Manche wären ohnehin zurückgekommen.",
    },
    "recovery.sum.control_open": {
        "en": "Of the {mature} treated contacts whose {n} days have passed, {rate_t} bought again ({revenue} in the 12 "
              "months after their return, for {cost} of measures). The control group's {n} days have not passed yet, "
              "so the effect cannot be told yet.",
        "de": "Von den {mature} Kontakten der Testgruppe, deren {n} Tage verstrichen sind, kauften {rate_t} wieder "
              "({revenue} in den 12 Monaten nach der Rückkehr, bei {cost} Maßnahmenkosten). Die {n} Tage der "
              "Kontrollgruppe sind noch nicht verstrichen, daher lässt sich die Wirkung noch nicht sagen.",
    },
    "recovery.sum.open": {
        "en": "{pending} more contacts are younger than {n} days and not counted yet.",
        "de": "{pending} weitere Kontakte sind jünger als {n} Tage und noch nicht gezählt.",
    },
    "recovery.evidence.very_strong": {"en": "clearly real, p < 0.001", "de": "eindeutig, p < 0,001"},
    "recovery.evidence.strong": {"en": "real, p < 0.05", "de": "belastbar, p < 0,05"},
    "recovery.evidence.weak": {"en": "a weak hint, p < 0.1", "de": "ein schwacher Hinweis, p < 0,1"},
    "recovery.evidence.none": {"en": "could be chance", "de": "könnte Zufall sein"},
    "recovery.definitions": {"en": "Definitions: how every number is counted", "de": "Definitionen: wie jede Zahl gezählt wird"},
    "recovery.definitions.text": {
        "en": "- **Lost** (as on the lifecycle page): a churn record after the last purchase, or more than 365 days "
              "without a purchase. The **loss date** is the first churn record or the 366th day without a purchase, "
              "whichever comes first. **Cancellation**: a record of kind cancellation; **silent**: a record without "
              "cancellation; **inactive**: no record at all.\n"
              "- **Sleeping** (as on the lifecycle page): no purchase for longer than max(180 days, 3 × the customer's "
              "usual gap between purchases), and not lost.\n"
              "- **Won back** (as on the lifecycle page): a purchase after being lost or sleeping.\n"
              "- **Former value**: net revenue of the 365 days up to the last purchase before the loss.\n"
              "- **Win-back**: a purchase within {n} days after a win-back contact. Only contacts whose {n} days "
              "have passed count; the others are shown as pending.\n"
              "- **Win-back rate**: win-backs ÷ contacts, with a 95 % Wilson interval.\n"
              "- **Uplift**: treatment rate − control rate in percentage points, with a 95 % Newcombe interval and "
              "Fisher's exact test.\n"
              "- **Pooled uplift** (the summary): the campaigns with a control group taken together, each campaign "
              "compared only with its own control group (Mantel–Haenszel: each campaign's uplift weighted by "
              "n_treatment × n_control ÷ n), tested with the exact stratified test (the exact Cochran–Mantel–Haenszel "
              "test, campaigns as strata; for one campaign it is Fisher's exact test).\n"
              "- **Holm-corrected p**: with many campaigns or measures tested side by side, one of them falls below "
              "0.05 by chance far more often than one time in twenty. Holm's correction multiplies the smallest of m "
              "p-values by m, the next by m − 1, and so on (never decreasing, at most 1); the verdict of each row "
              "reads this corrected p.\n"
              "- **Incremental revenue**: uplift × treated contacts × the mean revenue of a won-back treated customer "
              "in the 12 months after the return; **ROI** = (incremental revenue − cost) ÷ cost, on revenue (there "
              "are no margins in the data).",
        "de": "- **Abgewandert** (wie auf der Lebenszyklus-Seite): ein Abwanderungseintrag nach dem letzten Kauf oder "
              "mehr als 365 Tage ohne Kauf. Das **Verlustdatum** ist der erste Eintrag oder der 366. Tag ohne Kauf, "
              "je nachdem, was früher kommt. **Kündigung**: ein Eintrag der Art Kündigung; **still**: ein Eintrag "
              "ohne Kündigung; **inaktiv**: gar kein Eintrag.\n"
              "- **Schlafend** (wie auf der Lebenszyklus-Seite): länger als max(180 Tage, 3 × der übliche Abstand "
              "zwischen den Käufen des Kunden) kein Kauf, und nicht abgewandert.\n"
              "- **Zurückgewonnen** (wie auf der Lebenszyklus-Seite): ein Kauf nach Abwanderung oder Schlaf.\n"
              "- **Früherer Wert**: Nettoumsatz der 365 Tage bis zum letzten Kauf vor dem Verlust.\n"
              "- **Rückgewinnung**: ein Kauf binnen {n} Tagen nach einem Rückgewinnungskontakt. Es zählen nur "
              "Kontakte, deren {n} Tage verstrichen sind; die übrigen erscheinen als offen.\n"
              "- **Rückgewinnungsquote**: Rückgewinnungen ÷ Kontakte, mit 95-%-Wilson-Intervall.\n"
              "- **Uplift**: Quote der Testgruppe − Quote der Kontrollgruppe in Prozentpunkten, mit "
              "95-%-Newcombe-Intervall und exaktem Test nach Fisher.\n"
              "- **Zusammengefasster Uplift** (die Zusammenfassung): die Kampagnen mit Kontrollgruppe zusammen, jede "
              "Kampagne nur mit ihrer eigenen Kontrollgruppe verglichen (Mantel-Haenszel: der Uplift jeder Kampagne "
              "gewichtet mit n_Test × n_Kontrolle ÷ n), geprüft mit dem exakten geschichteten Test (dem exakten "
              "Cochran-Mantel-Haenszel-Test, Kampagnen als Schichten; bei einer Kampagne ist er der exakte Test nach "
              "Fisher).\n"
              "- **p nach Holm**: Werden viele Kampagnen oder Maßnahmen nebeneinander getestet, fällt eine davon "
              "weit öfter als jedes zwanzigste Mal zufällig unter 0,05. Die Korrektur nach Holm multipliziert den "
              "kleinsten von m p-Werten mit m, den nächsten mit m − 1 usw. (nie fallend, höchstens 1); die "
              "Einschätzung jeder Zeile liest diesen korrigierten p-Wert.\n"
              "- **Zusätzlicher Umsatz**: Uplift × Kontakte der Testgruppe × mittlerer Umsatz eines zurückgewonnenen "
              "Testkunden in den 12 Monaten nach der Rückkehr; **ROI** = (zusätzlicher Umsatz − Kosten) ÷ Kosten, "
              "auf Umsatzbasis (die Daten enthalten keine Margen).",
    },
    "recovery.missing.churn": {
        "en": "This dataset has no churn table: every loss here is one by inactivity (365 days without a purchase) "
              "and nobody said why. Import churn records with a reason and a kind (cancellation or silent) to see the "
              "reasons.",
        "de": "Dieser Datensatz enthält keine Abwanderungstabelle: Jeder Verlust ist hier einer durch Inaktivität "
              "(365 Tage ohne Kauf), und niemand hat einen Grund genannt. Importieren Sie Abwanderungseinträge mit "
              "Grund und Art (Kündigung oder still), um die Gründe zu sehen.",
    },
    "recovery.missing.winback": {
        "en": "This dataset has no win-back table, so there are no measures to measure. Import one with customer, "
              "contact date, campaign, measure, group (treatment or control) and cost; a random control group makes "
              "the real effect visible.",
        "de": "Dieser Datensatz enthält keine Rückgewinnungstabelle, daher gibt es keine Maßnahmen zu messen. "
              "Importieren Sie eine mit Kunde, Kontaktdatum, Kampagne, Maßnahme, Gruppe (Test oder Kontrolle) und "
              "Kosten; eine zufällige Kontrollgruppe macht den echten Effekt sichtbar.",
    },
    "recovery.missing.surveys": {
        "en": "This dataset has no survey table, so the after-sales view cannot be drawn. Import surveys with the "
              "satisfaction with the sale and with after-sales (1–5) to compare with the study.",
        "de": "Dieser Datensatz enthält keine Befragungstabelle, daher fehlt die After-Sales-Sicht. Importieren Sie "
              "Befragungen mit der Zufriedenheit mit dem Kauf und mit dem After-Sales-Service (1–5), um mit der Studie "
              "zu vergleichen.",
    },
    # --- tabs ------------------------------------------------------------------------------------
    "recovery.tab.identify": {"en": "1 · Identify", "de": "1 · Identifizieren"},
    "recovery.tab.causes": {"en": "2 · Causes", "de": "2 · Ursachen"},
    "recovery.tab.measures": {"en": "3 · Measures", "de": "3 · Maßnahmen"},
    "recovery.tab.success": {"en": "4 · Success control", "de": "4 · Erfolgskontrolle"},
    "recovery.tab.loyalty": {"en": "5 · Second loyalty", "de": "5 · Zweite Loyalität"},
    "recovery.tab.aftersales": {"en": "After-sales", "de": "After-Sales"},
    # --- common ----------------------------------------------------------------------------------
    "recovery.customers": {"en": "Customers", "de": "Kunden"},
    "recovery.month": {"en": "Month of the loss", "de": "Monat des Verlusts"},
    "recovery.kind": {"en": "Kind of loss", "de": "Art der Abwanderung"},
    "recovery.reason": {"en": "Loss reason", "de": "Abwanderungsgrund"},
    "recovery.measure": {"en": "Measure", "de": "Maßnahme"},
    "recovery.group": {"en": "Group", "de": "Gruppe"},
    "recovery.amount": {"en": "Revenue per customer", "de": "Umsatz je Kunde"},
    "recovery.unknown": {"en": "unknown", "de": "unbekannt"},
    "recovery.interval": {"en": "[{lo}; {hi}]", "de": "[{lo}; {hi}]"},
    "recovery.pp": {"en": "{value} pp", "de": "{value} Pp."},
    "recovery.days": {"en": "{n} days", "de": "{n} Tage"},
    "recovery.rate_of": {"en": "{rate} of {n}", "de": "{rate} von {n}"},
    "recovery.rate_ci": {"en": "{rate} [{lo}; {hi}] of {n}", "de": "{rate} [{lo}; {hi}] von {n}"},
    "recovery.no_contacts": {
        "en": "No win-back contacts in this period (and campaigns). Widen the period or choose other campaigns.",
        "de": "Keine Rückgewinnungskontakte in diesem Zeitraum (und diesen Kampagnen). Erweitern Sie den Zeitraum "
              "oder wählen Sie andere Kampagnen.",
    },
    "recovery.no_mature": {
        "en": "No contact of this selection is older than {n} days yet: no rate can be given.",
        "de": "Kein Kontakt dieser Auswahl ist älter als {n} Tage: Es gibt noch keine Quote.",
    },
    "recovery.kind.cancellation": {"en": "Cancellation", "de": "Kündigung"},
    "recovery.kind.silent": {"en": "Silent loss", "de": "Stille Abwanderung"},
    "recovery.kind.inactive": {"en": "Inactive, not recorded", "de": "Inaktiv, nicht erfasst"},
    "recovery.kind.cancellation.help": {
        "en": "Lost customers whose churn record says cancellation (or gives a reason without a kind).",
        "de": "Abgewanderte Kunden, deren Abwanderungseintrag eine Kündigung ist (oder einen Grund ohne Art nennt).",
    },
    "recovery.kind.silent.help": {
        "en": "Lost customers with a churn record that is not a cancellation: they went quietly and someone noticed.",
        "de": "Abgewanderte Kunden mit einem Abwanderungseintrag, der keine Kündigung ist: Sie gingen still, und "
              "jemand hat es bemerkt.",
    },
    "recovery.kind.inactive.help": {
        "en": "Lost customers without any churn record: more than 365 days without a purchase.",
        "de": "Abgewanderte Kunden ohne Abwanderungseintrag: mehr als 365 Tage ohne Kauf.",
    },
    "recovery.group.cancellation": {"en": "Cancellation", "de": "Kündigung"},
    "recovery.group.silent": {"en": "Silent loss", "de": "Stille Abwanderung"},
    "recovery.group.inactive": {"en": "Inactive, not recorded", "de": "Inaktiv, nicht erfasst"},
    "recovery.group.sleeping": {"en": "Sleeping", "de": "Schlafend"},
    "recovery.group.treatment": {"en": "Treatment (contacted)", "de": "Testgruppe (angesprochen)"},
    "recovery.group.control": {"en": "Control (not contacted)", "de": "Kontrollgruppe (nicht angesprochen)"},
    "recovery.reason.price": {"en": "Price", "de": "Preis"},
    "recovery.reason.service": {"en": "Service", "de": "Service"},
    "recovery.reason.product_quality": {"en": "Product quality", "de": "Produktqualität"},
    "recovery.reason.competitor_offer": {"en": "Competitor's offer", "de": "Angebot der Konkurrenz"},
    "recovery.reason.relocation": {"en": "Relocation / no need", "de": "Umzug / kein Bedarf"},
    "recovery.reason.billing_dispute": {"en": "Billing dispute", "de": "Streit um Rechnungen"},
    "recovery.reason.no_reason": {"en": "Cancelled, no reason given", "de": "Gekündigt, ohne Grund"},
    "recovery.reason.silent_loss": {"en": "Silent loss, reason unknown", "de": "Stille Abwanderung, Grund unbekannt"},
    "recovery.measure.discount": {"en": "Discount", "de": "Rabatt"},
    "recovery.measure.personal_call": {"en": "Personal call", "de": "Persönlicher Anruf"},
    "recovery.measure.apology_gift": {"en": "Apology with a gift", "de": "Entschuldigung mit Geschenk"},
    "recovery.measure.new_offer": {"en": "New offer", "de": "Neues Angebot"},
    "recovery.stage.new": {"en": "New", "de": "Neukunde"},
    "recovery.stage.growing": {"en": "Growing", "de": "Wachsend"},
    "recovery.stage.mature": {"en": "Mature", "de": "Reif"},
    "recovery.stage.declining": {"en": "Declining", "de": "Rückläufig"},
    "recovery.stage.sleeping": {"en": "Sleeping", "de": "Schlafend"},
    "recovery.stage.lost": {"en": "Lost", "de": "Abgewandert"},
    "recovery.stage.won_back": {"en": "Won back", "de": "Zurückgewonnen"},
    # --- step 1 ----------------------------------------------------------------------------------
    "recovery.identify.caption": {
        "en": "Who is lost or sleeping at the as-of date, by the lifecycle page's rules, and what they were worth.",
        "de": "Wer am Stichtag abgewandert ist oder schläft, nach den Regeln der Lebenszyklus-Seite, und was diese "
              "Kunden wert waren.",
    },
    "recovery.identify.lost": {"en": "Lost", "de": "Abgewandert"},
    "recovery.identify.lost.help": {
        "en": "Lost at the as-of date: customers whose last purchase is followed by a churn record, or who have not "
              "bought for more than 365 days (the lifecycle page's stage “lost”).",
        "de": "Abgewandert am Stichtag: Kunden, deren letztem Kauf ein Abwanderungseintrag folgt oder die seit mehr "
              "als 365 Tagen nicht gekauft haben (Phase „Abgewandert“ der Lebenszyklus-Seite).",
    },
    "recovery.identify.sleeping": {"en": "Sleeping", "de": "Schlafend"},
    "recovery.identify.sleeping.help": {
        "en": "No purchase for longer than max(180 days, 3 × the customer's usual gap between purchases), and not "
              "lost (the lifecycle page's stage “sleeping”).",
        "de": "Länger als max(180 Tage, 3 × der übliche Kaufabstand des Kunden) kein Kauf, und nicht abgewandert "
              "(Phase „Schlafend“ der Lebenszyklus-Seite).",
    },
    "recovery.identify.former_lost": {"en": "Former value of the lost", "de": "Früherer Wert der Abgewanderten"},
    "recovery.identify.former_sleeping": {"en": "Former value of the sleeping", "de": "Früherer Wert der Schlafenden"},
    "recovery.identify.former.help": {
        "en": "Net revenue in the 365 days up to each customer's last purchase before the loss (or before falling "
              "asleep).",
        "de": "Nettoumsatz der 365 Tage bis zum letzten Kauf jedes Kunden vor dem Verlust (bzw. vor dem Einschlafen).",
    },
    "recovery.identify.clv_lost": {"en": "CLV at loss of the lost", "de": "CLV beim Verlust (Abgewanderte)"},
    "recovery.identify.clv.help": {
        "en": "The value page's CLV model (BG/NBD with Gamma-Gamma, 12 months, 10 % discount a year), fitted on all "
              "history up to the as-of date and evaluated on each customer's purchases up to their last purchase "
              "before the loss: what the customer still promised on that day.",
        "de": "Das CLV-Modell der Kundenwert-Seite (BG/NBD mit Gamma-Gamma, 12 Monate, 10 % Abzinsung pro Jahr), "
              "geschätzt auf der gesamten Historie bis zum Stichtag und ausgewertet auf den Käufen jedes Kunden bis zu "
              "seinem letzten Kauf vor dem Verlust: was der Kunde an diesem Tag noch versprach.",
    },
    "recovery.identify.clv.off": {
        "en": "Choose “CLV at loss” as the value below to compute it (it fits the CLV models, which takes a while "
              "on large data).",
        "de": "Wählen Sie unten „CLV beim Verlust“ als Wert, um ihn zu berechnen (dafür werden die CLV-Modelle "
              "geschätzt, was bei großen Daten dauert).",
    },
    "recovery.identify.monthly": {"en": "Losses per month, {period}", "de": "Abwanderungen pro Monat, {period}"},
    "recovery.identify.monthly.caption": {
        "en": "By loss date. A loss by inactivity is dated on its 366th day without a purchase, so it appears a year "
              "after the last purchase.",
        "de": "Nach Verlustdatum. Ein Verlust durch Inaktivität wird auf seinen 366. Tag ohne Kauf datiert und "
              "erscheint daher ein Jahr nach dem letzten Kauf.",
    },
    "recovery.identify.no_losses": {
        "en": "No losses in this period. Choose a longer period or another as-of date.",
        "de": "Keine Abwanderungen in diesem Zeitraum. Wählen Sie einen längeren Zeitraum oder einen anderen Stichtag.",
    },
    "recovery.candidates": {"en": "Win-back candidates, by priority", "de": "Rückgewinnungskandidaten nach Priorität"},
    "recovery.basis": {"en": "Former value", "de": "Früherer Wert"},
    "recovery.basis.revenue": {"en": "Revenue, 12 months before", "de": "Umsatz, 12 Monate davor"},
    "recovery.basis.clv": {"en": "CLV at loss", "de": "CLV beim Verlust"},
    "recovery.basis.help": {
        "en": "Priority = former value × likelihood of return. “CLV at loss” fits the value page's CLV models "
              "first (seconds on the demo, up to half a minute on a million customers).",
        "de": "Priorität = früherer Wert × Rückkehrwahrscheinlichkeit. „CLV beim Verlust“ schätzt zuerst die "
              "CLV-Modelle der Kundenwert-Seite (Sekunden bei den Demodaten, bis zu einer halben Minute bei einer "
              "Million Kunden).",
    },
    "recovery.groups": {"en": "Show", "de": "Anzeigen"},
    "recovery.clv.fitting": {"en": "Fitting the CLV models ...", "de": "CLV-Modelle werden geschätzt ..."},
    "recovery.value_basis": {"en": "Value group by", "de": "Wertgruppe nach"},
    "recovery.value_basis.revenue_12m": {"en": "Revenue, 12 months", "de": "Umsatz 12 Monate"},
    "recovery.value_basis.clv_alive": {"en": "CLV if the customer stays", "de": "CLV, wenn der Kunde bleibt"},
    "recovery.value_basis.help": {
        "en": "The value group of the risk page's watch list and quadrant, at the as-of date: high value = the top "
              "20 % of all customers with a purchase by this value. **Revenue, 12 months**: net revenue of the last "
              "365 days (a customer idle for a year has none). **CLV if the customer stays**: the predicted value of "
              "the next 12 months without the factor P(alive), i.e. what the customer is worth should they buy "
              "again (BG/NBD and Gamma-Gamma, 10 % discount a year).",
        "de": "Die Wertgruppe der Risikoliste und des Quadranten der Risiko-Seite, zum Stichtag: hoher Wert = die "
              "besten 20 % aller Kunden mit einem Kauf nach diesem Wert. **Umsatz 12 Monate**: Nettoumsatz der "
              "letzten 365 Tage (ein seit einem Jahr inaktiver Kunde hat keinen). **CLV, wenn der Kunde bleibt**: der "
              "prognostizierte Wert der nächsten 12 Monate ohne den Faktor P(aktiv), also was der Kunde wert ist, "
              "wenn er wieder kauft (BG/NBD und Gamma-Gamma, 10 % Abzinsung im Jahr).",
    },
    "recovery.only_high": {"en": "Only high value", "de": "Nur hoher Wert"},
    "recovery.only_high.help": {
        "en": "List only the candidates in the high value group (the top 20 % by the value chosen beside).",
        "de": "Nur die Kandidaten der Gruppe mit hohem Wert listen (die besten 20 % nach dem daneben gewählten Wert).",
    },
    "recovery.col.value": {"en": "{basis} (€)", "de": "{basis} (€)"},
    "recovery.col.value_group": {"en": "Value group", "de": "Wertgruppe"},
    "recovery.value_group.high": {"en": "High value", "de": "Hoher Wert"},
    "recovery.value_group.low": {"en": "Low value", "de": "Niedriger Wert"},
    "recovery.clv.fallback": {
        "en": "The CLV models could not be fitted ({error}); CLV at loss uses the simple fallback of the value page.",
        "de": "Die CLV-Modelle ließen sich nicht schätzen ({error}); der CLV beim Verlust nutzt die einfache "
              "Ersatzrechnung der Kundenwert-Seite.",
    },
    "recovery.candidates.caption": {
        "en": "The top {shown} of {total} customers. Likelihood of return: of the customers lost or sleeping twelve "
              "months earlier in the same situation (stage, kind of loss, days without a purchase, reason), the share "
              "who bought again within the year, small groups pulled towards the broader ones. The download holds all "
              "of them.",
        "de": "Die ersten {shown} von {total} Kunden. Rückkehrwahrscheinlichkeit: Anteil der Kunden, die zwölf Monate "
              "zuvor in derselben Lage abgewandert waren oder schliefen (Phase, Art des Verlusts, Tage ohne Kauf, "
              "Grund) und binnen eines Jahres wieder kauften; kleine Gruppen werden zu den größeren hin gezogen. Der "
              "Download enthält alle.",
    },
    "recovery.candidates.no_history": {
        "en": "The data do not reach twelve months before the as-of date, so no likelihood of return can be learnt: "
              "the candidates are ranked by their former value alone.",
        "de": "Die Daten reichen nicht zwölf Monate vor den Stichtag zurück, daher lässt sich keine "
              "Rückkehrwahrscheinlichkeit lernen: Die Kandidaten sind nur nach ihrem früheren Wert geordnet.",
    },
    "recovery.col.customer": {"en": "Customer", "de": "Kunde"},
    "recovery.col.group": {"en": "Status", "de": "Status"},
    "recovery.col.reason": {"en": "Reason", "de": "Grund"},
    "recovery.col.last_purchase": {"en": "Last purchase", "de": "Letzter Kauf"},
    "recovery.col.idle_days": {"en": "Days without purchase", "de": "Tage ohne Kauf"},
    "recovery.col.former": {"en": "Revenue 12 months before", "de": "Umsatz 12 Monate davor"},
    "recovery.col.clv": {"en": "CLV at loss", "de": "CLV beim Verlust"},
    "recovery.col.p_return": {"en": "Likelihood of return", "de": "Rückkehrwahrscheinlichkeit"},
    "recovery.col.p_return.help": {
        "en": "Share of customers in the same situation twelve months earlier who bought again within the year.",
        "de": "Anteil der Kunden in derselben Lage zwölf Monate zuvor, die binnen eines Jahres wieder kauften.",
    },
    "recovery.col.priority": {"en": "Priority", "de": "Priorität"},
    "recovery.col.priority.help": {
        "en": "Former value × likelihood of return: the value one can expect to recover.",
        "de": "Früherer Wert × Rückkehrwahrscheinlichkeit: der Wert, der sich zurückholen lassen dürfte.",
    },
    "recovery.col.last_contact": {"en": "Last win-back contact", "de": "Letzter Rückgewinnungskontakt"},
    "recovery.col.segment": {"en": "Segment", "de": "Segment"},
    # --- step 2 ----------------------------------------------------------------------------------
    "recovery.causes.caption": {
        "en": "Why the customers lost from {period} left, what they were worth and what preceded their loss.",
        "de": "Warum die von {period} abgewanderten Kunden gingen, was sie wert waren und was ihrem Verlust "
              "vorausging.",
    },
    "recovery.pareto.by": {"en": "Rank reasons by", "de": "Gründe ordnen nach"},
    "recovery.pareto.customers": {"en": "Lost customers", "de": "Abgewanderte Kunden"},
    "recovery.pareto.revenue": {"en": "Lost revenue", "de": "Verlorener Umsatz"},
    "recovery.pareto.title": {"en": "Pareto of loss reasons", "de": "Pareto der Abwanderungsgründe"},
    "recovery.pareto.share": {"en": "Share", "de": "Anteil"},
    "recovery.pareto.cumulative": {"en": "Cumulative share", "de": "Kumulierter Anteil"},
    "recovery.pareto.caption": {
        "en": "Lost revenue = former value (revenue of the 12 months before the loss). Silent losses and losses by "
              "inactivity have no stated reason and are one bar.",
        "de": "Verlorener Umsatz = früherer Wert (Umsatz der 12 Monate vor dem Verlust). Stille Abwanderungen und "
              "Verluste durch Inaktivität haben keinen genannten Grund und bilden einen Balken.",
    },
    "recovery.breakdown": {"en": "Reasons by segment, stage and value", "de": "Gründe nach Segment, Phase und Wert"},
    "recovery.breakdown.by": {"en": "Rows", "de": "Zeilen"},
    "recovery.breakdown.segment": {"en": "Segment", "de": "Segment"},
    "recovery.breakdown.stage_before": {"en": "Stage before the loss", "de": "Phase vor dem Verlust"},
    "recovery.breakdown.value_group": {"en": "Value group", "de": "Wertgruppe"},
    "recovery.breakdown.share": {"en": "Share of the row", "de": "Anteil der Zeile"},
    "recovery.breakdown.segment.caption": {
        "en": "Each row adds up to 100 %: the mix of reasons within the segment.",
        "de": "Jede Zeile ergibt 100 %: die Mischung der Gründe im Segment.",
    },
    "recovery.breakdown.stage_before.caption": {
        "en": "The lifecycle stage just before the loss, by the lifecycle page's rules: on the day before the churn "
              "record, or on the last purchase for a loss by inactivity. Each row adds up to 100 %.",
        "de": "Die Lebenszyklusphase unmittelbar vor dem Verlust, nach den Regeln der Lebenszyklus-Seite: am Tag vor "
              "dem Abwanderungseintrag oder am letzten Kauf bei einem Verlust durch Inaktivität. Jede Zeile ergibt "
              "100 %.",
    },
    "recovery.breakdown.value_group.caption": {
        "en": "A: the lost customers who brought 80 % of the lost revenue, B: the next 15 %, C: the rest. Each row "
              "adds up to 100 %.",
        "de": "A: die Abgewanderten, die 80 % des verlorenen Umsatzes brachten, B: die nächsten 15 %, C: der Rest. "
              "Jede Zeile ergibt 100 %.",
    },
    "recovery.value_group.A": {"en": "A (top value)", "de": "A (höchster Wert)"},
    "recovery.value_group.B": {"en": "B", "de": "B"},
    "recovery.value_group.C": {"en": "C (low value)", "de": "C (geringer Wert)"},
    "recovery.signals": {"en": "Early-warning signals before the loss", "de": "Frühwarnsignale vor dem Verlust"},
    "recovery.signal": {"en": "Early-warning signal", "de": "Frühwarnsignal"},
    "recovery.signals.share": {"en": "Share with the signal", "de": "Anteil mit Signal"},
    "recovery.signals.all": {"en": "All losses", "de": "Alle Verluste"},
    "recovery.signals.reference": {"en": "For comparison: retained customers", "de": "Zum Vergleich: gehaltene Kunden"},
    "recovery.signal.complaint": {"en": "Complaint", "de": "Beschwerde"},
    "recovery.signal.dispute": {"en": "Dispute", "de": "Reklamation / Streitfall"},
    "recovery.signal.competitor": {"en": "Competitor mentioned", "de": "Konkurrenz erwähnt"},
    "recovery.signal.fewer_contacts": {"en": "Fewer inbound contacts", "de": "Weniger eingehende Kontakte"},
    "recovery.signal.late_payment": {"en": "Later payments", "de": "Spätere Zahlungen"},
    "recovery.signal.purchase_drop": {"en": "Purchases dropped", "de": "Käufe eingebrochen"},
    "recovery.signals.caption": {
        "en": "Share of losses with each signal in the {days} days before the loss (the day before the churn record, "
              "or the last purchase for a loss by inactivity), against the customer's own baseline of the year before: "
              "a complaint, dispute or competitor mention at all; inbound contacts or purchase days at most half "
              "their usual rate; payments on average more than 7 days later than usual. The last row is a random "
              "sample of customers never lost, over the {days} days up to the as-of date. Computed on this page, "
              "independently of the risk page.",
        "de": "Anteil der Verluste mit dem jeweiligen Signal in den {days} Tagen vor dem Verlust (Tag vor dem "
              "Abwanderungseintrag bzw. letzter Kauf bei Inaktivität), gemessen am eigenen Vorjahr des Kunden: "
              "überhaupt eine Beschwerde, eine Reklamation oder eine Erwähnung der Konkurrenz; eingehende Kontakte "
              "oder Kauftage höchstens halb so häufig wie üblich; Zahlungen im Mittel mehr als 7 Tage später als "
              "üblich. Die letzte Zeile ist eine Zufallsstichprobe nie abgewanderter Kunden über die {days} Tage bis "
              "zum Stichtag. Auf dieser Seite berechnet, unabhängig von der Risiko-Seite.",
    },
    "recovery.signals.no_events": {
        "en": "No events table: complaints, disputes, competitor mentions and inbound contacts cannot be seen.",
        "de": "Keine Ereignistabelle: Beschwerden, Reklamationen, Konkurrenz-Erwähnungen und eingehende Kontakte "
              "sind nicht zu sehen.",
    },
    "recovery.signals.no_invoices": {
        "en": "No invoices table: later payments cannot be seen.",
        "de": "Keine Rechnungstabelle: spätere Zahlungen sind nicht zu sehen.",
    },
    "recovery.signals.no_events_invoices": {
        "en": "No events and no invoices table: only the drop in purchases can be seen. Import events and invoices "
              "for the other signals.",
        "de": "Weder Ereignis- noch Rechnungstabelle: Nur der Einbruch der Käufe ist zu sehen. Importieren Sie "
              "Ereignisse und Rechnungen für die übrigen Signale.",
    },
    # --- step 3 ----------------------------------------------------------------------------------
    "recovery.measures.caption": {
        "en": "Win-back contacts made from {period}; a win-back is a purchase within {n} days of the contact.",
        "de": "Rückgewinnungskontakte von {period}; eine Rückgewinnung ist ein Kauf binnen {n} Tagen nach dem "
              "Kontakt.",
    },
    "recovery.view": {"en": "Per", "de": "Je"},
    "recovery.view.campaign": {"en": "Campaign", "de": "Kampagne"},
    "recovery.view.measure": {"en": "Measure", "de": "Maßnahme"},
    "recovery.col.contacts": {"en": "Contacts", "de": "Kontakte"},
    "recovery.col.pending": {"en": "Still open", "de": "Noch offen"},
    "recovery.col.won": {"en": "Won back", "de": "Zurückgewonnen"},
    "recovery.col.rate": {"en": "Win-back rate", "de": "Rückgewinnungsquote"},
    "recovery.col.cost": {"en": "Cost", "de": "Kosten"},
    "recovery.col.cost_per_win": {"en": "Cost per win-back", "de": "Kosten je Rückgewinnung"},
    "recovery.col.revenue": {"en": "Revenue 12 months after return", "de": "Umsatz 12 Monate nach Rückkehr"},
    "recovery.col.revenue_per_win": {"en": "Revenue per win-back", "de": "Umsatz je Rückgewinnung"},
    "recovery.col.days": {"en": "Median days to return", "de": "Median Tage bis zur Rückkehr"},
    "recovery.measures.table.caption": {
        "en": "Contacts counts both groups; won back, rate, cost and revenue are the treatment group's contacts "
              "whose {n} days have passed (rate with its 95 % Wilson interval). Revenue counts the 12 months from the "
              "return on, as far as they have passed. These are raw figures, not effects: the success control "
              "compares them with the control group.",
        "de": "Kontakte zählt beide Gruppen; Zurückgewonnen, Quote, Kosten und Umsatz betreffen die Kontakte der "
              "Testgruppe, deren {n} Tage verstrichen sind (Quote mit 95-%-Wilson-Intervall). Umsatz zählt die 12 "
              "Monate ab der Rückkehr, soweit verstrichen. Das sind Rohwerte, keine Effekte: Die Erfolgskontrolle "
              "vergleicht sie mit der Kontrollgruppe.",
    },
    "recovery.measures.rates": {
        "en": "Win-back rate with 95 % interval, treatment and control",
        "de": "Rückgewinnungsquote mit 95-%-Intervall, Test- und Kontrollgruppe",
    },
    "recovery.grid": {"en": "Which measure works for which loss reason", "de": "Welche Maßnahme bei welchem Grund wirkt"},
    "recovery.grid.control": {"en": "Control group's rate [95 %]", "de": "Quote der Kontrollgruppe [95 %]"},
    "recovery.grid.control_contacts": {"en": "Control contacts", "de": "Kontakte der Kontrollgruppe"},
    "recovery.grid.interval": {"en": "95 % interval", "de": "95-%-Intervall"},
    "recovery.grid.few": {"en": "too few ({n})", "de": "zu wenige ({n})"},
    "recovery.grid.few_title": {"en": "Note", "de": "Hinweis"},
    "recovery.grid.caption": {
        "en": "Win-back rate of the treatment group per loss reason (of the loss the contact was about) and measure, "
              "with the number of contacts and, below, its 95 % Wilson interval. Grey cells have fewer than {min} "
              "contacts: too few for a rate to trust. Hover for the control group's rate and interval; a contact "
              "counts once its {n} days have passed. A rate is not an effect: the success control compares with the "
              "control group.",
        "de": "Rückgewinnungsquote der Testgruppe je Abwanderungsgrund (des Verlusts, um den es im Kontakt ging) und "
              "Maßnahme, mit der Zahl der Kontakte und darunter dem 95-%-Wilson-Intervall. Graue Zellen haben weniger "
              "als {min} Kontakte: zu wenige für eine verlässliche Quote. Quote und Intervall der Kontrollgruppe "
              "stehen im Tooltip; ein Kontakt zählt, sobald seine {n} Tage verstrichen sind. Eine Quote ist keine "
              "Wirkung: Die Erfolgskontrolle vergleicht mit der Kontrollgruppe.",
    },
    # --- step 4 ----------------------------------------------------------------------------------
    "recovery.success.caption": {
        "en": "Treatment against control for the contacts made from {period}, once their {n} days have passed. Only "
              "the difference to the control group is an effect of the measure.",
        "de": "Test- gegen Kontrollgruppe für die Kontakte von {period}, sobald ihre {n} Tage verstrichen sind. Nur "
              "der Unterschied zur Kontrollgruppe ist eine Wirkung der Maßnahme.",
    },
    "recovery.success.by_campaign": {"en": "Per campaign", "de": "Je Kampagne"},
    "recovery.success.by_measure": {"en": "Per measure", "de": "Je Maßnahme"},
    "recovery.success.no_control": {"en": "no control group", "de": "keine Kontrollgruppe"},
    "recovery.success.open": {"en": "still open (younger than {n} days)", "de": "noch offen (jünger als {n} Tage)"},
    "recovery.success.no_control_at_all": {
        "en": "None of these win-back contacts has a control group. Without customers who were deliberately not "
              "contacted, no rate on this page is an effect: customers also come back on their own. Hold back a random "
              "part of each campaign (for example 20 %) as a control group.",
        "de": "Keiner dieser Rückgewinnungskontakte hat eine Kontrollgruppe. Ohne bewusst nicht angesprochene Kunden "
              "ist keine Quote auf dieser Seite ein Effekt: Kunden kommen auch von selbst zurück. Halten Sie einen "
              "zufälligen Teil jeder Kampagne (zum Beispiel 20 %) als Kontrollgruppe zurück.",
    },
    "recovery.success.some_without_control": {
        "en": "Rows marked “no control group” show no uplift: their raw rate would overstate the effect, because "
              "some customers come back without being contacted.",
        "de": "Zeilen mit „keine Kontrollgruppe“ zeigen keinen Uplift: Ihre Rohquote würde die Wirkung überschätzen, "
              "weil manche Kunden auch ohne Ansprache zurückkommen.",
    },
    "recovery.success.pooled": {
        "en": "**All {campaigns} campaigns with a control group pooled** (each compared with its own control group): "
              "uplift {uplift}, exact stratified test p {p}: {evidence}.",
        "de": "**Alle {campaigns} Kampagnen mit Kontrollgruppe zusammengefasst** (jede mit ihrer eigenen "
              "Kontrollgruppe verglichen): Uplift {uplift}, exakter geschichteter Test p {p}: {evidence}.",
    },
    "recovery.success.pooled_one": {
        "en": "**Only one campaign has a control group**: uplift {uplift}, Fisher's exact test p {p}: {evidence}.",
        "de": "**Nur eine Kampagne hat eine Kontrollgruppe**: Uplift {uplift}, exakter Test nach Fisher p {p}: "
              "{evidence}.",
    },
    "recovery.success.pooled.help": {
        "en": "The pooled test asks whether the measures work at all, across the campaigns; each row below asks "
              "whether one campaign or measure works on its own. Pooled: the Mantel–Haenszel uplift (each campaign's "
              "uplift weighted by n_treatment × n_control ÷ n) and the exact stratified test (exact "
              "Cochran–Mantel–Haenszel test): treatment and control are compared only within each campaign, so "
              "campaigns with different return rates or control shares cannot distort the result, as they could in "
              "one Fisher test of all contacts thrown together; exact, so it holds for small campaigns and empty "
              "cells, and with one campaign it is that campaign's Fisher test. The rows are corrected for being "
              "tested side by side (Holm); the pooled test is a single test.",
        "de": "Der zusammengefasste Test fragt, ob die Maßnahmen über die Kampagnen hinweg überhaupt wirken; jede "
              "Zeile darunter fragt, ob eine Kampagne oder Maßnahme für sich allein wirkt. Zusammengefasst: der "
              "Uplift nach Mantel-Haenszel (der Uplift jeder Kampagne gewichtet mit n_Test × n_Kontrolle ÷ n) und der "
              "exakte geschichtete Test (exakter Cochran-Mantel-Haenszel-Test): Test- und Kontrollgruppe werden nur "
              "innerhalb jeder Kampagne verglichen, sodass Kampagnen mit unterschiedlichen Rückkehrquoten oder "
              "Kontrollanteilen das Ergebnis nicht verzerren können, wie in einem einzigen Fisher-Test über alle "
              "zusammengeworfenen Kontakte; exakt, daher gültig auch bei kleinen Kampagnen und leeren Zellen, und "
              "bei einer Kampagne ist er deren Fisher-Test. Die Zeilen sind dafür korrigiert, dass sie nebeneinander "
              "getestet werden (Holm); der zusammengefasste Test ist ein einzelner Test.",
    },
    "recovery.success.forest.caption": {
        "en": "Each line is the row's own 95 % interval; the point is green where the Holm-corrected p is below "
              "0.05, grey where the row could be chance once all rows are tested at once.",
        "de": "Jede Linie ist das eigene 95-%-Intervall der Zeile; der Punkt ist grün, wo das nach Holm korrigierte p "
              "unter 0,05 liegt, grau, wo die Zeile Zufall sein könnte, sobald alle Zeilen zugleich getestet werden.",
    },
    "recovery.col.treated": {"en": "Treatment", "de": "Testgruppe"},
    "recovery.col.control": {"en": "Control", "de": "Kontrollgruppe"},
    "recovery.col.uplift": {"en": "Uplift [95 % interval]", "de": "Uplift [95-%-Intervall]"},
    "recovery.col.p": {"en": "p (Fisher)", "de": "p (Fisher)"},
    "recovery.col.p.help": {
        "en": "Two-sided p-value of Fisher's exact test of this row alone: how often a difference at least this "
              "large would arise by chance if the measure had no effect.",
        "de": "Zweiseitiger p-Wert des exakten Tests nach Fisher für diese Zeile allein: wie oft ein mindestens so "
              "großer Unterschied zufällig entstünde, wenn die Maßnahme nicht wirkte.",
    },
    "recovery.col.p_holm": {"en": "p (Holm)", "de": "p (Holm)"},
    "recovery.col.p_holm.help": {
        "en": "Fisher's p corrected for the {tested} tests of this table at once (Holm): the smallest p times "
              "{tested}, the next times one less, and so on, never decreasing, at most 1. Below 0.05 it is an effect "
              "even though {tested} rows were tested; the verdict reads this value.",
        "de": "Fishers p, korrigiert für die {tested} Tests dieser Tabelle zugleich (Holm): das kleinste p mal "
              "{tested}, das nächste mal eins weniger usw., nie fallend, höchstens 1. Unter 0,05 ist es eine Wirkung, "
              "obwohl {tested} Zeilen getestet wurden; die Einschätzung liest diesen Wert.",
    },
    "recovery.col.uplift.help": {
        "en": "Treatment rate − control rate in percentage points, with the 95 % Newcombe interval of this row "
              "alone (not corrected for the other rows).",
        "de": "Quote der Testgruppe − Quote der Kontrollgruppe in Prozentpunkten, mit dem 95-%-Newcombe-Intervall "
              "dieser Zeile allein (nicht für die übrigen Zeilen korrigiert).",
    },
    "recovery.col.verdict.help": {
        "en": "The Holm-corrected p in words: below 0.001 clearly real, below 0.05 real, below 0.1 a weak hint, "
              "otherwise could be chance.",
        "de": "Das nach Holm korrigierte p in Worten: unter 0,001 eindeutig, unter 0,05 belastbar, unter 0,1 ein "
              "schwacher Hinweis, sonst könnte es Zufall sein.",
    },
    "recovery.col.verdict": {"en": "Verdict", "de": "Einschätzung"},
    "recovery.col.incr_wins": {"en": "Extra win-backs", "de": "Zusätzliche Rückgewinnungen"},
    "recovery.col.incr_revenue": {"en": "Incremental revenue [95 %]", "de": "Zusätzlicher Umsatz [95 %]"},
    "recovery.col.roi": {"en": "ROI", "de": "ROI"},
    "recovery.timing": {"en": "Time to win-back", "de": "Zeit bis zur Rückgewinnung"},
    "recovery.timing.day": {"en": "Days after the contact", "de": "Tage nach dem Kontakt"},
    "recovery.timing.share": {"en": "Won back by then", "de": "Bis dahin zurückgewonnen"},
    "recovery.timing.median": {"en": "Median time to win-back", "de": "Median bis zur Rückgewinnung"},
    "recovery.timing.median.help": {
        "en": "Median days from the contact to the first purchase, over the treated customers won back.",
        "de": "Median der Tage vom Kontakt bis zum ersten Kauf, über die zurückgewonnenen Kunden der Testgruppe.",
    },
    "recovery.timing.caption": {
        "en": "The curves show the share of each group that has bought again by each day after the contact (up to "
              "{n} days). The gap between them is the effect building up.",
        "de": "Die Kurven zeigen den Anteil jeder Gruppe, der bis zu jedem Tag nach dem Kontakt wieder gekauft hat "
              "(bis {n} Tage). Der Abstand zwischen ihnen ist die wachsende Wirkung.",
    },
    "recovery.method": {"en": "Method", "de": "Methode"},
    "recovery.method.text": {
        "en": "- Rates with a 95 % **Wilson** interval (the interval of `scipy.stats.binomtest(...).proportion_ci("
              "method='wilson')`).\n"
              "- **Uplift** = treatment rate − control rate, with the 95 % **Newcombe** hybrid score interval (built "
              "from the two Wilson intervals; better than the Wald interval for small groups and rates near 0), and "
              "the two-sided **Fisher exact** p-value of the 2 × 2 table (`scipy.stats.fisher_exact`).\n"
              "- **Many rows, one correction**: each table of campaigns or measures is one family of tests. Its p-values "
              "are corrected with **Holm**'s step-down method (sorted ascending, the i-th of m multiplied by m − i + 1, "
              "made non-decreasing, capped at 1; `statsmodels`' `multipletests(method='holm')`), which keeps the "
              "chance of any false “real” in the table at 5 %; the verdict reads the corrected p.\n"
              "- **Pooled over the campaigns** (the summary and the line above each table): the campaigns with a "
              "control group are strata; the uplift is the **Mantel–Haenszel** risk difference and the p-value that of "
              "the **exact stratified test** (the exact conditional Cochran–Mantel–Haenszel test, R's "
              "`mantelhaen.test(exact = TRUE)`): given each campaign's margins, the treated win-backs of a campaign are "
              "hypergeometric, their sum over the campaigns is the convolution, and the p-value sums every total no "
              "more likely than the observed one. It is chosen over one Fisher test of all contacts thrown together "
              "because it compares treatment and control only within each campaign (campaigns with different return "
              "rates or control shares cannot create or hide an effect), and over the asymptotic CMH χ² because it is "
              "exact for small campaigns and is Fisher's test when there is one campaign. The pooled test can find an "
              "effect no single campaign shows (each too small) or miss one that a single campaign shows (the others "
              "dilute it); the page says which.\n"
              "- **Extra win-backs** = uplift × treated contacts. **Incremental revenue** = extra win-backs × the mean "
              "revenue of a won-back treated customer in the 12 months after the return; its interval carries the "
              "uplift's interval through (taking the mean revenue as known). **ROI** = (incremental revenue − cost) "
              "÷ cost, on revenue. Raw win-backs are never taken as the effect: the control group shows how many "
              "would have come back anyway.",
        "de": "- Quoten mit 95-%-**Wilson**-Intervall (das Intervall von `scipy.stats.binomtest(...).proportion_ci("
              "method='wilson')`).\n"
              "- **Uplift** = Quote der Testgruppe − Quote der Kontrollgruppe, mit dem 95-%-Intervall nach "
              "**Newcombe** (hybrides Score-Intervall aus den beiden Wilson-Intervallen; für kleine Gruppen und Quoten "
              "nahe 0 besser als das Wald-Intervall) und dem zweiseitigen p-Wert des **exakten Tests nach Fisher** "
              "für die Vierfeldertafel (`scipy.stats.fisher_exact`).\n"
              "- **Viele Zeilen, eine Korrektur**: Jede Tabelle von Kampagnen oder Maßnahmen ist eine Familie von "
              "Tests. Ihre p-Werte werden nach dem schrittweisen Verfahren von **Holm** korrigiert (aufsteigend "
              "sortiert, der i-te von m mit m − i + 1 multipliziert, nicht fallend gemacht, höchstens 1; "
              "`multipletests(method='holm')` von `statsmodels`), sodass die Wahrscheinlichkeit eines falschen "
              "„belastbar“ in der Tabelle bei 5 % bleibt; die Einschätzung liest das korrigierte p.\n"
              "- **Über die Kampagnen zusammengefasst** (die Zusammenfassung und die Zeile über jeder Tabelle): Die "
              "Kampagnen mit Kontrollgruppe sind Schichten; der Uplift ist die Risikodifferenz nach "
              "**Mantel-Haenszel**, der p-Wert der des **exakten geschichteten Tests** (des exakten bedingten "
              "Cochran-Mantel-Haenszel-Tests, in R `mantelhaen.test(exact = TRUE)`): Bei gegebenen Randsummen jeder "
              "Kampagne sind ihre Rückgewinnungen der Testgruppe hypergeometrisch verteilt, ihre Summe über die "
              "Kampagnen ist die Faltung, und der p-Wert summiert jede Summe, die nicht wahrscheinlicher ist als die "
              "beobachtete. Er ist einem einzigen Fisher-Test über alle zusammengeworfenen Kontakte vorgezogen, weil "
              "er Test- und Kontrollgruppe nur innerhalb jeder Kampagne vergleicht (Kampagnen mit unterschiedlichen "
              "Rückkehrquoten oder Kontrollanteilen können keine Wirkung vortäuschen oder verdecken), und dem "
              "asymptotischen CMH-χ², weil er auch bei kleinen Kampagnen exakt ist und bei einer Kampagne der Test "
              "nach Fisher ist. Der zusammengefasste Test kann eine Wirkung finden, die keine einzelne Kampagne zeigt "
              "(jede zu klein), oder eine übersehen, die eine einzelne zeigt (die übrigen verwässern sie); die Seite "
              "sagt, welcher Fall vorliegt.\n"
              "- **Zusätzliche Rückgewinnungen** = Uplift × Kontakte der Testgruppe. **Zusätzlicher Umsatz** = "
              "zusätzliche Rückgewinnungen × mittlerer Umsatz eines zurückgewonnenen Testkunden in den 12 Monaten "
              "nach der Rückkehr; sein Intervall überträgt das des Uplifts (der mittlere Umsatz gilt als bekannt). "
              "**ROI** = (zusätzlicher Umsatz − Kosten) ÷ Kosten, auf Umsatzbasis. Rohe Rückgewinnungen gelten nie als "
              "Wirkung: Die Kontrollgruppe zeigt, wie viele ohnehin zurückgekommen wären.",
    },
    # --- step 5 ----------------------------------------------------------------------------------
    "recovery.loyalty.caption": {
        "en": "Do won-back customers stay? All returns up to the as-of date (a purchase after being lost or "
              "sleeping, the lifecycle page's “won back”), against customers who were never lost, matched by month "
              "and tenure. A third chance hardly ever comes.",
        "de": "Bleiben zurückgewonnene Kunden? Alle Rückkehrer bis zum Stichtag (ein Kauf nach Abwanderung oder "
              "Schlaf, „Zurückgewonnen“ der Lebenszyklus-Seite), verglichen mit nie abgewanderten Kunden gleichen "
              "Monats und gleicher Kundendauer. Eine dritte Chance gibt es kaum.",
    },
    "recovery.loyalty.none": {
        "en": "No customer has come back after being lost or sleeping up to the as-of date.",
        "de": "Bis zum Stichtag ist kein Kunde nach Abwanderung oder Schlaf zurückgekommen.",
    },
    "recovery.loyalty.won_back": {"en": "Customers won back", "de": "Zurückgewonnene Kunden"},
    "recovery.loyalty.won_back.help": {
        "en": "Customers with at least one return (a purchase after being lost or sleeping) up to the as-of date.",
        "de": "Kunden mit mindestens einer Rückkehr (ein Kauf nach Abwanderung oder Schlaf) bis zum Stichtag.",
    },
    "recovery.loyalty.rechurn": {"en": "Lost again within 12 months", "de": "Erneut verloren (12 Monate)"},
    "recovery.loyalty.rechurn.help": {
        "en": "A churn record within 365 days after the return, or no purchase in days 183–365 after it (the "
              "lifecycle page's first-year rule); only returns at least a year before the as-of date. Won back: "
              "{won}. Never lost, matched: {ctrl}. The small figure is the difference in percentage points.",
        "de": "Ein Abwanderungseintrag binnen 365 Tagen nach der Rückkehr oder kein Kauf an den Tagen 183–365 danach "
              "(die Erstjahresregel der Lebenszyklus-Seite); nur Rückkehrer, die mindestens ein Jahr vor dem Stichtag "
              "zurückkamen. Zurückgewonnen: {won}. Nie abgewandert, vergleichbar: {ctrl}. Die kleine Zahl ist der "
              "Unterschied in Prozentpunkten.",
    },
    "recovery.loyalty.kept": {"en": "Value kept after return", "de": "Wert nach Rückkehr gehalten"},
    "recovery.loyalty.kept.help": {
        "en": "Share of returns followed for a full year whose revenue in the 12 months after the return is at least "
              "that of the 12 months before the loss.",
        "de": "Anteil der ein volles Jahr beobachteten Rückkehrer, deren Umsatz in den 12 Monaten nach der Rückkehr "
              "mindestens so hoch ist wie in den 12 Monaten vor dem Verlust.",
    },
    "recovery.loyalty.third": {"en": "Needed a third attempt", "de": "Brauchten einen dritten Anlauf"},
    "recovery.loyalty.third.help": {
        "en": "Won-back customers who were lost again and received another win-back contact after that loss.",
        "de": "Zurückgewonnene Kunden, die erneut abwanderten und danach einen weiteren Rückgewinnungskontakt "
              "erhielten.",
    },
    "recovery.loyalty.third.text": {
        "en": "Of **{won_back}** customers won back, **{lost_again}** were lost again; **{contacted_again}** of those "
              "were contacted once more (a third attempt) and **{back_again}** came back a second time.",
        "de": "Von **{won_back}** zurückgewonnenen Kunden wanderten **{lost_again}** erneut ab; **{contacted_again}** "
              "davon wurden noch einmal angesprochen (ein dritter Anlauf), **{back_again}** kamen ein zweites Mal "
              "zurück.",
    },
    "recovery.loyalty.km": {
        "en": "Share still not lost, by days since the return (Kaplan–Meier)",
        "de": "Anteil noch nicht abgewandert, nach Tagen seit der Rückkehr (Kaplan-Meier)",
    },
    "recovery.loyalty.km.caption": {
        "en": "Lost = the lifecycle page's rule (a churn record, or the 366th day without a purchase); customers "
              "still active are counted up to the as-of date. Comparison: {matched} never-lost customers, up to "
              "{ratio} per won-back customer, who bought in the month of a return with the same tenure (under 1, "
              "1–2, over 2 years). Shaded: 95 % interval. Log-rank test p {p}: {evidence}.",
        "de": "Abgewandert = Regel der Lebenszyklus-Seite (ein Abwanderungseintrag oder der 366. Tag ohne Kauf); "
              "noch aktive Kunden zählen bis zum Stichtag. Vergleich: {matched} nie abgewanderte Kunden, bis zu "
              "{ratio} je Rückkehrer, die im Monat einer Rückkehr mit gleicher Kundendauer (unter 1, 1–2, über 2 "
              "Jahre) kauften. Schattiert: 95-%-Intervall. Log-Rank-Test p {p}: {evidence}.",
    },
    "recovery.loyalty.days": {"en": "Days since return (or matched purchase)", "de": "Tage seit Rückkehr (bzw. Vergleichskauf)"},
    "recovery.loyalty.share": {"en": "Not lost yet", "de": "Noch nicht abgewandert"},
    "recovery.loyalty.at_risk": {"en": "Still followed", "de": "Noch beobachtet"},
    "recovery.loyalty.won_back_group": {"en": "Won back", "de": "Zurückgewonnen"},
    "recovery.loyalty.never_lost": {"en": "Never lost (matched)", "de": "Nie abgewandert (vergleichbar)"},
    "recovery.loyalty.value": {"en": "Value before the loss and after the return", "de": "Wert vor dem Verlust und nach der Rückkehr"},
    "recovery.loyalty.mean": {"en": "Mean", "de": "Mittelwert"},
    "recovery.loyalty.median": {"en": "Median", "de": "Median"},
    "recovery.loyalty.before": {"en": "12 months before the loss", "de": "12 Monate vor dem Verlust"},
    "recovery.loyalty.after": {"en": "12 months after the return", "de": "12 Monate nach der Rückkehr"},
    "recovery.loyalty.value.caption": {
        "en": "Net revenue per customer over {n} returns followed for a full year.",
        "de": "Nettoumsatz je Kunde über {n} Rückkehrer, die ein volles Jahr beobachtet wurden.",
    },
    "recovery.loyalty.value.none": {
        "en": "No return is a full year old yet, so value after and before cannot be compared.",
        "de": "Noch keine Rückkehr liegt ein volles Jahr zurück, daher lässt sich der Wert davor und danach nicht "
              "vergleichen.",
    },
    # --- after-sales -----------------------------------------------------------------------------
    "recovery.aftersales.caption": {
        "en": "A known after-sales study found repurchase at the same dealer of 93 % when customers were satisfied "
              "with both the sale and after-sales, 45 % when only with after-sales, 14 % when only with the sale and "
              "3 % with neither. Here is the same view on this company's own surveys.",
        "de": "Eine bekannte After-Sales-Studie fand Wiederkaufraten beim selben Händler von 93 %, wenn Kunden mit "
              "Kauf und After-Sales zufrieden waren, 45 %, wenn nur mit dem After-Sales, 14 %, wenn nur mit dem Kauf, "
              "und 3 %, wenn mit keinem. Hier dieselbe Sicht auf die eigenen Befragungen.",
    },
    "recovery.aftersales.none": {
        "en": "No survey is at least a year old at the as-of date, so no repurchase within 12 months can be seen yet.",
        "de": "Keine Befragung liegt am Stichtag mindestens ein Jahr zurück, daher ist noch kein Wiederkauf binnen "
              "12 Monaten zu sehen.",
    },
    "recovery.aftersales.cell": {"en": "Sale {sale}, after-sales {after}", "de": "Kauf {sale}, After-Sales {after}"},
    "recovery.aftersales.cell_title": {"en": "Satisfied with", "de": "Zufrieden mit"},
    "recovery.aftersales.rate": {"en": "Repurchase within 12 months", "de": "Wiederkauf binnen 12 Monaten"},
    "recovery.aftersales.study": {"en": "Study", "de": "Studie"},
    "recovery.aftersales.sale": {"en": "Satisfied with the sale", "de": "Zufrieden mit dem Kauf"},
    "recovery.aftersales.after": {"en": "Satisfied with after-sales", "de": "Zufrieden mit dem After-Sales"},
    "recovery.aftersales.bought": {"en": "Bought again", "de": "Wieder gekauft"},
    "recovery.aftersales.note": {
        "en": "Each customer's first survey at least a year before the as-of date; satisfied = 4 or 5 of 5; "
              "repurchase = a purchase in the 365 days after the survey; 95 % Wilson interval. Bars: this data; "
              "orange ticks: the study.",
        "de": "Jeweils die erste Befragung eines Kunden, die mindestens ein Jahr vor dem Stichtag liegt; zufrieden = "
              "4 oder 5 von 5; Wiederkauf = ein Kauf in den 365 Tagen nach der Befragung; 95-%-Wilson-Intervall. "
              "Balken: diese Daten; orange Striche: die Studie.",
    },
    "recovery.yes_no.True": {"en": "yes", "de": "ja"},
    "recovery.yes_no.False": {"en": "no", "de": "nein"},
}
