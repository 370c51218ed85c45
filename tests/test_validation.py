"""Every validation rule, with a bad file: the report names the file row (header = row 1), the
column, the value and an Indonesian reason, and nothing of the file is loaded."""
from __future__ import annotations

import pandas as pd
import pytest

import builders as b
from builders import S1, S2
from monev.warehouse.ingest import ingest_files


def _set(kind, index, **changes):
    def mutate(data):
        data.rows[kind][index].update(changes)
        return data.rows[kind]
    return mutate


def _append_copy(kind, index, **changes):
    def mutate(data):
        data.rows[kind].append({**data.rows[kind][index], **changes})
        return data.rows[kind]
    return mutate


# id: (kind, mutation, file row, column, value, reason fragment)
ROW_CASES = {
    "wajib_kode_kosong": ("pagu", _set("pagu", 1, kdakun=""), 3, "kdakun", "", "wajib diisi"),
    "wajib_nilai_kosong": ("pagu", _set("pagu", 2, pagu=""), 4, "pagu", "", "wajib diisi"),
    "wajib_tanggal_kosong": ("realisasi", _set("realisasi", 0, tgl_sp2d=""), 2, "tgl_sp2d", "", "wajib diisi"),
    "kode_satker_pendek": ("pagu", _set("pagu", 0, kdsatker="1001"), 2, "kdsatker", "1001",
                           "kode harus 6 angka (dengan nol di depan)"),
    "kode_satker_nol_hilang": ("pagu", _set("pagu", 4, kdsatker="1001"), 6, "kdsatker", "1001", "6 angka"),
    "kode_ppk_satu_digit": ("pagu", _set("pagu", 0, kdppk="1"), 2, "kdppk", "1", "kode harus 2 angka"),
    "kode_akun_panjang": ("pagu", _set("pagu", 0, kdakun="5111110"), 2, "kdakun", "5111110", "6 angka"),
    "kode_program_salah": ("pagu", _set("pagu", 0, kdprogram="W"), 2, "kdprogram", "W", "kode program harus 2"),
    "kode_kro_huruf_kecil": ("pagu", _set("pagu", 0, kdoutput="eba"), 2, "kdoutput", "eba",
                             "3 karakter (angka atau huruf besar)"),
    "kode_unit_satker": ("satker", _set("satker", 1, kdunit="5"), 3, "kdunit", "5", "kode harus 2 angka"),
    "satker_tak_dikenal": ("pagu", _set("pagu", 3, kdsatker="009999"), 5, "kdsatker", "009999",
                           "kode tidak dikenal di referensi satker tahun 2024"),
    "satker_tahun_lain": ("pagu", _set("pagu", 0, thang=2025, tgl_revisi="2025-01-02"), 2, "kdsatker", S1,
                          "kode tidak dikenal di referensi satker tahun 2025"),
    "program_tak_dikenal": ("pagu", _set("pagu", 0, kdprogram="XX"), 2, "kdprogram", "XX",
                            "kode tidak dikenal di referensi program tahun 2024"),
    "kegiatan_tak_dikenal": ("pagu", _set("pagu", 0, kdgiat="9999"), 2, "kdgiat", "9999",
                             "kode tidak dikenal di referensi kegiatan tahun 2024"),
    "ro_tak_dikenal": ("pagu", _set("pagu", 0, kdsoutput="999"), 2, "kdgiat+kdoutput+kdsoutput",
                       "0123.EBA.999", "kode tidak dikenal di referensi ro tahun 2024"),
    "akun_tak_dikenal": ("pagu", _set("pagu", 0, kdakun="519999"), 2, "kdakun", "519999",
                         "kode tidak dikenal di referensi akun"),
    "ppk_tak_dikenal_pagu": ("pagu", _set("pagu", 0, kdppk="07"), 2, "kdsatker+kdppk", f"{S1}.07",
                             "kode tidak dikenal di referensi pejabat tahun 2024"),
    "ppk_tak_dikenal_sp2d": ("realisasi", _set("realisasi", 2, kdppk="07"), 4, "kdsatker+kdppk", f"{S1}.07",
                             "kode tidak dikenal di referensi pejabat"),
    "ppk_tak_dikenal_bulanan": ("realisasi_bulanan", _set("realisasi_bulanan", 0, kdppk="07"), 2,
                                "kdsatker+kdppk", f"{S2}.07", "kode tidak dikenal di referensi pejabat"),
    "satker_tak_dikenal_bulanan": ("realisasi_bulanan", _set("realisasi_bulanan", 1, kdsatker="059999"), 3,
                                   "kdsatker", "059999", "kode tidak dikenal di referensi satker"),
    "ro_tak_dikenal_capaian": ("capaian", _set("capaian", 2, kdoutput="ZZZ"), 4, "kdgiat+kdoutput+kdsoutput",
                               "0123.ZZZ.962", "referensi ro"),
    "unit_tak_dikenal_satker": ("satker", _set("satker", 0, kdunit="09"), 2, "kdunit", "09",
                                "kode tidak dikenal di referensi unit tahun 2024"),
    "kegiatan_program_tak_dikenal": ("kegiatan", _set("kegiatan", 1, kdprogram="ZZ"), 3, "kdprogram", "ZZ",
                                     "referensi program"),
    "bulan_nol": ("rpd", _set("rpd", 0, bulan=0), 2, "bulan", "0", "bulan harus 1 sampai 12"),
    "bulan_13": ("rpd", _set("rpd", 5, bulan=13), 7, "bulan", "13", "bulan harus 1 sampai 12"),
    "bulan_13_capaian": ("capaian", _set("capaian", 1, bulan=13), 3, "bulan", "13", "bulan harus 1 sampai 12"),
    "tanggal_dd_mm_yyyy": ("pagu", _set("pagu", 0, tgl_revisi="02/01/2024"), 2, "tgl_revisi", "02/01/2024",
                           "tanggal harus berformat TTTT-BB-HH"),
    "tanggal_tanpa_nol": ("pagu", _set("pagu", 1, tgl_revisi="2024-1-2"), 3, "tgl_revisi", "2024-1-2",
                          "TTTT-BB-HH"),
    "tanggal_tidak_ada": ("realisasi", _set("realisasi", 0, tgl_sp2d="2024-02-30"), 2, "tgl_sp2d",
                          "2024-02-30", "TTTT-BB-HH"),
    "tanggal_dengan_jam": ("rpd", _set("rpd", 0, tgl_update="2024-01-10 08:00"), 2, "tgl_update",
                           "2024-01-10 08:00", "TTTT-BB-HH"),
    "tanggal_luar_tahun_sp2d": ("realisasi", _set("realisasi", 3, tgl_sp2d="2023-12-29"), 5, "tgl_sp2d",
                                "2023-12-29", "tanggal di luar tahun anggaran"),
    "tanggal_luar_tahun_revisi": ("pagu", _set("pagu", 0, tgl_revisi="2025-01-01"), 2, "tgl_revisi",
                                  "2025-01-01", "tanggal di luar tahun anggaran"),
    "tanggal_luar_tahun_rpd": ("rpd", _set("rpd", 0, tgl_update="2023-12-31"), 2, "tgl_update", "2023-12-31",
                               "di luar tahun anggaran"),
    "progres_lebih_100": ("capaian", _set("capaian", 0, progres_fisik="100.5"), 2, "progres_fisik", "100.5",
                          "harus antara 0 dan 100"),
    "progres_101": ("capaian", _set("capaian", 1, progres_fisik="101"), 3, "progres_fisik", "101",
                    "harus antara 0 dan 100"),
    "progres_negatif": ("capaian", _set("capaian", 1, progres_fisik="-1"), 3, "progres_fisik", "-1",
                        "bukan angka"),
    "target_lebih_100": ("target", _set("target", 4, target_persen="120"), 6, "target_persen", "120",
                         "harus antara 0 dan 100"),
    "volume_bukan_angka": ("capaian", _set("capaian", 0, real_vol="dua ratus"), 2, "real_vol", "dua ratus",
                           "bukan angka"),
    "triwulan_5": ("target", _set("target", 0, triwulan=5), 2, "triwulan", "5", "harus salah satu dari: 1, 2, 3, 4"),
    "rupiah_sen": ("pagu", _set("pagu", 0, pagu="1.234.567,50"), 2, "pagu", "1.234.567,50",
                   "nilai rupiah harus bulat (tanpa sen)"),
    "rupiah_sen_sp2d": ("realisasi", _set("realisasi", 0, nilai="100000,5"), 2, "nilai", "100000,5",
                        "harus bulat"),
    "rupiah_teks_rp": ("pagu", _set("pagu", 0, pagu="Rp 5.000"), 2, "pagu", "Rp 5.000", "bukan angka rupiah"),
    "rupiah_koma_ribuan": ("pagu", _set("pagu", 1, blokir="1,234,567"), 3, "blokir", "1,234,567",
                           "bukan angka rupiah"),
    # a decimal point with a real fraction: refused as a fraction, not as an unreadable number
    "rupiah_titik_desimal": ("realisasi", _set("realisasi", 0, nilai="12.34"), 2, "nilai", "12.34",
                             "nilai rupiah harus bulat (tanpa sen): pecahan .34 bukan nol"),
    "rupiah_bulanan_teks": ("realisasi_bulanan", _set("realisasi_bulanan", 2, real5="lima"), 4, "real5", "lima",
                            "bukan angka rupiah"),
    "rupiah_terlalu_besar": ("pagu", _set("pagu", 0, pagu="10000000000000000000"), 2, "pagu",
                             "10000000000000000000", "nilai terlalu besar"),
    "pagu_negatif": ("pagu", _set("pagu", 2, pagu="-5000000"), 4, "pagu", "-5000000", "nilai tidak boleh negatif"),
    "blokir_negatif": ("pagu", _set("pagu", 2, blokir="-1"), 4, "blokir", "-1", "tidak boleh negatif"),
    "rpd_negatif": ("rpd", _set("rpd", 1, rpd="-100"), 3, "rpd", "-100", "tidak boleh negatif"),
    "blokir_melebihi_pagu": ("pagu", _set("pagu", 3, pagu=400_000_000, blokir=400_000_001), 5, "blokir",
                             "400000001", "blokir melebihi pagu"),
    "tahun_dua_angka": ("revisi", _set("revisi", 0, thang=24), 2, "thang", "24", "tahun anggaran harus 4 angka"),
    "revisi_ke_negatif": ("pagu", _set("pagu", 0, revisi_ke=-1), 2, "revisi_ke", "-1",
                          "harus bilangan bulat 0 atau lebih"),
    "kewenangan_salah": ("satker", _set("satker", 2, kewenangan="XX"), 4, "kewenangan", "XX",
                         "harus salah satu dari: KP, KD, DK, TP"),
    "kpa_dengan_ppk": ("pejabat", _set("pejabat", 0, kdppk="03"), 2, "kdppk", "03", "kdppk harus kosong untuk KPA"),
    "ppk_tanpa_kode": ("pejabat", _set("pejabat", 2, kdppk=""), 4, "kdppk", "", "kdppk wajib diisi untuk PPK"),
    "nip_pendek": ("pejabat", _set("pejabat", 1, nip="1234"), 3, "nip", "1234", "kode harus 18 angka"),
    "ganda_pagu": ("pagu", _append_copy("pagu", 2, pagu=999), 14, "revisi_ke", "0",
                   "kunci ganda (thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, "
                   "revisi_ke): sama dengan baris 4"),
    "ganda_sp2d": ("realisasi", _append_copy("realisasi", 8, nilai=1), 14, "kdppk", "01", "sama dengan baris 10"),
    "ganda_bulanan": ("realisasi_bulanan", _append_copy("realisasi_bulanan", 0), 5, "kdppk", "01",
                      "sama dengan baris 2"),
    "ganda_satker": ("satker", _append_copy("satker", 0, nmsatker="Nama lain"), 5, "kdsatker", S1,
                     "sama dengan baris 2"),
    "ganda_akun": ("akun", _append_copy("akun", 3), 6, "kdakun", "573111", "kunci ganda (kdakun): sama dengan baris 5"),
}


def _problems(result) -> list[dict]:
    return result.problems.to_dict("records")


def _assert_rejected_whole(db_path, path, before, kind=None):
    [result] = ingest_files(db_path, [path], kind=kind, loaded_by="penguji")
    assert result.status == "ditolak", (result.message, _problems(result))
    assert not result.ok
    assert b.snapshot(db_path) == before, "a rejected file changed the warehouse"
    return result


# Every rule as CSV; a representative subset again as XLSX (typed cells, same row numbers).
XLSX_CASES = ["kode_satker_pendek", "satker_tak_dikenal", "bulan_13", "tanggal_luar_tahun_sp2d",
              "rupiah_sen", "blokir_melebihi_pagu", "ganda_pagu", "progres_lebih_100"]
RULE_PARAMS = [pytest.param(case, "csv", id=case) for case in ROW_CASES] + [
    pytest.param(case, "xlsx", id=f"{case}-xlsx") for case in XLSX_CASES]


@pytest.mark.parametrize("case, style", RULE_PARAMS)
def test_row_rule(case, style, shared_warehouse, tmp_path, data):
    kind, mutate, baris, kolom, nilai, reason = ROW_CASES[case]
    rows = mutate(data)
    path = b.write_kind(tmp_path, kind, rows, style)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    problems = _problems(result)
    at_row = [p for p in problems if p["baris"] == baris and p["kolom"] == kolom]
    assert at_row, problems
    assert at_row[0]["nilai"] == nilai
    assert reason in at_row[0]["alasan"], at_row[0]["alasan"]
    # every other row of the file is valid: only the bad row is reported
    assert {p["baris"] for p in problems} == {baris}, problems
    assert result.total_problems == len(problems)
    assert "ditolak seluruhnya" in result.message



def test_xlsx_numeric_code_cell_that_lost_its_leading_zeros_is_padded_with_a_warning(warehouse, tmp_path, data):
    import openpyxl

    path = tmp_path / "pagu.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    columns = b.COLUMNS["pagu"]
    sheet.append(columns)
    for i, row in enumerate(data.rows["pagu"]):
        values = [row[c] for c in columns]
        if i == 2:
            values[columns.index("kdsatker")] = int(row["kdsatker"])  # 001001 typed as a number
            values[columns.index("kdppk")] = int(row["kdppk"])  # 01 likewise
        sheet.append(values)
    book.save(path)
    [result] = ingest_files(warehouse, [path], loaded_by="penguji")
    assert result.status == "dimuat", (result.message, _problems(result))
    warned = result.warnings.to_dict("records")
    assert [(w["baris"], w["kolom"], w["nilai"]) for w in warned] == [(4, "kdppk", "1"), (4, "kdsatker", "1001")]
    assert "dibaca sebagai 001001" in warned[1]["alasan"] and "nol di depan hilang" in warned[1]["alasan"]
    assert b.scalar(warehouse, "select count(*) from fact_pagu where kdsatker = '001001'") == \
        sum(1 for r in data.rows["pagu"] if r["kdsatker"] == "001001")
    assert b.scalar(warehouse, "select count(*) from fact_pagu where kdsatker = '1001' or kdppk = '1'") == 0


def test_csv_code_without_its_leading_zeros_is_still_rejected(shared_warehouse, tmp_path, data):
    """In a CSV a code's text is all there is: 1001 may be any satker, so it is not guessed."""
    rows = data.rows["pagu"]
    rows[2]["kdsatker"] = "1001"
    path = b.write_kind(tmp_path, "pagu", rows)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    assert _problems(result) == [{"baris": 4, "kolom": "kdsatker", "nilai": "1001",
                                  "alasan": "kode harus 6 angka (dengan nol di depan)"}]


def test_all_problems_are_listed_in_file_order(shared_warehouse, tmp_path, data):
    rows = data.rows["pagu"]
    rows[5]["pagu"] = "Rp 1"
    rows[1]["kdsatker"] = "12"
    rows[1]["tgl_revisi"] = "2024/01/02"
    path = b.write_kind(tmp_path, "pagu", rows)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    problems = [(p["baris"], p["kolom"], p["nilai"]) for p in _problems(result)]
    assert problems == [(3, "kdsatker", "12"), (3, "tgl_revisi", "2024/01/02"), (7, "pagu", "Rp 1")]
    assert result.total_problems == 3
    assert result.message.startswith("3 kesalahan")


def test_row_numbers_count_blank_lines_in_csv(shared_warehouse, tmp_path, data):
    """A blank line is still a line of the file: the bad row after it is file row 4."""
    header = ",".join(b.COLUMNS["rpd"])
    good = "2024,001001,51,1,5,2024-01-10"
    bad = "2024,001001,51,13,5,2024-01-10"
    path = tmp_path / "rpd.csv"
    path.write_text(f"{header}\n{good}\n\n{bad}\n", encoding="utf-8")
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    assert [(p["baris"], p["kolom"], p["nilai"]) for p in _problems(result)] == [(4, "bulan", "13")]


def test_duplicate_report_names_the_earlier_file_row_across_blank_lines(shared_warehouse, tmp_path):
    """header (1), blank (2), row A (3), row B (4), row A again (5): 'sama dengan baris 3'."""
    header = ",".join(b.COLUMNS["revisi"])
    a = f"2024,{S1},1,2024-04-15,201"
    other = f"2024,{S2},1,2024-04-15,211"
    path = tmp_path / "revisi.csv"
    path.write_text(f"{header}\n\n{a}\n{other}\n{a}\n", encoding="utf-8")
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    [problem] = _problems(result)
    assert (problem["baris"], problem["kolom"]) == (5, "kode_jenis")
    assert problem["alasan"].endswith("sama dengan baris 3"), problem["alasan"]


def test_negative_realization_is_a_valid_correction(warehouse, tmp_path):
    row = b._sp2d(b.L1, "2024-11-05", "KOREKSI-01", -2_500_000)
    path = b.write_kind(tmp_path, "realisasi", [row], "csv_semicolon")  # -2.500.000
    [result] = ingest_files(warehouse, [path])
    assert result.status == "dimuat", _problems(result)
    assert b.scalar(warehouse, "select nilai from fact_realisasi where no_sp2d = 'KOREKSI-01'") == -2_500_000


# ------------------------------------------------------------------ whole-file problems

def _file_problem(result, *fragments):
    problems = _problems(result)
    assert len(problems) == 1, problems
    assert pd.isna(problems[0]["baris"]) and pd.isna(problems[0]["kolom"])
    for fragment in fragments:
        assert fragment in result.message, result.message
    assert problems[0]["alasan"] == result.message


def _csv_bytes(kind, rows):
    columns = b.COLUMNS[kind]
    lines = [",".join(columns)] + [",".join(b.cell_text(c, r.get(c)) for c in columns) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def test_missing_required_column_with_kind(shared_warehouse, tmp_path, data):
    columns = [c for c in b.COLUMNS["pagu"] if c != "blokir"]
    path = b.write_csv(tmp_path / "pagu.csv", data.rows["pagu"], columns)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before, kind="pagu")
    _file_problem(result, "Kolom wajib untuk jenis 'pagu' tidak ada: blokir")


def test_missing_required_column_without_kind(shared_warehouse, tmp_path, data):
    columns = [c for c in b.COLUMNS["revisi"] if c != "kode_jenis"]
    path = b.write_csv(tmp_path / "revisi.csv", data.rows["revisi"], columns)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    _file_problem(result, "tidak dapat dikenali")


def test_kind_requested_does_not_match_the_header(shared_warehouse, tmp_path, data):
    path = b.write_kind(tmp_path, "rpd", data.rows["rpd"][:3])
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before, kind="capaian")
    _file_problem(result, "Kolom wajib untuk jenis 'capaian' tidak ada", "kdgiat")


def test_unknown_kind(shared_warehouse, tmp_path, data):
    path = b.write_kind(tmp_path, "rpd", data.rows["rpd"][:3])
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before, kind="anggaran")
    _file_problem(result, "Jenis data 'anggaran' tidak dikenal", "pagu")


@pytest.mark.parametrize("name, content, fragments", [
    ("kosong.csv", b"", ["Berkas kosong"]),
    ("spasi.csv", b"\n\n", ["Berkas kosong"]),
    ("judul.csv", b"thang,kdsatker,no_revisi,tgl_revisi,kode_jenis\n", ["hanya berisi baris judul"]),
    ("judul_bom.csv", b"\xef\xbb\xbfthang;kdsatker;no_revisi;tgl_revisi;kode_jenis\r\n",
     ["hanya berisi baris judul"]),
    ("data.txt", b"thang,kdsatker\n2024,001001\n", ["'.txt' tidak didukung", ".csv atau .xlsx"]),
    ("data.xls", b"\xd0\xcf\x11\xe0", ["'.xls' tidak didukung"]),
    ("tanpa_akhiran", b"thang\n2024\n", ["tidak didukung"]),
    ("utf16.csv", "thang,kdsatker,no_revisi,tgl_revisi,kode_jenis\n2024,001001,1,2024-04-15,201\n"
     .encode("utf-16"), ["UTF-16", "UTF-8"]),
    ("utf16be.csv", b"\xfe\xff" + "thang,kdsatker\n".encode("utf-16-be"), ["UTF-16"]),
    ("latin1_judul.csv", "thang,kdsatker,nmsatkér\n".encode("latin-1"), ["bukan teks UTF-8"]),
    ("lebar.csv", b"thang,kdlokasi,nmlokasi\n2024,33,Jawa Tengah,lebih\n", ["jumlah kolom"]),
    ("judul_ganda.csv", b"thang,kdlokasi,kdlokasi,nmlokasi\n2024,33,33,Jawa Tengah\n", ["lebih dari sekali"]),
    ("asing.csv", b"nama,alamat\nAni,Jakarta\n", ["tidak dapat dikenali"]),
    ("rusak.xlsx", b"PK\x03\x04 bukan zip", ["XLSX tidak dapat dibuka"]),
])
def test_unreadable_files(name, content, fragments, shared_warehouse, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    _file_problem(result, *fragments)


def test_header_only_xlsx(shared_warehouse, tmp_path):
    path = b.write_xlsx(tmp_path / "revisi.xlsx", [], b.COLUMNS["revisi"])
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    _file_problem(result, "hanya berisi baris judul")


def test_empty_xlsx(shared_warehouse, tmp_path):
    import openpyxl

    path = tmp_path / "kosong.xlsx"
    openpyxl.Workbook().save(path)
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    _file_problem(result, "kosong")


def test_missing_file(shared_warehouse, tmp_path):
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, tmp_path / "tidak_ada.csv", before)
    _file_problem(result, "Berkas tidak ditemukan")


def test_rejected_file_can_be_loaded_after_it_is_fixed(warehouse, tmp_path, data):
    """The hash of a rejected file is not remembered as loaded."""
    rows = data.rows["revisi"] + [dict(thang=2024, kdsatker=S1, no_revisi="9", tgl_revisi="2024-13-01",
                                       kode_jenis="201")]
    path = b.write_kind(tmp_path, "revisi", rows)
    [first] = ingest_files(warehouse, [path])
    [again] = ingest_files(warehouse, [path])
    assert (first.status, again.status) == ("ditolak", "ditolak")
    rows[-1]["tgl_revisi"] = "2024-12-01"
    b.write_kind(tmp_path, "revisi", rows)
    [fixed] = ingest_files(warehouse, [path])
    assert fixed.status == "dimuat"
    assert b.scalar(warehouse, "select tgl_revisi::varchar from fact_revisi where no_revisi = '9'") == "2024-12-01"


def test_non_utf8_byte_in_a_data_row_is_not_blamed_on_the_header(shared_warehouse, tmp_path):
    """The header is plain ASCII; the Latin-1 byte is in file row 3. The report must not say
    that the header (baris judul) is the problem."""
    path = tmp_path / "lokasi.csv"
    path.write_bytes("thang,kdlokasi,nmlokasi\n2024,33,Jawa Tengah\n2024,34,Yogyakárta\n".encode("latin-1"))
    before = b.snapshot(shared_warehouse)
    result = _assert_rejected_whole(shared_warehouse, path, before)
    assert "UTF-8" in result.message
    assert "judul" not in result.message.lower(), result.message


def test_valid_utf8_file_larger_than_64_kib_with_accents_loads(warehouse, tmp_path):
    """A valid UTF-8 file whose two-byte 'é' straddles byte 65 536 (the size of the header sniff)."""
    header = "kdakun,nmakun\n".encode()
    lines = []
    size = len(header)
    code = 100000
    while size < 65_400:  # leaves a filler under the 255-character limit for names
        line = f"{code},Belanja barang operasional {code}\n".encode()
        lines.append(line)
        size += len(line)
        code += 1
    prefix = f"{code},Belanja ".encode()
    filler = 65_535 - size - len(prefix)  # the 'é' then takes bytes 65 536 and 65 537 (1-based)
    lines.append(prefix + b"x" * filler + "é\n".encode())
    content = header + b"".join(lines)
    assert content[65_535:65_537] == "é".encode()
    path = tmp_path / "akun.csv"
    path.write_bytes(content)
    [result] = ingest_files(warehouse, [path])
    assert result.status == "dimuat", result.message
    assert result.rows == len(lines)
    assert b.scalar(warehouse, "select nmakun from dim_akun where kdakun = :k", k=str(code)).endswith("xé")


# ------------------------------------------------------------------ amounts, as a property

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from monev.warehouse import formats, validate  # noqa: E402


def _known_satker(ref):
    return pd.DataFrame({"thang": [b.THANG], "kdsatker": [S1]})


def _rpd_cells(texts):
    """One RPD row per amount, months 1.. so that the keys differ."""
    n = len(texts)
    return pd.DataFrame({"thang": ["2024"] * n, "kdsatker": [S1] * n, "jenis_belanja": ["51"] * n,
                         "bulan": [str(m) for m in range(1, n + 1)], "rpd": texts,
                         "tgl_update": ["2024-01-10"] * n}, dtype=pd.StringDtype())


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**18 - 1),
                          st.sampled_from(["plain", "dots", "cents"])), min_size=1, max_size=12))
def test_any_whole_rupiah_amount_reads_exactly(amounts):
    """1234567, 1.234.567 and 1.234.567,00 all read as the same integer, up to 18 digits."""
    cells = _rpd_cells([b.money_text(amount, style) for amount, style in amounts])
    checked = validate.check(formats.KINDS["rpd"], list(cells.columns), cells, _known_satker)
    assert checked.ok, checked.problems.to_dict("records")
    assert [int(v) for v in checked.frame["rpd"]] == [amount for amount, _ in amounts]


@settings(max_examples=25, deadline=None, database=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=99)),
                min_size=1, max_size=12))
def test_any_amount_with_cents_is_refused(amounts):
    cells = _rpd_cells([f"{b.money_text(whole, 'dots')},{cents:02d}" for whole, cents in amounts])
    checked = validate.check(formats.KINDS["rpd"], list(cells.columns), cells, _known_satker)
    assert [(p["baris"], p["kolom"], p["alasan"]) for p in checked.problems.to_dict("records")] == [
        (row, "rpd", f"nilai rupiah harus bulat (tanpa sen): pecahan ,{cents:02d} bukan nol; bulatkan ke rupiah")
        for row, (_, cents) in enumerate(amounts, start=2)]


def test_a_file_rewritten_in_place_is_hashed_again(tmp_path):
    """The hash is cached per path, size and modification time, never served for new bytes."""
    import hashlib
    import os

    from monev.warehouse.ingest import file_sha256

    path = tmp_path / "pagu.csv"
    path.write_bytes(b"satu")
    assert file_sha256(path) == hashlib.sha256(b"satu").hexdigest()
    stat = path.stat()
    path.write_bytes(b"dua!")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert file_sha256(path) == hashlib.sha256(b"dua!").hexdigest()
