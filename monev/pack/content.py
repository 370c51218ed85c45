"""The pack's content, from the same views the pages use.

Every figure comes from the function behind the page that shows it: the headline, curve and the
unit and jenis belanja tables from monev.views.ringkasan.overview (Ringkasan), the IKPA scores and the
needs-attention list from monev.views.ikpa_page.shown (IKPA dan peringatan dini), the satker and
PPK of each unit from monev.views.kpa_ppk.table (KPA dan PPK). The only figures added here are
the quarter's target and the rupiah still needed to reach it for the total and per unit, by the
rule the KPA/PPK page applies per satker (status.needed_by_group). Every call gets the scope and
filters passed in, so a scoped pack holds nothing outside its scope.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import status, summary
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA, label, text
from monev.pack.model import Chart, Column, Pack, Slide, Table
from monev.views import ikpa as ikpa_view
from monev.views import ikpa_page, kpa_ppk, ringkasan
from monev.views import tindak_lanjut as tindak_lanjut_view
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

ATTENTION_SHOWN = 10  # rows of the needs-attention list on the slide (the workbook has them all)
BEHIND_SHOWN = 6  # satker furthest behind on each unit's slide
UNITS_SHOWN = 12  # rows of the unit and IKPA tables under their charts (a national pack has about 80 units)


def _limited(table: Table, limit: int, lang: str) -> Table:
    """The table with the deck and the PDF showing its first `limit` rows when it has more, the
    note saying so and where the rest is (the workbook always has every row)."""
    if len(table.frame) > limit:
        table.shown = limit
        more = text("pack_sebagian", lang, n=limit, total=len(table.frame), lembar=table.sheet)
        table.note = f"{table.note} {more}".strip()
    return table


def _restricted(scope: Scope, filters: Filters) -> bool:
    """Whether the pack covers less than the whole warehouse (a scope, or any filter)."""
    return not scope.everything or any(getattr(filters, f.name) for f in dataclasses.fields(filters))


def _band(name, lang: str) -> str:
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    return text("kpa_band_" + str(name).lower().replace(" ", "_"), lang)


def _ikpa_band(name, lang: str) -> str:
    key = ikpa_view.BAND_TEXTS.get(name)
    return text(key, lang) if key else ("" if name is None or pd.isna(name) else str(name))


def _unit_name(frame: pd.DataFrame) -> pd.Series:
    return frame["kdunit"] + " " + frame["nmunit"].fillna("")


def _quarter_figures(engine: sa.Engine, period: Period, scope: Scope, filters: Filters) -> dict[str, pd.DataFrame]:
    """The quarter's target (% of pagu, pagu-weighted as every target is) and the rupiah still
    needed to reach it (status.needed_by_group, the KPA/PPK page's rule), for the total
    ('total', one row) and per unit ('per_unit': kdunit, target_tw, kebutuhan_tw)."""
    grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    goals = reports.month_targets(engine, Period(period.tahun, 3 * kpa_ppk.quarter_of(period.bulan)))
    weighted = summary.with_targets(grain, goals)
    whole = grain.assign(semua="")
    total = status.needed_by_group(whole, goals, ["semua"])
    total_target = summary.rollup(weighted, [])["target_persen"]
    units = (summary.rollup(weighted, ["kdunit"])[["kdunit", "target_persen"]]
             .rename(columns={"target_persen": "target_tw"}))
    units = units.merge(status.needed_by_group(grain, goals, ["kdunit"]), on="kdunit", how="left")
    return {"total": pd.DataFrame({"target_tw": total_target.to_numpy(),
                                   "kebutuhan_tw": (total["kebutuhan"].array if len(total)
                                                    else pd.array([None], "Int64"))}),
            "per_unit": units.rename(columns={"kebutuhan": "kebutuhan_tw"})}


def unit_choices(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER) -> pd.DataFrame:
    """The echelon I units of the period's fiscal year within a scope (kode, nama): what a pack
    may cover (the page offers them; `filters` do not narrow them)."""
    options = query.run(engine, "pilihan_filter", scope=scope, tahun=period.tahun)
    return options[options["jenis"] == "unit"][["kode", "nama"]].reset_index(drop=True)


def build(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
          lang: str = "id", note: str | None = None, made_at: datetime | None = None,
          commitments: pd.DataFrame | None = None) -> Pack:
    """The whole pack for a period, a scope (and filters) and a language ('id' or 'en'); `note`
    (e.g. the page's 'data as loaded at batch 12') is added to the title slide. `commitments`
    (monev.appdb.tindak_lanjut.listed) open the pack judged at the period; None: no such slide."""
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    tw = fmt.QUARTERS[kpa_ppk.quarter_of(period.bulan) - 1]
    bulan = fmt.month_name(period.bulan, lang)

    overview = ringkasan.overview(engine, period, scope=scope, filters=filters)
    quarter = _quarter_figures(engine, period, scope, filters)
    # IKPA and the needs-attention list are satker-level measures: not for a scope of some PPK
    # (docs/security.md), whose pack leaves their slides out and says so on the title slide
    ikpa = ikpa_page.shown(engine, period, scope=scope, filters=filters, lang=lang) if scope.whole_satker else None
    satker = kpa_ppk.table(engine, period, "satker", scope=scope, filters=filters)
    ppk = kpa_ppk.table(engine, period, "ppk", scope=scope, filters=filters)

    per_unit = overview["per_unit"].merge(quarter["per_unit"], on="kdunit", how="left")
    per_unit.insert(0, "unit", _unit_name(per_unit))
    scope_label = (", ".join(per_unit["unit"]) if _restricted(scope, filters) else T("pack_cakupan_semua")) or "–"

    made_at = made_at or datetime.now()
    slides = [_title_slide(engine, period, scope, scope_label, lang, tw)]
    slides[0].lines.append(T("pack_dibuat", waktu=made_at.strftime("%Y-%m-%d %H:%M")))
    if not scope.whole_satker:
        slides[0].lines.append(T("cakupan_ppk_saja", daftar=", ".join(f"satker {s} PPK {p}" for s, p in scope.ppks)))
    if note:
        slides[0].lines.append(note)
    if commitments is not None:
        slides.append(_follow_up_slide(tindak_lanjut_view.judged(
            engine, period, scope=scope, filters=filters, commitments=commitments, lang=lang), period, lang))
    slides.append(_headline_slide(overview["headline"], quarter["total"], period, lang, tw))
    slides.append(_curve_slide(overview["kurva"], lang))
    slides.extend(_realization_slides(per_unit, overview["per_jenis_belanja"], lang, tw))
    if ikpa is not None:
        slides.append(_ikpa_slide(ikpa, _restricted(scope, filters), lang))
        slides.append(_attention_slide(ikpa["perhatian"], lang))
    # each unit's rows, split once: a national pack has about 80 units
    satker_of = _by_unit(satker["tabel"])
    long = ppk["triwulan_panjang"]
    ppk_of = _by_unit(long[long["triwulan"] == tw])
    for row in per_unit.itertuples(index=False):
        slides.append(_unit_slide(row, satker_of.get(row.kdunit, satker["tabel"].head(0)),
                                  ppk_of.get(row.kdunit, long.head(0)), lang, tw, bulan))
    units = tuple(per_unit["kdunit"]) if _restricted(scope, filters) else ()
    return Pack(period=period, lang=lang, sample=reports.is_sample(engine), scope_label=scope_label,
                made_at=made_at, slides=slides, units=units)


def _date(day, lang: str) -> str:
    """30 September 2024 (September 30, 2024 in English)."""
    month = fmt.month_name(day.month, lang)
    return f"{day.day} {month} {day.year}" if lang == "id" else f"{month} {day.day}, {day.year}"


def _title_slide(engine, period: Period, scope: Scope, scope_label: str, lang: str, tw: str) -> Slide:
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    last = query.run(engine, "data_terakhir", scope=scope, tahun=period.tahun).iloc[0]
    tgl, muat = last["tgl_realisasi_terakhir"], last["dimuat_terakhir"]
    lines = [T("pack_periode", tahun=period.tahun, bulan=fmt.month_name(period.bulan, lang), tw=tw),
             T("pack_posisi", akhir=_date(period.sampai, lang), tgl="–" if fmt.is_missing(tgl) else str(tgl)[:10],
               muat="–" if fmt.is_missing(muat) else str(muat)[:16]),
             T("pack_cakupan", cakupan=scope_label)]
    return Slide(title=T("pack_judul"), kind="title", lines=lines)


FOLLOW_UPS_SHOWN = 10


def _follow_up_slide(judged: pd.DataFrame, period: Period, lang: str) -> Slide:
    """The previous Rakor's follow-ups, judged at the period (monev.views.tindak_lanjut)."""
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    frame = judged.copy()
    counts = frame["status"].value_counts() if len(frame) else pd.Series(dtype="int64")
    frame["status"] = [T("tl_status_" + s.replace(" ", "_")) for s in frame["status"]]
    columns = (Column("rakor", T("tl_kol_rakor")), Column("kdsatker", T("pack_kol_satker")),
               Column("nmsatker", T("pack_kol_nama_satker")), Column("kdppk", T("pack_kol_ppk")),
               Column("komitmen", T("tl_kol_komitmen")), Column("penanggung_jawab", T("tl_kol_pj")),
               Column("realisasi", text("realisasi", lang), "rupiah"),
               Column("capaian_persen", T("tl_kol_capaian"), "percent"),
               Column("kekurangan", T("tl_kol_kekurangan"), "rupiah"))
    if len(frame) and frame["target_volume"].notna().any():  # an RO's output: its figures in its own unit
        columns += (Column("realisasi_volume", T("tl_kol_realisasi_volume"), "volume"),
                    Column("kekurangan_volume", T("tl_kol_kekurangan_volume"), "volume"),
                    Column("satuan", T("tl_kol_satuan")))
    columns += (Column("status", T("pack_kol_status")),)
    note = T("pack_catatan_tindak_lanjut", bulan=fmt.month_name(period.bulan, lang),
             tercapai=int(counts.get("tercapai", 0)), berjalan=int(counts.get("berjalan", 0)),
             tidak=int(counts.get("tidak tercapai", 0))) if len(frame) else T("pack_tidak_ada")
    table = Table(sheet="tindak_lanjut", title=T("pack_judul_tindak_lanjut"), frame=frame, columns=columns, note=note)
    return Slide(title=T("pack_judul_tindak_lanjut"), tables=[_limited(table, FOLLOW_UPS_SHOWN, lang)])


def _headline_slide(heads: pd.DataFrame, quarter: pd.DataFrame, period: Period, lang: str, tw: str) -> Slide:
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    frame = heads.copy()
    frame["nama_bulan"] = [fmt.month_name(int(b), lang) for b in frame["bulan"]]
    # the quarter's figures are of the period's year, the first row
    frame["target_tw"] = pd.array([quarter["target_tw"].iloc[0]] + [None] * (len(frame) - 1), dtype="Float64")
    frame["kebutuhan_tw"] = pd.array([quarter["kebutuhan_tw"].iloc[0]] + [None] * (len(frame) - 1), dtype="Int64")
    columns = (Column("tahun", T("pack_kol_tahun"), "year"), Column("nama_bulan", T("pack_kol_bulan")),
               Column("pagu", text("pagu", lang), "rupiah"), Column("blokir", text("blokir", lang), "rupiah"),
               Column("realisasi", text("realisasi", lang), "rupiah"),
               Column("persen", T("pack_kol_persen"), "percent"),
               Column("target_persen", T("pack_kol_target_bulan"), "percent"),
               Column("kebutuhan", T("pack_kol_kekurangan"), "rupiah"),
               Column("target_tw", T("pack_kol_target_tw", tw=tw), "percent"),
               Column("kebutuhan_tw", T("pack_kol_kebutuhan_tw", tw=tw), "rupiah"))
    rows = list(frame.itertuples(index=False))
    now = rows[0]
    tiles = [
        (text("pagu", lang), fmt.rupiah_short(now.pagu, lang),
         f"{text('blokir', lang)} {fmt.rupiah_short(now.blokir, lang)}"),
        (T("pack_ubin_realisasi"), fmt.percent(now.persen, lang),
         f"{fmt.rupiah_short(now.realisasi, lang)} {T('pack_dari_pagu', pagu=fmt.rupiah_short(now.pagu, lang))}"),
        (T("pack_ubin_target", tw=tw), fmt.percent(now.target_tw, lang),
         f"{text('ringkasan_target_persen', lang, bulan=fmt.month_name(period.bulan, lang))}: "
         f"{fmt.percent(now.target_persen, lang)}"),
        (T("pack_ubin_kebutuhan", tw=tw), fmt.rupiah_short(now.kebutuhan_tw, lang), fmt.rupiah(now.kebutuhan_tw, lang)),
    ]
    if len(rows) > 1:
        before = rows[1]
        lines = [T("pack_tahun_lalu", tahun=int(before.tahun), bulan=before.nama_bulan,
                   persen=fmt.percent(before.persen, lang), pagu=fmt.rupiah_short(before.pagu, lang))]
    else:
        lines = [T("pack_tahun_lalu_tidak_ada")]
    table = Table(sheet="angka_utama", title=T("pack_judul_utama"), frame=frame, columns=columns)
    return Slide(title=T("pack_judul_utama"), kind="headline", tables=[table], tiles=tiles, lines=lines)


def _curve_slide(curve: pd.DataFrame, lang: str) -> Slide:
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    frame = curve.copy()
    frame.insert(0, "nama_bulan", [fmt.month_name(int(b), lang) for b in frame["bulan"]])
    columns = (Column("nama_bulan", T("pack_kol_bulan_nama")),
               Column("realisasi", T("pack_kol_realisasi_bulan"), "rupiah"),
               Column("realisasi_kumulatif", T("pack_kol_realisasi_kumulatif"), "rupiah"),
               Column("rpd", T("pack_kol_rpd_bulan"), "rupiah"),
               Column("rpd_kumulatif", T("pack_kol_rpd_kumulatif"), "rupiah"),
               Column("target", T("pack_kol_target_rupiah"), "rupiah"))
    # no RPD line for a scope of some PPK (the plan is kept per satker: views.ringkasan.monthly_curve)
    lines = tuple(k for k in ("realisasi_kumulatif", "rpd_kumulatif", "target") if frame[k].notna().any())
    chart = Chart("line", "nama_bulan", lines, "rupiah")
    table = Table(sheet="kurva_kumulatif", title=T("pack_judul_kurva"), frame=frame, columns=columns, chart=chart)
    return Slide(title=T("pack_judul_kurva"), tables=[table])


def _realization_slides(per_unit: pd.DataFrame, per_jenis: pd.DataFrame, lang: str, tw: str) -> list[Slide]:
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    kinds = per_jenis.copy()
    kinds.insert(0, "nama_jenis", [label(JENIS_BELANJA, c, lang) for c in kinds["jenis_belanja"]])
    figures = (Column("pagu", text("pagu", lang), "rupiah"), Column("realisasi", text("realisasi", lang), "rupiah"),
               Column("persen", T("pack_kol_persen"), "percent"),
               Column("target_persen", T("pack_kol_target_persen"), "percent"),
               Column("kebutuhan", T("pack_kol_kekurangan"), "rupiah"))
    chart = lambda category: Chart("bar", category, ("persen", "target_persen"), "percent")  # noqa: E731
    units = Table(sheet="per_unit", title=T("pack_judul_unit"), frame=per_unit,
                  columns=(Column("unit", T("pack_kol_unit")), *figures,
                           Column("target_tw", T("pack_kol_target_tw", tw=tw), "percent"),
                           Column("kebutuhan_tw", T("pack_kol_kebutuhan_tw", tw=tw), "rupiah")),
                  chart=chart("unit"))
    jenis = Table(sheet="per_jenis_belanja", title=T("pack_judul_jenis"), frame=kinds,
                  columns=(Column("nama_jenis", T("pack_kol_jenis")), *figures), chart=chart("nama_jenis"))
    return [Slide(title=T("pack_judul_unit"), tables=[_limited(units, UNITS_SHOWN, lang)]),
            Slide(title=T("pack_judul_jenis"), tables=[_limited(jenis, UNITS_SHOWN, lang)])]


IKPA_SHOWN = ["penyerapan", "deviasi_halaman_iii", "revisi_dipa", "capaian_output", "nilai"]


def _ikpa_slide(ikpa: dict, restricted: bool, lang: str) -> Slide:
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    now = ikpa["sekarang"]
    parts = []
    if not now["kementerian"].empty:
        total = text("ikpa_tingkat_kementerian", lang) if not restricted else T("pack_total_cakupan")
        parts.append(now["kementerian"].assign(unit=total))
    if not now["per_unit"].empty:
        parts.append(now["per_unit"].assign(unit=lambda f: _unit_name(f)))
    frame = (pd.concat(parts, ignore_index=True) if parts
             else pd.DataFrame(columns=["unit", "jumlah_satker", *IKPA_SHOWN, "kategori"]))
    frame["kategori"] = [_ikpa_band(k, lang) for k in frame["kategori"]]
    columns = (Column("unit", T("pack_kol_unit")),
               Column("jumlah_satker", text("ikpa_kol_jumlah_satker", lang), "count"),
               *(Column(k, text(f"ikpa_ind_{k}", lang), "score") for k in IKPA_SHOWN),
               Column("kategori", text("ikpa_kol_kategori", lang)))
    table = Table(sheet="ikpa_per_unit", title=T("pack_judul_ikpa"), frame=frame, columns=columns,
                  chart=Chart("bar", "unit", ("nilai",), "score"), note=T("pack_catatan_ikpa"))
    return Slide(title=T("pack_judul_ikpa"), tables=[_limited(table, UNITS_SHOWN, lang)])


def _attention_slide(attention: pd.DataFrame, lang: str) -> Slide:
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    frame = attention.reset_index(drop=True)
    columns = (Column("tingkat", T("pack_kol_tingkat")), Column("kdunit", T("pack_kol_unit")),
               Column("kdsatker", T("pack_kol_satker")), Column("nmsatker", T("pack_kol_nama_satker")),
               Column("kdppk", T("pack_kol_ppk")), Column("bobot", T("pack_kol_bobot"), "score"),
               Column("alasan", T("pack_kol_alasan")))
    if frame.empty:
        frame = pd.DataFrame(columns=[c.key for c in columns])
    table = Table(sheet="perlu_perhatian", title=T("pack_judul_perhatian"), frame=frame, columns=columns,
                  note=T("pack_tidak_ada") if frame.empty else "")
    return Slide(title=T("pack_judul_perhatian"), tables=[_limited(table, ATTENTION_SHOWN, lang)])


def _by_unit(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {kdunit: part for kdunit, part in frame.groupby("kdunit", sort=False)}


def _unit_slide(unit, rows: pd.DataFrame, ppk_now: pd.DataFrame, lang: str, tw: str, bulan: str) -> Slide:
    """A unit's slide: `rows` its satker (kpa_ppk.table's 'tabel'), `ppk_now` its PPK at the
    period (kpa_ppk.table's 'triwulan_panjang' of the period's quarter)."""
    T = lambda key, **values: text(key, lang, **values)  # noqa: E731
    behind = rows[kpa_ppk.behind(rows)].assign(selisih=lambda f: f["target_persen"] - f["persen"])
    behind = behind.sort_values(["selisih", "kdsatker"], ascending=[False, True]).reset_index(drop=True)
    behind["status"] = [_band(s, lang) for s in behind["status"]]
    summary_line = T("pack_unit_ringkas", pagu=fmt.rupiah_short(unit.pagu, lang),
                     realisasi=fmt.rupiah_short(unit.realisasi, lang), persen=fmt.percent(unit.persen, lang),
                     target=fmt.percent(unit.target_persen, lang), behind=len(behind), satker=len(rows))
    sheet_satker, sheet_ppk = f"unit_{unit.kdunit}_satker"[:31], f"unit_{unit.kdunit}_ppk"[:31]
    note = summary_line + ("" if len(behind) else " " + T("pack_semua_satker_tercapai"))
    satker_table = Table(
        sheet=sheet_satker, title=T("pack_judul_unit_satker"), frame=behind, note=note,
        columns=(Column("kdsatker", T("pack_kol_satker")), Column("nmsatker", T("pack_kol_nama_satker")),
                 Column("kpa", T("pack_kol_kpa")), Column("pagu", text("pagu", lang), "rupiah"),
                 Column("realisasi", text("realisasi", lang), "rupiah"),
                 Column("persen", T("pack_kol_persen"), "percent"),
                 Column("target_persen", T("pack_kol_target_persen"), "percent"),
                 Column("selisih", T("pack_kol_selisih"), "score"), Column("status", T("pack_kol_status")),
                 Column("kebutuhan", T("pack_kol_kebutuhan_tw", tw=tw), "rupiah")))
    _limited(satker_table, BEHIND_SHOWN, lang)
    counts = kpa_ppk.status_counts(ppk_now)
    counts = counts[counts["triwulan"] == tw].drop(columns="triwulan").reset_index(drop=True)
    counts["status"] = [_band(s, lang) for s in counts["status"]]
    ppk_table = Table(
        sheet=sheet_ppk, title=T("pack_judul_unit_ppk", tw=tw, bulan=bulan), frame=counts,
        columns=(Column("status", T("pack_kol_status")), Column("jumlah", T("pack_kol_jumlah_ppk"), "count"),
                 Column("pagu", text("pagu", lang), "rupiah"), Column("realisasi", text("realisasi", lang), "rupiah")),
        chart=Chart("bar", "status", ("jumlah",), "count"))
    return Slide(title=T("pack_judul_per_unit", unit=unit.unit), tables=[satker_table, ppk_table])
