"""UI strings of the lifecycle page (English and German).

German follows the CRM vocabulary: Kundenlebenszyklus, Interessent, Neukunde, Wachstum, Reife,
Degeneration (Rückgang), Abwanderung, Revitalisierung, Gefahrenpunkt.
"""

STRINGS = {
    "nav.lifecycle": {"en": "Lifecycle", "de": "Lebenszyklus"},
    "lifecycle.title": {"en": "Customer lifecycle", "de": "Kundenlebenszyklus"},
    "lifecycle.intro": {
        "en": "Dataset **{dataset}** as of **{as_of}**: where your customers stand in their lifecycle, how they move, and where along it you lose them. Every number has its definition one hover away.",
        "de": "Datensatz **{dataset}** zum Stichtag **{as_of}**: wo Ihre Kunden im Kundenlebenszyklus stehen, wie sie sich bewegen und wo Sie sie unterwegs verlieren. Jede Zahl erklärt sich per Mauszeiger.",
    },
    "lifecycle.loading": {"en": "Computing the lifecycle ...", "de": "Kundenlebenszyklus wird berechnet ..."},
    # --- filters -----------------------------------------------------------------------------------
    "lifecycle.filter.segment": {"en": "Segment", "de": "Segment"},
    "lifecycle.filter.region": {"en": "Region", "de": "Region"},
    "lifecycle.filter.channel": {"en": "Acquisition channel", "de": "Akquisekanal"},
    "lifecycle.filter.cohort": {"en": "Cohort (month of first purchase)", "de": "Kohorte (Monat des Erstkaufs)"},
    "lifecycle.filter.all": {"en": "All", "de": "Alle"},
    "lifecycle.filter.unknown": {"en": "(unknown)", "de": "(unbekannt)"},
    "lifecycle.filter.help": {
        "en": "Empty means all. Filters apply to every view on this page and are kept in the link.",
        "de": "Leer heißt alle. Die Filter gelten für jede Ansicht dieser Seite und stehen im Link.",
    },
    "lifecycle.filter.cohort.help": {
        "en": "Customers whose first purchase falls in these months. A narrowed range leaves out prospects, who have not bought yet.",
        "de": "Kunden, deren Erstkauf in diese Monate fällt. Ein eingeschränkter Zeitraum lässt Interessenten ohne Kauf außen vor.",
    },
    "lifecycle.filter.reset": {"en": "Reset", "de": "Zurücksetzen"},
    "lifecycle.filter.reset.help": {"en": "Show all customers again.", "de": "Wieder alle Kunden zeigen."},
    "lifecycle.filter.no_customers": {
        "en": "Segment, region and acquisition channel need the customers table, which this dataset does not have; the cohort filter works without it.",
        "de": "Segment, Region und Akquisekanal brauchen die Kundentabelle, die dieser Datensatz nicht hat; der Kohortenfilter funktioniert ohne sie.",
    },
    "lifecycle.filter.dropped": {
        "en": "The link's filter values {values} do not occur in this dataset and were left out.",
        "de": "Die Filterwerte {values} aus dem Link kommen in diesem Datensatz nicht vor und wurden weggelassen.",
    },
    "lifecycle.filter.summary": {
        "en": "{customers} customers match the filters.",
        "de": "{customers} Kunden passen zu den Filtern.",
    },
    "lifecycle.msg.empty": {
        "en": "No customers match these filters at this as-of date. Widen the filters (or reset them) or pick a later as-of date.",
        "de": "Zu diesen Filtern gibt es am Stichtag keine Kunden. Erweitern Sie die Filter (oder setzen Sie sie zurück) oder wählen Sie einen späteren Stichtag.",
    },
    "lifecycle.msg.no_buyers": {
        "en": "None of the customers matching these filters has bought by the as-of date, so there is no lifecycle curve yet.",
        "de": "Keiner der Kunden zu diesen Filtern hat bis zum Stichtag gekauft, daher gibt es noch keine Lebenszykluskurve.",
    },
    "lifecycle.msg.bad_thresholds": {
        "en": "The decline factor must be below the growth factor; the default thresholds are used until it is.",
        "de": "Der Rückgangsfaktor muss unter dem Wachstumsfaktor liegen; bis dahin gelten die Standard-Schwellen.",
    },
    "lifecycle.msg.bad_link": {
        "en": "Part of the link could not be read ({what}); the default is shown instead.",
        "de": "Ein Teil des Links war nicht lesbar ({what}); angezeigt wird der Standard.",
    },
    # --- stages ------------------------------------------------------------------------------------
    "lifecycle.stage.prospect": {"en": "Prospect", "de": "Interessent"},
    "lifecycle.stage.new": {"en": "New", "de": "Neukunde"},
    "lifecycle.stage.growing": {"en": "Growing", "de": "Wachsend"},
    "lifecycle.stage.mature": {"en": "Mature", "de": "Reif"},
    "lifecycle.stage.declining": {"en": "Declining", "de": "Rückläufig"},
    "lifecycle.stage.sleeping": {"en": "Sleeping", "de": "Schlafend"},
    "lifecycle.stage.lost": {"en": "Lost", "de": "Abgewandert"},
    "lifecycle.stage.won_back": {"en": "Won back", "de": "Zurückgewonnen"},
    "lifecycle.stage.unknown": {"en": "Not yet known", "de": "Noch nicht bekannt"},
    "lifecycle.stage.prospect.def": {
        "en": "known (customers table or a transaction), no purchase up to the as-of date",
        "de": "bekannt (Kundentabelle oder eine Transaktion), bis zum Stichtag kein Kauf",
    },
    "lifecycle.stage.new.def": {
        "en": "first purchase less than {new_days} days before the as-of date",
        "de": "Erstkauf weniger als {new_days} Tage vor dem Stichtag",
    },
    "lifecycle.stage.growing.def": {
        "en": "revenue of the last 12 months at least {growth}× that of the 12 months before (also: revenue now, none the year before)",
        "de": "Umsatz der letzten 12 Monate mindestens das {growth}-Fache der 12 Monate davor (auch: jetzt Umsatz, im Vorjahr keiner)",
    },
    "lifecycle.stage.mature.def": {
        "en": "none of the others: revenue of the last 12 months between {decline}× and {growth}× of the 12 months before",
        "de": "keine der anderen Stufen: Umsatz der letzten 12 Monate zwischen dem {decline}- und {growth}-Fachen der 12 Monate davor",
    },
    "lifecycle.stage.declining.def": {
        "en": "revenue of the last 12 months at most {decline}× that of the 12 months before",
        "de": "Umsatz der letzten 12 Monate höchstens das {decline}-Fache der 12 Monate davor",
    },
    "lifecycle.stage.sleeping.def": {
        "en": "no purchase for more than max({sleep_days} days, {sleep_factor}× the customer's usual gap between purchase days)",
        "de": "seit mehr als max({sleep_days} Tage, {sleep_factor}-facher üblicher Abstand zwischen Kauftagen) kein Kauf",
    },
    "lifecycle.stage.lost.def": {
        "en": "a churn record on or after the last purchase, or more than {lost_days} days without a purchase",
        "de": "ein Abwanderungseintrag am oder nach dem letzten Kauf, oder mehr als {lost_days} Tage ohne Kauf",
    },
    "lifecycle.stage.won_back.def": {
        "en": "bought again after being sleeping or lost, the return less than {won_back_days} days ago",
        "de": "hat nach einer Phase als schlafend oder abgewandert wieder gekauft, vor weniger als {won_back_days} Tagen",
    },
    "lifecycle.stages.rules": {
        "en": "A purchase is a transaction with a positive amount; revenue is net of returns. Windows are calendar months up to the as-of date. The first matching stage in this order wins: prospect, lost, sleeping, new, won back, growing, declining, mature. The usual gap is the mean number of days between a customer's purchase days.",
        "de": "Ein Kauf ist eine Transaktion mit positivem Betrag; Umsatz ist abzüglich Retouren. Die Zeitfenster sind Kalendermonate bis zum Stichtag. Es gilt die erste passende Stufe in dieser Reihenfolge: Interessent, abgewandert, schlafend, Neukunde, zurückgewonnen, wachsend, rückläufig, reif. Der übliche Abstand ist die mittlere Zahl von Tagen zwischen den Kauftagen eines Kunden.",
    },
    # --- thresholds ---------------------------------------------------------------------------------
    "lifecycle.thr.title": {"en": "Stage definitions and thresholds", "de": "Definition der Stufen und Schwellen"},
    "lifecycle.thr.new_days": {"en": "New: days since first purchase", "de": "Neukunde: Tage seit Erstkauf"},
    "lifecycle.thr.growth": {"en": "Growing: factor at least", "de": "Wachsend: Faktor mindestens"},
    "lifecycle.thr.decline": {"en": "Declining: factor at most", "de": "Rückläufig: Faktor höchstens"},
    "lifecycle.thr.sleep_days": {"en": "Sleeping: days without purchase, at least", "de": "Schlafend: Tage ohne Kauf, mindestens"},
    "lifecycle.thr.sleep_factor": {"en": "Sleeping: times the usual gap", "de": "Schlafend: Vielfaches des üblichen Abstands"},
    "lifecycle.thr.lost_days": {"en": "Lost: days without purchase", "de": "Abgewandert: Tage ohne Kauf"},
    "lifecycle.thr.won_back_days": {"en": "Won back: days since the return", "de": "Zurückgewonnen: Tage seit der Rückkehr"},
    "lifecycle.thr.help": {
        "en": "Changes apply to every view and are kept in the link. With other than the default thresholds the monthly trend is recomputed, which takes a few seconds for a million customers.",
        "de": "Änderungen gelten für jede Ansicht und stehen im Link. Mit anderen als den Standard-Schwellen wird der Monatsverlauf neu berechnet; bei einer Million Kunden dauert das einige Sekunden.",
    },
    "lifecycle.thr.reset": {"en": "Default thresholds", "de": "Standard-Schwellen"},
    # --- distribution -------------------------------------------------------------------------------
    "lifecycle.dist.title": {"en": "Stages at the as-of date", "de": "Stufen zum Stichtag"},
    "lifecycle.dist.caption": {
        "en": "Customers per stage and their net revenue of the last 12 months. Click a bar to list its customers.",
        "de": "Kunden je Stufe und ihr Nettoumsatz der letzten 12 Monate. Klicken Sie auf einen Balken, um seine Kunden aufzulisten.",
    },
    "lifecycle.dist.customers": {"en": "Customers", "de": "Kunden"},
    "lifecycle.dist.revenue": {"en": "Revenue, last 12 months", "de": "Umsatz, letzte 12 Monate"},
    "lifecycle.dist.share": {"en": "Share of customers", "de": "Anteil der Kunden"},
    "lifecycle.dist.revenue_share": {"en": "Share of revenue", "de": "Anteil am Umsatz"},
    "lifecycle.stage": {"en": "Stage", "de": "Stufe"},
    "lifecycle.definition": {"en": "Definition", "de": "Definition"},
    # --- lifecycle chart ------------------------------------------------------------------------------
    "lifecycle.curve.caption.mean": {
        "en": "Average net revenue per customer in their n-th month since the first purchase (month 0 = the calendar month of the first purchase). Customers who did not buy that month — including those already lost — count as zero, so this is what an acquired customer brings in month n. Each point stands for the customers whose month n has ended by the as-of date (hover for how many); months with fewer than 5 % of the first month's customers behind them are left out.",
        "de": "Durchschnittlicher Nettoumsatz je Kunde in seinem n-ten Monat seit dem Erstkauf (Monat 0 = Kalendermonat des Erstkaufs). Kunden ohne Kauf in diesem Monat – auch bereits abgewanderte – zählen mit null, die Kurve zeigt also, was ein gewonnener Kunde im Monat n einbringt. Hinter jedem Punkt stehen die Kunden, deren Monat n bis zum Stichtag abgeschlossen ist (Anzahl per Mauszeiger); Monate mit weniger als 5 % der Kunden des ersten Monats fehlen.",
    },
    "lifecycle.curve.caption.median": {
        "en": "Median net revenue of the customers who bought in their n-th month since the first purchase (month 0 = the calendar month of the first purchase): half of them spent more, half less. Unlike the average it is not pulled up by a few large customers; it leaves out those who did not buy that month (a median over everyone would be zero in most months). The phase bands stay those of the average curve.",
        "de": "Median des Nettoumsatzes der Kunden, die in ihrem n-ten Monat seit dem Erstkauf gekauft haben (Monat 0 = Kalendermonat des Erstkaufs): die Hälfte gab mehr aus, die Hälfte weniger. Anders als der Durchschnitt wird er nicht von wenigen Großkunden nach oben gezogen; Kunden ohne Kauf in diesem Monat zählen nicht (ein Median über alle wäre in den meisten Monaten null). Die Phasenbänder bleiben die der Durchschnittskurve.",
    },
    "lifecycle.curve.stat": {"en": "Curve", "de": "Kurve"},
    "lifecycle.curve.stat.mean": {"en": "Average", "de": "Durchschnitt"},
    "lifecycle.curve.stat.median": {"en": "Median", "de": "Median"},
    "lifecycle.curve.x": {"en": "Months since first purchase", "de": "Monate seit dem Erstkauf"},
    "lifecycle.curve.y.mean": {"en": "Net revenue per customer (€)", "de": "Nettoumsatz je Kunde (€)"},
    "lifecycle.curve.y.median": {"en": "Median net revenue per buyer (€)", "de": "Median-Nettoumsatz je Käufer (€)"},
    "lifecycle.curve.month": {"en": "Month of life", "de": "Lebensmonat"},
    "lifecycle.curve.customers": {"en": "Customers behind the point", "de": "Kunden hinter dem Punkt"},
    "lifecycle.curve.buyers": {"en": "Of them buying that month", "de": "Davon mit Kauf in dem Monat"},
    "lifecycle.curve.value": {"en": "Value", "de": "Wert"},
    "lifecycle.curve.revival_month": {"en": "Months since the return", "de": "Monate seit der Rückkehr"},
    "lifecycle.curve.revival_note": {
        "en": "Right of the curve: the loss band is as wide as the median time won-back customers went without buying ({idle}); the dashed line is the net revenue per won-back customer in the months after their return ({returns} returns).",
        "de": "Rechts der Kurve: Das Band Abwanderung ist so breit wie die mittlere Zeit ohne Kauf der zurückgewonnenen Kunden ({idle}); die gestrichelte Linie ist der Nettoumsatz je zurückgewonnenem Kunden in den Monaten nach der Rückkehr ({returns} Rückkehrer).",
    },
    "lifecycle.curve.no_revival": {
        "en": "Right of the curve: no customer matching the filters has come back after being sleeping or lost yet, so the revitalisation band has no curve.",
        "de": "Rechts der Kurve: Noch ist kein Kunde zu diesen Filtern nach einer Phase als schlafend oder abgewandert zurückgekehrt, daher hat das Band Revitalisierung keine Kurve.",
    },
    "lifecycle.months": {"en": "{n} months", "de": "{n} Monate"},
    # --- phases --------------------------------------------------------------------------------------
    "lifecycle.phase": {"en": "Phase", "de": "Phase"},
    "lifecycle.phase.acquisition": {"en": "Acquisition", "de": "Akquisition"},
    "lifecycle.phase.start": {"en": "Start", "de": "Start"},
    "lifecycle.phase.growth": {"en": "Growth", "de": "Wachstum"},
    "lifecycle.phase.maturity": {"en": "Maturity", "de": "Reife"},
    "lifecycle.phase.decline": {"en": "Decline", "de": "Degeneration"},
    "lifecycle.phase.loss": {"en": "Loss", "de": "Abwanderung"},
    "lifecycle.phase.revitalisation": {"en": "Revitalisation", "de": "Revitalisierung"},
    "lifecycle.phase.acquisition.rule": {
        "en": "Before the first purchase: from the first contact to the first order.",
        "de": "Vor dem Erstkauf: vom Erstkontakt bis zum ersten Auftrag.",
    },
    "lifecycle.phase.start.rule": {
        "en": "From the first purchase until the curve has bottomed out and the new-customer period has passed.",
        "de": "Vom Erstkauf, bis die Kurve ihren Tiefpunkt hinter sich hat und die Neukundenzeit vorbei ist.",
    },
    "lifecycle.phase.growth.rule": {
        "en": "Until the curve first reaches 95 % of its peak.",
        "de": "Bis die Kurve erstmals 95 % ihres Höchstwerts erreicht.",
    },
    "lifecycle.phase.maturity.rule": {
        "en": "Around the peak, until the curve falls below 90 % of it.",
        "de": "Um den Höchstwert, bis die Kurve unter 90 % davon fällt.",
    },
    "lifecycle.phase.decline.rule": {
        "en": "The curve is below 90 % of its peak.",
        "de": "Die Kurve liegt unter 90 % ihres Höchstwerts.",
    },
    "lifecycle.phase.loss.rule": {
        "en": "Below half the peak; right of the curve: as wide as won-back customers went without buying (median).",
        "de": "Unter dem halben Höchstwert; rechts der Kurve: so breit wie die mittlere Zeit ohne Kauf der Zurückgewonnenen.",
    },
    "lifecycle.phase.revitalisation.rule": {
        "en": "Net revenue per won-back customer in the months after the return (dashed line).",
        "de": "Nettoumsatz je zurückgewonnenem Kunden in den Monaten nach der Rückkehr (gestrichelte Linie).",
    },
    "lifecycle.phase.loss.note": {
        "en": "median\n{idle}\nwithout a purchase",
        "de": "im Mittel\n{idle}\nohne Kauf",
    },
    "lifecycle.phases.title": {"en": "How the phases are placed", "de": "Wie die Phasen gesetzt werden"},
    "lifecycle.phases.rules": {
        "en": "From the curve itself (months with at least a fifth of the first month's customers behind them, smoothed over three months): **acquisition** lies before the first purchase (median lead time from first contact: {lead}; drawn at least four months wide); **start** runs until the curve has bottomed out after the first-purchase month, and at least through the new-customer period; **growth** until the curve first reaches 95 % of its peak ({peak}); **maturity** until it falls below 90 % of the peak; then **decline**; where it falls below half the peak, **loss** begins — otherwise loss and **revitalisation** follow to the right of the curve.",
        "de": "Aus der Kurve selbst (Monate mit mindestens einem Fünftel der Kunden des ersten Monats, über drei Monate geglättet): **Akquisition** liegt vor dem Erstkauf (mittlere Anbahnungszeit ab Erstkontakt: {lead}; mindestens vier Monate breit gezeichnet); **Start** reicht, bis die Kurve nach dem Erstkaufmonat ihren Tiefpunkt hinter sich hat, mindestens über die Neukundenzeit; **Wachstum**, bis die Kurve erstmals 95 % ihres Höchstwerts ({peak}) erreicht; **Reife**, bis sie unter 90 % des Höchstwerts fällt; danach **Degeneration**; fällt sie unter die Hälfte des Höchstwerts, beginnt die **Abwanderung** – sonst folgen Abwanderung und **Revitalisierung** rechts der Kurve.",
    },
    "lifecycle.phases.no_lead": {"en": "no first-contact dates", "de": "keine Erstkontaktdaten"},
    "lifecycle.phases.peak": {"en": "{value} in month {month}", "de": "{value} im Monat {month}"},
    # --- danger points ------------------------------------------------------------------------------
    "lifecycle.danger.title": {"en": "Danger point", "de": "Gefahrenpunkt"},
    "lifecycle.danger.pick": {"en": "Danger point", "de": "Gefahrenpunkt"},
    "lifecycle.danger.placeholder": {
        "en": "Pick one, or click a numbered marker in the chart",
        "de": "Auswählen oder eine Nummer im Diagramm anklicken",
    },
    "lifecycle.danger.pick.help": {
        "en": "Click a numbered marker in the chart or pick one here; the evidence from this dataset appears below.",
        "de": "Klicken Sie auf eine nummerierte Markierung im Diagramm oder wählen Sie hier; darunter erscheinen die Belege aus diesem Datensatz.",
    },
    "lifecycle.danger.option": {"en": "#{n} {title}", "de": "#{n} {title}"},
    "lifecycle.danger.heading": {"en": "#### #{n} {title}", "de": "#### #{n} {title}"},
    "lifecycle.danger.in_phase": {"en": "Phase: {phase}", "de": "Phase: {phase}"},
    "lifecycle.danger.evidence": {"en": "Evidence from this dataset", "de": "Belege aus diesem Datensatz"},
    "lifecycle.danger.evidence_line": {
        "en": "**Evidence from this dataset**: {what}",
        "de": "**Belege aus diesem Datensatz**: {what}",
    },
    "lifecycle.danger.rate": {"en": "Lost", "de": "Abgewandert"},
    "lifecycle.danger.group": {"en": "Group", "de": "Gruppe"},
    "lifecycle.danger.customers": {"en": "Customers", "de": "Kunden"},
    "lifecycle.danger.lost": {"en": "Of them lost", "de": "Davon abgewandert"},
    "lifecycle.danger.low": {"en": "95 % interval from", "de": "95-%-Intervall von"},
    "lifecycle.danger.high": {"en": "to", "de": "bis"},
    "lifecycle.danger.ci_note": {
        "en": "Bars: share lost; whiskers: 95 % Wilson interval. Where the intervals of two groups do not overlap, the difference is unlikely to be chance. These are associations in your data, not proof of cause — compare within a segment with the filters above.",
        "de": "Balken: Anteil abgewandert; Linien: 95-%-Wilson-Intervall. Überschneiden sich die Intervalle zweier Gruppen nicht, ist der Unterschied kaum Zufall. Es sind Zusammenhänge in Ihren Daten, kein Beweis für eine Ursache – vergleichen Sie mit den Filtern oben innerhalb eines Segments.",
    },
    "lifecycle.danger.outcome.first_year": {
        "en": "Customers whose first purchase was at least a year before the as-of date and who had no churn record in their first 90 days; **lost** = a churn record in their first 365 days, or no purchase in days 183–365.",
        "de": "Kunden mit Erstkauf mindestens ein Jahr vor dem Stichtag und ohne Abwanderungseintrag in den ersten 90 Tagen; **abgewandert** = ein Abwanderungseintrag in den ersten 365 Tagen oder kein Kauf in den Tagen 183–365.",
    },
    "lifecycle.danger.outcome.base_year": {
        "en": "Customers who were new, growing, mature, declining or won back 12 months before the as-of date, grouped by what happened in the 12 months before that; **lost** = no purchase in the last 12 months, or a churn record in them with no purchase after it.",
        "de": "Kunden, die 12 Monate vor dem Stichtag Neukunde, wachsend, reif, rückläufig oder zurückgewonnen waren, gruppiert nach dem, was in den 12 Monaten davor geschah; **abgewandert** = kein Kauf in den letzten 12 Monaten oder ein Abwanderungseintrag darin ohne späteren Kauf.",
    },
    "lifecycle.danger.no_format": {
        "en": "No supporting data: {needs}",
        "de": "Keine Daten dazu: {needs}",
    },
    "lifecycle.danger.missing": {
        "en": "This comparison needs the {tables} table, which this dataset does not have. Import it to see the evidence.",
        "de": "Dieser Vergleich braucht die Tabelle {tables}, die dieser Datensatz nicht hat. Importieren Sie sie, um die Belege zu sehen.",
    },
    "lifecycle.danger.too_little": {
        "en": "Too little data: fewer than {min} customers in all groups but one (with these filters and this as-of date). Widen the filters or pick a later as-of date.",
        "de": "Zu wenig Daten: weniger als {min} Kunden in allen Gruppen bis auf eine (mit diesen Filtern und diesem Stichtag). Erweitern Sie die Filter oder wählen Sie einen späteren Stichtag.",
    },
    "lifecycle.danger.no_rows": {
        "en": "No supporting data in this dataset: {needs}",
        "de": "Keine Daten dazu in diesem Datensatz: {needs}",
    },
    "lifecycle.test.fisher": {"en": "Fisher's exact test, {p}", "de": "exakter Test nach Fisher, {p}"},
    "lifecycle.test.chi2": {"en": "chi-square test, χ² = {chi2}, df = {df}, {p}",
                            "de": "Chi-Quadrat-Test, χ² = {chi2}, FG = {df}, {p}"},
    "lifecycle.test.none": {"en": "no test", "de": "kein Test"},
    "lifecycle.test.fisher.help": {
        "en": "Fisher's exact test of the two groups' loss against each other (groups of at least 30 customers). p: how likely a difference this large would be by chance alone; below 0.05 counts as a difference.",
        "de": "Exakter Test nach Fisher der Abwanderung beider Gruppen gegeneinander (Gruppen mit mindestens 30 Kunden). p: wie wahrscheinlich ein so großer Unterschied allein durch Zufall wäre; unter 0,05 zählt als Unterschied.",
    },
    "lifecycle.test.chi2.help": {
        "en": "Chi-square test of independence of group and loss over the groups with at least 30 customers. p: how likely differences this large would be by chance alone; below 0.05 counts as a difference. The article's claim is then read from the group it expects to lose most against the one it expects to lose least.",
        "de": "Chi-Quadrat-Unabhängigkeitstest von Gruppe und Abwanderung über die Gruppen mit mindestens 30 Kunden. p: wie wahrscheinlich so große Unterschiede allein durch Zufall wären; unter 0,05 zählt als Unterschied. Die These des Artikels wird dann an der Gruppe, die laut Artikel am meisten verliert, gegen die, die am wenigsten verliert, abgelesen.",
    },
    "lifecycle.test.none.help": {
        "en": "No test: fewer than two groups with at least 30 customers, or nobody (or everybody) in them was lost.",
        "de": "Kein Test: weniger als zwei Gruppen mit mindestens 30 Kunden, oder niemand (oder jeder) darin ist abgewandert.",
    },
    "lifecycle.finding.supports": {"en": "supports the article", "de": "stützt den Artikel"},
    "lifecycle.finding.contradicts": {"en": "contradicts the article", "de": "widerspricht dem Artikel"},
    "lifecycle.finding.differs": {"en": "the groups differ", "de": "die Gruppen unterscheiden sich"},
    "lifecycle.finding.unclear": {"en": "no clear difference", "de": "kein klarer Unterschied"},
    "lifecycle.finding.none": {"en": "no test possible", "de": "kein Test möglich"},
    "lifecycle.finding.supports.long": {
        "en": "**Your data support the article.** {worse_first}: {worse_rate} lost; {better}: {better_rate} ({test}).",
        "de": "**Ihre Daten stützen den Artikel.** {worse_first}: {worse_rate} abgewandert; {better}: {better_rate} ({test}).",
    },
    "lifecycle.finding.contradicts.long": {
        "en": "**Your data contradict the article here.** The article expects *{worse}* to lose most, yet they were lost less often ({worse_rate}) than *{better}* ({better_rate}; {test}). That is a finding about your customers, not an error in the data: the pattern the article describes does not hold for them (an association, not proof of cause).",
        "de": "**Ihre Daten widersprechen hier dem Artikel.** Laut Artikel verliert *{worse}* am meisten, doch diese Kunden wanderten seltener ab ({worse_rate}) als *{better}* ({better_rate}; {test}). Das ist ein Befund über Ihre Kunden, kein Fehler in den Daten: Das Muster, das der Artikel beschreibt, gilt für sie nicht (ein Zusammenhang, kein Beweis einer Ursache).",
    },
    "lifecycle.finding.differs.long": {
        "en": "**The groups differ** ({test}).",
        "de": "**Die Gruppen unterscheiden sich** ({test}).",
    },
    "lifecycle.finding.unclear.long": {
        "en": "**No clear difference in your data**: the differences between the groups could be chance ({test}).",
        "de": "**Kein klarer Unterschied in Ihren Daten**: Die Unterschiede zwischen den Gruppen könnten Zufall sein ({test}).",
    },
    "lifecycle.finding.none.long": {
        "en": "**No test possible**: fewer than two groups with at least 30 customers, or nobody (or everybody) in them was lost.",
        "de": "**Kein Test möglich**: weniger als zwei Gruppen mit mindestens 30 Kunden, oder niemand (oder jeder) darin ist abgewandert.",
    },
    "lifecycle.danger.summary": {"en": "{group}: {rate} lost (n = {n})", "de": "{group}: {rate} abgewandert (n = {n})"},
    "lifecycle.danger.1.title": {"en": "No or late follow-up", "de": "Kein oder spätes Nachfassen"},
    "lifecycle.danger.1.text": {
        "en": "Someone showed interest or just bought, and nobody gets back to them — or only weeks later. By then the interest has cooled or another supplier has answered.",
        "de": "Jemand zeigt Interesse oder hat gerade gekauft, und niemand meldet sich – oder erst nach Wochen. Bis dahin ist das Interesse abgekühlt oder ein anderer Anbieter hat geantwortet.",
    },
    "lifecycle.danger.1.evidence": {
        "en": "First-year loss by days from the first purchase to the first outbound contact.",
        "de": "Abwanderung im ersten Jahr nach Tagen vom Erstkauf bis zum ersten ausgehenden Kontakt.",
    },
    "lifecycle.danger.2.title": {"en": "Wrong channels", "de": "Falsche Kanäle"},
    "lifecycle.danger.2.text": {
        "en": "The prospect is approached where they do not want to be reached — a call for someone who lives in e-mail, a letter for someone who expects a visit.",
        "de": "Der Interessent wird dort angesprochen, wo er nicht erreicht werden will – ein Anruf für jemanden, der in E-Mails lebt, ein Brief für jemanden, der einen Besuch erwartet.",
    },
    "lifecycle.danger.2.evidence": {
        "en": "First-year loss of the customers contacted within 90 days, by the channel of that first outbound contact (a stand-in: the data do not record which channel a customer prefers).",
        "de": "Abwanderung im ersten Jahr der binnen 90 Tagen kontaktierten Kunden, nach dem Kanal dieses ersten ausgehenden Kontakts (ersatzweise: die Daten halten nicht fest, welchen Kanal ein Kunde bevorzugt).",
    },
    "lifecycle.danger.3.title": {"en": "Content that misses the need", "de": "Inhalte am Bedarf vorbei"},
    "lifecycle.danger.3.text": {
        "en": "Offers and messages talk about what we want to sell, not about the problem the prospect has. They feel unheard.",
        "de": "Angebote und Botschaften sprechen davon, was wir verkaufen wollen, nicht vom Problem des Interessenten. Er fühlt sich nicht verstanden.",
    },
    "lifecycle.danger.3.evidence": {
        "en": "First-year loss by satisfaction with the sale in the first survey within 180 days (1–3 against 4–5; a stand-in for how well the offer met the need).",
        "de": "Abwanderung im ersten Jahr nach der Zufriedenheit mit dem Kauf in der ersten Befragung binnen 180 Tagen (1–3 gegen 4–5; ersatzweise dafür, wie gut das Angebot den Bedarf traf).",
    },
    "lifecycle.danger.4.title": {"en": "Flooded with communication", "de": "Mit Kommunikation überschüttet"},
    "lifecycle.danger.4.text": {
        "en": "Calls, mails and newsletters pile up faster than anyone can read them. What was meant as attention turns into pressure.",
        "de": "Anrufe, Mails und Newsletter häufen sich schneller, als jemand sie lesen kann. Was als Aufmerksamkeit gemeint war, wird zu Druck.",
    },
    "lifecycle.danger.4.evidence": {
        "en": "Loss within a year by the number of outbound contacts and marketing contacts in the year before.",
        "de": "Abwanderung binnen eines Jahres nach der Zahl ausgehender Kontakte und Marketingkontakte im Jahr davor.",
    },
    "lifecycle.danger.5.title": {"en": "Change of contact person", "de": "Wechsel des Ansprechpartners"},
    "lifecycle.danger.5.text": {
        "en": "The person the prospect trusted is suddenly gone; the new one asks the same questions again. Trust has to start from zero.",
        "de": "Die Person, der der Interessent vertraute, ist plötzlich weg; die neue stellt dieselben Fragen noch einmal. Vertrauen beginnt bei null.",
    },
    "lifecycle.danger.5.evidence": {
        "en": "Loss within a year with and without a change of account manager or contact person (events of type manager_change) in the year before.",
        "de": "Abwanderung binnen eines Jahres mit und ohne Wechsel des Betreuers oder Ansprechpartners (Ereignisse vom Typ Betreuerwechsel) im Jahr davor.",
    },
    "lifecycle.danger.5.scope": {
        "en": "Compared only within the segments in which a change was recorded that year: customers without an account manager cannot have a change, and counting them in would compare segments instead of changes.",
        "de": "Verglichen nur innerhalb der Segmente, in denen in jenem Jahr ein Wechsel erfasst wurde: Kunden ohne Betreuer können keinen Wechsel haben, und sie mitzuzählen hieße Segmente statt Wechsel zu vergleichen.",
    },
    "lifecycle.danger.5.needs": {
        "en": "it needs a row in the events table each time a customer's account manager or contact person changes (type manager_change, German Betreuerwechsel; the note may name the new one). This dataset has none in the compared year.",
        "de": "Dafür braucht es in der Ereignistabelle eine Zeile je Wechsel des Betreuers oder Ansprechpartners eines Kunden (Typ manager_change bzw. Betreuerwechsel; die Notiz kann den neuen nennen). Dieser Datensatz hat im verglichenen Jahr keine.",
    },
    "lifecycle.danger.6.title": {"en": "A competitor courts better", "de": "Der Wettbewerb wirbt besser"},
    "lifecycle.danger.6.text": {
        "en": "While we negotiate, a competitor is faster, friendlier or cheaper — and the prospect compares.",
        "de": "Während wir verhandeln, ist ein Wettbewerber schneller, freundlicher oder günstiger – und der Interessent vergleicht.",
    },
    "lifecycle.danger.6.evidence": {
        "en": "Loss within a year with and without a competitor mention in the year before.",
        "de": "Abwanderung binnen eines Jahres mit und ohne Erwähnung eines Wettbewerbers im Jahr davor.",
    },
    "lifecycle.danger.7.title": {"en": "Dropped after the first sale", "de": "Nach dem Abschluss fallen gelassen"},
    "lifecycle.danger.7.text": {
        "en": "The salesperson has moved on to the next new customer. The one just won hears nothing more and wonders whether they matter.",
        "de": "Der Verkäufer ist beim nächsten Neukunden. Der gerade gewonnene hört nichts mehr und fragt sich, ob er noch zählt.",
    },
    "lifecycle.danger.7.evidence": {
        "en": "First-year loss with and without an outbound contact in months 2–6 after the first purchase (days 30–179).",
        "de": "Abwanderung im ersten Jahr mit und ohne ausgehenden Kontakt in den Monaten 2–6 nach dem Erstkauf (Tage 30–179).",
    },
    "lifecycle.danger.8.title": {"en": "Doubts after the purchase", "de": "Zweifel nach dem Kauf"},
    "lifecycle.danger.8.text": {
        "en": "After buying, the customer wonders whether it was the right choice. If nobody answers that doubt, it grows into regret.",
        "de": "Nach dem Kauf fragt sich der Kunde, ob es die richtige Wahl war. Beantwortet niemand diesen Zweifel, wird er zur Reue.",
    },
    "lifecycle.danger.8.evidence": {
        "en": "First-year loss by satisfaction with after-sales in the first survey within 180 days (1–3 against 4–5).",
        "de": "Abwanderung im ersten Jahr nach der Zufriedenheit mit dem After-Sales in der ersten Befragung binnen 180 Tagen (1–3 gegen 4–5).",
    },
    "lifecycle.danger.9.title": {"en": "Buried in catalogues and ads", "de": "Mit Katalogen und Werbung eingedeckt"},
    "lifecycle.danger.9.text": {
        "en": "The new customer is put on every mailing list at once. Instead of a welcome they get a pile of advertising.",
        "de": "Der Neukunde landet sofort auf jedem Verteiler. Statt einer Begrüßung bekommt er einen Stapel Werbung.",
    },
    "lifecycle.danger.9.evidence": {
        "en": "First-year loss by marketing contacts in the first 90 days.",
        "de": "Abwanderung im ersten Jahr nach Marketingkontakten in den ersten 90 Tagen.",
    },
    "lifecycle.danger.10.title": {"en": "No appreciation after signing", "de": "Keine Wertschätzung nach der Unterschrift"},
    "lifecycle.danger.10.text": {
        "en": "Before the contract every wish was heard; after it, nobody says thank you or asks how it is going.",
        "de": "Vor dem Vertrag wurde jeder Wunsch gehört; danach sagt niemand Danke oder fragt, wie es läuft.",
    },
    "lifecycle.danger.10.evidence": {
        "en": "First-year loss of new customers with and without an outbound contact in their first 90 days.",
        "de": "Abwanderung im ersten Jahr von Neukunden mit und ohne ausgehenden Kontakt in den ersten 90 Tagen.",
    },
    "lifecycle.danger.11.title": {"en": "Endless arguments over claims", "de": "Endloser Streit um Reklamationen"},
    "lifecycle.danger.11.text": {
        "en": "A claim turns into weeks of back and forth about who is to blame. Even when it is settled, the relationship has worn thin.",
        "de": "Eine Reklamation wird zu wochenlangem Hin und Her um die Schuldfrage. Selbst wenn sie erledigt ist, hat die Beziehung gelitten.",
    },
    "lifecycle.danger.11.evidence": {
        "en": "Loss within a year by the number of disputes in the year before.",
        "de": "Abwanderung binnen eines Jahres nach der Zahl der Streitfälle im Jahr davor.",
    },
    "lifecycle.danger.12.title": {"en": "Hidden costs and fees", "de": "Versteckte Kosten und Gebühren"},
    "lifecycle.danger.12.text": {
        "en": "The invoice holds charges nobody mentioned. The customer feels tricked, and starts to check everything else too.",
        "de": "Auf der Rechnung stehen Posten, von denen niemand sprach. Der Kunde fühlt sich getäuscht und prüft fortan alles.",
    },
    "lifecycle.danger.12.evidence": {
        "en": "Loss within a year by the number of complaints in the year before (the data do not say which complaints were about costs).",
        "de": "Abwanderung binnen eines Jahres nach der Zahl der Beschwerden im Jahr davor (die Daten sagen nicht, welche Beschwerden Kosten betrafen).",
    },
    "lifecycle.danger.13.title": {"en": "Expensive surprises on change requests", "de": "Teure Überraschungen bei Änderungswünschen"},
    "lifecycle.danger.13.text": {
        "en": "The first time the customer asks for a change, the price is far higher than expected. They learn that staying is expensive.",
        "de": "Beim ersten Änderungswunsch ist der Preis viel höher als erwartet. Der Kunde lernt: Bleiben ist teuer.",
    },
    "lifecycle.danger.13.evidence": {
        "en": "Loss within a year by whether an invoice in the year before was clearly above the customer's usual (at least twice the median of their invoices in the year before that, for customers with at least three of them) and whether a complaint or dispute followed within 30 days. A stand-in: the data do not record change requests, so an unexpectedly high invoice that the customer contested stands for the expensive surprise.",
        "de": "Abwanderung binnen eines Jahres danach, ob eine Rechnung im Jahr davor deutlich über dem Üblichen des Kunden lag (mindestens das Doppelte des Medians seiner Rechnungen im Jahr davor, bei Kunden mit mindestens drei davon) und ob binnen 30 Tagen eine Beschwerde oder ein Streitfall folgte. Ersatzweise: Die Daten halten keine Änderungswünsche fest, daher steht eine unerwartet hohe Rechnung, gegen die der Kunde Einwände erhob, für die teure Überraschung.",
    },
    "lifecycle.danger.13.scope": {
        "en": "Only customers with invoices in the compared year and at least three invoices in the year before it (their usual) are compared. Exact evidence would need change requests with their quoted and invoiced price, which none of the seven input tables holds.",
        "de": "Verglichen werden nur Kunden mit Rechnungen im verglichenen Jahr und mindestens drei Rechnungen im Jahr davor (ihr Übliches). Genaue Belege bräuchten Änderungswünsche mit angebotenem und berechnetem Preis, die keine der sieben Eingabetabellen enthält.",
    },
    "lifecycle.danger.13.needs": {
        "en": "it needs invoices over two years (at least three per customer in the first, to know what is usual for them) and complaints or disputes in the events table; exact evidence would need change requests with their quoted and invoiced price, which none of the seven input tables holds.",
        "de": "Dafür braucht es Rechnungen über zwei Jahre (mindestens drei je Kunde im ersten, um sein Übliches zu kennen) und Beschwerden oder Streitfälle in der Ereignistabelle; genaue Belege bräuchten Änderungswünsche mit angebotenem und berechnetem Preis, die keine der sieben Eingabetabellen enthält.",
    },
    "lifecycle.danger.14.title": {"en": "Only new customers get the new things", "de": "Neues nur für Neukunden"},
    "lifecycle.danger.14.text": {
        "en": "Innovations, better terms and individual services go to new customers; the loyal ones pay more for less and notice it.",
        "de": "Neuerungen, bessere Konditionen und individuelle Leistungen gehen an Neukunden; die treuen zahlen mehr für weniger und merken es.",
    },
    "lifecycle.danger.14.evidence": {
        "en": "Loss within a year of customers who had bought for more than a year, by whether they paid at least 10 % more per unit than new customers of the same segment paid for the same product in the same month (median over their purchases of the year before). A stand-in for “better terms go to new customers”: the data do not record offers.",
        "de": "Abwanderung binnen eines Jahres von Kunden, die schon über ein Jahr kauften, danach, ob sie je Stück mindestens 10 % mehr zahlten als Neukunden desselben Segments im selben Monat für dasselbe Produkt (Median über ihre Käufe des Jahres davor). Ersatzweise für „bessere Konditionen für Neukunden“: Die Daten halten keine Angebote fest.",
    },
    "lifecycle.danger.14.scope": {
        "en": "Only customers whose first purchase was more than a year before the compared year, with purchases that carry quantity and product and that new customers of their segment also bought in the same month (at least five such purchases), are compared. Innovations and services offered only to new customers would need the offers made and to whom, which none of the seven input tables holds.",
        "de": "Verglichen werden nur Kunden, deren Erstkauf mehr als ein Jahr vor dem verglichenen Jahr lag, mit Käufen mit Menge und Produkt, die im selben Monat auch Neukunden ihres Segments kauften (mindestens fünf solche Käufe). Neuerungen und Leistungen nur für Neukunden bräuchten die gemachten Angebote und ihre Empfänger, die keine der sieben Eingabetabellen enthält.",
    },
    "lifecycle.danger.14.needs": {
        "en": "it needs quantity and product in the transactions (to compare the price per unit that long-standing and new customers pay for the same product), and new customers buying the same products in the same months; the offers themselves (innovations, terms, services and to whom) are in none of the seven input tables.",
        "de": "Dafür braucht es Menge und Produkt in den Transaktionen (um den Stückpreis zu vergleichen, den langjährige und neue Kunden für dasselbe Produkt zahlen) und Neukunden, die in denselben Monaten dieselben Produkte kaufen; die Angebote selbst (Neuerungen, Konditionen, Leistungen und an wen) stehen in keiner der sieben Eingabetabellen.",
    },
    # comparison groups
    "lifecycle.grp.followup.d0_14": {"en": "contacted within 14 days", "de": "Kontakt binnen 14 Tagen"},
    "lifecycle.grp.followup.d15_30": {"en": "after 15–30 days", "de": "nach 15–30 Tagen"},
    "lifecycle.grp.followup.d31_90": {"en": "after 31–90 days", "de": "nach 31–90 Tagen"},
    "lifecycle.grp.followup.none": {"en": "not within 90 days", "de": "nicht binnen 90 Tagen"},
    "lifecycle.grp.followup_channel.?": {"en": "channel not recorded", "de": "Kanal nicht erfasst"},
    "lifecycle.grp.sat.high": {"en": "satisfied (4–5)", "de": "zufrieden (4–5)"},
    "lifecycle.grp.sat.low": {"en": "not satisfied (1–3)", "de": "nicht zufrieden (1–3)"},
    "lifecycle.grp.outbound.o0_5": {"en": "0–5 a year", "de": "0–5 im Jahr"},
    "lifecycle.grp.outbound.o6_11": {"en": "6–11 a year", "de": "6–11 im Jahr"},
    "lifecycle.grp.outbound.o12plus": {"en": "12 or more a year", "de": "12 oder mehr im Jahr"},
    "lifecycle.grp.competitor.no": {"en": "no competitor mention", "de": "kein Wettbewerber erwähnt"},
    "lifecycle.grp.competitor.yes": {"en": "competitor mentioned", "de": "Wettbewerber erwähnt"},
    "lifecycle.grp.contact_30_180.yes": {"en": "contacted in months 2–6", "de": "Kontakt in Monat 2–6"},
    "lifecycle.grp.contact_30_180.no": {"en": "no contact in months 2–6", "de": "kein Kontakt in Monat 2–6"},
    "lifecycle.grp.marketing_90.m0": {"en": "no marketing contact", "de": "kein Marketingkontakt"},
    "lifecycle.grp.marketing_90.m1_2": {"en": "1–2 marketing contacts", "de": "1–2 Marketingkontakte"},
    "lifecycle.grp.marketing_90.m3plus": {"en": "3 or more", "de": "3 oder mehr"},
    "lifecycle.grp.contact_90.yes": {"en": "contacted in the first 90 days", "de": "Kontakt in den ersten 90 Tagen"},
    "lifecycle.grp.contact_90.no": {"en": "no contact in the first 90 days", "de": "kein Kontakt in den ersten 90 Tagen"},
    "lifecycle.grp.manager_change.no": {"en": "no change of account manager", "de": "kein Betreuerwechsel"},
    "lifecycle.grp.manager_change.yes": {"en": "account manager changed", "de": "Betreuer gewechselt"},
    "lifecycle.grp.price_surprise.no_jump": {"en": "no unusually high invoice", "de": "keine ungewöhnlich hohe Rechnung"},
    "lifecycle.grp.price_surprise.quiet": {"en": "high invoice, no objection", "de": "hohe Rechnung, kein Einwand"},
    "lifecycle.grp.price_surprise.contested": {"en": "high invoice, then a complaint", "de": "hohe Rechnung, dann Beschwerde"},
    "lifecycle.grp.loyal_price.same": {"en": "pays less than 10 % more", "de": "zahlt weniger als 10 % mehr"},
    "lifecycle.grp.loyal_price.more": {"en": "pays at least 10 % more", "de": "zahlt mindestens 10 % mehr"},
    "lifecycle.grp.count.n0": {"en": "none", "de": "keine"},
    "lifecycle.grp.count.n1": {"en": "one", "de": "eine"},
    "lifecycle.grp.count.n2plus": {"en": "two or more", "de": "zwei oder mehr"},
    # --- tabs ----------------------------------------------------------------------------------------------
    "lifecycle.tab.curve": {"en": "Lifecycle curve and danger points", "de": "Lebenszykluskurve und Gefahrenpunkte"},
    "lifecycle.tab.trend": {"en": "Stages month by month", "de": "Stufen Monat für Monat"},
    "lifecycle.tab.moves": {"en": "Moves between stages", "de": "Wechsel zwischen Stufen"},
    "lifecycle.tab.cohorts": {"en": "Cohort retention", "de": "Kohorten-Bindung"},
    # --- trend -------------------------------------------------------------------------------------------
    "lifecycle.trend.caption": {
        "en": "Customers per stage at the end of each month (and at the as-of date), by the same rules and thresholds as above.",
        "de": "Kunden je Stufe am Ende jedes Monats (und zum Stichtag), nach denselben Regeln und Schwellen wie oben.",
    },
    "lifecycle.trend.share": {"en": "Show shares", "de": "Anteile zeigen"},
    "lifecycle.trend.month": {"en": "Month end", "de": "Monatsende"},
    # --- transitions ------------------------------------------------------------------------------------------
    "lifecycle.moves.caption": {
        "en": "Rows: stage at the first date; columns: stage at the second. Each cell shows the customers and their share of the row. Click a cell to list its customers.",
        "de": "Zeilen: Stufe am ersten Datum; Spalten: Stufe am zweiten. Jede Zelle zeigt die Kunden und ihren Anteil an der Zeile. Klicken Sie auf eine Zelle, um ihre Kunden aufzulisten.",
    },
    "lifecycle.moves.from": {"en": "From", "de": "Von"},
    "lifecycle.moves.to": {"en": "To", "de": "Bis"},
    "lifecycle.moves.from_stage": {"en": "Stage at the first date", "de": "Stufe am ersten Datum"},
    "lifecycle.moves.to_stage": {"en": "Stage at the second date", "de": "Stufe am zweiten Datum"},
    "lifecycle.moves.row_share": {"en": "Share of the row", "de": "Anteil der Zeile"},
    "lifecycle.moves.order": {
        "en": "The first date must be before the second; the dates were swapped.",
        "de": "Das erste Datum muss vor dem zweiten liegen; die Daten wurden getauscht.",
    },
    "lifecycle.moves.same": {
        "en": "Pick two different dates to see moves between them.",
        "de": "Wählen Sie zwei verschiedene Daten, um Wechsel zwischen ihnen zu sehen.",
    },
    # --- retention ------------------------------------------------------------------------------------------
    "lifecycle.retention.caption.customers": {
        "en": "Rows: month of the first purchase (cohort); columns: months since. Each cell: the share of the cohort that bought in that month. Month 0 is 100 % by definition. Click a cell to list its buyers.",
        "de": "Zeilen: Monat des Erstkaufs (Kohorte); Spalten: Monate danach. Jede Zelle: Anteil der Kohorte, der in diesem Monat gekauft hat. Monat 0 ist per Definition 100 %. Klicken Sie auf eine Zelle, um ihre Käufer aufzulisten.",
    },
    "lifecycle.retention.caption.revenue": {
        "en": "Rows: month of the first purchase (cohort); columns: months since. Each cell: the cohort's net revenue in that month as a share of its revenue in month 0 (above 100 %: the cohort spends more than in its first month). Click a cell to list its buyers.",
        "de": "Zeilen: Monat des Erstkaufs (Kohorte); Spalten: Monate danach. Jede Zelle: Nettoumsatz der Kohorte in diesem Monat im Verhältnis zu ihrem Umsatz im Monat 0 (über 100 %: die Kohorte gibt mehr aus als im ersten Monat). Klicken Sie auf eine Zelle, um ihre Käufer aufzulisten.",
    },
    "lifecycle.retention.metric": {"en": "Measure", "de": "Maß"},
    "lifecycle.retention.metric.customers": {"en": "Customers", "de": "Kunden"},
    "lifecycle.retention.metric.revenue": {"en": "Revenue", "de": "Umsatz"},
    "lifecycle.retention.cohort": {"en": "Cohort", "de": "Kohorte"},
    "lifecycle.retention.size": {"en": "Cohort size", "de": "Kohortengröße"},
    "lifecycle.retention.revenue": {"en": "Net revenue (€)", "de": "Nettoumsatz (€)"},
    "lifecycle.retention.customer_share": {"en": "Share buying", "de": "Anteil mit Kauf"},
    "lifecycle.retention.revenue_share": {"en": "Revenue vs. month 0", "de": "Umsatz ggü. Monat 0"},
    # --- customer list ------------------------------------------------------------------------------------------
    "lifecycle.list.title": {"en": "Customers of the selection", "de": "Kunden der Auswahl"},
    "lifecycle.list.none": {
        "en": "Click a stage bar, a cell of the moves matrix or a cohort cell to list its customers here.",
        "de": "Klicken Sie auf einen Stufenbalken, eine Zelle der Wechselmatrix oder eine Kohortenzelle, um deren Kunden hier aufzulisten.",
    },
    "lifecycle.list.stage": {"en": "Stage **{stage}** at {as_of}", "de": "Stufe **{stage}** am {as_of}"},
    "lifecycle.list.move": {
        "en": "From **{a}** at {date_a} to **{b}** at {date_b}",
        "de": "Von **{a}** am {date_a} zu **{b}** am {date_b}",
    },
    "lifecycle.list.cell": {
        "en": "Cohort **{cohort}**, bought in month **{age}** after the first purchase",
        "de": "Kohorte **{cohort}**, Kauf im Monat **{age}** nach dem Erstkauf",
    },
    "lifecycle.list.count": {"en": "{total} customers", "de": "{total} Kunden"},
    "lifecycle.list.capped": {
        "en": "{total} customers; shown and exported: the first {limit} by the chosen order. Narrow the filters to reach the others.",
        "de": "{total} Kunden; angezeigt und exportiert: die ersten {limit} in der gewählten Reihenfolge. Engen Sie die Filter ein, um die übrigen zu sehen.",
    },
    "lifecycle.list.empty": {
        "en": "No customers in this selection with the current filters.",
        "de": "Mit den aktuellen Filtern gibt es in dieser Auswahl keine Kunden.",
    },
    "lifecycle.list.clear": {"en": "Clear selection", "de": "Auswahl aufheben"},
    "lifecycle.list.sort": {"en": "Order by", "de": "Sortieren nach"},
    "lifecycle.list.descending": {"en": "Largest first", "de": "Größte zuerst"},
    "lifecycle.list.sort.revenue_12m": {"en": "Revenue, last 12 months", "de": "Umsatz, letzte 12 Monate"},
    "lifecycle.list.sort.revenue_prev_12m": {"en": "Revenue, 12 months before", "de": "Umsatz, 12 Monate davor"},
    "lifecycle.list.sort.last_purchase": {"en": "Last purchase", "de": "Letzter Kauf"},
    "lifecycle.list.sort.first_purchase": {"en": "First purchase", "de": "Erstkauf"},
    "lifecycle.list.sort.n_purchases": {"en": "Purchase days", "de": "Kauftage"},
    "lifecycle.list.sort.customer_id": {"en": "Customer ID", "de": "Kundennummer"},
    "lifecycle.col.customer_id": {"en": "Customer ID", "de": "Kundennummer"},
    "lifecycle.col.name": {"en": "Name", "de": "Name"},
    "lifecycle.col.segment": {"en": "Segment", "de": "Segment"},
    "lifecycle.col.region": {"en": "Region", "de": "Region"},
    "lifecycle.col.channel": {"en": "Acquisition channel", "de": "Akquisekanal"},
    "lifecycle.col.stage_from": {"en": "Stage before", "de": "Stufe vorher"},
    "lifecycle.col.stage": {"en": "Stage", "de": "Stufe"},
    "lifecycle.col.first_purchase": {"en": "First purchase", "de": "Erstkauf"},
    "lifecycle.col.last_purchase": {"en": "Last purchase", "de": "Letzter Kauf"},
    "lifecycle.col.n_purchases": {"en": "Purchase days", "de": "Kauftage"},
    "lifecycle.col.revenue_12m": {"en": "Revenue 12 mo. (€)", "de": "Umsatz 12 Mon. (€)"},
    "lifecycle.col.revenue_prev_12m": {"en": "Revenue prior 12 mo. (€)", "de": "Umsatz Vorjahr (€)"},
    "lifecycle.col.n_purchases.help": {
        "en": "Days with a purchase up to the as-of date.",
        "de": "Tage mit einem Kauf bis zum Stichtag.",
    },
}
