"""The story as a PowerPoint deck: a title slide, then one slide per story step with the step's
chart as a picture, its takeaway as the slide title and its definitions in the speaker notes.

Pure: slides (:class:`lib.story.Slide`) in, the bytes of a ``.pptx`` file out; no database, no
Streamlit. The command ``python -m lib deck`` and the story page's download both call
:func:`deck` on the slides of :func:`lib.story.build`, so the file is the same either way. The
charts are drawn by :mod:`lib.charts.image` (the PNG a chart's download gives), with the step's
title and caption in the deck's language.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from lib.charts import image
from lib.i18n import LANG_NAMES, fmt_date, fmt_num, t

#: 16:9 at PowerPoint's widescreen size.
WIDTH, HEIGHT = Emu(12_192_000), Inches(7.5)
MARGIN = Inches(0.5)
#: The title area (the takeaway: one sentence, up to three lines at TITLE_PT).
TITLE_TOP, TITLE_HEIGHT, TITLE_PT = Inches(0.3), Inches(1.35), 26
#: The footer line (step, dataset, as-of date).
FOOTER_TOP, FOOTER_PT = Inches(7.0), 11
#: Rows and columns of a step's table on its slide (the page has the whole list).
TABLE_ROWS, TABLE_COLUMNS = 8, 5
#: The chart's height in CSS pixels inside its picture (1280 wide): lower than a download's 620, so
#: picture, title and caption fill the wide area below the takeaway.
CHART_HEIGHT = 500
#: The chart's width in CSS pixels when a table stands beside it.
CHART_WIDTH_BESIDE_TABLE = 820
LANGUAGE_IDS = {"en": MSO_LANGUAGE_ID.ENGLISH_UK, "de": MSO_LANGUAGE_ID.GERMAN}
INK, GREY = RGBColor(0x1B, 0x27, 0x33), RGBColor(0x6B, 0x77, 0x85)


def deck(slides: Sequence, *, dataset: str, as_of: date, lang: str, anon: bool = False,
         snapshot: str | None = None, today: date | None = None) -> bytes:
    """The ``.pptx`` file of ``slides`` (the story's steps in order, built in ``lang``) on
    ``dataset`` at ``as_of``: a title slide naming the dataset, the as-of date, the language (and
    the snapshot and anonymised mode when they apply), then one slide per step.

    ``anon`` only says so on the title slide: the slides must have been built anonymised
    (``lib.story.build(..., anon=True)``); nothing here adds a customer.
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, dataset=dataset, as_of=as_of, lang=lang, anon=anon, snapshot=snapshot,
                 steps=len(slides), today=today or date.today())
    for slide in slides:
        _step_slide(prs, slide, total=len(slides), dataset=dataset, as_of=as_of, lang=lang)
    props = prs.core_properties
    props.title = t("deck.title", lang, dataset=dataset)
    props.subject = t("deck.subtitle", lang, as_of=fmt_date(as_of, lang), language=LANG_NAMES[lang])
    props.author = props.last_modified_by = "Customer Lifecycle Explorer"
    props.language = {"en": "en-GB", "de": "de-DE"}[lang]
    props.created = props.modified = datetime.combine(today or date.today(), datetime.min.time())
    props.keywords = props.comments = props.category = ""
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def file_name(dataset: str, as_of: date, lang: str) -> str:
    """The deck's file name: ``story-<dataset>-<as-of>-<lang>.pptx`` (ASCII).

    Examples
    --------
    >>> file_name("Shop 2025", date(2025, 12, 31), "de")
    'story-shop-2025-2025-12-31-de.pptx'
    """
    return f"{image.file_stem(f'story {dataset} {as_of.isoformat()} {lang}')}.pptx"


# --- the slides ----------------------------------------------------------------------------------------

def _title_slide(prs, *, dataset, as_of, lang, anon, snapshot, steps, today) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[0])   # "Title Slide": title and subtitle
    title, subtitle = s.shapes.title, s.placeholders[1]
    _place(title, MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(1.6))
    _place(subtitle, MARGIN, Inches(3.8), WIDTH - 2 * MARGIN, Inches(2.2))
    _text(title.text_frame, [t("deck.title", lang, dataset=dataset)], lang, size=40, bold=True)
    lines = [t("deck.subtitle", lang, as_of=fmt_date(as_of, lang), language=LANG_NAMES[lang])]
    if snapshot:
        lines.append(t("deck.snapshot", lang, name=snapshot))
    if anon:
        lines.append(t("deck.anon", lang))
    _text(subtitle.text_frame, lines, lang, size=22, colour=GREY)
    _notes(s, [t("deck.notes.title", lang, steps=steps, today=fmt_date(today, lang))], lang)


def _step_slide(prs, slide, *, total, dataset, as_of, lang) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[5])   # "Title Only": the takeaway is the title
    title = s.shapes.title
    _place(title, MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    _text(title.text_frame, [slide.takeaway], lang, size=TITLE_PT, bold=True, align=PP_ALIGN.LEFT,
          anchor=MSO_ANCHOR.MIDDLE)
    top = TITLE_TOP + TITLE_HEIGHT + Inches(0.1)
    bottom = FOOTER_TOP - Inches(0.1)
    table = slide.table if slide.table is not None and len(slide.table) else None
    if slide.chart is not None:
        right = WIDTH - MARGIN if table is None else Inches(8.4)
        _picture(s, slide, lang, MARGIN, top, right - MARGIN, bottom - top,
                 width_px=image.WIDTH if table is None else CHART_WIDTH_BESIDE_TABLE)
        if table is not None:
            _table(s, table, lang, Inches(8.6), top, WIDTH - MARGIN - Inches(8.6))
    elif table is not None:
        _table(s, table, lang, MARGIN, top, WIDTH - 2 * MARGIN)
    else:   # no chart for this dataset (a missing input): the step's title and why, in words
        box = s.shapes.add_textbox(MARGIN, top + Inches(0.5), WIDTH - 2 * MARGIN, Inches(3))
        _text(box.text_frame, [slide.title, slide.caption], lang, size=22, colour=GREY)
    footer = s.shapes.add_textbox(MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN, Inches(0.35))
    _text(footer.text_frame, [t("deck.footer", lang, n=slide.step, total=total, title=slide.title, dataset=dataset,
                                as_of=fmt_date(as_of, lang))], lang, size=FOOTER_PT, colour=GREY)
    _notes(s, [slide.title, slide.caption, t("deck.notes.definitions", lang),
               *[f"• {line}" for line in slide.definitions]], lang)


def _picture(s, slide, lang, left, top, width, height, width_px: int = image.WIDTH) -> None:
    """The step's chart as a PNG (its title and caption drawn in), as large as fits the area,
    centred; ``width_px`` CSS pixels wide (narrower beside a table, so its type stays large)."""
    png = image.to_png(image.slide_chart(slide.chart, title=slide.title, caption=slide.caption, lang=lang,
                                         width=width_px, height=CHART_HEIGHT))
    px_w, px_h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    scale = min(width / px_w, height / px_h)
    w, h = int(px_w * scale), int(px_h * scale)
    s.shapes.add_picture(io.BytesIO(png), Emu(left + (width - w) // 2), Emu(top + (height - h) // 2), Emu(w), Emu(h))


def _table(s, table: pd.DataFrame, lang: str, left, top, width) -> None:
    """The first rows and columns of a step's table (a list, a treatment plan) as a PowerPoint table."""
    shown = table.iloc[:TABLE_ROWS, :TABLE_COLUMNS]
    cells = [[str(c) for c in shown.columns]] + [[_cell(v, lang) for v in row] for row in shown.itertuples(index=False)]
    rows, cols = len(cells), len(shown.columns)
    size = 14 if width > Inches(8) else 11
    frame = s.shapes.add_table(rows, cols, Emu(left), Emu(top), Emu(width), Inches(0.35) * rows).table
    # columns as wide as their longest text needs (a word of the heading at least), within the table's width
    need = [max(max(len(r[j]) for r in cells[1:]) if rows > 1 else 0, *(len(w) for w in cells[0][j].split()), 4)
            for j in range(cols)]
    for j, n in enumerate(need):
        frame.columns[j].width = Emu(int(width * n / sum(need)))
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            _text(frame.cell(i, j).text_frame, [text], lang, size=size, bold=i == 0)


def _cell(value, lang: str) -> str:
    """A table value as text in ``lang`` (the story's tables hold formatted text already)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, int):
        return fmt_num(value, lang, 0)
    if isinstance(value, float):
        return fmt_num(value, lang, 0 if value.is_integer() else 2)
    if isinstance(value, (date, pd.Timestamp)):
        return fmt_date(value if isinstance(value, date) and not isinstance(value, pd.Timestamp) else value.date(),
                        lang)
    return str(value)


# --- text ----------------------------------------------------------------------------------------------

def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _text(frame, lines: Sequence[str], lang: str, *, size: int, bold: bool = False, colour: RGBColor = INK,
          align=None, anchor=None) -> None:
    """``lines`` (one paragraph each, empty ones left out) into ``frame``, marked as ``lang`` (spell
    checking), wrapped."""
    frame.clear()
    frame.word_wrap = True
    if anchor is not None:
        frame.vertical_anchor = anchor
    first = True
    for line in (x for x in lines if x):
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        if align is not None:
            para.alignment = align
        run = para.add_run()
        run.text = image.plain(line)
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = colour
        run.font.language_id = LANGUAGE_IDS[lang]


def _notes(s, lines: Sequence[str], lang: str) -> None:
    frame = s.notes_slide.notes_text_frame
    frame.clear()
    first = True
    for line in (x for x in lines if x):
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        run = para.add_run()
        run.text = image.plain(line) if not line.startswith("• ") else "• " + image.plain(line[2:])
        run.font.language_id = LANGUAGE_IDS[lang]
