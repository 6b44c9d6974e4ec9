"""UI strings of the data page and of the import (problems, refusals, progress), English and German.

The import's messages are also what the command line prints (in English)."""

STRINGS = {
    # --- problems of one cell or row (the validation report) -------------------------------------------
    "data.problem.missing": {"en": "is empty, but the column is required",
                             "de": "ist leer, die Spalte ist aber Pflicht"},
    "data.problem.bad_date": {"en": "is not a date in the format {format}",
                              "de": "ist kein Datum im Format {format}"},
    "data.problem.impossible_date": {"en": "is not a real calendar date (format {format})",
                                     "de": "ist kein gültiges Kalenderdatum (Format {format})"},
    "data.problem.date_too_early": {"en": "is before 1900", "de": "liegt vor 1900"},
    "data.problem.date_future": {"en": "is in the future", "de": "liegt in der Zukunft"},
    "data.problem.bad_number": {"en": "is not a number (expected e.g. {example})",
                                "de": "ist keine Zahl (erwartet z. B. {example})"},
    "data.problem.exponent": {
        "en": "is a number in exponent notation, which spreadsheets write for rounded or huge values: "
              "write it out in full (e.g. {example})",
        "de": "ist eine Zahl in Exponentialschreibweise, die Tabellenprogramme für gerundete oder riesige Werte "
              "schreiben: Schreiben Sie sie aus (z. B. {example})"},
    "data.problem.not_finite": {"en": "is not a finite number", "de": "ist keine endliche Zahl"},
    "data.problem.too_many_decimals": {"en": "has more than two decimal places and would be rounded",
                                       "de": "hat mehr als zwei Nachkommastellen und würde gerundet"},
    "data.problem.out_of_range": {"en": "is outside the allowed range ({range})",
                                  "de": "liegt außerhalb des zulässigen Bereichs ({range})"},
    "data.problem.not_whole": {"en": "is not a whole number", "de": "ist keine ganze Zahl"},
    "data.problem.bad_value": {"en": "is not one of: {allowed}", "de": "ist keiner der Werte: {allowed}"},
    "data.problem.wrong_type": {
        "en": "does not fit this row's event type (where the column applies: {rule}): leave the cell empty or "
              "correct the type",
        "de": "passt nicht zum Ereignistyp dieser Zeile (wofür die Spalte gilt: {rule}): Lassen Sie die Zelle leer "
              "oder korrigieren Sie den Typ"},
    "data.problem.duplicate": {"en": "occurs more than once (first in line {first})",
                               "de": "kommt mehrfach vor (zuerst in Zeile {first})"},
    "data.problem.unknown_customer": {
        "en": "is a customer in neither the transactions nor the customers",
        "de": "ist ein Kunde, der weder in den Transaktionen noch in den Kunden vorkommt"},
    "data.problem.missing_columns": {"en": "has fewer values than the header has columns",
                                     "de": "hat weniger Werte, als die Kopfzeile Spalten hat"},
    "data.problem.too_many_columns": {"en": "has more values than the header has columns",
                                      "de": "hat mehr Werte, als die Kopfzeile Spalten hat"},
    "data.problem.bad_encoding": {
        "en": "holds characters that are not valid in the chosen encoding: choose another encoding",
        "de": "enthält Zeichen, die in der gewählten Kodierung ungültig sind: Wählen Sie eine andere Kodierung"},
    "data.problem.unquoted": {"en": "has a quotation mark that is not closed",
                              "de": "hat ein Anführungszeichen, das nicht geschlossen wird"},
    "data.problem.line_too_long": {"en": "is longer than 2 MB", "de": "ist länger als 2 MB"},
    "data.problem.structure": {"en": "cannot be read: {error}", "de": "lässt sich nicht lesen: {error}"},
    # --- the report ------------------------------------------------------------------------------------
    "data.report.where": {"en": "{file}, line {line}", "de": "{file}, Zeile {line}"},
    "data.report.head.one": {
        "en": "One problem (nothing was imported unless bad rows are skipped):",
        "de": "Ein Problem (importiert wurde nichts, außer fehlerhafte Zeilen werden übersprungen):"},
    "data.report.head": {
        "en": "The first {shown} of {total} problems (nothing was imported unless bad rows are skipped):",
        "de": "Die ersten {shown} von {total} Problemen (importiert wurde nichts, außer fehlerhafte Zeilen werden übersprungen):"},
    # --- files that are not tables ----------------------------------------------------------------------
    "data.file.empty": {"en": "“{file}” is empty.", "de": "„{file}“ ist leer."},
    "data.file.header_only": {"en": "“{file}” has a header but no rows.",
                              "de": "„{file}“ hat eine Kopfzeile, aber keine Datenzeilen."},
    "data.file.binary": {"en": "“{file}” is not a table: it holds binary data, not text. Export it as CSV, XLSX or Parquet.",
                         "de": "„{file}“ ist keine Tabelle: Die Datei enthält Binärdaten statt Text. Exportieren Sie sie als CSV, XLSX oder Parquet."},
    "data.file.pdf": {"en": "“{file}” is a PDF document, not a table. Export the data as CSV or XLSX.",
                      "de": "„{file}“ ist ein PDF-Dokument, keine Tabelle. Exportieren Sie die Daten als CSV oder XLSX."},
    "data.file.image": {"en": "“{file}” is an image, not a table.", "de": "„{file}“ ist ein Bild, keine Tabelle."},
    "data.file.gzip": {"en": "“{file}” is compressed (gzip): unpack it first.",
                       "de": "„{file}“ ist komprimiert (gzip): Entpacken Sie die Datei zuerst."},
    "data.file.archive": {"en": "“{file}” is an archive (ZIP, 7z, ...): unpack it and import the files inside.",
                          "de": "„{file}“ ist ein Archiv (ZIP, 7z, ...): Entpacken Sie es und importieren Sie die enthaltenen Dateien."},
    "data.file.database": {"en": "“{file}” is a database file, not a table. Export the table as CSV.",
                           "de": "„{file}“ ist eine Datenbankdatei, keine Tabelle. Exportieren Sie die Tabelle als CSV."},
    "data.file.xls": {
        "en": "“{file}” is an old Excel 97–2003 workbook (.xls) or a password-protected one: save it as .xlsx (without password) or CSV.",
        "de": "„{file}“ ist eine alte Excel-97–2003-Arbeitsmappe (.xls) oder kennwortgeschützt: Speichern Sie sie als .xlsx (ohne Kennwort) oder CSV."},
    "data.file.ods": {"en": "“{file}” is an OpenDocument spreadsheet: save it as .xlsx or CSV.",
                      "de": "„{file}“ ist eine OpenDocument-Tabelle: Speichern Sie sie als .xlsx oder CSV."},
    "data.file.docx": {"en": "“{file}” is a Word document, not a table.",
                       "de": "„{file}“ ist ein Word-Dokument, keine Tabelle."},
    "data.file.bad_xlsx": {"en": "“{file}” looks like an Excel workbook but cannot be opened: it may be damaged.",
                           "de": "„{file}“ sieht wie eine Excel-Arbeitsmappe aus, lässt sich aber nicht öffnen: Sie ist vielleicht beschädigt."},
    "data.file.no_sheet": {"en": "“{file}” has no sheet “{sheet}”; its sheets: {sheets}.",
                           "de": "„{file}“ hat kein Blatt „{sheet}“; vorhandene Blätter: {sheets}."},
    "data.file.empty_sheet": {"en": "The sheet “{sheet}” of “{file}” is empty.",
                              "de": "Das Blatt „{sheet}“ in „{file}“ ist leer."},
    "data.file.bad_parquet": {"en": "“{file}” looks like a Parquet file but cannot be read: it may be damaged.",
                              "de": "„{file}“ sieht wie eine Parquet-Datei aus, lässt sich aber nicht lesen: Sie ist vielleicht beschädigt."},
    "data.file.control_char": {
        "en": "“{file}”, line {line}, column “{column}”: “{value}” holds a control character ({char}, shown as �), "
              "which is not text. Remove it in the source system or an editor and export the file again.",
        "de": "„{file}“, Zeile {line}, Spalte „{column}“: „{value}“ enthält ein Steuerzeichen ({char}, als � gezeigt), "
              "das kein Text ist. Entfernen Sie es im Quellsystem oder einem Editor und exportieren Sie die Datei erneut."},
    "data.file.xlsx_formulas": {
        "en": "“{file}”, sheet “{sheet}”: cells {cells} ({count} in all) hold formulas (e.g. {example}) whose "
              "results were never saved in the file, so they would be read as empty. The file was probably "
              "written by a program, not by Excel: open it in Excel or LibreOffice and save it again (that stores "
              "the results), or export it as CSV.",
        "de": "„{file}“, Blatt „{sheet}“: Die Zellen {cells} (insgesamt {count}) enthalten Formeln (z. B. {example}), "
              "deren Ergebnisse nie in der Datei gespeichert wurden; sie würden als leer gelesen. Die Datei wurde "
              "wohl von einem Programm geschrieben, nicht von Excel: Öffnen Sie sie in Excel oder LibreOffice und "
              "speichern Sie sie erneut (das speichert die Ergebnisse), oder exportieren Sie sie als CSV."},
    "data.file.long_line": {
        "en": "“{file}”, line {line} is {size} long without a line break, longer than any table row can be "
              "(the first {limit} are looked at): the rows are probably not separated by line breaks, or the "
              "file is not a table. Export it again as CSV with one row per line.",
        "de": "„{file}“, Zeile {line} ist {size} lang ohne Zeilenumbruch, länger als eine Tabellenzeile sein kann "
              "(geprüft werden die ersten {limit}): Die Zeilen sind wohl nicht durch Zeilenumbrüche getrennt, oder "
              "die Datei ist keine Tabelle. Exportieren Sie sie erneut als CSV mit einer Zeile pro Datensatz."},
    "data.exposed": {
        "en": "This app is served on the network without an admin password: anyone who can open it can import, "
              "rename and delete datasets. Set LIFECYCLE_ADMIN_PASSWORD (or admin_password in "
              ".streamlit/secrets.toml) and restart, or serve on localhost.",
        "de": "Diese App ist ohne Admin-Passwort im Netz erreichbar: Jeder, der sie öffnen kann, kann Datensätze "
              "importieren, umbenennen und löschen. Setzen Sie LIFECYCLE_ADMIN_PASSWORD (oder admin_password in "
              ".streamlit/secrets.toml) und starten Sie neu, oder bedienen Sie nur localhost."},
    "data.file.mixed_encoding": {
        "en": "“{file}” mixes two text encodings: lines {utf8_lines} are UTF-8, lines {other_lines} are {encoding}, "
              "so umlauts would come out garbled (“JÃ¼rgen”). Save the file again in one encoding (UTF-8), or choose "
              "the encoding “UTF-8 + Windows-1252 (line by line)” (command line: --encoding utf-8+cp1252) to read each line in its own.",
        "de": "„{file}“ mischt zwei Zeichenkodierungen: Zeilen {utf8_lines} sind UTF-8, Zeilen {other_lines} {encoding}; "
              "Umlaute kämen verstümmelt an („JÃ¼rgen“). Speichern Sie die Datei in einer Kodierung (UTF-8) oder wählen "
              "Sie die Kodierung „UTF-8 + Windows-1252 (line by line)“ (Kommandozeile: --encoding utf-8+cp1252), um jede Zeile in ihrer eigenen zu lesen."},
    "data.file.bad_encoding": {
        "en": "“{file}” is not valid {encoding} text: choose another encoding (for German Excel exports usually Windows-1252).",
        "de": "„{file}“ ist kein gültiger {encoding}-Text: Wählen Sie eine andere Kodierung (bei deutschen Excel-Exporten meist Windows-1252)."},
    "data.file.too_large": {
        "en": "“{file}” is {size} MB; uploads are limited to {cap} MB. Import larger files on the command line: `python -m lib import --dataset NAME --transactions FILE`.",
        "de": "„{file}“ ist {size} MB groß; Uploads sind auf {cap} MB begrenzt. Größere Dateien importieren Sie über die Kommandozeile: `python -m lib import --dataset NAME --transactions DATEI`."},
    # --- notices ---------------------------------------------------------------------------------------
    "data.notice.mislabelled_xlsx": {
        "en": "“{file}” is an Excel workbook (XLSX) although its name says otherwise; it is read as a workbook.",
        "de": "„{file}“ ist eine Excel-Arbeitsmappe (XLSX), obwohl der Name etwas anderes sagt; sie wird als Arbeitsmappe gelesen."},
    "data.notice.mislabelled_parquet": {
        "en": "“{file}” is a Parquet file although its name says otherwise; it is read as Parquet.",
        "de": "„{file}“ ist eine Parquet-Datei, obwohl der Name etwas anderes sagt; sie wird als Parquet gelesen."},
    "data.notice.not_prepared": {
        "en": "The data are imported and saved, but the summary tables for the pages could not be built now "
              "(the database ran out of memory or disk space); each page builds them when it first opens the dataset.",
        "de": "Die Daten sind importiert und gespeichert, aber die Übersichtstabellen für die Seiten ließen sich jetzt "
              "nicht erstellen (zu wenig Speicher oder Plattenplatz); jede Seite erstellt sie, wenn sie den Datensatz "
              "zum ersten Mal öffnet."},
    "data.notice.mislabelled_text": {
        "en": "“{file}” is a text (CSV) file although its name says otherwise; it is read as CSV.",
        "de": "„{file}“ ist eine Textdatei (CSV), obwohl der Name etwas anderes sagt; sie wird als CSV gelesen."},
    # --- refusals of the import as a whole ----------------------------------------------------------------
    "data.error.bad_name": {
        "en": "“{name}” is not a valid dataset name: use 1–63 letters, digits, spaces or _ . - (starting with a letter or digit).",
        "de": "„{name}“ ist kein gültiger Datensatzname: 1–63 Buchstaben, Ziffern, Leerzeichen oder _ . - (am Anfang ein Buchstabe oder eine Ziffer)."},
    "data.error.no_transactions": {"en": "A transactions file is required: every dataset needs its transactions.",
                                   "de": "Eine Transaktionsdatei ist Pflicht: Jeder Datensatz braucht seine Transaktionen."},
    "data.error.no_table": {"en": "Choose which table “{file}” is.", "de": "Wählen Sie, welche Tabelle „{file}“ ist."},
    "data.error.missing_column": {
        "en": "“{file}” ({table}) has no column for {columns}. Its columns: {headers}. Choose the column in the mapping (command line: --map {table}.COLUMN=Header).",
        "de": "„{file}“ ({table}) hat keine Spalte für {columns}. Vorhandene Spalten: {headers}. Wählen Sie die Spalte in der Zuordnung (Kommandozeile: --map {table}.SPALTE=Überschrift)."},
    "data.error.exists": {"en": "There is already a dataset named “{name}”: choose another name or replace it.",
                          "de": "Es gibt bereits einen Datensatz „{name}“: Wählen Sie einen anderen Namen oder ersetzen Sie ihn."},
    "data.error.not_exists": {"en": "There is no dataset named “{name}”.", "de": "Es gibt keinen Datensatz „{name}“."},
    "data.error.conflict": {
        "en": "Another import or change of “{name}” finished at the same moment; this one changed nothing. Try again.",
        "de": "Ein anderer Import oder eine andere Änderung von „{name}“ wurde im selben Moment abgeschlossen; dieser Import hat nichts verändert. Versuchen Sie es erneut."},
    "data.error.no_valid_rows": {"en": "No valid transaction is left: nothing was imported.",
                                 "de": "Keine gültige Transaktion bleibt übrig: Es wurde nichts importiert."},
    "data.error.unreadable": {"en": "“{file}” cannot be read: {error}", "de": "„{file}“ lässt sich nicht lesen: {error}"},
    "data.error.unknown_header": {"en": "There is no column “{header}”; the columns are: {headers}.",
                                  "de": "Es gibt keine Spalte „{header}“; vorhandene Spalten: {headers}."},
    "data.error.file": {"en": "{message}", "de": "{message}"},
    "data.error.failed": {"en": "The database refused the import, so nothing changed: {error}",
                          "de": "Die Datenbank hat den Import abgelehnt, daher hat sich nichts geändert: {error}"},
    # --- progress --------------------------------------------------------------------------------------
    "data.stage.prepare": {"en": "Preparing ...", "de": "Vorbereitung ..."},
    "data.stage.write": {"en": "Reading and writing {file} ...", "de": "Lese und schreibe {file} ..."},
    "data.stage.check": {"en": "Checking {file} ...", "de": "Prüfe {file} ..."},
    "data.stage.derive": {"en": "Imported and saved. Preparing the summary tables the pages read ...",
                          "de": "Importiert und gespeichert. Erstelle die Übersichtstabellen für die Seiten ..."},
    "data.stage.warm.start": {"en": "Imported and saved. Computing the pages' first views ...",
                              "de": "Importiert und gespeichert. Berechne die ersten Ansichten der Seiten ..."},
    "data.stage.warm": {
        "en": "Imported and saved. Computing the pages' first views ({done} of {total}); you may leave, it goes on ...",
        "de": "Importiert und gespeichert. Berechne die ersten Ansichten der Seiten ({done} von {total}); Sie können "
              "die Seite verlassen, es läuft weiter ..."},
    "data.stage.save": {"en": "Saving (checkpoint) ...", "de": "Speichere (Checkpoint) ..."},
    "data.stage.done": {"en": "Done.", "de": "Fertig."},
    # --- the data page -----------------------------------------------------------------------------
    "nav.data": {"en": "Data", "de": "Daten"},
    "data.title": {"en": "Data", "de": "Daten"},
    "data.intro": {
        "en": "Import your own exports from ERP, CRM or shop systems as a new dataset or in place of an existing one, and manage the datasets. Only the transactions are required; each further table switches on more analyses.",
        "de": "Importieren Sie eigene Exporte aus ERP-, CRM- oder Shopsystemen als neuen Datensatz oder anstelle eines vorhandenen, und verwalten Sie die Datensätze. Pflicht sind nur die Transaktionen; jede weitere Tabelle schaltet weitere Analysen frei."},
    "data.tab.import": {"en": "Import", "de": "Import"},
    "data.tab.datasets": {"en": "Datasets", "de": "Datensätze"},
    "data.tab.templates": {"en": "Templates", "de": "Vorlagen"},
    # access
    "data.locked": {
        "en": "An admin password protects importing, renaming and deleting. Without it the page is read-only.",
        "de": "Ein Admin-Passwort schützt Import, Umbenennen und Löschen. Ohne Passwort ist die Seite nur lesbar."},
    "data.password": {"en": "Admin password", "de": "Admin-Passwort"},
    "data.unlock": {"en": "Unlock", "de": "Entsperren"},
    "data.lock": {"en": "Lock again", "de": "Wieder sperren"},
    "data.unlocked": {"en": "Unlocked with the admin password for this session.",
                      "de": "Für diese Sitzung mit dem Admin-Passwort entsperrt."},
    "data.wrong_password": {"en": "That is not the admin password.", "de": "Das ist nicht das Admin-Passwort."},
    "data.read_only": {"en": "Read-only: unlock with the admin password (above) to import data.",
                       "de": "Nur lesbar: Entsperren Sie mit dem Admin-Passwort (oben), um Daten zu importieren."},
    # upload
    "data.upload": {"en": "Files to import", "de": "Dateien für den Import"},
    "data.upload.help": {
        "en": "CSV, TSV or TXT (any of , ; tab | as separator; UTF-8, UTF-16 or Windows-1252), Excel XLSX, Parquet. Several files at once; several files for one table are appended.",
        "de": "CSV, TSV oder TXT (Trennzeichen , ; Tab |; UTF-8, UTF-16 oder Windows-1252), Excel XLSX, Parquet. Mehrere Dateien auf einmal; mehrere Dateien für eine Tabelle werden aneinandergehängt."},
    "data.upload.caption": {
        "en": "Up to {cap} MB per file. Larger files: `python -m lib import --dataset NAME --transactions FILE` on the server (see the README).",
        "de": "Bis {cap} MB pro Datei. Größere Dateien: `python -m lib import --dataset NAME --transactions DATEI` auf dem Server (siehe README)."},
    "data.upload.none": {
        "en": "Upload at least a transactions file. Templates for every table are on the “Templates” tab.",
        "de": "Laden Sie mindestens eine Transaktionsdatei hoch. Vorlagen für jede Tabelle finden Sie im Reiter „Vorlagen“."},
    "data.file.table": {"en": "Table", "de": "Tabelle"},
    "data.file.table.help": {
        "en": "Which of the seven input tables this file holds; guessed from its column names and file name.",
        "de": "Welche der sieben Eingabetabellen diese Datei enthält; erraten aus Spaltennamen und Dateiname."},
    "data.file.table.auto": {"en": "Guess: {table}", "de": "Vermutung: {table}"},
    "data.file.table.skip": {"en": "Do not import", "de": "Nicht importieren"},
    "data.file.sheet": {"en": "Sheet", "de": "Tabellenblatt"},
    "data.file.sheet.auto": {"en": "Best match: {sheet}", "de": "Passendstes: {sheet}"},
    "data.file.format": {"en": "Format (detected: {summary})", "de": "Format (erkannt: {summary})"},
    "data.file.auto": {"en": "Automatic: {value}", "de": "Automatisch: {value}"},
    "data.file.encoding": {"en": "Encoding", "de": "Kodierung"},
    "data.file.delimiter": {"en": "Separator", "de": "Trennzeichen"},
    "data.file.header": {"en": "First row", "de": "Erste Zeile"},
    "data.file.header.yes": {"en": "holds the column names", "de": "enthält die Spaltennamen"},
    "data.file.header.no": {"en": "is data", "de": "enthält Daten"},
    "data.file.decimal": {"en": "Decimal separator", "de": "Dezimaltrennzeichen"},
    "data.file.thousands": {"en": "Thousands separator", "de": "Tausendertrennzeichen"},
    "data.file.date_format": {"en": "Date format", "de": "Datumsformat"},
    "data.file.date_format.help": {"en": "A time after the date (e.g. 14:30) is allowed and ignored.",
                                   "de": "Eine Uhrzeit nach dem Datum (z. B. 14:30) ist erlaubt und wird ignoriert."},
    "data.sep.comma": {"en": "comma ,", "de": "Komma ,"},
    "data.sep.semicolon": {"en": "semicolon ;", "de": "Semikolon ;"},
    "data.sep.tab": {"en": "tab", "de": "Tabulator"},
    "data.sep.pipe": {"en": "pipe |", "de": "senkrechter Strich |"},
    "data.sep.point": {"en": "point .", "de": "Punkt ."},
    "data.sep.space": {"en": "space", "de": "Leerzeichen"},
    "data.sep.apostrophe": {"en": "apostrophe '", "de": "Apostroph '"},
    "data.sep.none": {"en": "none", "de": "keins"},
    "data.mapping": {"en": "Column mapping", "de": "Spaltenzuordnung"},
    "data.mapping.help": {
        "en": "Which column of the file feeds each column of the table; pre-filled from the headers (English and German). Columns marked * are required.",
        "de": "Welche Spalte der Datei jede Spalte der Tabelle füllt; vorbelegt aus den Überschriften (Deutsch und Englisch). Mit * markierte Spalten sind Pflicht."},
    "data.mapping.auto": {"en": "Guess: {header}", "de": "Vermutung: {header}"},
    "data.mapping.none": {"en": "— not imported —", "de": "— nicht importieren —"},
    "data.preview": {"en": "The first rows as they will be stored", "de": "Die ersten Zeilen, wie sie gespeichert werden"},
    "data.preview.caption": {
        "en": "Dates, amounts and codes already converted. A “problems” column appears when a row would stop the import; the full check of every row runs on import.",
        "de": "Datumswerte, Beträge und Codes sind bereits umgewandelt. Eine Spalte „problems“ erscheint, wenn eine Zeile den Import aufhalten würde; die vollständige Prüfung aller Zeilen läuft beim Import."},
    "data.summary.detected": {"en": "{kind} · {encoding} · separator {delimiter} · decimal {decimal} · dates {dates}",
                              "de": "{kind} · {encoding} · Trennzeichen {delimiter} · Dezimal {decimal} · Datum {dates}"},
    "data.summary.typed": {"en": "{kind} · decimal {decimal} · dates {dates}",
                           "de": "{kind} · Dezimal {decimal} · Datum {dates}"},
    # target and import
    "data.target": {"en": "Import into", "de": "Importieren in"},
    "data.target.new": {"en": "a new dataset", "de": "einen neuen Datensatz"},
    "data.target.replace": {"en": "an existing dataset (replace it)", "de": "einen vorhandenen Datensatz (ersetzen)"},
    "data.name": {"en": "Name of the new dataset", "de": "Name des neuen Datensatzes"},
    "data.name.help": {"en": "1–63 letters, digits, spaces or _ . -", "de": "1–63 Buchstaben, Ziffern, Leerzeichen oder _ . -"},
    "data.replace": {"en": "Dataset to replace", "de": "Zu ersetzender Datensatz"},
    "data.replace.help": {
        "en": "All its tables are replaced by this import in one step: tables not imported now are empty afterwards. Until the import finishes, everyone sees the old data.",
        "de": "Alle seine Tabellen werden in einem Schritt durch diesen Import ersetzt: Jetzt nicht importierte Tabellen sind danach leer. Bis der Import fertig ist, sehen alle die alten Daten."},
    "data.skip": {"en": "Skip bad rows", "de": "Fehlerhafte Zeilen überspringen"},
    "data.skip.help": {
        "en": "Off (strict, the default): any problem means nothing is imported. On: the valid rows are imported and the rejected rows can be downloaded with the reason.",
        "de": "Aus (streng, Standard): Bei jedem Problem wird nichts importiert. An: Die gültigen Zeilen werden importiert, die abgelehnten Zeilen lassen sich mit Begründung herunterladen."},
    "data.go": {"en": "Import", "de": "Importieren"},
    "data.result.ok": {"en": "Imported into “{name}”: {counts} ({seconds} s).",
                       "de": "In „{name}“ importiert: {counts} ({seconds} s)."},
    "data.result.views": {
        "en": "Every page's first view was computed and stored in the database file ({seconds} s): the pages open at "
              "once, also after a restart.",
        "de": "Die erste Ansicht jeder Seite wurde berechnet und in der Datenbankdatei gespeichert ({seconds} s): Die "
              "Seiten öffnen sofort, auch nach einem Neustart."},
    "data.result.views.partial": {
        "en": "{failed} of the {total} first views could not be computed now; those pages compute theirs when "
              "opened.",
        "de": "{failed} der {total} ersten Ansichten ließen sich jetzt nicht berechnen; diese Seiten berechnen sie "
              "beim Öffnen."},
    "data.result.views.partial.one": {
        "en": "One of the {total} first views could not be computed now; its page computes it when opened.",
        "de": "Eine der {total} ersten Ansichten ließ sich jetzt nicht berechnen; ihre Seite berechnet sie beim "
              "Öffnen."},
    "data.result.views.memory": {
        "en": "Every page's first view was computed ({seconds} s): the pages open at once while the app runs. They "
              "are not kept in the database file (LIFECYCLE_STORE_RESULTS=0), so a restart computes them again.",
        "de": "Die erste Ansicht jeder Seite wurde berechnet ({seconds} s): Die Seiten öffnen sofort, solange die App "
              "läuft. Sie werden nicht in der Datenbankdatei gespeichert (LIFECYCLE_STORE_RESULTS=0); nach einem "
              "Neustart werden sie neu berechnet."},
    "data.result.views.stopped": {
        "en": "The pages' first views could not be computed now; each page computes its own when opened.",
        "de": "Die ersten Ansichten der Seiten ließen sich jetzt nicht berechnen; jede Seite berechnet ihre beim "
              "Öffnen."},
    "data.result.rows": {"en": "{table} {rows} rows", "de": "{table} {rows} Zeilen"},
    "data.result.rejected": {
        "en": "Rejected rows: {rows} (problems found: {problems}); download them with the reasons below.",
        "de": "Abgelehnte Zeilen: {rows} (gefundene Probleme: {problems}); unten können Sie sie mit Begründung herunterladen."},
    "data.result.failed": {"en": "Nothing was imported: the files have {total} problems.",
                           "de": "Es wurde nichts importiert: Die Dateien haben {total} Probleme."},
    "data.result.failed.one": {"en": "Nothing was imported: the files have one problem.",
                               "de": "Es wurde nichts importiert: Die Dateien haben ein Problem."},
    "data.result.failed.caption": {
        "en": "The first {shown} problems in file order. Fix them in the file and upload it again, or tick “Skip bad rows”.",
        "de": "Die ersten {shown} Probleme in Dateireihenfolge. Korrigieren Sie sie in der Datei und laden Sie sie erneut hoch, oder setzen Sie „Fehlerhafte Zeilen überspringen“."},
    "data.result.refused": {"en": "Nothing was imported: {message}", "de": "Es wurde nichts importiert: {message}"},
    "data.result.show": {"en": "Show this dataset", "de": "Diesen Datensatz anzeigen"},
    "data.result.rejected_rows": {"en": "Rejected rows", "de": "Abgelehnte Zeilen"},
    "data.col.file": {"en": "File", "de": "Datei"},
    "data.col.line": {"en": "Line", "de": "Zeile"},
    "data.col.column": {"en": "Column", "de": "Spalte"},
    "data.col.value": {"en": "Value", "de": "Wert"},
    "data.col.problem": {"en": "Problem", "de": "Problem"},
    "data.col.line.help": {
        "en": "The header is line 1; a value with a line break inside quotes counts as one line, as in a spreadsheet. XLSX: the sheet's row number.",
        "de": "Die Kopfzeile ist Zeile 1; ein Wert mit Zeilenumbruch in Anführungszeichen zählt als eine Zeile, wie in einer Tabellenkalkulation. XLSX: die Zeilennummer im Blatt."},
    # datasets
    "data.datasets.none": {"en": "There are no datasets yet.", "de": "Es gibt noch keine Datensätze."},
    "data.datasets.caption": {
        "en": "Row counts per table, the transaction date range, when each dataset was imported or generated, and from which files.",
        "de": "Zeilen je Tabelle, der Zeitraum der Transaktionen, wann jeder Datensatz importiert oder erzeugt wurde und aus welchen Dateien."},
    "data.col.name": {"en": "Dataset", "de": "Datensatz"},
    "data.col.kind": {"en": "Origin", "de": "Herkunft"},
    "data.col.created": {"en": "Imported", "de": "Importiert"},
    "data.col.source": {"en": "Source files", "de": "Quelldateien"},
    "data.col.first": {"en": "First transaction", "de": "Erste Transaktion"},
    "data.col.last": {"en": "Last transaction", "de": "Letzte Transaktion"},
    "data.kind.demo": {"en": "demo data", "de": "Demodaten"},
    "data.kind.import": {"en": "import", "de": "Import"},
    "data.manage": {"en": "Manage a dataset", "de": "Datensatz verwalten"},
    "data.manage.pick": {"en": "Dataset", "de": "Datensatz"},
    "data.manage.current": {"en": "Make current", "de": "Als aktuell wählen"},
    "data.manage.current.help": {"en": "Show this dataset on every page (the sidebar's choice).",
                                 "de": "Diesen Datensatz auf allen Seiten anzeigen (Auswahl in der Seitenleiste)."},
    "data.manage.is_current": {"en": "“{name}” is the current dataset.", "de": "„{name}“ ist der aktuelle Datensatz."},
    "data.manage.new_name": {"en": "New name", "de": "Neuer Name"},
    "data.manage.rename": {"en": "Rename", "de": "Umbenennen"},
    "data.manage.renamed": {"en": "“{old}” is now called “{new}”.", "de": "„{old}“ heißt jetzt „{new}“."},
    "data.manage.confirm": {"en": "Yes, delete “{name}” with all its rows", "de": "Ja, „{name}“ mit allen Zeilen löschen"},
    "data.manage.delete": {"en": "Delete", "de": "Löschen"},
    "data.manage.deleted": {"en": "“{name}” was deleted.", "de": "„{name}“ wurde gelöscht."},
    "data.manage.last": {
        "en": "The only dataset cannot be deleted here: the app needs one. Import another dataset first.",
        "de": "Der einzige Datensatz lässt sich hier nicht löschen: Die App braucht einen. Importieren Sie zuerst einen anderen."},
    # templates
    "data.templates.pick": {"en": "Table", "de": "Tabelle"},
    "data.templates.caption": {
        "en": "Column names and one example row. English or German headers in your own files are recognised too (e.g. Kundennummer, Belegdatum, Umsatz); columns marked * are required.",
        "de": "Spaltennamen und eine Beispielzeile. Englische oder deutsche Überschriften in eigenen Dateien werden ebenfalls erkannt (z. B. Kundennummer, Belegdatum, Umsatz); mit * markierte Spalten sind Pflicht."},
    "data.templates.column": {"en": "Column", "de": "Spalte"},
    "data.templates.required": {"en": "Required", "de": "Pflicht"},
    "data.templates.type": {"en": "Type", "de": "Typ"},
    "data.templates.example": {"en": "Example", "de": "Beispiel"},
    "data.templates.also": {"en": "Also recognised as", "de": "Auch erkannt als"},
    "data.type.text": {"en": "text", "de": "Text"},
    "data.type.date": {"en": "date", "de": "Datum"},
    "data.type.decimal": {"en": "amount (2 decimals)", "de": "Betrag (2 Nachkommastellen)"},
    "data.type.int": {"en": "whole number", "de": "ganze Zahl"},
    "data.type.int_range": {"en": "whole number {lo}–{hi}", "de": "ganze Zahl {lo}–{hi}"},
    "data.type.enum": {"en": "one of: {values}", "de": "einer von: {values}"},
    "data.type.code": {"en": "text; known codes: {values}", "de": "Text; bekannte Codes: {values}"},
    "data.yes": {"en": "yes", "de": "ja"},
    "data.no": {"en": "no", "de": "nein"},
}
