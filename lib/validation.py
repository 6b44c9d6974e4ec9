"""The data contract of the seven input tables as code, and the SQL that checks and converts
imported values.

Owns: the columns of each table (type, required, unique, allowed values, ranges), the header
names in English and German that map a file's column to a contract column, and the DuckDB
expressions that turn a source column (text, number or date) into the stored value plus a
problem code. All checking runs in DuckDB over whole columns; nothing is checked row by row in
Python.

The expressions depend on which columns a file maps, so they are composed here from fixed
templates: identifiers are generated (``c1``, ``r_amount``, ...) or come from the contract,
never from a file; every value a person can influence (date formats, separators) is a bound
parameter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lib import formats

DECIMAL_LIMIT = 10 ** 16  # DECIMAL(18, 2) holds 16 digits before the point
INT_LIMIT = 2 ** 31 - 1


@dataclass(frozen=True)
class Column:
    """One column of the contract.

    ``kind``: ``text``; ``date``; ``decimal`` (DECIMAL(18,2)); ``int`` (whole number within
    ``lo``..``hi``); ``enum`` (one of ``values``, German and case variants accepted through
    ``synonyms``); ``code`` (free text, but the documented codes and their German names are
    stored as the code).
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


def _syn(pairs: dict[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    out = []
    for canonical, words in pairs.items():
        out.append((canonical, canonical))
        out += [(w, canonical) for w in words]
    return tuple(out)


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
                       "other"),
               synonyms=_syn({
                   "complaint": ("beschwerde", "reklamation"),
                   "contact": ("kontakt", "anruf", "besuch", "call"),
                   "dispute": ("streitfall", "streit", "zahlungsstreit", "disput"),
                   "competitor_mention": ("competitor mention", "wettbewerber", "wettbewerbererwaehnung",
                                          "wettbewerber erwaehnt", "konkurrenz"),
                   "marketing": ("werbung", "newsletter", "mailing"),
                   "cancellation_notice": ("cancellation notice", "kuendigung", "kuendigungsankuendigung",
                                           "kuendigungsandrohung"),
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
        Column("reason", "code", example="service",
               values=("price", "service", "product_quality", "competitor_offer", "relocation", "billing_dispute"),
               synonyms=_syn({
                   "price": ("preis", "zu teuer"), "service": ("kundenservice",),
                   "product_quality": ("product quality", "produktqualitaet", "qualitaet"),
                   "competitor_offer": ("competitor offer", "wettbewerbsangebot", "angebot wettbewerber",
                                        "konkurrenzangebot"),
                   "relocation": ("umzug", "kein bedarf", "no need", "relocation / no need"),
                   "billing_dispute": ("billing dispute", "rechnungsstreit", "abrechnungsstreit"),
               }),
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


# --- SQL expressions ---------------------------------------------------------------------------------

#: Problem codes (``data.problem.<code>`` in lib.i18n) a cell can have.
ROW_CODES = ("missing", "bad_date", "impossible_date", "date_too_early", "date_future", "bad_number",
             "not_finite", "too_many_decimals", "out_of_range", "not_whole", "bad_value")

_DATE_SHAPE = {
    "iso": r"\d{4}-\d{1,2}-\d{1,2}", "dmy": r"\d{1,2}\.\d{1,2}\.\d{4}", "dmy2": r"\d{1,2}\.\d{1,2}\.\d{2}",
    "ymd": r"\d{8}", "dmy_slash": r"\d{1,2}/\d{1,2}/\d{4}", "mdy_slash": r"\d{1,2}/\d{1,2}/\d{4}",
    "ymd_slash": r"\d{4}/\d{1,2}/\d{1,2}",
}
_INF = ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "+nan", "-nan", "#num!", "#div/0!")


def number_pattern(decimal: str, thousands: str, places: int | None = None) -> str:
    """The regular expression a number written with these separators must match in full: a
    sign in front or a trailing minus (as SAP writes it), thousands only in groups of three, and
    with ``places`` at most that many decimals (more only as trailing zeros).

    Examples
    --------
    >>> bool(re.fullmatch(number_pattern(",", "."), "-1.234.567,891"))
    True
    >>> bool(re.fullmatch(number_pattern(",", "."), "1.23,4")), bool(re.fullmatch(number_pattern(".", ""), "1e5"))
    (False, False)
    >>> bool(re.fullmatch(number_pattern(".", "", 2), "12.340")), bool(re.fullmatch(number_pattern(".", "", 2), "12.345"))
    (True, False)
    >>> bool(re.fullmatch(number_pattern(",", "", 0), "7,00")), bool(re.fullmatch(number_pattern(",", "", 0), "7,5"))
    (True, False)
    """
    d, t = re.escape(decimal), re.escape(thousands)
    whole = rf"(\d{{1,3}}({t}\d{{3}})+|\d+)" if thousands else r"\d+"
    frac = r"\d*" if places is None else (rf"\d{{0,{places}}}0*" if places else "0*")
    lead = "" if places == 0 else rf"|{d}\d{{0,{places}}}0*" if places else rf"|{d}\d+"
    return rf"\s*[+-]?({whole}({d}{frac})?{lead})-?\s*"


def value_key(text: str) -> str:
    """An enumerated value reduced for matching (as the SQL reduces cells).

    Examples
    --------
    >>> value_key(" Kündigung "), value_key("competitor_mention")
    ('kuendigung', 'competitor mention')
    """
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Source:
    """How the SQL sees one file: ``mapping`` says which source column (``c<i+1>``) feeds each
    contract column, ``types[i]`` is that source column's DuckDB type, and the separators and
    date format say how text is read. ``params`` collects the bound parameters the generated SQL
    uses."""

    types: list[str]
    mapping: dict[str, int]
    decimal: str = "."
    thousands: str = ""
    date_format: str = "iso"
    params: dict = field(default_factory=dict)

    def param(self, name: str, value) -> str:
        self.params[name] = value
        return f"${name}"

    def source_class(self, col: Column) -> str | None:
        i = self.mapping.get(col.name)
        return _class(self.types[i]) if i is not None else None


def _class(duck_type: str) -> str:
    t = duck_type.upper()
    if t.startswith(("DECIMAL", "NUMERIC")) or t in (
            "DOUBLE", "FLOAT", "REAL", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT"):
        return "number"
    if t == "DATE" or t.startswith("TIMESTAMP"):
        return "temporal"
    if t == "VARCHAR":
        return "text"
    return "other"


def _text(r: str, cls: str | None) -> str:
    """The cell as trimmed text, NULL when blank (numbers and dates written out)."""
    if cls is None:
        return "CAST(NULL AS VARCHAR)"
    if cls == "text":
        return f"NULLIF(trim({r}), '')"
    if cls == "number":
        d = f"CAST({r} AS DOUBLE)"
        return (f"CASE WHEN isfinite({d}) AND {d} = trunc({d}) AND abs({d}) < 1e15 "
                f"THEN CAST(CAST({d} AS BIGINT) AS VARCHAR) ELSE CAST({r} AS VARCHAR) END")
    if cls == "temporal":
        return (f"CASE WHEN CAST({r} AS TIMESTAMP) = CAST(CAST({r} AS DATE) AS TIMESTAMP) "
                f"THEN CAST(CAST({r} AS DATE) AS VARCHAR) ELSE CAST({r} AS VARCHAR) END")
    return f"NULLIF(trim(CAST({r} AS VARCHAR)), '')"


def _key(t: str) -> str:
    low = f"lower({t})"
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        low = f"replace({low}, '{a}', '{b}')"
    return f"trim(regexp_replace(strip_accents({low}), '[^a-z0-9]+', ' ', 'g'))"


def _normalised_number(x: str, src: Source) -> str:
    """A written number as DuckDB casts it: trailing minus moved to the front, separators
    normalised."""
    out = f"CASE WHEN rtrim({x}) LIKE '%-' THEN '-' || rtrim(rtrim({x}), '-') ELSE {x} END"
    if src.thousands:
        out = f"replace({out}, {src.param('thousands', src.thousands)}, '')"
    if src.decimal != ".":
        out = f"replace({out}, {src.param('decimal', src.decimal)}, '.')"
    return out


def _value(col: Column, src: Source, x: str, fast: bool) -> str:
    """The stored value of ``col`` from ``x``: the raw cell (fast path) or the trimmed text
    (diagnosis) for text sources, the raw typed cell otherwise. Both paths use the same
    conversion, so a row converts to the same value whichever path writes it (a cell with spaces
    around it misses in the fast path and sends the file to the diagnosis, which trims)."""
    cls = src.source_class(col)
    if cls is None:
        return f"'{col.default}'" if col.default else f"CAST(NULL AS {stored_type(col)})"
    if cls in ("other",):
        x, cls = f"CAST({x} AS VARCHAR)", "text"
    if col.kind == "text":
        if cls == "text":
            # not blank; a first character that is printable ASCII other than the space settles
            # it without trim(), which on four text columns of 20 million rows cost 1.3 s
            return f"CASE WHEN ascii({x}) BETWEEN 33 AND 126 THEN {x} WHEN trim({x}) <> '' THEN {x} END"
        return _text(x, cls)
    if col.kind == "date":
        if cls == "temporal":
            return f"CAST({x} AS DATE)"
        if cls == "number":
            x = _text(x, cls)
        fmts = src.param("date_formats", formats.duckdb_date_formats(src.date_format))
        d = f"CAST(try_strptime({x}, {fmts}) AS DATE)"
        if src.date_format == "dmy2":  # two digits: a year in the future is last century
            d = f"(CASE WHEN {d} > current_date THEN CAST({d} - INTERVAL 100 YEAR AS DATE) ELSE {d} END)"
        return d
    if col.kind in ("decimal", "int"):
        if cls == "number":
            w = f"CAST({x} AS DOUBLE)"
            ok = f"isfinite({w}) AND abs({w}) < {DECIMAL_LIMIT}"
            if col.kind == "decimal":
                return f"CASE WHEN {ok} AND abs({w} * 100 - round({w} * 100)) < 1e-6 THEN CAST({w} AS DECIMAL(18, 2)) END"
            lo, hi = _bounds(col)
            return f"CASE WHEN {ok} AND {w} = trunc({w}) AND {w} BETWEEN {lo} AND {hi} THEN CAST({w} AS {stored_type(col)}) END"
        if cls == "temporal":
            return f"CAST(NULL AS {stored_type(col)})"
        places = 2 if col.kind == "decimal" else 0
        pattern = src.param(f"strict_{places}", number_pattern(src.decimal, src.thousands, places))
        d = f"WHEN regexp_full_match({x}, {pattern}) THEN TRY_CAST({_normalised_number(x, src)} AS DECIMAL(18, 2))"
        if src.decimal == "." and not src.thousands:
            # The usual cell first: one DuckDB writes back unchanged is a plain number the pattern
            # accepts with the same value, so the regular expression (the costly part on 20
            # million rows) only sees the rest. The result is the same either way.
            plain = "DECIMAL(18, 2)" if col.kind == "decimal" else "BIGINT"
            d = f"WHEN CAST(TRY_CAST({x} AS {plain}) AS VARCHAR) = {x} THEN TRY_CAST({x} AS DECIMAL(18, 2)) {d}"
        d = f"CASE {d} END"
        if col.kind == "decimal":
            return d
        lo, hi = _bounds(col)
        out = f"CASE WHEN {d} BETWEEN {lo} AND {hi} THEN CAST({d} AS {stored_type(col)}) END"
        if src.decimal == "." and not src.thousands:  # a plain whole number in range: directly
            n = f"TRY_CAST({x} AS BIGINT)"
            out = (f"CASE WHEN CAST({n} AS VARCHAR) = {x} THEN CASE WHEN {n} BETWEEN {lo} AND {hi} "
                   f"THEN CAST({n} AS {stored_type(col)}) END ELSE {out} END")
        return f"({out})"
    if col.kind in ("enum", "code"):
        text = x if cls == "text" else _text(x, cls)
        pairs = dict((value_key(k), v) for k, v in col.synonyms)
        keys = src.param(f"keys_{col.name}", list(pairs))
        vals = src.param(f"vals_{col.name}", list(pairs.values()))
        hit = f"{vals}[list_position({keys}, {_key(text)})]"
        if col.kind == "code":
            return f"CASE WHEN trim({text}) <> '' THEN coalesce({hit}, {text}) END"
        if col.default:
            return f"CASE WHEN {text} IS NULL OR trim({text}) = '' THEN '{col.default}' ELSE {hit} END"
        return hit
    raise ValueError(col.kind)


def _bounds(col: Column) -> tuple[int, int]:
    return (col.lo if col.lo is not None else -INT_LIMIT, col.hi if col.hi is not None else INT_LIMIT)


def _fast_bad(col: Column, src: Source, x: str, v: str) -> str | None:
    """True when the cell has a problem (fast path; the diagnosis says which)."""
    cls = src.source_class(col)
    if cls is None:
        return "true" if col.required and not col.default else None
    if col.kind == "text":
        return f"{v} IS NULL" if col.required else None
    if col.required and not col.default:
        missing = f"{v} IS NULL"
    else:
        missing = f"({v} IS NULL AND {x} IS NOT NULL AND trim(CAST({x} AS VARCHAR)) <> '')"
    if col.kind == "date":
        future = "" if col.future_ok else f" OR {v} > current_date"
        return f"({missing} OR {v} < DATE '1900-01-01'{future})"
    return missing


def _codes(col: Column, src: Source) -> str:
    """The problem code of a cell in the diagnosis (NULL when fine), from ``t_``, ``v_``."""
    n, cls = col.name, src.source_class(col)
    t, v, r = f"t_{n}", f"v_{n}", f"r_{n}"
    blank = "'missing'" if col.required and not col.default else "NULL"
    if cls is None:
        return blank
    whens = []
    if col.kind == "date":
        if cls != "temporal":
            shape = src.param("date_shape", _DATE_SHAPE[src.date_format] + r"([ T].*)?")
            whens.append(f"WHEN {v} IS NULL AND regexp_full_match({t}, {shape}) THEN 'impossible_date'")
        whens.append(f"WHEN {v} IS NULL THEN 'bad_date'")
        whens.append(f"WHEN {v} < DATE '1900-01-01' THEN 'date_too_early'")
        if not col.future_ok:
            whens.append(f"WHEN {v} > current_date THEN 'date_future'")
    elif col.kind in ("decimal", "int"):
        if cls == "number":
            w = f"CAST({r} AS DOUBLE)"
            whens.append(f"WHEN NOT isfinite({w}) THEN 'not_finite'")
            if col.kind == "decimal":
                whens.append(f"WHEN abs({w} * 100 - round({w} * 100)) >= 1e-6 THEN 'too_many_decimals'")
            else:
                whens.append(f"WHEN {w} <> trunc({w}) THEN 'not_whole'")
        elif cls == "temporal":
            whens.append("WHEN true THEN 'bad_number'")
        else:
            inf = "(" + ", ".join(f"'{x}'" for x in _INF) + ")"
            general = src.param("general", number_pattern(src.decimal, src.thousands))
            strict = src.param(f"strict_{2 if col.kind == 'decimal' else 0}",
                               number_pattern(src.decimal, src.thousands, 2 if col.kind == "decimal" else 0))
            whens.append(f"WHEN lower({t}) IN {inf} THEN 'not_finite'")
            whens.append(f"WHEN NOT regexp_full_match({t}, {general}) THEN 'bad_number'")
            whens.append(f"WHEN NOT regexp_full_match({t}, {strict}) THEN "
                         f"'{'too_many_decimals' if col.kind == 'decimal' else 'not_whole'}'")
        whens.append(f"WHEN {v} IS NULL THEN 'out_of_range'")
    elif col.kind == "enum":
        whens.append(f"WHEN {v} IS NULL THEN 'bad_value'")
    if not whens and blank == "NULL":
        return "NULL"
    return f"CASE WHEN {t} IS NULL THEN {blank} {' '.join(whens)} END"


def _raw(table: str, src: Source) -> str:
    return ", ".join(
        f"c{src.mapping[c.name] + 1} AS r_{c.name}" if c.name in src.mapping else f"CAST(NULL AS VARCHAR) AS r_{c.name}"
        for c in TABLES[table])


def fast_select(table: str, src: Source, source_sql: str) -> str:
    """The stored values of ``table`` from ``source_sql`` (columns ``c1 .. cN``), raising
    DuckDB's ``error()`` at the first row with a problem: a clean file is written in one pass;
    any problem sends the import to the diagnosis, which lists them all."""
    cols = TABLES[table]
    values = ", ".join(f"{_value(c, src, 'r_' + c.name, fast=True)} AS v_{c.name}" for c in cols)
    bad = [b for c in cols if (b := _fast_bad(c, src, "r_" + c.name, "v_" + c.name))]
    inner = f"SELECT {_raw(table, src)} FROM {source_sql}"
    checked = f"CASE WHEN {' OR '.join(bad)} THEN error('lcx-import-check') ELSE v_{cols[0].name} END" if bad \
        else f"v_{cols[0].name}"
    outer = ", ".join([checked] + [f"v_{c.name}" for c in cols[1:]])
    return f"SELECT {outer} FROM (SELECT *, {values} FROM ({inner}))"


def typed_select(table: str, src: Source, source_sql: str, keep: str = "") -> str:
    """The diagnosis: over ``source_sql`` (columns ``c1 .. cN`` plus ``keep``, e.g. ``k``), for
    every contract column ``t_`` (the cell as text), ``v_`` (as stored) and ``e_`` (problem
    code, NULL when fine)."""
    cols = TABLES[table]
    passthrough = f"{keep}, " if keep else ""
    texts = ", ".join(f"{_text('r_' + c.name, src.source_class(c))} AS t_{c.name}" for c in cols)
    values = ", ".join(
        f"{_value(c, src, ('t_' if src.source_class(c) in ('text', 'other') else 'r_') + c.name, fast=False)} AS v_{c.name}"
        for c in cols)
    codes = ", ".join(f"{_codes(c, src)} AS e_{c.name}" for c in cols)
    q = f"SELECT {passthrough}{_raw(table, src)} FROM {source_sql}"
    q = f"SELECT *, {texts} FROM ({q})"
    q = f"SELECT *, {values} FROM ({q})"
    return f"SELECT *, {codes} FROM ({q})"


def insert_columns(table: str) -> str:
    """The stored columns of ``table`` after ``dataset_id``, quoted."""
    return ", ".join(f'"{c.name}"' for c in TABLES[table])


def problems_select(table: str, typed: str) -> str:
    """One row (k, col, code, value) per problem cell of the typed table ``typed``."""
    return " UNION ALL ".join(
        f"SELECT k, '{c.name}' AS col, e_{c.name} AS code, t_{c.name} AS value FROM {typed} WHERE e_{c.name} IS NOT NULL"
        for c in TABLES[table])
