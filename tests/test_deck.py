"""The story as a PowerPoint deck (issue #14, item 6): ``python -m lib deck`` writes a title slide
and one slide per story step, the chart as a picture, the takeaway as the title, the definitions
in the speaker notes, in the chosen language, anonymised with --anon; bad input gets one line
and exit 1 or 2. The decks are opened with python-pptx and read as PowerPoint would."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE_TYPE

from lib import db, demo, story
from lib import deck as deck_lib
from lib.charts import image
from lib.cli import main
from lib.story import snapshots
from tests.conftest import DEMO_CUSTOMERS

AS_OF = date(2025, 12, 31)


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["deck", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def deck_db(tmp_path_factory):
    """A database file of the deck tests' own (the commands open it read-only, which DuckDB refuses
    while this process holds another connection to it, as the other tests' shared connection)."""
    path = tmp_path_factory.mktemp("deckdb") / "lifecycle.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=DEMO_CUSTOMERS, seed=42)
    con.close()
    return path


@pytest.fixture(scope="module")
def decks(deck_db, tmp_path_factory):
    """The demo's story as two decks: German and anonymised, English and not."""
    folder = tmp_path_factory.mktemp("decks")
    made = {}
    for lang, anon in (("de", True), ("en", False)):
        out = folder / f"story-{lang}.pptx"
        args = ["deck", "--db", str(deck_db), "--dataset", "demo", "--as-of", AS_OF.isoformat(), "--lang", lang,
                "--out", str(out)] + (["--anon"] if anon else [])
        assert main(args) == 0
        made[lang] = out
    return made


@pytest.fixture(scope="module")
def slides(deck_db, decks):
    """The story's slides built directly (lib.story), to compare the decks with."""
    con = db.connect(deck_db, read_only=True)
    ds = db.dataset_id(con, "demo")
    source = story.Source(con, ds, AS_OF)
    built = {lang: [story.build(con, ds, AS_OF, s.id, lang, anon, source=source) for s in story.STEPS]
             for lang, anon in (("de", True), ("en", False))}
    con.close()
    return built


def _texts(shape_holder) -> list[str]:
    return [sh.text_frame.text for sh in shape_holder.shapes if sh.has_text_frame]


def _all_text(path) -> str:
    """Every text of the file: slides, notes, tables, document properties (all XML parts)."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_slide_per_step_with_its_chart_takeaway_and_definitions(decks, slides, lang):
    prs = Presentation(decks[lang])
    built = slides[lang]
    assert len(prs.slides) == len(story.STEPS) + 1 == len(built) + 1
    for page, slide in zip(list(prs.slides)[1:], built):
        assert page.shapes.title.text_frame.text == image.plain(slide.takeaway)   # the takeaway is the title
        pictures = [sh for sh in page.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if slide.chart is not None:
            (picture,) = pictures
            assert picture.image.content_type == "image/png" and picture.image.size[0] >= image.WIDTH
            # inside the slide, below the title, above the footer
            assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
            assert picture.top >= page.shapes.title.top + page.shapes.title.height
            assert picture.top + picture.height <= deck_lib.FOOTER_TOP
        else:
            assert not pictures
        notes = page.notes_slide.notes_text_frame.text
        assert slide.definitions and all(image.plain(d) in notes for d in slide.definitions)
        assert image.plain(slide.caption) in notes
        if slide.table is not None and len(slide.table):
            (table,) = [sh.table for sh in page.shapes if sh.has_table]
            assert [c.text for c in table.rows[0].cells] == [str(c) for c in slide.table.columns[:5]]
            assert table.cell(1, 0).text == str(slide.table.iloc[0, 0])
    assert sum(s.chart is not None for s in built) >= len(built) - 1   # the demo has every input table


def test_the_title_slide_and_every_text_are_in_the_decks_language(decks):
    de, en = Presentation(decks["de"]), Presentation(decks["en"])
    title_de = "\n".join(_texts(de.slides[0]))
    assert "Der Lebenszyklus Ihrer Kunden: demo" in title_de and "Stichtag 31.12.2025 · Deutsch" in title_de
    assert "Anonymisiert" in title_de
    title_en = "\n".join(_texts(en.slides[0]))
    assert "The lifecycle of your customers: demo" in title_en and "As of 2025-12-31 · English" in title_en
    assert "Anonymised" not in title_en
    assert f"Schritt 2 von {len(story.STEPS)} · " in "\n".join(_texts(de.slides[2]))
    for prs, want in ((de, MSO_LANGUAGE_ID.GERMAN), (en, MSO_LANGUAGE_ID.ENGLISH_UK)):
        runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame
                for p in sh.text_frame.paragraphs for r in p.runs]
        assert runs and all(r.font.language_id == want for r in runs)
    assert de.core_properties.language == "de-DE" and de.core_properties.author == "Customer Lifecycle Explorer"
    # German numbers in the German deck: the takeaways and footers use 1.234 and 31.12.2025
    body = _all_text(decks["de"])
    assert "31.12.2025" in body and "2025-12-31" not in body


def test_anonymised_deck_names_no_customer_and_the_plain_one_does(decks, deck_db):
    con = db.connect(deck_db, read_only=True)
    ds = db.dataset_id(con, "demo")
    rows = con.execute("SELECT customer_id, name, account_manager FROM customers WHERE dataset_id = ?", [ds]).fetchall()
    con.close()
    ids = {r[0] for r in rows}
    names = {r[1] for r in rows if r[1]} | {r[2] for r in rows if r[2]}
    anon_text, plain_text = _all_text(decks["de"]), _all_text(decks["en"])
    assert not [x for x in ids if x in anon_text]
    assert not [x for x in names if x in anon_text]
    assert "Kunde " in anon_text   # the watch list by pseudonym
    # the test can fail: without --anon the watch list shows real customer ids
    assert [x for x in ids if x in plain_text]


def test_the_deck_module_alone_makes_a_widescreen_file_from_slides(slides):
    built = slides["en"][:2]
    a = deck_lib.deck(built, dataset="demo", as_of=AS_OF, lang="en", today=date(2026, 1, 5))
    prs = Presentation(io.BytesIO(a))
    assert len(prs.slides) == 3 and prs.slide_width * 9 == prs.slide_height * 16   # 16:9
    assert "05.01.2026" not in prs.slides[0].notes_slide.notes_text_frame.text
    assert "2026-01-05" in prs.slides[0].notes_slide.notes_text_frame.text
    assert deck_lib.file_name("Shop 2025", AS_OF, "de") == "story-shop-2025-2025-12-31-de.pptx"


# --- bad input: one line, exit 1 or 2, nothing written ------------------------------------------------

@pytest.mark.parametrize("args, code, fragment", [
    (["--dataset", "nope"], 1, "no dataset named 'nope'"),
    (["--dataset", "demo", "--as-of", "2030-01-01"], 2, "outside the data of 'demo'"),
    (["--dataset", "demo", "--as-of", "31.12.2025"], 2, "is not a date"),
    (["--dataset", "demo", "--lang", "fr"], 2, "invalid choice: 'fr'"),
    (["--snapshot", "nope"], 1, "no snapshot called 'nope'"),
    ([], 2, "give --dataset NAME or --snapshot NAME"),
])
def test_bad_input_gets_one_line(deck_db, tmp_path, capsys, args, code, fragment):
    out = tmp_path / "x.pptx"
    got, stdout, err = _run(capsys, "--db", str(deck_db), *args, "--out", str(out))
    assert got == code and stdout == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and fragment in err, err
    assert not out.exists()


@pytest.mark.parametrize("out, code, fragment", [
    ("{tmp}/no/such/folder/x.pptx", 2, "does not exist"),
    ("{tmp}", 2, "is a folder"),
    ("{tmp}/x.ppt", 2, "must end in .pptx"),
    ("/proc/x.pptx", 1, "cannot write /proc/x.pptx"),
])
def test_an_unwritable_path_is_refused_before_any_work(deck_db, tmp_path, capsys, out, code, fragment):
    got, _, err = _run(capsys, "--db", str(deck_db), "--dataset", "demo", "--out", out.format(tmp=tmp_path))
    assert got == code and err.count("\n") == 1 and fragment in err, err


def test_a_snapshot_gives_its_dataset_and_date_and_a_replaced_one_is_refused(tmp_path, capsys):
    path = tmp_path / "s.duckdb"
    con = db.connect(path)
    demo.generate(con, "mini", customers=150, seed=3)
    ds = db.dataset_id(con, "mini")
    created = con.execute("SELECT created_at FROM datasets WHERE id = ?", [ds]).fetchone()[0]
    assert snapshots.save(con, "Workshop März", dataset_name="mini", dataset_id=ds, created_at=created,
                          as_of=date(2025, 6, 30), settings={"story": 3}) is None
    con.close()
    out = tmp_path / "talk.pptx"
    code, stdout, err = _run(capsys, "--db", str(path), "--snapshot", "Workshop März", "--lang", "de", "--out", str(out))
    assert code == 0, err
    title = "\n".join(_texts(Presentation(out).slides[0]))
    assert "Stichtag 30.06.2025" in title and "Schnappschuss „Workshop März“" in title and "mini" in title
    # a snapshot and another dataset or date: said, not guessed
    code, _, err = _run(capsys, "--db", str(path), "--snapshot", "Workshop März", "--dataset", "other", "--out",
                        str(out))
    assert code == 2 and "is of dataset 'mini'" in err
    code, _, err = _run(capsys, "--db", str(path), "--snapshot", "Workshop März", "--as-of", "2025-01-31", "--out",
                        str(out))
    assert code == 2 and "is as of 2025-06-30" in err
    # the dataset imported again: the snapshot's numbers are gone, the deck says so instead of other numbers
    con = db.connect(path)
    demo.generate(con, "mini", customers=150, seed=4)
    con.close()
    before = out.read_bytes()
    code, _, err = _run(capsys, "--db", str(path), "--snapshot", "Workshop März", "--out", str(out))
    assert code == 1 and err.count("\n") == 1 and "has been replaced" in err and "save a new snapshot" in err
    assert out.read_bytes() == before   # the earlier deck untouched


def test_a_file_in_use_by_another_process_is_one_line(tmp_path, capsys):
    """DuckDB lets no other process open a file the app holds open for writing (README): the deck
    command says so in one line like the other commands."""
    path = tmp_path / "busy.duckdb"
    con = db.connect(path)
    demo.generate(con, "x", customers=50, seed=1)
    con.close()
    import subprocess
    import sys
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                                                     "print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        code, _, err = _run(capsys, "--db", str(path), "--dataset", "x", "--out", str(tmp_path / "x.pptx"))
        assert code == 1 and err.count("\n") == 1 and err.startswith("error: "), err
    finally:
        holder.kill()
        holder.wait()
