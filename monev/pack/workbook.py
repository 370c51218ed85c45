"""The pack as an Excel workbook: the title slide's lines on a first sheet, then every table of
the deck on a sheet of its own, as numbers (integer rupiah, percentages as numbers, no formulas;
texts always written as texts), with a native Excel chart where the deck has one.

Every sheet starts with the sample marking (for sample data), the table's title and the period
and scope.
"""
from __future__ import annotations

import io

import xlsxwriter

from monev.i18n import format as fmt
from monev.i18n.texts import text
from monev.pack import style
from monev.pack.model import Pack, Table

COVER = "bahan_rakor"


def _header_lines(pack: Pack) -> list[str]:
    L = pack.lang
    lines = [text("pack_contoh", L)] if pack.sample else []
    lines.append(text("pack_kaki", L, tahun=pack.period.tahun, bulan=fmt.month_name(pack.period.bulan, L),
                      cakupan=pack.scope_label))
    return lines


def _width(series, kind: str, title: str) -> float:
    """A column's width in characters: its longest value as Excel shows it (rupiah with thousands
    separators), at least the header's longest word, at most 50 (a long name wraps)."""
    present = series.dropna()
    if kind == "rupiah" and len(present):
        longest = len(f"{int(present.astype('int64').abs().max()):,}") + 1
    elif kind == "text" and len(present):
        longest = int(present.astype(str).str.len().max())
    else:
        longest = 8
    header = max((len(word) for word in title.split()), default=0)
    return float(min(max(longest, header, 8) + 2, 50))


def _values(series, kind: str) -> list:
    """A column's cells as Python values (int rupiah and counts, float percentages, str texts),
    None where missing: converted a column at a time (a national pack writes 700.000 cells)."""
    missing = series.isna().to_numpy()
    convert = str if kind == "text" else (int if kind in ("rupiah", "count", "year") else float)
    return [None if gone else convert(value) for value, gone in zip(series.tolist(), missing)]


def _table_sheet(book, pack: Pack, table: Table, formats: dict) -> None:
    sheet = book.add_worksheet(table.sheet[:31])
    row = 0
    for line in _header_lines(pack):
        sheet.write_string(row, 0, line, formats["warning"] if pack.sample and row == 0 else formats["muted"])
        row += 1
    sheet.write_string(row, 0, table.title, formats["title"])
    row += 1
    if table.note:
        sheet.write_string(row, 0, table.note, formats["muted"])
        row += 1
    header = row + 1
    for col, column in enumerate(table.columns):
        sheet.write_string(header, col, column.title, formats["header"])
        sheet.set_column(col, col, _width(table.frame[column.key], column.kind, column.title))
    for col, column in enumerate(table.columns):
        cell_format = formats[column.kind]
        write = sheet.write_string if column.kind == "text" else sheet.write_number
        for i, value in enumerate(_values(table.frame[column.key], column.kind), start=header + 1):
            if value is None:
                sheet.write_blank(i, col, None, cell_format)
            else:
                write(i, col, value, cell_format)
    if table.chart is not None and len(table.frame):
        _chart(book, sheet, pack, table, header, len(table.columns) + 1)


def _chart(book, sheet, pack: Pack, table: Table, header: int, at_col: int) -> None:
    chart_spec = table.chart
    chart = book.add_chart({"type": "line" if chart_spec.kind == "line" else "column"})
    first, last = header + 1, header + len(table.frame)
    category = [c.key for c in table.columns].index(chart_spec.category)
    for i, key in enumerate(chart_spec.series):
        col = [c.key for c in table.columns].index(key)
        color = style.series_color(key, i)
        series = {"name": [sheet.name, header, col], "categories": [sheet.name, first, category, last, category],
                  "values": [sheet.name, first, col, last, col]}
        if chart_spec.kind == "line":
            series.update(line={"color": color}, marker={"type": "circle", "size": 5,
                                                         "fill": {"color": color}, "border": {"color": color}})
        else:
            series.update(fill={"color": color}, border={"color": color})
        chart.add_series(series)
    chart.set_title({"name": table.title, "name_font": {"size": 11}})
    chart.set_legend({"position": "bottom"})
    chart.set_y_axis({"num_format": style.axis_format(chart_spec.axis, style.largest(table.frame, chart_spec.series),
                                                      pack.lang)})
    chart.show_blanks_as("gap")
    chart.set_size({"width": 760, "height": 380})
    sheet.insert_chart(header, at_col, chart)


def _cover(book, pack: Pack, formats: dict) -> None:
    sheet = book.add_worksheet(COVER)
    sheet.set_column(0, 0, 110)
    row = 0
    for line in _header_lines(pack):
        sheet.write_string(row, 0, line, formats["warning"] if pack.sample and row == 0 else formats["muted"])
        row += 1
    title = pack.slides[0]
    sheet.write_string(row + 1, 0, title.title, formats["title"])
    for i, line in enumerate(title.lines):
        sheet.write_string(row + 2 + i, 0, line, formats["text"])
    row += 3 + len(title.lines)
    for table in pack.tables:
        sheet.write_string(row, 0, f"{table.sheet}: {table.title}", formats["text"])
        row += 1


def write(pack: Pack) -> bytes:
    """The workbook's bytes."""
    buffer = io.BytesIO()
    # texts are never formulas, links or numbers: a name like '=HYPERLINK(...)' from a loaded
    # file stays text
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    book.set_properties({"title": f"{pack.slides[0].title} · {pack.scope_label}"[:250], "author": "Monev Anggaran",
                         "created": pack.made_at})
    formats = {kind: book.add_format({"num_format": style.data_format(kind)}) for kind in style.DATA_FORMATS}
    formats.update(
        title=book.add_format({"bold": True, "font_size": 13, "font_color": style.NAVY}),
        header=book.add_format({"bold": True, "bg_color": style.HEADER, "text_wrap": True, "valign": "top"}),
        muted=book.add_format({"font_color": style.MUTED}),
        warning=book.add_format({"bold": True, "font_color": style.WARNING}),
    )
    _cover(book, pack, formats)
    for table in pack.tables:
        _table_sheet(book, pack, table, formats)
    book.close()
    return buffer.getvalue()
