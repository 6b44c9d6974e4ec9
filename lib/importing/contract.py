"""The data contract of the seven input tables as code: what a dataset may hold.

Owns the columns of each table (type, required, unique, allowed values, ranges, an example), the
header names in English and German that map a file's column to a contract column, which tables
must refer to known customers, and the one-row template per table. The SQL that checks and
converts a file's cells against this contract is :mod:`lib.importing.checks`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import pandas as pd

DECIMAL_LIMIT = 10 ** 16  # DECIMAL(18, 2) holds 16 digits before the point
INT_LIMIT = 2 ** 31 - 1


@dataclass(frozen=True)
class Column:
    """One column of the contract.

    ``kind``: ``text``; ``date``; ``decimal`` (DECIMAL(18,2)); ``int`` (whole number within
    ``lo``..``hi``); ``enum`` (one of ``values``, German and case variants accepted through
    ``synonyms``); ``code`` (free text, but the documented codes and their German names are
    stored as the code). ``when`` ties a column to the rows of some event types (the outcome of a
    cancellation notice belongs to a notice, not to a marketing mail).
    """

    name: str
    kind: str
    required: bool = False
    unique: bool = False
    values: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()
    lo: int | None = None
    hi: int | None = None
    future_ok: bool = False
    default: str | None = None
    headers: tuple[str, ...] = ()
    example: object = None
    #: Rows this column belongs to, by the value of another column (events: by ``type``): pairs of
    #: (this column's value, or ``"*"`` for any value; the other column's values that allow it).
    #: A filled cell outside them is a problem (``wrong_type``); an empty cell always fits.
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    when_column: str = "type"


def _syn(pairs: dict[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    out = []
    for canonical, words in pairs.items():
        out.append((canonical, canonical))
        out += [(w, canonical) for w in words]
    return tuple(out)


#: How a cancellation notice ended: it took effect, the customer withdrew it, or an offer averted it;
#: ``open`` (or empty): not decided yet. How a complaint or dispute ended: resolved or not (or open).
NOTICE_OUTCOMES = ("open", "took_effect", "withdrawn", "averted")
COMPLAINT_OUTCOMES = ("resolved", "unresolved")
#: Measures offered to keep a customer who gave notice (own codes are kept as written).
NOTICE_MEASURES = ("discount", "contract_change", "personal_call", "service_fix", "none")

#: Why a customer leaves (churn records) or gives notice (cancellation notices); own codes are kept.
CHURN_REASONS = ("price", "service", "product_quality", "competitor_offer", "relocation", "billing_dispute")
CHURN_REASON_SYNONYMS = _syn({
    "price": ("preis", "zu teuer"), "service": ("kundenservice",),
    "product_quality": ("product quality", "produktqualitaet", "qualitaet"),
    "competitor_offer": ("competitor offer", "wettbewerbsangebot", "angebot wettbewerber", "konkurrenzangebot"),
    "relocation": ("umzug", "kein bedarf", "no need", "relocation / no need"),
    "billing_dispute": ("billing dispute", "rechnungsstreit", "abrechnungsstreit"),
})

CUSTOMER_HEADERS = (
    "customer_id", "customer id", "customer", "customer no", "customer number", "customer nr", "cust id",
    "cust no", "client id", "client", "client number", "account id", "account number", "kundennummer",
    "kunden-nr", "kundennr", "kunden id", "kundenid", "kunde", "kd-nr", "kdnr", "kundnr", "debitor",
    "debitorennummer", "debitornummer", "debitor-nr", "debitorennr", "debitornr", "geschaeftspartner",
    "partnernummer", "kunden nummer",
)

TABLES: dict[str, tuple[Column, ...]] = {
    "transactions": (
        Column("customer_id", "text", required=True, headers=CUSTOMER_HEADERS, example="K0000001"),
        Column("date", "date", required=True, example="2025-04-29", headers=(
            "date", "order date", "transaction date", "purchase date", "invoice date", "sale date", "posting date",
            "document date", "datum", "belegdatum", "rechnungsdatum", "bestelldatum", "buchungsdatum",
            "auftragsdatum", "kaufdatum", "verkaufsdatum", "umsatzdatum", "leistungsdatum", "lieferdatum")),
        Column("amount", "decimal", required=True, example=26.78, headers=(
            "amount", "revenue", "sales", "net", "net amount", "net sales", "value", "total", "turnover",
            "umsatz", "betrag", "netto", "nettobetrag", "nettoumsatz", "umsatz netto", "wert", "summe",
            "umsatzbetrag", "betrag netto", "rechnungsbetrag", "nettowert")),
        Column("order_id", "text", unique=True, example="A00000001", headers=(
            "order_id", "order id", "order", "order no", "order number", "document no", "document number",
            "transaction id", "receipt no", "auftragsnummer", "auftragsnr", "auftrag", "bestellnummer",
            "bestellnr", "belegnummer", "belegnr", "beleg", "rechnungsnummer", "rechnungsnr", "vorgangsnummer")),
        Column("quantity", "int", lo=-INT_LIMIT, hi=INT_LIMIT, example=1, headers=(
            "quantity", "qty", "units", "items", "pieces", "menge", "anzahl", "stueck", "stk", "stueckzahl")),
        Column("product", "text", example="Hardware", headers=(
            "product", "product group", "item", "article", "sku", "category", "produkt", "artikel",
            "produktgruppe", "warengruppe", "artikelgruppe", "sparte", "artikelnummer")),
        Column("channel", "text", example="online", headers=(
            "channel", "sales channel", "vertriebsweg", "kanal", "vertriebskanal", "verkaufskanal", "absatzkanal")),
    ),
    "customers": (
        Column("customer_id", "text", required=True, unique=True, headers=CUSTOMER_HEADERS, example="K0000005"),
        Column("name", "text", example="Weber Logistik GmbH", headers=(
            "name", "customer name", "company", "company name", "firma", "kundenname", "name 1", "firmenname",
            "name1", "kunde name")),
        Column("segment", "text", example="B2B SME", headers=(
            "segment", "customer segment", "customer group", "kundensegment", "kundengruppe", "kundentyp",
            "kundenklasse")),
        Column("region", "text", example="Süd", headers=(
            "region", "area", "sales region", "territory", "gebiet", "verkaufsgebiet", "vertriebsgebiet")),
        Column("acquisition_channel", "text", example="Messe", headers=(
            "acquisition channel", "acquisition", "lead source", "source", "akquisekanal", "akquisitionskanal",
            "herkunft", "quelle", "gewinnungskanal", "kanal der gewinnung")),
        Column("first_contact_date", "date", example="2023-08-14", headers=(
            "first contact date", "first contact", "created", "created at", "create date", "customer since",
            "erstkontakt", "erstkontaktdatum", "datum erstkontakt", "anlagedatum", "angelegt am", "kunde seit")),
        Column("account_manager", "text", example="C. Wagner", headers=(
            "account manager", "owner", "sales rep", "manager", "betreuer", "kundenbetreuer", "ansprechpartner",
            "vertriebsmitarbeiter", "aussendienstmitarbeiter", "verantwortlich", "vertreter")),
    ),
    "events": (
        Column("customer_id", "text", required=True, headers=CUSTOMER_HEADERS, example="K0000001"),
        Column("date", "date", required=True, example="2025-05-17", headers=(
            "date", "event date", "contact date", "datum", "kontaktdatum", "ereignisdatum", "vorgangsdatum")),
        Column("type", "enum", required=True, example="complaint",
               values=("complaint", "contact", "dispute", "competitor_mention", "marketing", "cancellation_notice",
                       "negotiation", "manager_change", "other"),
               synonyms=_syn({
                   "complaint": ("beschwerde", "reklamation"),
                   "contact": ("kontakt", "anruf", "besuch", "call"),
                   "dispute": ("streitfall", "streit", "zahlungsstreit", "disput"),
                   "competitor_mention": ("competitor mention", "wettbewerber", "wettbewerbererwaehnung",
                                          "wettbewerber erwaehnt", "konkurrenz"),
                   "marketing": ("werbung", "newsletter", "mailing"),
                   "cancellation_notice": ("cancellation notice", "kuendigung", "kuendigungsankuendigung",
                                           "kuendigungsandrohung"),
                   "negotiation": ("price negotiation", "verhandlung", "preisverhandlung", "preisdruck",
                                   "rabattforderung", "nachverhandlung"),
                   "manager_change": ("manager change", "account manager change", "contact person change",
                                      "betreuerwechsel", "ansprechpartnerwechsel", "kundenbetreuerwechsel"),
                   "other": ("sonstiges", "andere", "sonstige"),
               }),
               headers=("type", "event type", "category", "kind", "art", "typ", "ereignisart", "kontaktart",
                        "vorgangsart", "ereignistyp")),
        Column("direction", "enum", example="inbound", values=("inbound", "outbound"),
               synonyms=_syn({"inbound": ("eingehend", "eingang", "in"), "outbound": ("ausgehend", "ausgang", "out")}),
               headers=("direction", "richtung")),
        Column("channel", "text", example="letter", headers=(
            "channel", "medium", "kanal", "kontaktkanal", "kontaktweg", "weg")),
        Column("note", "text", example="Lieferung beschädigt", headers=(
            "note", "notes", "comment", "text", "description", "subject", "notiz", "bemerkung", "kommentar",
            "beschreibung", "betreff", "anmerkung")),
        # How a cancellation notice or a complaint ended (all optional; old files stay valid).
        Column("outcome", "enum", example="resolved", values=NOTICE_OUTCOMES + COMPLAINT_OUTCOMES,
               synonyms=_syn({
                   "took_effect": ("took effect", "effective", "wirksam", "wirksam geworden", "vollzogen",
                                   "gekuendigt", "ausgetreten"),
                   "withdrawn": ("zurueckgenommen", "zurueckgezogen", "ruecknahme", "widerrufen", "revoked"),
                   "averted": ("averted by offer", "saved", "prevented", "abgewendet", "abgewehrt", "gerettet",
                               "gehalten"),
                   "resolved": ("solved", "closed", "geloest", "erledigt", "behoben", "abgeschlossen"),
                   "unresolved": ("not resolved", "ungeloest", "nicht geloest", "unerledigt", "abgelehnt"),
                   "open": ("pending", "offen", "in bearbeitung", "laufend", "schwebend"),
               }),
               when=(("open", ("cancellation_notice", "complaint", "dispute")),
                     ("took_effect", ("cancellation_notice",)),
                     ("withdrawn", ("cancellation_notice",)), ("averted", ("cancellation_notice",)),
                     ("resolved", ("complaint", "dispute")), ("unresolved", ("complaint", "dispute"))),
               headers=("outcome", "result", "status", "resolution", "ergebnis", "ausgang", "status kuendigung",
                        "kuendigungsstatus", "loesung", "erledigung", "bearbeitungsstatus")),
        Column("outcome_date", "date", example="2025-05-20",
               when=(("*", ("cancellation_notice", "complaint", "dispute")),),
               headers=("outcome date", "resolved date", "resolution date", "closed date", "date resolved",
                        "decision date", "datum ergebnis", "erledigt am", "geloest am", "abschlussdatum",
                        "erledigungsdatum", "entscheidungsdatum")),
        Column("effective_date", "date", future_ok=True, example=None,
               when=(("*", ("cancellation_notice",)),),
               headers=("effective date", "effective", "cancellation effective", "notice effective", "end of contract",
                        "wirksam zum", "wirksamkeitsdatum", "kuendigung wirksam", "vertragsende zum",
                        "kuendigungstermin", "austritt zum")),
        Column("measure", "code", example=None, values=NOTICE_MEASURES,
               synonyms=_syn({
                   "discount": ("rabatt", "nachlass", "preisnachlass"),
                   "contract_change": ("contract change", "vertragsaenderung", "tarifwechsel", "vertragsanpassung",
                                       "downgrade", "pause"),
                   "personal_call": ("personal call", "persoenlicher anruf", "anruf", "gespraech"),
                   "service_fix": ("service fix", "problem fixed", "serviceloesung", "fehlerbehebung",
                                   "nachbesserung"),
                   "none": ("no offer", "kein angebot", "keine massnahme", "ohne"),
               }),
               when=(("*", ("cancellation_notice",)),),
               headers=("measure", "offer", "retention offer", "save offer", "massnahme", "angebot",
                        "halteangebot", "rueckhalteangebot", "gegenangebot")),
        Column("satisfied", "enum", example="yes", values=("yes", "no"),
               synonyms=_syn({"yes": ("ja", "j", "y", "true", "wahr", "1", "zufrieden"),
                              "no": ("nein", "n", "false", "falsch", "0", "unzufrieden")}),
               when=(("*", ("complaint", "dispute")),),
               headers=("satisfied", "satisfied with resolution", "customer satisfied", "resolution satisfied",
                        "zufrieden", "kunde zufrieden", "zufrieden mit loesung", "zufriedenheit loesung")),
        Column("reason", "code", example=None, values=CHURN_REASONS, synonyms=CHURN_REASON_SYNONYMS,
               when=(("*", ("cancellation_notice",)),),
               # not the bare "Grund": a churn file (Kunde, Datum, Grund, Art) must stay a churn file
               headers=("reason", "notice reason", "cancellation reason", "reason for cancellation",
                        "kuendigungsgrund", "grund der kuendigung", "kuendigungsursache")),
    ),
    "invoices": (
        Column("customer_id", "text", required=True, headers=CUSTOMER_HEADERS, example="K0000005"),
        Column("invoice_date", "date", required=True, example="2024-12-31", headers=(
            "invoice date", "date", "billing date", "rechnungsdatum", "datum", "belegdatum", "fakturadatum")),
        Column("due_date", "date", required=True, future_ok=True, example="2025-01-30", headers=(
            "due date", "due", "payment due", "due on", "faelligkeit", "faellig am", "faelligkeitsdatum",
            "zahlungsziel", "faellig", "netto faellig")),
        Column("amount", "decimal", required=True, example=425.29, headers=(
            "amount", "invoice amount", "total", "betrag", "rechnungsbetrag", "summe", "netto", "brutto",
            "bruttobetrag", "nettobetrag", "offener betrag")),
        Column("paid_date", "date", example="2025-02-05", headers=(
            "paid date", "payment date", "paid on", "paid", "bezahlt am", "zahlungsdatum", "zahldatum",
            "ausgleichsdatum", "bezahlt", "zahlungseingang")),
        Column("invoice_id", "text", unique=True, example="R202412-0000005", headers=(
            "invoice id", "invoice no", "invoice number", "invoice", "rechnungsnummer", "rechnungsnr",
            "rechnung", "belegnummer", "belegnr")),
    ),
    "churn": (
        Column("customer_id", "text", required=True, headers=CUSTOMER_HEADERS, example="K0000014"),
        Column("date", "date", required=True, example="2025-01-04", headers=(
            "date", "churn date", "cancellation date", "lost date", "end date", "datum", "kuendigungsdatum",
            "abwanderungsdatum", "austrittsdatum", "vertragsende", "verlustdatum", "kuendigung zum")),
        Column("reason", "code", example="service", values=CHURN_REASONS, synonyms=CHURN_REASON_SYNONYMS,
               headers=("reason", "churn reason", "cancellation reason", "grund", "kuendigungsgrund",
                        "abwanderungsgrund", "verlustgrund")),
        Column("kind", "enum", example="cancellation", values=("cancellation", "silent"),
               synonyms=_syn({"cancellation": ("kuendigung", "explizit", "explicit"),
                              "silent": ("still", "stille abwanderung", "schleichend", "implizit")}),
               headers=("kind", "churn type", "type", "art", "kuendigungsart", "typ", "abwanderungsart")),
    ),
    "winback": (
        Column("customer_id", "text", required=True, headers=CUSTOMER_HEADERS, example="K0000003"),
        Column("date", "date", required=True, example="2025-09-11", headers=(
            "date", "contact date", "campaign date", "datum", "kontaktdatum", "aktionsdatum")),
        Column("campaign", "text", required=True, example="Win-back 2025-Q3", headers=(
            "campaign", "campaign name", "kampagne", "aktion", "kampagnenname")),
        Column("measure", "code", required=True, example="apology_gift",
               values=("discount", "personal_call", "apology_gift", "new_offer"),
               synonyms=_syn({
                   "discount": ("rabatt", "nachlass"),
                   "personal_call": ("personal call", "persoenlicher anruf", "anruf"),
                   "apology_gift": ("apology gift", "entschuldigungsgeschenk", "geschenk", "entschuldigung"),
                   "new_offer": ("new offer", "neues angebot", "angebot"),
               }),
               headers=("measure", "action", "offer", "massnahme", "angebot", "rueckgewinnungsmassnahme")),
        Column("group", "enum", default="treatment", example="treatment", values=("treatment", "control"),
               synonyms=_syn({"treatment": ("massnahme", "behandlung", "testgruppe", "kontaktiert"),
                              "control": ("kontrolle", "kontrollgruppe", "control group")}),
               headers=("group", "test group", "gruppe", "testgruppe", "versuchsgruppe")),
        Column("cost", "decimal", example=47.25, headers=("cost", "costs", "kosten", "aufwand")),
    ),
    "surveys": (
        Column("customer_id", "text", required=True, headers=CUSTOMER_HEADERS, example="K0000001"),
        Column("date", "date", required=True, example="2025-06-20", headers=(
            "date", "survey date", "response date", "answer date", "datum", "umfragedatum", "befragungsdatum",
            "antwortdatum")),
        Column("sale_satisfaction", "int", lo=1, hi=5, example=4, headers=(
            "sale satisfaction", "satisfaction sale", "purchase satisfaction", "sales satisfaction",
            "zufriedenheit kauf", "zufriedenheit verkauf", "kaufzufriedenheit", "zufriedenheit beratung")),
        Column("aftersales_satisfaction", "int", lo=1, hi=5, example=5, headers=(
            "aftersales satisfaction", "after sales satisfaction", "service satisfaction", "satisfaction service",
            "zufriedenheit service", "servicezufriedenheit", "zufriedenheit kundendienst",
            "zufriedenheit after sales", "zufriedenheit aftersales")),
        Column("nps", "int", lo=0, hi=10, example=8, headers=(
            "nps", "net promoter score", "recommend", "likelihood to recommend", "weiterempfehlung",
            "empfehlung", "weiterempfehlungsbereitschaft")),
    ),
}

#: DuckDB type each kind is stored as (for a preview "as stored").
STORED_TYPE = {"text": "VARCHAR", "date": "DATE", "decimal": "DECIMAL(18, 2)", "enum": "VARCHAR", "code": "VARCHAR"}


def columns(table: str) -> tuple[Column, ...]:
    return TABLES[table]


def column(table: str, name: str) -> Column:
    for c in TABLES[table]:
        if c.name == name:
            return c
    raise KeyError(f"{table}.{name}")


def stored_type(col: Column) -> str:
    if col.kind == "int":
        return "TINYINT" if col.hi is not None and col.hi <= 127 and col.lo is not None and col.lo >= -128 else "INTEGER"
    return STORED_TYPE[col.kind]


# --- header names ------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """A header reduced for matching: lower case, umlauts spelled out, only letters and digits.

    Examples
    --------
    >>> normalise(" Kunden-Nr. "), normalise("Fälligkeit"), normalise("Straße")
    ('kundennr', 'faelligkeit', 'strasse')
    """
    text = text.strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


def header_score(table: str, col: Column, header: str) -> int:
    """How well ``header`` names ``col``: 3 exact (the contract name or a known synonym), 1 when
    a known synonym of 7+ letters is part of it, else 0."""
    h = normalise(header)
    if not h:
        return 0
    names = {normalise(col.name)} | {normalise(x) for x in col.headers}
    if h in names:
        return 3
    if any(len(n) >= 7 and n in h for n in names):
        return 1
    return 0


#: Input tables whose customer ids must appear in transactions or customers.
REFERENCING = ("events", "invoices", "churn", "winback", "surveys")


#: Further example rows of a template, where one row cannot show every column (an event is a
#: complaint or a cancellation notice, not both); columns left out stay empty.
MORE_EXAMPLES = {
    "events": ({"customer_id": "K0000002", "date": "2025-06-02", "type": "cancellation_notice",
                "direction": "inbound", "channel": "letter", "note": "Kündigung zum 30.09.",
                "outcome": "averted", "outcome_date": "2025-06-16", "effective_date": "2025-09-30",
                "measure": "contract_change", "reason": "price"},),
}


def template(table: str) -> pd.DataFrame:
    """An example of ``table`` with the contract's column names (the template download): one row,
    plus :data:`MORE_EXAMPLES` where one row cannot show every column."""
    rows = [{col.name: col.example for col in TABLES[table]}]
    rows += [{col.name: extra.get(col.name) for col in TABLES[table]} for extra in MORE_EXAMPLES.get(table, ())]
    for row in rows:
        for col in TABLES[table]:
            if col.kind == "date" and isinstance(row[col.name], str):
                row[col.name] = date.fromisoformat(row[col.name])
    return pd.DataFrame(rows)
