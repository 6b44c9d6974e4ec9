"""Writes the import test corpus (run once; the files are committed, this documents how they
were made). Each file's expected outcome is in tests/test_import_corpus.py.

    .venv/bin/python tests/data/import/make_corpus.py
"""
from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent


def write(name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    (HERE / name).write_bytes(text.replace("\n", newline).encode(encoding))


def main() -> None:
    # two exports pasted together: UTF-8 lines and Windows-1252 lines in one file (refused strict)
    (HERE / "mixed_encoding.csv").write_bytes(
        "customer_id,date,amount,product\n".encode()
        + "K1,2025-01-01,10.00,Jürgen\n".encode("utf-8")
        + "K2,2025-01-02,11.00,Müller\n".encode("cp1252")
        + "K3,2025-01-03,12.00,Größe\n".encode("utf-8")
        + "K4,2025-01-04,13.00,Straße\n".encode("cp1252"))
    # one stray control character in a cell: named by line and column, not called binary
    write("control_char.csv", "customer_id,date,amount,product\nK1,2025-01-01,1.00,a\x01b\nK2,2025-01-02,2.00,y\n")
    # numbers in exponent notation (spreadsheets' rounded values) beside a too long number
    write("exponent.csv", "customer_id,date,amount\nK1,2025-01-01,1e308\nK2,2025-01-02," + "9" * 40
          + "\nK3,2025-01-03,-2.5E+3\nK4,2025-01-04,abc\n")
    # a workbook written by a program: formulas whose results were never stored
    wb = openpyxl.Workbook()
    wb.active.append(["customer_id", "date", "amount"])
    for i in range(3):
        wb.active.append([f"K{i}", "2025-01-01", f"=1+{i}"])
    wb.save(HERE / "formulas_no_values.xlsx")
    # --- messy but valid -------------------------------------------------------------------------------
    # German ERP export: Windows-1252, semicolons, decimal comma with thousands dots, dd.mm.yyyy, CRLF
    write("de_cp1252_semicolon.csv",
          "Kundennummer;Belegdatum;Umsatz;Belegnummer;Menge;Warengruppe;Vertriebsweg\n"
          "0004711;31.12.2024;1.234,56;RE-1;2;Zubehör;Außendienst\n"
          "0004711;02.01.2025;-12,50;RE-2;-1;Zubehör;Außendienst\n"
          "K-0815;15.03.2025;99,90;RE-3;1;Verbrauchsmaterial;online\n"
          "K-0815;15.03.2025;1.000.000,00;RE-4;;Großgeräte;\n",
          encoding="cp1252", newline="\r\n")
    # UTF-8 with BOM and CRLF, English headers in another order, ISO dates
    write("bom_crlf.csv",
          "\ufeffDate,Customer ID,Amount,Order ID\n"
          "2025-01-05,C1,10.00,O1\n"
          "2025-01-06,C2,20.5,O2\n",
          newline="\r\n")
    # returns: negative amounts, SAP-style trailing minus, negative quantities
    write("negative_amounts.csv",
          "customer_id,date,amount,quantity\n"
          "A,2025-02-01,100.00,2\n"
          "A,2025-02-03,-100.00,-2\n"
          "B,2025-02-04,\"25.00-\",-1\n"
          "B,2025-02-05,0,0\n")
    # ids and texts with quotes, delimiters, newlines, SQL and formula characters, leading zeros
    write("tricky_ids.csv",
          'customer_id,date,amount,order_id,product\n'
          '"K""1",2025-03-01,1.00,"A,1","Kabel, 3 m"\n'
          '"\'; DROP TABLE transactions; --",2025-03-02,2.00,A2,"zwei\nZeilen"\n'
          '"=HYPERLINK(""http://x"",""y"")",2025-03-03,3.00,A3,"+49 30 1234"\n'
          '@SUM(A1),2025-03-04,4.00,A4,-2+3\n'
          '000123,2025-03-05,5.00,A5,Müller & Söhne\n')
    # Excel "Unicode text": UTF-16 with BOM, tab-separated
    write("utf16_tab.txt",
          "Kunde\tDatum\tBetrag\n"
          "Ü1\t2025-04-01\t7.5\n"
          "Ü2\t2025-04-02\t8.25\n", encoding="utf-16")
    # pipe-separated, two-digit years, Latin-1 (no Windows-1252 extras)
    write("pipe_dmy2_latin1.csv",
          "Debitor|Datum|Netto\n"
          "Straße 1|05.06.24|12,00\n"
          "Straße 2|31.12.99|13,00\n", encoding="latin-1")
    # compact dates yyyymmdd with a time in another file
    write("dates_ymd.csv", "kunden-nr.,rechnungsdatum,netto\nX1,20250107,1\nX2,20250108,2\n")
    write("dates_with_time.csv",
          "customer_id,date,amount\n"
          "T1,2025-05-01 08:15,1.00\n"
          "T2,2025-05-02T17:45:10,2.00\n"
          "T3,2025-05-03,3.00\n")
    # optional tables, German headers and German values
    write("customers_de.csv",
          "Kundennummer;Firma;Kundensegment;Gebiet;Herkunft;Erstkontakt;Betreuer\n"
          "0004711;Weber Logistik GmbH;B2B SME;Süd;Messe;14.08.2023;C. Wagner\n"
          "K-0815;Anna Schmidt;B2C Standard;Nord;Empfehlung;01.02.2024;\n"
          "K-9999;Interessent AG;B2B SME;West;Messe;01.03.2025;A. Becker\n")
    write("events_de.csv",
          "Kundennummer;Datum;Art;Richtung;Kanal;Notiz\n"
          "0004711;17.05.2025;Beschwerde;eingehend;Brief;Lieferung beschädigt\n"
          "K-0815;18.05.2025;Kontakt;ausgehend;Telefon;\n"
          "K-9999;19.05.2025;Wettbewerber;Eingehend;E-Mail;nennt Angebot von X\n")
    write("invoices_de.csv",
          "Debitor;Rechnungsdatum;Fälligkeit;Betrag;Bezahlt am;Rechnungsnummer\n"
          "0004711;31.12.2024;30.01.2025;425,29;05.02.2025;R1\n"
          "0004711;31.01.2025;02.03.2099;100,00;;R2\n")
    write("churn_de.csv",
          "Kundennummer;Kündigungsdatum;Kündigungsgrund;Art\n"
          "0004711;04.06.2025;Preis;Kündigung\n"
          "K-0815;05.06.2025;zu kompliziert;still\n")
    write("winback.csv",
          "customer_id,date,campaign,measure,group,cost\n"
          "0004711,2025-09-11,Win-back 2025-Q3,Rabatt,Kontrollgruppe,0\n"
          "K-0815,2025-09-12,Win-back 2025-Q3,personal_call,,18.00\n")
    write("surveys.csv",
          "customer_id,date,sale_satisfaction,aftersales_satisfaction,nps\n"
          "0004711,2025-06-20,4,5,8\n"
          "K-0815,2025-06-21,,1,0\n")

    # XLSX: a notes sheet first, then the transactions with real dates and numbers
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hinweise"
    ws.append(["Export aus dem ERP, Stand 2025"])
    ws2 = wb.create_sheet("Umsätze")
    ws2.append(["Kundennummer", "Belegdatum", "Umsatz", "Belegnummer"])
    ws2.append([1001, datetime(2025, 1, 2), 19.99, "B1"])
    ws2.append([None, None, None, None])  # an empty row in between
    ws2.append(["1002", datetime(2025, 1, 3, 14, 30), 5, "B2"])
    wb.save(HERE / "two_sheets.xlsx")
    # the same kind of workbook, saved with a .csv name
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daten"
    ws.append(["customer_id", "date", "amount"])
    ws.append(["Z1", date(2025, 2, 2), 1.5])
    wb.save(HERE / "xlsx_named.csv")
    # Parquet with typed columns
    pq.write_table(pa.table({
        "customer_id": pa.array(["P1", "P2"]),
        "date": pa.array([date(2025, 7, 1), date(2025, 7, 2)], pa.date32()),
        "amount": pa.array([10.25, -3.0]),
        "quantity": pa.array([1, -1], pa.int64()),
    }), HERE / "typed.parquet")

    # --- bad ------------------------------------------------------------------------------------------
    write("empty.csv", "")
    write("header_only.csv", "customer_id,date,amount\n")
    write("missing_column.csv", "customer_id,date\nA,2025-01-01\n")
    write("non_numeric.csv", "customer_id;date;amount\nA;01.01.2025;1,50\nB;02.01.2025;12,3x\nC;03.01.2025;2,00\n")
    write("impossible_date.csv", "customer_id,date,amount\nA,2025-02-28,1\nB,2025-02-30,2\n")
    write("missing_id.csv", "customer_id,date,amount\nA,2025-01-01,1\n,2025-01-02,2\n   ,2025-01-03,3\n")
    random.seed(7)
    (HERE / "binary.csv").write_bytes(bytes(random.randrange(256) for _ in range(4096)))
    write("ragged.csv", "customer_id,date,amount\nA,2025-01-01,1\nB,2025-01-02\nC,2025-01-03,3,extra\nD,2025-01-04,4\n")
    write("inf_nan.csv", "customer_id,date,amount\nA,2025-01-01,inf\nB,2025-01-02,NaN\nC,2025-01-03,-Infinity\nD,2025-01-04,4\n")
    write("bad_dates.csv", "customer_id,date,amount\nA,1899-12-31,1\nB,2099-01-01,2\nC,yesterday,3\nD,2025-01-04,4\n")
    write("duplicate_order.csv", "customer_id,date,amount,order_id\nA,2025-01-01,1,O1\nB,2025-01-02,2,O2\nC,2025-01-03,3,O1\n")
    write("too_many_decimals.csv", "customer_id,date,amount,quantity\nA,2025-01-01,1.005,1\nB,2025-01-02,2.50,1.5\n")
    write("bad_enums_events.csv", "customer_id,date,type,direction\nA,2025-01-01,complaint,inbound\nA,2025-01-02,Telefon,rein\n")
    write("bad_surveys.csv", "customer_id,date,sale_satisfaction,aftersales_satisfaction,nps\nA,2025-01-01,0,6,11\n")
    write("unknown_customer_churn.csv", "customer_id,date,reason\nA,2025-03-01,price\nNOBODY,2025-03-02,price\n")
    write("tx_for_refs.csv", "customer_id,date,amount\nA,2025-01-01,1\n")
    print("corpus written to", HERE)


if __name__ == "__main__":
    main()
