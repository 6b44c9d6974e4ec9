"""UI strings of the comparison page (side by side), English and German."""

STRINGS = {
    "nav.compare": {"en": "Side by side", "de": "Im Vergleich"},
    "compare.title": {"en": "Side by side", "de": "Im Vergleich"},
    "compare.intro": {
        "en": "Two datasets of this file, or two segments, regions, acquisition channels or cohorts of dataset **{dataset}**, side by side as of **{as_of}** (the sidebar's date). Each difference is tested where a test applies; hover over a figure for its definition and its test.",
        "de": "Zwei Datensätze dieser Datei oder zwei Segmente, Regionen, Akquisekanäle oder Kohorten des Datensatzes **{dataset}** nebeneinander zum Stichtag **{as_of}** (dem Datum der Seitenleiste). Jeder Unterschied wird getestet, wo ein Test passt; fahren Sie über eine Kennzahl, um ihre Definition und ihren Test zu sehen.",
    },
    # what is compared
    "compare.kind": {"en": "Compare", "de": "Vergleichen"},
    "compare.kind.help": {
        "en": "Two datasets of the file, or two values of one dimension of the sidebar's dataset. A cohort is the year or quarter of a customer's first purchase.",
        "de": "Zwei Datensätze der Datei oder zwei Werte einer Dimension des Datensatzes der Seitenleiste. Eine Kohorte ist das Jahr oder Quartal des ersten Kaufs eines Kunden.",
    },
    "compare.kind.datasets": {"en": "Two datasets", "de": "Zwei Datensätze"},
    "compare.kind.segment": {"en": "Two segments", "de": "Zwei Segmente"},
    "compare.kind.region": {"en": "Two regions", "de": "Zwei Regionen"},
    "compare.kind.channel": {"en": "Two acquisition channels", "de": "Zwei Akquisekanäle"},
    "compare.kind.cohort_year": {"en": "Two cohorts (first-purchase year)", "de": "Zwei Kohorten (Jahr des Erstkaufs)"},
    "compare.kind.cohort_quarter": {"en": "Two cohorts (first-purchase quarter)", "de": "Zwei Kohorten (Quartal des Erstkaufs)"},
    "compare.side_a": {"en": "Side A", "de": "Seite A"},
    "compare.side_b": {"en": "Side B", "de": "Seite B"},
    "compare.side.help": {
        "en": "The customers of this side. Segment, region and channel come from the customers table; \"(unknown)\" are customers without a value there.",
        "de": "Die Kunden dieser Seite. Segment, Region und Kanal stammen aus der Kundentabelle; „(unbekannt)“ sind Kunden ohne Wert dort.",
    },
    "compare.unknown": {"en": "(unknown)", "de": "(unbekannt)"},
    "compare.quarter": {"en": "Q{quarter} {year}", "de": "Q{quarter} {year}"},
    "compare.side_name": {"en": "{side}: {label}", "de": "{side}: {label}"},
    # empty cases
    "compare.one_dataset": {
        "en": "This file holds only one dataset (**{dataset}**), so there is no second dataset to compare it with. Import another on the Data page, or compare two segments, regions, channels or cohorts of this dataset instead.",
        "de": "Diese Datei enthält nur einen Datensatz (**{dataset}**), es gibt also keinen zweiten zum Vergleich. Importieren Sie einen weiteren auf der Seite Daten oder vergleichen Sie stattdessen zwei Segmente, Regionen, Kanäle oder Kohorten dieses Datensatzes.",
    },
    "compare.few_values": {
        "en": "Dataset **{dataset}** offers fewer than two values to compare for \"{kind}\" (found: {found}). Segments, regions and acquisition channels come from the optional customers table (columns segment, region, acquisition_channel); cohorts from the first purchases.",
        "de": "Datensatz **{dataset}** bietet für „{kind}“ weniger als zwei Werte zum Vergleich (gefunden: {found}). Segmente, Regionen und Akquisekanäle stammen aus der optionalen Kundentabelle (Spalten segment, region, acquisition_channel); Kohorten aus den Erstkäufen.",
    },
    "compare.none_found": {"en": "none", "de": "keine"},
    "compare.same": {
        "en": "Side A and side B are the same ({label}). Pick two different values to compare.",
        "de": "Seite A und Seite B sind gleich ({label}). Wählen Sie zwei verschiedene Werte zum Vergleich.",
    },
    "compare.empty_side": {
        "en": "Side {side} ({label}) has no customer with a transaction up to {as_of}, so there is nothing to compare. Pick another value or a later as-of date.",
        "de": "Seite {side} ({label}) hat keinen Kunden mit einer Transaktion bis zum {as_of}; es gibt also nichts zu vergleichen. Wählen Sie einen anderen Wert oder einen späteren Stichtag.",
    },
    "compare.before_start": {
        "en": "Dataset **{name}** starts on {first}, after the as-of date {as_of}: it has no customers yet. Pick a later as-of date in the sidebar.",
        "de": "Datensatz **{name}** beginnt am {first}, nach dem Stichtag {as_of}: Er hat noch keine Kunden. Wählen Sie in der Seitenleiste einen späteren Stichtag.",
    },
    "compare.after_end": {
        "en": "Dataset **{name}** ends on {last}, before the as-of date {as_of}: its last {days} days hold no transactions, so its customers look less active than they were. Pick an as-of date up to {last} for a fair comparison.",
        "de": "Datensatz **{name}** endet am {last}, vor dem Stichtag {as_of}: Seine letzten {days} Tage enthalten keine Transaktionen, seine Kunden wirken daher weniger aktiv, als sie waren. Wählen Sie für einen fairen Vergleich einen Stichtag bis zum {last}.",
    },
    "compare.no_dataset": {
        "en": "Dataset **{name}** is no longer in the file (deleted or renamed meanwhile). Pick another.",
        "de": "Datensatz **{name}** ist nicht mehr in der Datei (inzwischen gelöscht oder umbenannt). Wählen Sie einen anderen.",
    },
    # headline
    "compare.headline": {"en": "Headline numbers", "de": "Kennzahlen"},
    "compare.headline.caption": {
        "en": "A and B at the as-of date. Hover over a figure's name for its definition and its test; grey under the difference A − B is its 95 % interval, grey under the reading the test and its p-value.",
        "de": "A und B zum Stichtag. Fahren Sie über den Namen einer Kennzahl für ihre Definition und ihren Test; grau unter dem Unterschied A − B steht sein 95-%-Intervall, grau unter der Lesart der Test und sein p-Wert.",
    },
    "compare.cell.diff": {"en": "{diff}  \n:gray[{interval}]", "de": "{diff}  \n:gray[{interval}]"},
    "compare.cell.reading": {"en": "{verdict}  \n:gray[{test}, p {p}]", "de": "{verdict}  \n:gray[{test}, p {p}]"},
    "compare.cell.untested": {"en": ":gray[{test}]", "de": ":gray[{test}]"},
    "compare.metric.customers": {"en": "Customers", "de": "Kunden"},
    "compare.metric.active": {"en": "Active customers", "de": "Aktive Kunden"},
    "compare.metric.revenue_12m": {"en": "Revenue 12 months (€)", "de": "Umsatz 12 Monate (€)"},
    "compare.metric.revenue_per_customer": {"en": "Revenue per active customer (€)", "de": "Umsatz je aktivem Kunden (€)"},
    "compare.metric.churn_rate": {"en": "Churn rate 12 months", "de": "Abwanderungsrate 12 Monate"},
    "compare.metric.retention_12m": {"en": "Retention after 12 months", "de": "Bindung nach 12 Monaten"},
    "compare.metric.gini": {"en": "Gini coefficient", "de": "Gini-Koeffizient"},
    "compare.metric.top20_share": {"en": "Revenue share of the top 20 %", "de": "Umsatzanteil der besten 20 %"},
    "compare.metric.winback_rate": {"en": "Win-back rate", "de": "Rückgewinnungsquote"},
    "compare.def.customers": {
        "en": "Customers with a transaction up to the as-of date, as on the overview. Counts: no test.",
        "de": "Kunden mit einer Transaktion bis zum Stichtag, wie im Überblick. Anzahlen: kein Test.",
    },
    "compare.def.active": {
        "en": "Customers with a purchase (positive amount) in the 365 days up to the as-of date, as on the overview. Test: the active share of the customers (A {share_a}, B {share_b}), Fisher's exact test with Newcombe's interval of the difference in percentage points.",
        "de": "Kunden mit einem Kauf (positiver Betrag) in den 365 Tagen bis zum Stichtag, wie im Überblick. Test: der aktive Anteil der Kunden (A {share_a}, B {share_b}), exakter Test nach Fisher mit Newcombe-Intervall des Unterschieds in Prozentpunkten.",
    },
    "compare.def.revenue_12m": {
        "en": "Sum of all transaction amounts in the 365 days up to the as-of date, returns and credit notes netted, as on the overview. A total: no test (revenue per customer is tested).",
        "de": "Summe aller Transaktionsbeträge in den 365 Tagen bis zum Stichtag, Retouren und Gutschriften verrechnet, wie im Überblick. Eine Summe: kein Test (der Umsatz je Kunde wird getestet).",
    },
    "compare.def.revenue_per_customer": {
        "en": "Mean net revenue of the last 12 months per active customer. Test: Welch's t-test of the means with its 95 % interval; the Revenue tab adds the Mann-Whitney test of the whole distribution.",
        "de": "Mittlerer Nettoumsatz der letzten 12 Monate je aktivem Kunden. Test: Welch-t-Test der Mittelwerte mit 95-%-Intervall; der Reiter Umsatz ergänzt den Mann-Whitney-Test der ganzen Verteilung.",
    },
    "compare.def.churn_rate": {
        "en": "Of the customers who bought in the year before the last 12 months (A {base_a}, B {base_b}), the share lost since: no purchase in the last 12 months, or a churn record in them with no purchase after it (the overview's annual churn). Test: Fisher's exact test, Newcombe interval.",
        "de": "Von den Kunden, die im Jahr vor den letzten 12 Monaten gekauft haben (A {base_a}, B {base_b}), der Anteil, der seitdem verloren ging: kein Kauf in den letzten 12 Monaten oder ein Abwanderungseintrag darin ohne späteren Kauf (die Abwanderung p. a. des Überblicks). Test: exakter Test nach Fisher, Newcombe-Intervall.",
    },
    "compare.def.retention_12m": {
        "en": "Of the customers active on the start day ({start}; stages new, growing, mature, declining or won back), the share still a customer 365 days later (Kaplan–Meier; lost at a churn record or on the day they became sleeping, as on the risk page's survival tab). The start is two years before the as-of date; for a cohort, its last day, when every customer of it has made the first purchase. Test: log-rank test of the two whole curves.",
        "de": "Von den am Starttag aktiven Kunden ({start}; Stufen neu, wachsend, reif, rückläufig oder zurückgewonnen) der Anteil, der 365 Tage später noch Kunde ist (Kaplan-Meier; verloren mit einem Abwanderungseintrag oder an dem Tag, an dem sie schlafend wurden, wie im Reiter Überleben der Risikoseite). Der Start liegt zwei Jahre vor dem Stichtag; bei einer Kohorte ist es ihr letzter Tag, an dem alle ihre Kunden den Erstkauf getätigt haben. Test: Log-Rank-Test der beiden ganzen Kurven.",
    },
    "compare.def.gini": {
        "en": "Concentration of the 12-month revenue over all customers with a purchase: 0 = every customer brings the same, 1 = one customer brings everything (as on the customer value page). Test: bootstrap of the difference ({reps} resamples of each side, fixed seed {seed}), 95 % percentile interval.",
        "de": "Konzentration des 12-Monats-Umsatzes über alle Kunden mit einem Kauf: 0 = jeder Kunde bringt gleich viel, 1 = ein Kunde bringt alles (wie auf der Seite Kundenwert). Test: Bootstrap des Unterschieds ({reps} Stichproben je Seite, fester Startwert {seed}), 95-%-Perzentilintervall.",
    },
    "compare.def.top20_share": {
        "en": "Share of the 12-month revenue brought by the 20 % of customers with the highest revenue (as on the customer value page). Read with the Gini coefficient, whose difference is tested.",
        "de": "Anteil des 12-Monats-Umsatzes, den die 20 % der Kunden mit dem höchsten Umsatz bringen (wie auf der Seite Kundenwert). Zusammen mit dem Gini-Koeffizienten zu lesen, dessen Unterschied getestet wird.",
    },
    "compare.def.winback_rate": {
        "en": "Share of the win-back contacts (treatment group) of the 12 months up to the as-of date followed by a purchase within {days} days; only contacts whose {days} days have passed count (as on the win-back page). Test: Fisher's exact test, Newcombe interval.",
        "de": "Anteil der Rückgewinnungskontakte (Maßnahmengruppe) der 12 Monate bis zum Stichtag, auf die innerhalb von {days} Tagen ein Kauf folgte; nur Kontakte, deren {days} Tage vorbei sind, zählen (wie auf der Seite Rückgewinnung). Test: exakter Test nach Fisher, Newcombe-Intervall.",
    },
    "compare.evidence.very_strong": {"en": "clearly different (p < 0.001)", "de": "klar verschieden (p < 0,001)"},
    "compare.evidence.strong": {"en": "different (p < 0.05)", "de": "verschieden (p < 0,05)"},
    "compare.evidence.weak": {"en": "weak evidence (p < 0.10)", "de": "schwacher Hinweis (p < 0,10)"},
    "compare.evidence.none": {"en": "could be chance", "de": "könnte Zufall sein"},
    "compare.test.fisher": {"en": "Fisher's exact test", "de": "Exakter Test nach Fisher"},
    "compare.test.welch": {"en": "Welch's t-test", "de": "Welch-t-Test"},
    "compare.test.mann_whitney": {"en": "Mann-Whitney U", "de": "Mann-Whitney-U"},
    "compare.test.logrank": {"en": "Log-rank test", "de": "Log-Rank-Test"},
    "compare.test.bootstrap": {"en": "Bootstrap", "de": "Bootstrap"},
    "compare.test.chi2": {"en": "Chi-square test", "de": "Chi-Quadrat-Test"},
    "compare.test.none": {"en": "no test", "de": "kein Test"},
    "compare.pp": {"en": "{value} pp", "de": "{value} Pp."},
    "compare.col.metric": {"en": "Figure", "de": "Kennzahl"},
    "compare.col.diff": {"en": "Difference A − B", "de": "Unterschied A − B"},
    "compare.col.diff.help": {
        "en": "For shares in percentage points; for the active customers the difference of the active shares; for retention read off the curves.",
        "de": "Bei Anteilen in Prozentpunkten; bei den aktiven Kunden der Unterschied der aktiven Anteile; bei der Bindung von den Kurven abgelesen.",
    },
    "compare.col.interval": {"en": "95 % interval", "de": "95-%-Intervall"},
    "compare.col.interval.help": {
        "en": "The range the true difference lies in with 95 % confidence (Newcombe for shares, Welch for means, bootstrap percentiles for the Gini); empty where the test gives none.",
        "de": "Der Bereich, in dem der wahre Unterschied mit 95 % Sicherheit liegt (Newcombe bei Anteilen, Welch bei Mittelwerten, Bootstrap-Perzentile beim Gini); leer, wo der Test keines liefert.",
    },
    "compare.col.test": {"en": "Test", "de": "Test"},
    "compare.col.p": {"en": "p-value", "de": "p-Wert"},
    "compare.col.p.help": {
        "en": "How likely a difference at least this large would be if the two sides did not differ at all (two-sided).",
        "de": "Wie wahrscheinlich ein mindestens so großer Unterschied wäre, wenn sich die beiden Seiten gar nicht unterschieden (zweiseitig).",
    },
    "compare.col.verdict": {"en": "Reading", "de": "Lesart"},
    "compare.col.verdict.help": {
        "en": "p < 0.001 clearly different, p < 0.05 different, p < 0.10 weak evidence, else could be chance.",
        "de": "p < 0,001 klar verschieden, p < 0,05 verschieden, p < 0,10 schwacher Hinweis, sonst könnte es Zufall sein.",
    },
    "compare.col.a": {"en": "A", "de": "A"},
    "compare.col.b": {"en": "B", "de": "B"},
    "compare.col.diff_lo": {"en": "Interval from", "de": "Intervall von"},
    "compare.col.diff_hi": {"en": "Interval to", "de": "Intervall bis"},
    "compare.col.unit": {"en": "Unit of A and B", "de": "Einheit von A und B"},
    "compare.col.diff_unit": {"en": "Unit of the difference", "de": "Einheit des Unterschieds"},
    "compare.unit.count": {"en": "customers", "de": "Kunden"},
    "compare.unit.money": {"en": "€", "de": "€"},
    "compare.unit.share": {"en": "share (0–1)", "de": "Anteil (0–1)"},
    "compare.unit.ratio": {"en": "coefficient (0–1)", "de": "Koeffizient (0–1)"},
    "compare.col.side": {"en": "Side", "de": "Seite"},
    "compare.download": {"en": "Download the headline comparison", "de": "Kennzahlenvergleich herunterladen"},
    "compare.file": {"en": "comparison", "de": "vergleich"},
    "compare.not_observed": {
        "en": "{side}: retention after 12 months needs the customers followed for 365 days; from {start} to the as-of date are only {days} days.",
        "de": "{side}: Die Bindung nach 12 Monaten braucht 365 Tage Beobachtung; vom {start} bis zum Stichtag sind es nur {days} Tage.",
    },
    "compare.no_winback_headline": {
        "en": "Win-back rate: {names} has no win-back table, so there is no rate to compare.",
        "de": "Rückgewinnungsquote: {names} hat keine Rückgewinnungstabelle, es gibt also keine Quote zum Vergleich.",
    },
    # tabs
    "compare.tab.curve": {"en": "Lifecycle curve", "de": "Lebenszykluskurve"},
    "compare.tab.retention": {"en": "Retention", "de": "Bindung"},
    "compare.tab.value": {"en": "Revenue & concentration", "de": "Umsatz & Konzentration"},
    "compare.tab.churn": {"en": "Churn & stages", "de": "Abwanderung & Stufen"},
    "compare.tab.winback": {"en": "Win-back", "de": "Rückgewinnung"},
    # curve
    "compare.curve.x": {"en": "Month of life (0 = month of the first purchase)", "de": "Lebensmonat (0 = Monat des Erstkaufs)"},
    "compare.curve.y": {"en": "Mean revenue per customer (€)", "de": "Mittlerer Umsatz je Kunde (€)"},
    "compare.curve.customers": {"en": "Customers behind the point", "de": "Kunden hinter dem Punkt"},
    "compare.curve.caption": {
        "en": "The lifecycle curve of each side, as on the lifecycle page: the mean net revenue a customer brings in their n-th month after the first purchase (customers without a purchase that month count as zero), for the months of life with at least 30 customers and 5 % of the first month's customers behind them. Each point rests on other customers, so the curves are not tested as a whole; the revenue and retention tests compare the sides.",
        "de": "Die Lebenszykluskurve jeder Seite, wie auf der Seite Kundenlebenszyklus: der mittlere Nettoumsatz eines Kunden im n-ten Monat nach dem Erstkauf (Kunden ohne Kauf in dem Monat zählen mit null), für die Lebensmonate mit mindestens 30 Kunden und 5 % der Kunden des ersten Monats dahinter. Jeder Punkt beruht auf anderen Kunden, daher werden die Kurven nicht als Ganzes getestet; die Umsatz- und Bindungstests vergleichen die Seiten.",
    },
    "compare.curve.empty": {
        "en": "Side {side} ({label}) has no month of life with enough customers behind it (at least 30) up to the as-of date.",
        "de": "Seite {side} ({label}) hat bis zum Stichtag keinen Lebensmonat mit genug Kunden dahinter (mindestens 30).",
    },
    "compare.curve.peak": {
        "en": "{side}: highest month {month} with {value} per customer; {months} months of life shown.",
        "de": "{side}: stärkster Monat {month} mit {value} je Kunde; {months} Lebensmonate gezeigt.",
    },
    # retention
    "compare.ret.days": {"en": "Days after the start", "de": "Tage nach dem Start"},
    "compare.ret.start": {"en": "Followed from", "de": "Beobachtet ab"},
    "compare.ret.open_short": {"en": "cohort still open", "de": "Kohorte noch offen"},
    "compare.starts": {"en": "A {a}, B {b}", "de": "A {a}, B {b}"},
    "compare.ret.open": {
        "en": "{side}: the cohort ends on {end}, not before the as-of date, so its customers cannot be followed yet: no retention curve.",
        "de": "{side}: Die Kohorte endet am {end}, nicht vor dem Stichtag; ihre Kunden lassen sich noch nicht verfolgen: keine Bindungskurve.",
    },
    "compare.ret.survival": {"en": "Still a customer", "de": "Noch Kunde"},
    "compare.ret.at_risk": {"en": "Customers still followed", "de": "Noch beobachtete Kunden"},
    "compare.ret.caption": {
        "en": "Share of the customers active on the start day ({start}) still customers after x days (Kaplan–Meier, censored at the as-of date), with 95 % bands; lost at a churn record or on the day they became sleeping.",
        "de": "Anteil der am Starttag ({start}) aktiven Kunden, die nach x Tagen noch Kunden sind (Kaplan-Meier, zensiert am Stichtag), mit 95-%-Bändern; verloren mit einem Abwanderungseintrag oder an dem Tag, an dem sie schlafend wurden.",
    },
    "compare.ret.followed": {"en": "Customers followed", "de": "Beobachtete Kunden"},
    "compare.ret.lost": {"en": "Lost by the as-of date", "de": "Bis zum Stichtag verloren"},
    "compare.ret.at_12": {"en": "Retention after 12 months (95 % band)", "de": "Bindung nach 12 Monaten (95-%-Band)"},
    "compare.ret.few": {
        "en": "{side}: only {n} customers were active on {start} (fewer than {min}); its curve and retention rest on few customers. For young cohorts, compare a later as-of date.",
        "de": "{side}: Nur {n} Kunden waren am {start} aktiv (weniger als {min}); Kurve und Bindung beruhen auf wenigen Kunden. Für junge Kohorten vergleichen Sie einen späteren Stichtag.",
    },
    "compare.ret.none": {
        "en": "No customer of side {side} ({label}) was active on {start}: there is no retention curve to compare.",
        "de": "Kein Kunde der Seite {side} ({label}) war am {start} aktiv: Es gibt keine Bindungskurve zum Vergleich.",
    },
    "compare.logrank": {
        "en": "Log-rank test of equal retention of A and B: χ² = {chi2} with 1 degree of freedom, p {p} — {verdict}.",
        "de": "Log-Rank-Test auf gleiche Bindung von A und B: χ² = {chi2} bei 1 Freiheitsgrad, p {p} — {verdict}.",
    },
    # value
    "compare.value.lorenz": {"en": "Lorenz curves", "de": "Lorenzkurven"},
    "compare.value.lorenz.caption": {
        "en": "Customers of each side sorted from the highest 12-month revenue down: the further a curve bulges above the diagonal, the more of that side's revenue rests on few customers.",
        "de": "Kunden jeder Seite vom höchsten 12-Monats-Umsatz an sortiert: Je weiter eine Kurve über der Diagonale liegt, desto mehr Umsatz dieser Seite hängt an wenigen Kunden.",
    },
    "compare.value.customer_share": {"en": "Share of customers", "de": "Anteil der Kunden"},
    "compare.value.revenue_share": {"en": "Share of revenue", "de": "Anteil am Umsatz"},
    "compare.value.equality": {"en": "Equal distribution", "de": "Gleichverteilung"},
    "compare.value.gini_test": {
        "en": "Gini A − B = {diff}, 95 % bootstrap interval {lo} to {hi} ({reps} resamples, seed {seed}), p {p} — {verdict}.",
        "de": "Gini A − B = {diff}, 95-%-Bootstrap-Intervall {lo} bis {hi} ({reps} Stichproben, Startwert {seed}), p {p} — {verdict}.",
    },
    "compare.value.welch": {
        "en": "Revenue per active customer A − B = {diff} (95 % interval {lo} to {hi}); Welch's t = {stat}, p {p} — {verdict}.",
        "de": "Umsatz je aktivem Kunden A − B = {diff} (95-%-Intervall {lo} bis {hi}); Welch-t = {stat}, p {p} — {verdict}.",
    },
    "compare.value.mw": {
        "en": "Median 12-month revenue per active customer: A {a}, B {b}; Mann-Whitney U = {stat}, p {p} — {verdict} (the whole distribution, not only the mean).",
        "de": "Median des 12-Monats-Umsatzes je aktivem Kunden: A {a}, B {b}; Mann-Whitney-U = {stat}, p {p} — {verdict} (die ganze Verteilung, nicht nur der Mittelwert).",
    },
    "compare.value.top20": {"en": "Top 20 % bring", "de": "Beste 20 % bringen"},
    "compare.value.median": {"en": "Median (€)", "de": "Median (€)"},
    "compare.value.median.help": {
        "en": "Middle value of the 12-month net revenue of the active customers: half bring more, half less.",
        "de": "Mittlerer Wert des 12-Monats-Nettoumsatzes der aktiven Kunden: Die Hälfte bringt mehr, die Hälfte weniger.",
    },
    "compare.value.untested": {
        "en": "Too few customers with revenue on one side to test the difference.",
        "de": "Zu wenige Kunden mit Umsatz auf einer Seite, um den Unterschied zu testen.",
    },
    # churn and stages
    "compare.churn.rate": {"en": "Churn rate 12 months", "de": "Abwanderungsrate 12 Monate"},
    "compare.churn.low": {"en": "95 % from", "de": "95 % von"},
    "compare.churn.high": {"en": "95 % to", "de": "95 % bis"},
    "compare.churn.base": {"en": "Customers of the base year", "de": "Kunden des Basisjahres"},
    "compare.churn.lost": {"en": "Lost", "de": "Verloren"},
    "compare.churn.test": {
        "en": "Churn rate A − B = {diff} (95 % Newcombe interval {lo} to {hi}); Fisher's exact test p {p} — {verdict}.",
        "de": "Abwanderungsrate A − B = {diff} (95-%-Newcombe-Intervall {lo} bis {hi}); exakter Test nach Fisher p {p} — {verdict}.",
    },
    "compare.churn.caption": {
        "en": "Of the customers who bought in the year before the last 12 months, the share lost since (the overview's annual churn), with 95 % Wilson intervals.",
        "de": "Von den Kunden, die im Jahr vor den letzten 12 Monaten gekauft haben, der seitdem verlorene Anteil (die Abwanderung p. a. des Überblicks), mit 95-%-Wilson-Intervallen.",
    },
    "compare.churn.none": {
        "en": "No customer of side {side} ({label}) bought in the year before the last 12 months: no churn rate to compare.",
        "de": "Kein Kunde der Seite {side} ({label}) hat im Jahr vor den letzten 12 Monaten gekauft: keine Abwanderungsrate zum Vergleich.",
    },
    "compare.stages": {"en": "Stages at the as-of date", "de": "Stufen zum Stichtag"},
    "compare.stages.share": {"en": "Share of the side's customers", "de": "Anteil an den Kunden der Seite"},
    "compare.stages.stage": {"en": "Stage", "de": "Stufe"},
    "compare.stages.customers": {"en": "Customers", "de": "Kunden"},
    "compare.stages.caption": {
        "en": "Every customer known at the as-of date by the lifecycle page's stage rules (default thresholds); hover over a bar for the stage's definition.",
        "de": "Jeder zum Stichtag bekannte Kunde nach den Stufenregeln der Seite Kundenlebenszyklus (Standardschwellen); fahren Sie über einen Balken für die Definition der Stufe.",
    },
    "compare.stages.test": {
        "en": "Chi-square test of the same stage mix on both sides: χ² = {chi2} with {df} degrees of freedom, p {p} — {verdict}.",
        "de": "Chi-Quadrat-Test auf gleiche Stufenverteilung beider Seiten: χ² = {chi2} bei {df} Freiheitsgraden, p {p} — {verdict}.",
    },
    "compare.stages.definition": {"en": "Definition", "de": "Definition"},
    # win-back
    "compare.wb.none": {
        "en": "{names} has no win-back table (optional table winback: customer, date, campaign, measure, group), so there is no win-back rate to compare.",
        "de": "{names} hat keine Rückgewinnungstabelle (optionale Tabelle winback: Kunde, Datum, Kampagne, Maßnahme, Gruppe), es gibt also keine Rückgewinnungsquote zum Vergleich.",
    },
    "compare.wb.no_contacts": {
        "en": "Side {side} ({label}) has no win-back contact in the treatment group from {start} to {end} whose {days} days have passed.",
        "de": "Seite {side} ({label}) hat vom {start} bis {end} keinen Rückgewinnungskontakt der Maßnahmengruppe, dessen {days} Tage vorbei sind.",
    },
    "compare.wb.caption": {
        "en": "Win-back contacts from {start} to {end} whose {days} days have passed; a win-back is a purchase within {days} days after the contact (as on the win-back page). Rates with 95 % Wilson intervals; uplift = treatment minus control group.",
        "de": "Rückgewinnungskontakte vom {start} bis {end}, deren {days} Tage vorbei sind; eine Rückgewinnung ist ein Kauf innerhalb von {days} Tagen nach dem Kontakt (wie auf der Seite Rückgewinnung). Quoten mit 95-%-Wilson-Intervallen; Uplift = Maßnahmen- minus Kontrollgruppe.",
    },
    "compare.wb.contacts": {"en": "Contacts (treatment)", "de": "Kontakte (Maßnahme)"},
    "compare.wb.won": {"en": "Won back", "de": "Zurückgewonnen"},
    "compare.wb.rate": {"en": "Win-back rate (95 %)", "de": "Rückgewinnungsquote (95 %)"},
    "compare.wb.control": {"en": "Control group rate", "de": "Quote der Kontrollgruppe"},
    "compare.wb.uplift": {"en": "Uplift", "de": "Uplift"},
    "compare.wb.no_control": {"en": "no control group", "de": "keine Kontrollgruppe"},
    "compare.wb.test": {
        "en": "Win-back rate A − B = {diff} (95 % Newcombe interval {lo} to {hi}); Fisher's exact test p {p} — {verdict}.",
        "de": "Rückgewinnungsquote A − B = {diff} (95-%-Newcombe-Intervall {lo} bis {hi}); exakter Test nach Fisher p {p} — {verdict}.",
    },
}
