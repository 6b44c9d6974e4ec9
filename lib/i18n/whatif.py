"""Strings of the what-if panel (win-back page) and the story's last step (lib/whatif.py)."""
from __future__ import annotations

STRINGS = {
    "recovery.tab.whatif": {"en": "What-if", "de": "Was wäre, wenn"},
    "whatif.caption": {
        "en": "What would it be worth to lose fewer customers, win more back, keep more of the high-value ones or sell "
              "at a different order value? Today's customers projected month by month over 36 months, on this "
              "dataset's own rates, as they are and with the sliders moved.",
        "de": "Was wäre es wert, weniger Kunden zu verlieren, mehr zurückzugewinnen, mehr der wertvollen zu halten "
              "oder mit anderem Bestellwert zu verkaufen? Die heutigen Kunden Monat für Monat über 36 Monate "
              "fortgeschrieben, mit den eigenen Raten dieses Datensatzes: wie sie sind und mit den Reglern verschoben.",
    },
    # levers
    "whatif.lever.churn": {"en": "Churn rate − points", "de": "Abwanderungsrate − Prozentpunkte"},
    "whatif.lever.churn.help": {
        "en": "Lowers every value group's annual loss rate by this many percentage points (never below 0 %). Today: "
              "{rate} a year.",
        "de": "Senkt die jährliche Verlustrate jeder Wertgruppe um so viele Prozentpunkte (nie unter 0 %). Heute: "
              "{rate} im Jahr.",
    },
    "whatif.lever.winback": {"en": "Win-back rate + points", "de": "Rückgewinnungsrate + Prozentpunkte"},
    "whatif.lever.winback.help": {
        "en": "Raises the annual share of lost customers who come back by this many percentage points (at most "
              "100 %). Today: {rate} a year.",
        "de": "Erhöht den jährlichen Anteil verlorener Kunden, die zurückkommen, um so viele Prozentpunkte (höchstens "
              "100 %). Heute: {rate} im Jahr.",
    },
    "whatif.lever.high": {"en": "Keep more of the high-value customers (%)",
                          "de": "Mehr der wertvollen Kunden halten (%)"},
    "whatif.lever.high.help": {
        "en": "Of the high-value customers (top 20 % by 12-month revenue) who would leave, this share stays: their "
              "loss rate falls by this per cent (after the churn points). Today: {rate} a year.",
        "de": "Von den wertvollen Kunden (oberste 20 % nach Umsatz der letzten 12 Monate), die gehen würden, bleibt "
              "dieser Anteil: Ihre Verlustrate sinkt um so viel Prozent (nach den Prozentpunkten der Abwanderung). "
              "Heute: {rate} im Jahr.",
    },
    "whatif.lever.order": {"en": "Order value (%)", "de": "Bestellwert (%)"},
    "whatif.lever.order.help": {
        "en": "Changes the net revenue per purchase day of every customer by this per cent. Today: {high} in the "
              "high-value group, {low} in the others.",
        "de": "Ändert den Nettoumsatz je Kauftag jedes Kunden um so viel Prozent. Heute: {high} in der wertvollen "
              "Gruppe, {low} bei den übrigen.",
    },
    "whatif.reset": {"en": "Reset the sliders", "de": "Regler zurücksetzen"},
    # seed figures
    "whatif.seed.title": {"en": "For the conversation", "de": "Für das Gespräch"},
    "whatif.seed.loss": {
        "en": "Companies lose 20–30% of their customers a year. **This dataset: {rate} a year** ({lost} of the "
              "{at_risk} customers at risk between {then} and {as_of} were lost).",
        "de": "Unternehmen verlieren 20–30 % ihrer Kunden im Jahr. **Dieser Datensatz: {rate} im Jahr** ({lost} der "
              "{at_risk} Kunden, die zwischen dem {then} und dem {as_of} verloren gehen konnten, gingen verloren).",
    },
    "whatif.seed.cost": {
        "en": "Keeping a customer is said to cost a fifth of winning a new one: replacing the {lost} customers lost "
              "in that year would take the effort of keeping about {equiv} customers.",
        "de": "Einen Kunden zu halten, kostet angeblich ein Fünftel dessen, einen neuen zu gewinnen: Die {lost} in "
              "diesem Jahr verlorenen Kunden zu ersetzen, kostete so viel Mühe, wie etwa {equiv} Kunden zu halten.",
    },
    "whatif.seed.loss.help": {
        "en": "Annual loss rate = 1 − (1 − monthly rate)^12, the monthly rate being the losses (the lifecycle's rule: "
              "a churn record, or more than 365 days without a purchase) per month at risk in the 12 months before "
              "the as-of date. At risk: the customers not lost 12 months before it, and those who bought for the "
              "first time since, each up to their first loss or the as-of date.",
        "de": "Jährliche Verlustrate = 1 − (1 − monatliche Rate)^12; die monatliche Rate sind die Verluste (Regel des "
              "Kundenlebenszyklus: ein Abwanderungseintrag oder mehr als 365 Tage ohne Kauf) je Monat unter Risiko in "
              "den 12 Monaten vor dem Stichtag. Unter Risiko: die 12 Monate vor dem Stichtag nicht verlorenen Kunden "
              "und die seither erstmals kaufenden, jeweils bis zu ihrem ersten Verlust oder dem Stichtag.",
    },
    # chart and table
    "whatif.chart.title": {"en": "Revenue per month: today's course against the scenario",
                           "de": "Umsatz pro Monat: heutiger Verlauf gegen das Szenario"},
    "whatif.chart.month": {"en": "Months from the as-of date", "de": "Monate ab Stichtag"},
    "whatif.chart.revenue": {"en": "Revenue per month", "de": "Umsatz pro Monat"},
    "whatif.chart.customers": {"en": "Customers not lost", "de": "Nicht verlorene Kunden"},
    "whatif.chart.scenario": {"en": "Projection", "de": "Fortschreibung"},
    "whatif.scenario.baseline": {"en": "Today's course", "de": "Heutiger Verlauf"},
    "whatif.scenario.scenario": {"en": "Scenario", "de": "Szenario"},
    "whatif.table.title": {"en": "Over 12, 24 and 36 months", "de": "Über 12, 24 und 36 Monate"},
    "whatif.col.figure": {"en": "Figure", "de": "Kennzahl"},
    "whatif.col.horizon.value": {"en": "Over {n} months", "de": "Über {n} Monate"},
    "whatif.col.revenue_baseline": {"en": "Revenue, today's course", "de": "Umsatz, heutiger Verlauf"},
    "whatif.col.revenue_scenario": {"en": "Revenue, scenario", "de": "Umsatz, Szenario"},
    "whatif.col.revenue_delta": {"en": "Revenue, difference", "de": "Umsatz, Differenz"},
    "whatif.col.value_baseline": {"en": "Customer value, today's course", "de": "Kundenwert, heutiger Verlauf"},
    "whatif.col.value_scenario": {"en": "Customer value, scenario", "de": "Kundenwert, Szenario"},
    "whatif.col.value_delta": {"en": "Customer value, difference", "de": "Kundenwert, Differenz"},
    "whatif.col.customers_baseline": {"en": "Customers at the end, today's course",
                                      "de": "Kunden am Ende, heutiger Verlauf"},
    "whatif.col.customers_scenario": {"en": "Customers at the end, scenario", "de": "Kunden am Ende, Szenario"},
    "whatif.col.revenue.help": {
        "en": "Revenue: net revenue of today's customers summed over the months up to the horizon (no new customers).",
        "de": "Umsatz: Nettoumsatz der heutigen Kunden, summiert über die Monate bis zum Ende des Zeitraums (ohne "
              "Neukunden).",
    },
    "whatif.col.value.help": {
        "en": "Customer value: the same revenue discounted at {rate} a year from each month's end, as the CLV "
              "discounts.",
        "de": "Kundenwert: derselbe Umsatz, abgezinst mit {rate} im Jahr vom Ende jedes Monats, wie der CLV "
              "abzinst.",
    },
    "whatif.col.customers.help": {"en": "Customers at the end: customers not lost (active or sleeping) at the horizon's end.",
                                  "de": "Kunden am Ende: nicht verlorene Kunden (aktiv oder schlafend) am Ende des Zeitraums."},
    # assumptions beside the chart
    "whatif.assumptions": {"en": "Assumptions", "de": "Annahmen"},
    "whatif.assumptions.text": {
        "en": "From this dataset, the 12 months up to {as_of} (losses of the customers at risk; see the seed "
              "figure's definition):\n\n"
              "- **Customers today:** {customers} not lost ({high} high-value, {low} others), {lost} lost.\n"
              "- **Loss rate a year:** high-value {loss_high} ({lost_high} of {risk_high}), others {loss_low} "
              "({lost_low} of {risk_low}); scenario {s_loss_high} and {s_loss_low}.\n"
              "- **Win-back rate a year:** {winback} ({back} of {lost_then} customers lost on {then} bought again); "
              "scenario {s_winback}.\n"
              "- **Purchases per customer and month:** high-value {buy_high}, others {buy_low}.\n"
              "- **Order value:** high-value {ov_high}, others {ov_low}; scenario {s_ov_high} and {s_ov_low}.\n"
              "- **Discount rate:** {discount} a year (as the CLV).",
        "de": "Aus diesem Datensatz, die 12 Monate bis zum {as_of} (Verluste der Kunden unter Risiko; siehe die "
              "Definition der Vergleichszahl):\n\n"
              "- **Kunden heute:** {customers} nicht verloren ({high} wertvoll, {low} übrige), {lost} verloren.\n"
              "- **Verlustrate im Jahr:** wertvolle {loss_high} ({lost_high} von {risk_high}), übrige {loss_low} "
              "({lost_low} von {risk_low}); Szenario {s_loss_high} und {s_loss_low}.\n"
              "- **Rückgewinnungsrate im Jahr:** {winback} ({back} von {lost_then} am {then} verlorenen Kunden "
              "kauften wieder); Szenario {s_winback}.\n"
              "- **Käufe pro Kunde und Monat:** wertvolle {buy_high}, übrige {buy_low}.\n"
              "- **Bestellwert:** wertvolle {ov_high}, übrige {ov_low}; Szenario {s_ov_high} und {s_ov_low}.\n"
              "- **Abzinsung:** {discount} im Jahr (wie beim CLV).",
    },
    "whatif.campaigns": {
        "en": "Your win-back campaigns for comparison: {rate_t} of the contacted lost customers bought again within "
              "{n} days, {rate_c} of the control group ({contacts} contacts judged).",
        "de": "Ihre Rückgewinnungskampagnen zum Vergleich: {rate_t} der kontaktierten verlorenen Kunden kauften "
              "binnen {n} Tagen wieder, {rate_c} der Kontrollgruppe ({contacts} bewertete Kontakte).",
    },
    "whatif.model": {
        "en": "**The model.** A cohort projection of today's customers, month by month, without new customers, in "
              "two value groups: each month a group loses its customers not lost x its monthly loss rate, wins back "
              "its lost customers x the monthly win-back rate (monthly = 1 − (1 − annual)^(1/12)); revenue = "
              "customers not lost at the month's start x purchases per month x order value. Customer value "
              "discounts that revenue at {discount} a year from each month's end. A won-back customer returns to "
              "the group they left. The levers change the annual rates: churn − x points (not below 0), then the "
              "high-value group's rate − z %, win-back + y points, order value ± %.",
        "de": "**Das Modell.** Eine Kohortenfortschreibung der heutigen Kunden, Monat für Monat, ohne Neukunden, in "
              "zwei Wertgruppen: Jeden Monat verliert eine Gruppe ihre nicht verlorenen Kunden x ihre monatliche "
              "Verlustrate und gewinnt ihre verlorenen Kunden x die monatliche Rückgewinnungsrate zurück (monatlich "
              "= 1 − (1 − jährlich)^(1/12)); Umsatz = nicht verlorene Kunden am Monatsanfang x Käufe pro Monat x "
              "Bestellwert. Der Kundenwert zinst diesen Umsatz mit {discount} im Jahr vom Ende jedes Monats ab. Ein "
              "zurückgewonnener Kunde kehrt in seine Gruppe zurück. Die Regler ändern die Jahresraten: Abwanderung − "
              "x Prozentpunkte (nicht unter 0), dann die Rate der wertvollen Gruppe − z %, Rückgewinnung + y "
              "Prozentpunkte, Bestellwert ± %.",
    },
    # notes on thin data
    "whatif.note.no_losses": {
        "en": "No customer was lost in the 12 months before the as-of date: the churn levers have nothing to lower.",
        "de": "In den 12 Monaten vor dem Stichtag ging kein Kunde verloren: Die Regler der Abwanderung haben nichts "
              "zu senken.",
    },
    "whatif.note.no_lost_then": {
        "en": "Nobody was lost 12 months before the as-of date, so no win-back rate could be measured: it is taken "
              "as 0 % and only the slider adds one.",
        "de": "12 Monate vor dem Stichtag war niemand verloren, also ließ sich keine Rückgewinnungsrate messen: Sie "
              "wird mit 0 % angesetzt, nur der Regler fügt eine hinzu.",
    },
    "whatif.note.no_winback": {
        "en": "This dataset has no win-back table: the win-back rate is the share of lost customers who came back "
              "on their own.",
        "de": "Dieser Datensatz hat keine Rückgewinnungstabelle: Die Rückgewinnungsrate ist der Anteil verlorener "
              "Kunden, die von selbst zurückkamen.",
    },
    "whatif.problem.no_customers": {
        "en": "No customer has bought by {as_of}: there is nothing to project. Choose a later as-of date in the "
              "sidebar.",
        "de": "Bis zum {as_of} hat kein Kunde gekauft: Es gibt nichts fortzuschreiben. Wählen Sie in der "
              "Seitenleiste einen späteren Stichtag.",
    },
    "whatif.problem.short_history": {
        "en": "The what-if needs 12 months of purchases before the as-of date to measure the loss rate, and {as_of} "
              "is too close to the start of the data. Choose a later as-of date in the sidebar.",
        "de": "Die Was-wäre-wenn-Rechnung braucht 12 Monate Käufe vor dem Stichtag, um die Verlustrate zu messen, "
              "und der {as_of} liegt zu nah am Beginn der Daten. Wählen Sie in der Seitenleiste einen späteren "
              "Stichtag.",
    },
    # takeaway
    "whatif.takeaway.none": {
        "en": "On today's course, the {customers} customers of today bring {revenue} in the next {months} months, "
              "and {left} of them are still customers at the end.",
        "de": "Im heutigen Verlauf bringen die {customers} heutigen Kunden in den nächsten {months} Monaten "
              "{revenue}, und {left} von ihnen sind am Ende noch Kunden.",
    },
    "whatif.takeaway.more": {
        "en": "With these levers, today's customers bring {delta} more revenue over {months} months than on today's "
              "course (+{rel}), and {customers} at the end.",
        "de": "Mit diesen Reglern bringen die heutigen Kunden in {months} Monaten {delta} mehr Umsatz als im "
              "heutigen Verlauf (+{rel}), und am Ende {customers}.",
    },
    "whatif.takeaway.same_customers": {"en": "as many customers", "de": "gleich viele Kunden"},
    "whatif.takeaway.more_customers": {"en": "{n} more customers", "de": "{n} Kunden mehr"},
    "whatif.takeaway.fewer_customers": {"en": "{n} fewer customers", "de": "{n} Kunden weniger"},
    "whatif.takeaway.less": {
        "en": "With these levers, today's customers bring {delta} less revenue over {months} months than on today's "
              "course (−{rel}), and {customers} at the end.",
        "de": "Mit diesen Reglern bringen die heutigen Kunden in {months} Monaten {delta} weniger Umsatz als im "
              "heutigen Verlauf (−{rel}), und am Ende {customers}.",
    },
}
