"""The pack as a PDF, for sending by message: one landscape A4 page (or more, for a long table)
per slide, with the same tables worded as in the deck and charts drawn by reportlab's own
graphics. Made in Python alone, with no browser at run time.

Every page carries the footer (period, scope, page number) and, for sample data, the marking.
"""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from monev.i18n import format as fmt
from monev.i18n.texts import text
from monev.pack import style
from monev.pack.model import Chart, Pack, Slide, Table, worded_rows

PAGE = landscape(A4)
MARGIN = 1.2 * cm
WIDTH = PAGE[0] - 2 * MARGIN
# Bitstream Vera ships with reportlab: a TrueType font (embedded, so pdftotext reads the text back)
# with the en dash, the middle dot and the other marks the texts use
FONT, BOLD = "Vera", "VeraBd"


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))


def _style(size: float, bold: bool = False, color: str = style.INK, leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{bold}{color}", fontName=BOLD if bold else FONT, fontSize=size,
                          leading=leading or size * 1.25, textColor=colors.HexColor(color))


def _p(value: str, paragraph_style: ParagraphStyle) -> Paragraph:
    # names from loaded files are text: escaped, never read as markup
    return Paragraph(escape(value), paragraph_style)


def _table(table: Table, lang: str, size: float = 7.5) -> PdfTable | None:
    rows = worded_rows(table, lang)
    if not rows:
        return None
    headers = [c.title for c in table.columns]
    head, left, right = _style(size, True), _style(size), ParagraphStyle("r", parent=_style(size), alignment=2)
    cells = [[_p(h, head) for h in headers]]
    for values in rows:
        cells.append([_p(v, left if c.kind == "text" else right) for v, c in zip(values, table.columns)])
    widths = style.column_widths(headers, rows, [c.kind for c in table.columns], WIDTH, size)
    grid = PdfTable(cells, colWidths=widths, repeatRows=1)
    grid.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(style.HEADER)),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return grid


def _chart(table: Table, chart: Chart, lang: str, width: float, height: float) -> Drawing:
    frame = table.rows_shown  # the rows the page's table shows (the workbook's chart has them all)
    # a series without a value has nothing to draw (nor a legend entry)
    keys = [key for key in chart.series if frame[key].notna().any()]
    series = [[None if fmt.is_missing(v) else float(v) for v in frame[key]] for key in keys]
    maximum = max(style.largest(frame, chart.series), 1.0)
    drawing = Drawing(width, height)
    plot = HorizontalLineChart() if chart.kind == "line" else VerticalBarChart()
    plot.x, plot.y, plot.width, plot.height = 70, 45, width - 90, height - 60
    plot.data = series
    if chart.kind == "line" and any(sum(v is not None for v in values) < 2 for values in series):
        plot.joinedLines = 0  # reportlab cannot join a single point (s.d. Januari): markers only
    names = [str(v) for v in frame[chart.category]]
    plot.categoryAxis.categoryNames = names
    plot.categoryAxis.labels.fontName, plot.categoryAxis.labels.fontSize = FONT, 6.5
    if sum(len(name) for name in names) * 6.5 * 0.6 > plot.width * 0.8:
        # too long side by side: slanted, shortened, with the room below the plot they need
        names = [name if len(name) <= 32 else name[:31] + "…" for name in names]
        plot.categoryAxis.categoryNames = names
        plot.categoryAxis.labels.angle, plot.categoryAxis.labels.boxAnchor = 30, "ne"
        drop = max(len(name) for name in names) * 6.5 * 0.55 * 0.5  # the longest label's height at 30°
        plot.y, plot.height = 30 + drop, height - 45 - drop
        reach = max(len(name) for name in names) * 6.5 * 0.55 * 0.87  # and its width to the left
        plot.x = max(70, reach - 10)
        plot.width = width - plot.x - 20
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = maximum * 1.1
    plot.valueAxis.labels.fontName, plot.valueAxis.labels.fontSize = FONT, 7
    plot.valueAxis.labelTextFormat = lambda v: style.short_axis(chart.axis, v, maximum, lang)
    for i, key in enumerate(keys):
        color = colors.HexColor(style.series_color(key, i))
        if chart.kind == "line":
            plot.lines[i].strokeColor, plot.lines[i].strokeWidth = color, 1.5
            plot.lines[i].symbol = makeMarker("FilledCircle", size=3, fillColor=color, strokeColor=color)
        else:
            plot.bars[i].fillColor, plot.bars[i].strokeColor = color, color
    drawing.add(plot)
    legend = Legend()
    legend.fontName, legend.fontSize = FONT, 7
    legend.x, legend.y, legend.alignment = 70, 8, "right"
    legend.columnMaximum, legend.dx, legend.dy = 1, 8, 8
    legend.colorNamePairs = [(colors.HexColor(style.series_color(key, i)), table.column(key).title)
                             for i, key in enumerate(keys)]
    drawing.add(legend)
    return drawing


def _title_page(pack: Pack, content: Slide) -> list:
    flow = [Spacer(1, 4 * cm), _p(content.title, _style(26, True, style.NAVY, 32)), Spacer(1, 0.8 * cm)]
    for i, line in enumerate(content.lines):
        flow += [_p(line, _style(14 if i == 0 else 11)), Spacer(1, 0.25 * cm)]
    if pack.sample:
        flow += [Spacer(1, 0.5 * cm), _p(text("pack_contoh", pack.lang), _style(18, True, style.WARNING, 24))]
    return flow


def _headline_page(pack: Pack, content: Slide) -> list:
    flow = [_p(content.title, _style(18, True, style.NAVY)), Spacer(1, 0.4 * cm)]
    tiles = [[_p(caption, _style(10, color=style.MUTED)), _p(value, _style(20, True, style.NAVY, 26)),
              _p(detail, _style(8, color=style.MUTED))] for caption, value, detail in content.tiles]
    grid = PdfTable([tiles], colWidths=[WIDTH / len(tiles)] * len(tiles))
    grid.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.TILE)),
                              ("LINEAFTER", (0, 0), (-2, -1), 4, colors.white), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow += [grid, Spacer(1, 0.4 * cm)]
    flow += [_p(line, _style(11)) for line in content.lines]
    table = content.tables[0]
    flow += [Spacer(1, 0.4 * cm), _p(table.title, _style(10, True)), Spacer(1, 0.15 * cm), _table(table, pack.lang, 7)]
    return flow


def _tables_page(pack: Pack, content: Slide) -> list:
    flow = [_p(content.title, _style(18, True, style.NAVY)), Spacer(1, 0.3 * cm)]
    for table in content.tables:
        if len(content.tables) > 1:
            flow += [_p(table.title, _style(10, True)), Spacer(1, 0.1 * cm)]
        if table.note:
            flow += [_p(table.note, _style(8.5, color=style.MUTED)), Spacer(1, 0.15 * cm)]
        if table.chart is not None and len(table.frame):
            wide = len(content.tables) == 1
            flow += [_chart(table, table.chart, pack.lang, WIDTH if wide else WIDTH / 2, 7 * cm if wide else 5 * cm),
                     Spacer(1, 0.2 * cm)]
        grid = _table(table, pack.lang)
        if grid is not None:
            flow += [grid, Spacer(1, 0.35 * cm)]
    return flow


def write(pack: Pack) -> bytes:
    """The PDF's bytes."""
    _fonts()
    L = pack.lang
    footer = text("pack_kaki", L, tahun=pack.period.tahun, bulan=fmt.month_name(pack.period.bulan, L),
                  cakupan=pack.scope_label)

    def decorate(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor(style.MUTED))
        canvas.drawString(MARGIN, 0.6 * cm, footer[:180])
        canvas.drawRightString(PAGE[0] - MARGIN, 0.6 * cm, text("pack_halaman", L, n=document.page))
        if pack.sample:
            canvas.setFont(BOLD, 9)
            canvas.setFillColor(colors.HexColor(style.WARNING))
            canvas.drawRightString(PAGE[0] - MARGIN, PAGE[1] - 0.75 * cm, text("pack_contoh", L))
        canvas.restoreState()

    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=1.1 * cm,
                               bottomMargin=1.1 * cm, title=pack.slides[0].title, author="Monev Anggaran")
    frame = Frame(MARGIN, 1.1 * cm, WIDTH, PAGE[1] - 2.2 * cm, id="isi")
    document.addPageTemplates([PageTemplate(id="halaman", frames=[frame], onPage=decorate)])
    flow: list = []
    for number, content in enumerate(pack.slides):
        if number:
            flow.append(PageBreak())
        if content.kind == "title":
            flow += _title_page(pack, content)
        elif content.kind == "headline":
            flow += _headline_page(pack, content)
        else:
            flow += _tables_page(pack, content)
    document.build([f for f in flow if f is not None])
    return buffer.getvalue()
