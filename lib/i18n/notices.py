"""Strings of cancellation management (Kündigungsmanagement): the win-back page's notices step,
the notice labels of the customer story and the 'notice pending' flag beside the stage."""
from __future__ import annotations

STRINGS = {
    "recovery.tab.notices": {"en": "Cancellation notices", "de": "Kündigungen"},
    "notices.caption": {
        "en": "Cancellation management: fending off a cancellation, or having it withdrawn, before it takes effect. "
              "Notices received in {period}, what became of them by the as-of date, and what saved the customers.",
        "de": "Kündigungsmanagement: eine Kündigung abwehren oder ihre Rücknahme erreichen, bevor sie wirksam wird. "
              "Kündigungen im Zeitraum {period}, was bis zum Stichtag aus ihnen wurde und was die Kunden gehalten hat.",
    },
    "notices.none": {
        "en": "This dataset holds no cancellation notices. Import events of type `cancellation_notice` with the fields "
              "outcome (took_effect, withdrawn, averted or open), outcome_date, effective_date, measure and reason "
              "to see notices, save rates and what saved the customers here.",
        "de": "Dieser Datensatz enthält keine Kündigungen. Importieren Sie Ereignisse vom Typ `cancellation_notice` "
              "(Kündigung) mit den Feldern outcome (Ergebnis: wirksam, zurückgenommen, abgewendet oder offen), "
              "outcome_date (erledigt am), effective_date (wirksam zum), measure (Halteangebot) und reason "
              "(Kündigungsgrund), dann zeigt dieser Schritt Kündigungen, Halteraten und was die Kunden gehalten hat.",
    },
    "notices.no_outcomes": {
        "en": "The dataset holds {n} cancellation notices, but none has an outcome, so no save rate can be measured. "
              "Import the fields outcome (took_effect, withdrawn, averted or open), outcome_date, effective_date, "
              "measure and reason with the events.",
        "de": "Der Datensatz enthält {n} Kündigungen, aber keine mit Ergebnis; eine Halterate lässt sich so nicht "
              "messen. Importieren Sie mit den Ereignissen die Felder outcome (Ergebnis: wirksam, zurückgenommen, "
              "abgewendet oder offen), outcome_date (erledigt am), effective_date (wirksam zum), measure "
              "(Halteangebot) und reason (Kündigungsgrund).",
    },
    "notices.no_notices_period": {"en": "No cancellation notice is dated in {period}.",
                                  "de": "Im Zeitraum {period} ist keine Kündigung eingegangen."},
    "notices.missing_measure": {
        "en": "{n} of the {total} decided notices of the period have no measure and {m} no reason: they count as “not "
              "given”. Import the fields measure and reason to break the save rate down by them.",
        "de": "{n} der {total} entschiedenen Kündigungen des Zeitraums haben kein Halteangebot und {m} keinen Grund: Sie "
              "zählen als „nicht angegeben“. Importieren Sie die Felder measure (Halteangebot) und reason (Kündigungsgrund), um die "
              "Halterate danach aufzuschlüsseln.",
    },
    # headline
    "notices.received": {"en": "Notices received", "de": "Kündigungen"},
    "notices.received.help": {
        "en": "Events of type cancellation notice dated in the period (a customer who gives notice twice counts twice).",
        "de": "Eingegangene Kündigungen: Ereignisse vom Typ Kündigung mit Datum im Zeitraum (wer zweimal kündigt, zählt "
              "zweimal).",
    },
    "notices.save_rate": {"en": "Save rate", "de": "Halterate"},
    "notices.save_rate.help": {
        "en": "Saved (averted by an offer or withdrawn by the customer) ÷ decided notices (took effect + saved) of the "
              "period, decided by the as-of date; open notices and notices without an outcome are not counted. "
              "In brackets the 95 % Wilson interval: {rate} [{lo}; {hi}] of {n}.",
        "de": "Gehalten (durch ein Angebot abgewendet oder vom Kunden zurückgenommen) ÷ entschiedene Kündigungen "
              "(wirksam + gehalten) des Zeitraums, entschieden bis zum Stichtag; offene Kündigungen und solche ohne "
              "Ergebnis zählen nicht. In Klammern das 95-%-Wilson-Intervall: {rate} [{lo}; {hi}] von {n}.",
    },
    "notices.saved": {"en": "Saved", "de": "Gehalten"},
    "notices.saved.help": {
        "en": "Notices of the period averted by an offer ({averted}) or withdrawn by the customer ({withdrawn}) by "
              "the as-of date.",
        "de": "Kündigungen des Zeitraums, bis zum Stichtag durch ein Angebot abgewendet ({averted}) oder vom Kunden "
              "zurückgenommen ({withdrawn}).",
    },
    "notices.open_now": {"en": "Open at the as-of date", "de": "Offen zum Stichtag"},
    "notices.open_now.help": {
        "en": "Customers with a notice pending at the as-of date: dated on or before it, not decided by then, and "
              "its effective date not passed (without an effective date: marked open, or decided only later).",
        "de": "Kunden mit einer zum Stichtag schwebenden Kündigung: bis zum Stichtag eingegangen, bis dahin nicht "
              "entschieden und das Wirksamkeitsdatum nicht überschritten (ohne Wirksamkeitsdatum: als offen markiert "
              "oder erst später entschieden).",
    },
    "notices.median_days": {"en": "Median days to the outcome", "de": "Median Tage bis zum Ergebnis"},
    "notices.median_days.help": {
        "en": "Days from the notice to its outcome date (outcome_date − date), median over the decided notices of the "
              "period that have an outcome date.",
        "de": "Tage von der Kündigung bis zum Datum des Ergebnisses (erledigt am − Datum), Median über die "
              "entschiedenen Kündigungen des Zeitraums mit Ergebnisdatum.",
    },
    # monthly
    "notices.monthly": {"en": "Notices received per month, by what became of them",
                        "de": "Eingegangene Kündigungen je Monat, nach ihrem Ausgang"},
    "notices.month": {"en": "Month of the notice", "de": "Monat der Kündigung"},
    "notices.count": {"en": "Notices", "de": "Kündigungen"},
    "notices.status": {"en": "Status at the as-of date", "de": "Stand zum Stichtag"},
    "notices.status.took_effect": {"en": "Took effect", "de": "Wirksam geworden"},
    "notices.status.averted": {"en": "Averted by an offer", "de": "Durch Angebot abgewendet"},
    "notices.status.withdrawn": {"en": "Withdrawn", "de": "Zurückgenommen"},
    "notices.status.open": {"en": "Open", "de": "Offen"},
    "notices.status.unknown": {"en": "No outcome recorded", "de": "Kein Ergebnis erfasst"},
    "notices.status.all": {"en": "All decided", "de": "Alle entschiedenen"},
    "notices.monthly.caption": {
        "en": "Status at the as-of date: an outcome dated later counts as open. A notice is open while it is neither "
              "decided nor past its effective date.",
        "de": "Stand zum Stichtag: ein später datiertes Ergebnis zählt als offen. Eine Kündigung ist offen, solange sie "
              "weder entschieden noch ihr Wirksamkeitsdatum überschritten ist.",
    },
    # save rates
    "notices.rates": {"en": "What saves customers: the save rate by", "de": "Was Kunden hält: die Halterate nach"},
    "notices.by.measure": {"en": "Measure offered", "de": "Halteangebot"},
    "notices.by.reason": {"en": "Reason", "de": "Kündigungsgrund"},
    "notices.by.segment": {"en": "Segment", "de": "Segment"},
    "notices.by.value_group": {"en": "Value group", "de": "Wertgruppe"},
    "notices.by.help": {
        "en": "Measure: what was offered to keep the customer. Reason: the notice's own reason, else that of the "
              "customer's churn record within 365 days after the notice. Value group at the notice: the customer's "
              "revenue in the 12 months before the notice, against the cut of the top 20 % by 12-month revenue at the "
              "as-of date (the risk page's value group).",
        "de": "Halteangebot: was dem Kunden angeboten wurde, um ihn zu halten. Grund: der Grund der Kündigung, sonst "
              "der des Abwanderungseintrags binnen 365 Tagen nach der Kündigung. Wertgruppe bei Kündigung: der Umsatz "
              "des Kunden in den 12 Monaten vor der Kündigung, gemessen an der Grenze der oberen 20 % nach "
              "12-Monats-Umsatz zum Stichtag (die Wertgruppe der Risikoseite).",
    },
    "notices.col.group": {"en": "Group", "de": "Gruppe"},
    "notices.col.decided": {"en": "Decided", "de": "Entschieden"},
    "notices.col.decided.help": {"en": "Notices that took effect, were averted or were withdrawn by the as-of date.",
                                 "de": "Kündigungen, die bis zum Stichtag wirksam, abgewendet oder zurückgenommen wurden."},
    "notices.col.saved": {"en": "Saved", "de": "Gehalten"},
    "notices.col.saved.help": {"en": "Averted by an offer or withdrawn by the customer.",
                               "de": "Durch ein Angebot abgewendet oder vom Kunden zurückgenommen."},
    "notices.col.averted": {"en": "Averted", "de": "Abgewendet"},
    "notices.col.withdrawn": {"en": "Withdrawn", "de": "Zurückgenommen"},
    "notices.col.rate": {"en": "Save rate [95 % interval]", "de": "Halterate [95-%-Intervall]"},
    "notices.col.rate.help": {"en": "Saved ÷ decided, with the 95 % Wilson interval.",
                              "de": "Gehalten ÷ entschieden, mit dem 95-%-Wilson-Intervall."},
    "notices.rate_axis": {"en": "Save rate", "de": "Halterate"},
    "notices.rates.caption": {
        "en": "Bars: save rate; lines: 95 % Wilson interval; the dashed line is the rate of all decided notices. "
              "Groups with few notices have wide intervals: only intervals that do not overlap show a clear difference.",
        "de": "Balken: Halterate; Linien: 95-%-Wilson-Intervall; die gestrichelte Linie ist die Rate aller "
              "entschiedenen Kündigungen. Kleine Gruppen haben breite Intervalle: Nur Intervalle, die sich nicht "
              "überschneiden, zeigen einen klaren Unterschied.",
    },
    "notices.not_given": {"en": "not given", "de": "nicht angegeben"},
    "notices.value.high": {"en": "High value (top 20 %)", "de": "Hoher Wert (obere 20 %)"},
    "notices.value.low": {"en": "Other customers", "de": "Übrige Kunden"},
    "notices.measure.discount": {"en": "Discount", "de": "Rabatt"},
    "notices.measure.contract_change": {"en": "Contract change", "de": "Vertragsänderung"},
    "notices.measure.personal_call": {"en": "Personal call", "de": "Persönlicher Anruf"},
    "notices.measure.service_fix": {"en": "Service fix", "de": "Service-Lösung"},
    "notices.measure.none": {"en": "No offer", "de": "Kein Angebot"},
    # time to outcome
    "notices.timing": {"en": "Time from notice to outcome", "de": "Zeit von der Kündigung bis zum Ergebnis"},
    "notices.col.outcome": {"en": "Outcome", "de": "Ergebnis"},
    "notices.col.n": {"en": "Notices", "de": "Kündigungen"},
    "notices.col.median": {"en": "Median days", "de": "Median Tage"},
    "notices.col.iqr": {"en": "Middle half (days)", "de": "Mittlere Hälfte (Tage)"},
    "notices.col.iqr.help": {"en": "25th to 75th percentile of the days from notice to outcome.",
                             "de": "25. bis 75. Perzentil der Tage von der Kündigung bis zum Ergebnis."},
    "notices.col.mean": {"en": "Mean days", "de": "Mittel Tage"},
    "notices.timing.caption": {
        "en": "Days = outcome_date − notice date, for the decided notices of the period that have an outcome date.",
        "de": "Tage = erledigt am − Datum der Kündigung, für die entschiedenen Kündigungen des Zeitraums mit "
              "Ergebnisdatum.",
    },
    # revenue kept
    "notices.kept": {"en": "Revenue and customer value kept", "de": "Gehaltener Umsatz und Kundenwert"},
    "notices.kept.revenue": {"en": "Revenue kept", "de": "Gehaltener Umsatz"},
    "notices.kept.revenue.help": {
        "en": "Net revenue of the saved customers in the 12 months after their notice (the notice day and the 364 "
              "days after it), for the {n} saved notices whose 12 months have passed by the as-of date (all history, "
              "not only the period). Before the notice (the 365 days before the notice day) they brought {before}.",
        "de": "Nettoumsatz der gehaltenen Kunden in den 12 Monaten nach ihrer Kündigung (der Tag der Kündigung und die "
              "364 Tage danach), für die {n} gehaltenen Kündigungen, deren 12 Monate zum Stichtag vergangen sind "
              "(die ganze Historie, nicht nur der Zeitraum). Vor der Kündigung (die 365 Tage vor dem Tag der "
              "Kündigung) brachten sie {before}.",
    },
    "notices.kept.ratio": {"en": "Revenue after ÷ before", "de": "Umsatz danach ÷ davor"},
    "notices.kept.ratio.help": {
        "en": "Net revenue of the 12 months after the notice ÷ net revenue of the 12 months before it, summed over the "
              "saved notices whose 12 months have passed. The same for customers whose notice took effect: {lost}.",
        "de": "Nettoumsatz der 12 Monate nach der Kündigung ÷ Nettoumsatz der 12 Monate davor, summiert über die "
              "gehaltenen Kündigungen, deren 12 Monate vergangen sind. Dasselbe für Kunden, deren Kündigung wirksam "
              "wurde: {lost}.",
    },
    "notices.kept.clv": {"en": "Customer value kept", "de": "Gehaltener CLV"},
    "notices.kept.clv.help": {
        "en": "Customer value at the notice: the sum of the CLV (12 months, the value page's model at the as-of date) that the saved customers had on "
              "the day before their notice, over all saved notices up to the as-of date: the value that would have "
              "left with them.",
        "de": "Kundenwert bei Kündigung: die Summe des CLV (12 Monate, Modell der Kundenwert-Seite zum Stichtag), den die gehaltenen Kunden am Tag "
              "vor ihrer Kündigung hatten, über alle gehaltenen Kündigungen bis zum Stichtag: der Wert, der mit ihnen "
              "gegangen wäre.",
    },
    "notices.kept.none": {
        "en": "No decided notice is 12 months old at this as-of date yet, so revenue after the notice cannot be compared.",
        "de": "Zu diesem Stichtag ist noch keine entschiedene Kündigung 12 Monate alt; der Umsatz danach lässt sich "
              "noch nicht vergleichen.",
    },
    "notices.kept.when": {"en": "Period", "de": "Zeitraum"},
    "notices.kept.before": {"en": "12 months before the notice", "de": "12 Monate vor der Kündigung"},
    "notices.kept.after": {"en": "12 months after the notice", "de": "12 Monate nach der Kündigung"},
    "notices.kept.mean": {"en": "Mean net revenue per notice", "de": "Mittlerer Nettoumsatz je Kündigung"},
    "notices.kept.caption": {
        "en": "Mean net revenue per notice in the 12 months before and after it, saved against lost customers "
              "({saved} and {lost} notices whose 12 months have passed).",
        "de": "Mittlerer Nettoumsatz je Kündigung in den 12 Monaten davor und danach, gehaltene gegen verlorene Kunden "
              "({saved} und {lost} Kündigungen, deren 12 Monate vergangen sind).",
    },
    "notices.grp.saved": {"en": "Saved", "de": "Gehalten"},
    "notices.grp.lost": {"en": "Lost after notice", "de": "Nach Kündigung verloren"},
    "notices.grp.lost_short": {"en": "Lost", "de": "Verloren"},
    # staying
    "notices.stay": {"en": "Do saved customers stay?", "de": "Bleiben gehaltene Kunden?"},
    "notices.stay.km": {"en": "Customers still not lost, by days since the notice",
                        "de": "Noch nicht verlorene Kunden, nach Tagen seit der Kündigung"},
    "notices.stay.days": {"en": "Days since the notice", "de": "Tage seit der Kündigung"},
    "notices.stay.share": {"en": "Not lost yet", "de": "Noch nicht verloren"},
    "notices.stay.at_risk": {"en": "Still followed", "de": "Noch beobachtet"},
    "notices.stay.caption": {
        "en": "Kaplan-Meier from the notice date to the customer's next loss (a churn record, or 365 days without a "
              "purchase: the lifecycle page's rule), censored at the as-of date, with 95 % bands; every decided "
              "notice up to the as-of date. Read the two curves differently: a customer whose notice took effect is lost by "
              "definition, so that curve only shows how long such notices ran until the loss; the saved customers' curve "
              "is what the saves bought, how long those customers then stay. The log-rank test (p {p}, {evidence}) "
              "therefore only confirms that saved customers outlast the ones who left, not that the offer caused it.",
        "de": "Kaplan-Meier vom Datum der Kündigung bis zum nächsten Verlust des Kunden (ein Abwanderungseintrag oder "
              "365 Tage ohne Kauf: die Regel der Lebenszyklus-Seite), zensiert am Stichtag, mit 95-%-Bändern; alle "
              "entschiedenen Kündigungen bis zum Stichtag. Die beiden Kurven sind verschieden zu lesen: Ein Kunde, dessen "
              "Kündigung wirksam wurde, ist per Definition verloren; diese Kurve zeigt nur, wie lange solche Kündigungen bis "
              "zum Verlust liefen. Die Kurve der gehaltenen Kunden zeigt, was das Halten gebracht hat: wie lange diese "
              "Kunden danach bleiben. Der Log-Rank-Test (p {p}, {evidence}) bestätigt daher nur, dass gehaltene Kunden "
              "länger bleiben als die gegangenen, nicht, dass das Angebot die Ursache war.",
    },
    "notices.again": {"en": "Gave notice again", "de": "Erneut gekündigt"},
    "notices.again.help": {
        "en": "Saved customers who gave notice again within 12 months: of the {n} saved notices at least 12 months old, the share followed by another notice of the same "
              "customer within 365 days; 95 % Wilson interval [{lo}; {hi}]. At any time so far: {any} of {saved} "
              "saved notices.",
        "de": "Gehaltene Kunden, die binnen 12 Monaten erneut kündigten: Von den {n} gehaltenen Kündigungen, die mindestens 12 Monate alt sind, der Anteil, auf den binnen 365 "
              "Tagen eine weitere Kündigung desselben Kunden folgte; 95-%-Wilson-Intervall [{lo}; {hi}]. Bisher "
              "überhaupt: {any} von {saved} gehaltenen Kündigungen.",
    },
    "notices.stay.lost_1y": {"en": "Saved, lost within a year", "de": "Gehalten, binnen eines Jahres verloren"},
    "notices.stay.lost_1y.help": {
        "en": "1 − the Kaplan-Meier survival of saved customers at 365 days after the notice (lost: a churn record or "
              "365 days without a purchase). Customers whose notice took effect: {lost}.",
        "de": "1 − die Kaplan-Meier-Überlebensrate gehaltener Kunden 365 Tage nach der Kündigung (verloren: ein "
              "Abwanderungseintrag oder 365 Tage ohne Kauf). Kunden, deren Kündigung wirksam wurde: {lost}.",
    },
    "notices.stay.none": {"en": "No notice has been decided by this as-of date.",
                          "de": "Bis zu diesem Stichtag ist keine Kündigung entschieden."},
    # open list
    "notices.open": {"en": "Customers with an open notice at the as-of date", "de": "Kunden mit offener Kündigung zum Stichtag"},
    "notices.open.caption": {
        "en": "{n} customers, sorted by CLV (the value page's 12-month CLV at the as-of date): the most valuable first, "
              "to call before the notice takes effect.",
        "de": "{n} Kunden, sortiert nach CLV (12-Monats-CLV der Kundenwert-Seite zum Stichtag): die wertvollsten "
              "zuerst, um sie vor dem Wirksamwerden anzurufen.",
    },
    "notices.open.none": {"en": "No customer has a notice pending at the as-of date.",
                          "de": "Zum Stichtag hat kein Kunde eine offene Kündigung."},
    "notices.col.customer": {"en": "Customer", "de": "Kunde"},
    "notices.col.name": {"en": "Name", "de": "Name"},
    "notices.col.notice_date": {"en": "Notice of", "de": "Kündigung vom"},
    "notices.col.effective": {"en": "Effective", "de": "Wirksam zum"},
    "notices.col.days_left": {"en": "Days left", "de": "Tage übrig"},
    "notices.col.days_left.help": {"en": "Days from the as-of date until the notice takes effect.",
                                   "de": "Tage vom Stichtag, bis die Kündigung wirksam wird."},
    "notices.col.measure": {"en": "Measure", "de": "Halteangebot"},
    "notices.col.reason": {"en": "Reason", "de": "Grund"},
    "notices.col.stage": {"en": "Stage", "de": "Stufe"},
    "notices.col.value_group": {"en": "Value group", "de": "Wertgruppe"},
    "notices.col.clv": {"en": "CLV", "de": "CLV"},
    "notices.col.clv.help": {"en": "Expected net revenue of the next 12 months, discounted at 10 % a year (value page).",
                             "de": "Erwarteter Nettoumsatz der nächsten 12 Monate, mit 10 % p. a. abgezinst (Kundenwert-Seite)."},
    "notices.col.p_alive": {"en": "P(alive)", "de": "P(aktiv)"},
    "notices.col.p_alive.help": {"en": "Probability that the customer is still active (BG/NBD, value page).",
                                 "de": "Wahrscheinlichkeit, dass der Kunde noch aktiv ist (BG/NBD, Kundenwert-Seite)."},
    # the flag beside the stage (lifecycle page, customer story)
    "notices.pending_flag": {"en": "notice pending", "de": "Kündigung offen"},
    "notices.pending_flag.help": {
        "en": "A cancellation notice is pending (given, not decided, effective date not passed). The stage stays the "
              "one the purchases give until the notice takes effect (the churn record makes the customer lost) or is "
              "withdrawn or averted.",
        "de": "Eine Kündigung ist offen (eingegangen, nicht entschieden, Wirksamkeitsdatum nicht überschritten). Die "
              "Stufe bleibt die, die sich aus den Käufen ergibt, bis die Kündigung wirksam wird (der "
              "Abwanderungseintrag macht den Kunden zu „abgewandert“) oder zurückgenommen bzw. abgewendet wird.",
    },
    "notices.lifecycle.pending": {
        "en": "Notice pending: {n} of these customers have a cancellation notice pending at the as-of date ({stages}). "
              "They stay in the stage their purchases give until the notice takes effect (the churn record makes them "
              "lost) or is withdrawn or averted; see Win-back → Cancellation notices.",
        "de": "Kündigung offen: {n} dieser Kunden haben zum Stichtag eine offene Kündigung ({stages}). Sie bleiben in "
              "der Stufe, die sich aus ihren Käufen ergibt, bis die Kündigung wirksam wird (der Abwanderungseintrag "
              "macht sie zu „abgewandert“) oder zurückgenommen bzw. abgewendet wird; siehe Kundenrückgewinnung → "
              "Kündigungen.",
    },
}
