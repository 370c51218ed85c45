"""The pack as a PowerPoint deck (16:9) with native, editable charts (python-pptx chart objects:
their data, in exact rupiah, is the chart's own workbook in the file, editable in PowerPoint).

Every slide carries the footer (period and scope) and, for sample data, the sample marking.
"""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from monev.i18n import format as fmt
from monev.i18n.texts import text
from monev.pack import style
from monev.pack.model import Chart, Pack, Slide, Table, worded_rows

WIDTH, HEIGHT = Emu(12192000), Inches(7.5)  # 13,333 x 7,5 in: PowerPoint's own 16:9
MARGIN = Inches(0.4)
CONTENT_TOP = Inches(1.15)
CONTENT_BOTTOM = Inches(6.95)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def _text(slide, left, top, width, height, value: str, size: int, bold: bool = False, color: str = style.INK,
          align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = value
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(color)
    return box


def _frame(pack: Pack, slide, number: int, title: str | None) -> None:
    """Title, footer, page number and (sample data) the marking: on every slide."""
    L = pack.lang
    if title:
        _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN - Inches(3.2), Inches(0.8), title,
              24 if len(title) <= 45 else 19, True, style.NAVY)
    if pack.sample:
        _text(slide, WIDTH - MARGIN - Inches(3.2), Inches(0.25), Inches(3.2), Inches(0.6), text("pack_contoh", L), 11,
              True, style.WARNING, PP_ALIGN.RIGHT)
    footer = text("pack_kaki", L, tahun=pack.period.tahun, bulan=fmt.month_name(pack.period.bulan, L),
                  cakupan=pack.scope_label)
    _text(slide, MARGIN, Inches(7.05), WIDTH - 2 * MARGIN - Inches(1.5), Inches(0.35), footer, 9, color=style.MUTED)
    _text(slide, WIDTH - MARGIN - Inches(1.5), Inches(7.05), Inches(1.5), Inches(0.35),
          text("pack_halaman", L, n=number), 9, color=style.MUTED, align=PP_ALIGN.RIGHT)


def _table(slide, table: Table, lang: str, left, top, width, height, size: int = 9) -> None:
    rows = worded_rows(table, lang)
    headers = [c.title for c in table.columns]
    if not rows:
        return
    shape = slide.shapes.add_table(len(rows) + 1, len(headers), left, top, width,
                                   min(height, Emu(int(Pt(size * 2.1) * (len(rows) + 1)))))
    grid = shape.table
    widths = style.column_widths(headers, rows, [c.kind for c in table.columns], Emu(width).pt, size)
    for i, points in enumerate(widths):
        grid.columns[i].width = Pt(points)
    for r, values in enumerate([headers, *rows]):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = value
            cell.margin_left = cell.margin_right = Inches(0.04)
            cell.margin_top = cell.margin_bottom = Inches(0.01)
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT if table.columns[c].kind == "text" or r == 0 else PP_ALIGN.RIGHT
            font = paragraph.runs[0].font if paragraph.runs else paragraph.font
            font.size, font.bold = Pt(size), r == 0


def _chart(slide, table: Table, chart: Chart, lang: str, left, top, width, height) -> None:
    frame = table.rows_shown  # the rows the slide's table shows (the workbook's chart has them all)
    data = CategoryChartData(number_format=style.data_format(chart.axis))
    data.categories = [str(v) for v in frame[chart.category]]
    for key in chart.series:
        values = [None if fmt.is_missing(v) else (int(v) if table.column(key).kind in ("rupiah", "count") else float(v))
                  for v in frame[key]]
        data.add_series(table.column(key).title, values)
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind == "line" else XL_CHART_TYPE.COLUMN_CLUSTERED
    graphic = slide.shapes.add_chart(kind, left, top, width, height, data).chart
    graphic.has_title = False  # the slide's title says it; one series would otherwise be titled by its name
    graphic.has_legend = True
    graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
    graphic.legend.include_in_layout = False
    graphic.legend.font.size = Pt(10)
    axis = graphic.value_axis
    axis.tick_labels.number_format = style.axis_format(chart.axis, style.largest(frame, chart.series), lang)
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(9)
    graphic.category_axis.tick_labels.font.size = Pt(9)
    for i, (key, series) in enumerate(zip(chart.series, graphic.plots[0].series)):
        color = _rgb(style.series_color(key, i))
        if chart.kind == "line":
            series.format.line.color.rgb = color
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color


def _title_slide(pack: Pack, slide, content: Slide) -> None:
    _text(slide, Inches(0.8), Inches(2.0), WIDTH - Inches(1.6), Inches(1.3), content.title, 34, True, style.NAVY)
    for i, line in enumerate(content.lines):
        _text(slide, Inches(0.8), Inches(3.5 + 0.55 * i), WIDTH - Inches(1.6), Inches(0.5), line, 16 if i == 0 else 13)
    if pack.sample:
        _text(slide, Inches(0.8), Inches(3.7 + 0.55 * len(content.lines)), WIDTH - Inches(1.6), Inches(0.6),
              text("pack_contoh", pack.lang), 20, True, style.WARNING)


def _headline_slide(pack: Pack, slide, content: Slide) -> None:
    count = len(content.tiles)
    gap = Inches(0.25)
    tile_width = Emu(int((WIDTH - 2 * MARGIN - gap * (count - 1)) / count))
    for i, (caption, value, detail) in enumerate(content.tiles):
        left = MARGIN + i * (tile_width + gap)
        box = slide.shapes.add_shape(1, left, CONTENT_TOP, tile_width, Inches(1.9))  # 1: rectangle
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(style.TILE)
        box.line.color.rgb = _rgb(style.TILE)
        _text(slide, left + Inches(0.15), CONTENT_TOP + Inches(0.1), tile_width - Inches(0.3), Inches(0.4), caption, 13,
              color=style.MUTED)
        _text(slide, left + Inches(0.15), CONTENT_TOP + Inches(0.5), tile_width - Inches(0.3), Inches(0.7), value, 26,
              True, style.NAVY)
        _text(slide, left + Inches(0.15), CONTENT_TOP + Inches(1.25), tile_width - Inches(0.3), Inches(0.5), detail, 11,
              color=style.MUTED)
    top = CONTENT_TOP + Inches(2.1)
    for line in content.lines:
        _text(slide, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4), line, 14)
        top += Inches(0.45)
    table = content.tables[0]
    _text(slide, MARGIN, top + Inches(0.1), WIDTH - 2 * MARGIN, Inches(0.35), table.title, 12, True)
    _table(slide, table, pack.lang, MARGIN, top + Inches(0.5), WIDTH - 2 * MARGIN, Inches(1.2), 9)


def _notes(slide, table: Table, top) -> Emu:
    if table.note:
        _text(slide, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.45), table.note, 11, color=style.MUTED)
        return top + Inches(0.5)
    return top


def _tables_slide(pack: Pack, slide, content: Slide) -> None:
    full = WIDTH - 2 * MARGIN
    if len(content.tables) == 1:
        table = content.tables[0]
        top = _notes(slide, table, CONTENT_TOP)
        if table.chart is not None and len(table.frame):
            _chart(slide, table, table.chart, pack.lang, MARGIN, top, full, Inches(3.1))
            top += Inches(3.2)
        _table(slide, table, pack.lang, MARGIN, top, full, CONTENT_BOTTOM - top, 8 if table.chart is not None else 9)
        return
    # a unit's slide: its satker furthest behind across the top, its PPK status (chart, table) below
    first, second = content.tables
    top = _notes(slide, first, CONTENT_TOP)
    _text(slide, MARGIN, top, full, Inches(0.3), first.title, 12, True)
    _table(slide, first, pack.lang, MARGIN, top + Inches(0.35), full, Inches(2.8), 8)
    top = Inches(4.6)
    _text(slide, MARGIN, top, full, Inches(0.3), second.title, 12, True)
    half = Emu(int(full / 2)) - Inches(0.1)
    if second.chart is not None and len(second.frame):
        _chart(slide, second, second.chart, pack.lang, MARGIN, top + Inches(0.35), half, Inches(2.0))
    _table(slide, second, pack.lang, MARGIN + half + Inches(0.2), top + Inches(0.45), half, Inches(1.8), 9)


def write(pack: Pack) -> bytes:
    """The deck's bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = f"{pack.slides[0].title} · {pack.scope_label}"[:250]
    deck.core_properties.author = "Monev Anggaran"
    deck.core_properties.created = pack.made_at
    blank = deck.slide_layouts[6]
    for number, content in enumerate(pack.slides, start=1):
        slide = deck.slides.add_slide(blank)
        _frame(pack, slide, number, None if content.kind == "title" else content.title)
        {"title": _title_slide, "headline": _headline_slide, "tables": _tables_slide}[content.kind](pack, slide, content)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
