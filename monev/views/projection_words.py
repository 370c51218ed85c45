"""The words of the projection's tables, a column at a time: why a satker needs attention
(attention.needs_attention's reasons in a language) and whether its catch-up is realistic. Kept
apart from monev/views/projection.py, which computes the figures these words describe."""
from __future__ import annotations

import string

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from monev.domain import attention, catch_up, projection
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA, text
from monev.views import ikpa as ikpa_view


def realism_words(frame: pd.DataFrame, bulan: int, lang: str) -> pd.Series:
    """Per row of catch_up: the basis and, per deadline with a month left, the rupiah needed
    beside what the pattern usually realizes by then ('menurut pola riwayat satker: s.d. TW III
    perlu Rp 1,20 M, biasanya Rp 0,90 M; s.d. Desember perlu ...'), a column at a time."""
    quarter = catch_up.target_quarter(bulan)
    deadlines = [(fmt.QUARTERS[quarter - 1], "kebutuhan_triwulan", "pola_triwulan")] if 3 * quarter < 12 else []
    deadlines += [(fmt.month_name(12, lang), "kebutuhan_tahun", "pola_tahun")] if bulan < 12 else []
    codes, bases = pd.factorize(frame["dasar_realistis"].fillna(projection.BASIS_FLAT))
    heads = [text("ikpa_realistis_dasar", lang, dasar=" + ".join(text(f"ikpa_dasar_{b}", lang)
                                                                 for b in basis.split(", "))) + ": "
             for basis in bases]
    head = pa.array(np.asarray(heads, dtype=object)[codes], type=pa.string())
    parts = [_filled(text("ikpa_realistis_sampai", lang), len(frame), batas=name,
                     perlu=fmt.rupiahs_short(frame[need], lang), pola=fmt.rupiahs_short(frame[usual], lang))
             for name, need, usual in deadlines]
    tail = pc.binary_join_element_wise(*parts, "; ") if parts else text("ikpa_realistis_tanpa_bulan", lang)
    return pd.Series(pc.binary_join_element_wise(head, tail, ""), index=frame.index, dtype="str")


def _filled(template: str, rows: int, **fields) -> pa.Array:
    """template.format(**fields) for each of `rows` rows at once: a field is one text for every
    row or a column of texts. The template's fields are plain {name}s."""
    pieces = []
    for literal, name, _, _ in string.Formatter().parse(template):
        pieces.append(literal)
        if name is not None:
            value = fields[name]
            pieces.append(value if isinstance(value, str) else pa.array(value, type=pa.string()))
    if all(isinstance(piece, str) for piece in pieces):
        return pa.array(["".join(pieces)] * rows, type=pa.string())
    return pc.binary_join_element_wise(*pieces, "")


PERCENT_VALUES = ("proyeksi", "bawah", "atas", "target", "persen")


def reason_words(lang: str) -> attention.Words:
    """words(kunci, values) for attention.needs_attention: the text in `lang` of each reason of
    one key (a Series of str on values' index), as text(kunci, lang, **row) would write it with
    its numbers formatted for that language (percentages, an IKPA score, a jenis belanja's and a
    band's names), a column at a time."""
    def words(key: str, values: pd.DataFrame) -> pd.Series:
        template = text(key, lang)
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        return pd.Series(_filled(template, len(values), **_reason_fields(names, values, lang)),
                         index=values.index, dtype="str")
    return words


def _reason_fields(names: list[str], values: pd.DataFrame, lang: str) -> dict:
    """The fields `names` of the reasons' texts, each value in words. The percentages of all the
    fields are formatted together, each distinct value once (a projection's range often has no
    width: three fields, one number)."""
    shown = {}
    percents = [name for name in names if name in PERCENT_VALUES or name == "skor"]
    if percents:
        texts = fmt.percents(pd.concat([values[name] for name in percents], ignore_index=True), lang)
        for i, name in enumerate(percents):
            part = texts.iloc[i * len(values):(i + 1) * len(values)]
            shown[name] = part.str.slice(0, -1) if name == "skor" else part
    for name in names:
        if name not in shown:
            codes, distinct = pd.factorize(values[name], use_na_sentinel=False)
            shown[name] = np.asarray([_reason_value(name, v, lang) for v in distinct], dtype=object)[codes]
    return shown


def _reason_value(name: str, value, lang: str) -> str:
    if name == "kategori" and value in ikpa_view.BAND_TEXTS:
        return text(ikpa_view.BAND_TEXTS[value], lang)
    if name == "jenis":
        code = str(value)
        names = JENIS_BELANJA.get(code)  # the names the filters show, mid-sentence
        return names[0 if lang == "id" else 1].lower() if names else text("ikpa_alasan_jenis_lain", lang, kode=code)
    return format(value)
