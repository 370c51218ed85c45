"""The Kemensos satker of the sample and the budget lines each runs in a fiscal year.

About 600 satker of every kewenangan: head-office directorates (KP), rehabilitation balai and
training institutions (KD), provincial dinas sosial for dekonsentrasi (DK) and kabupaten/kota dinas
sosial for tugas pembantuan (TP). The structure is fixed (it does not depend on the seed), so satker
codes stay the same between samples; the seed only changes amounts, dates and people.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from monev.sample import catalog as c

STRUCTURE_SEED = 20190101
LEVEL_LETTER = {"KP": "P", "KD": "D", "DK": "K", "TP": "T"}


@dataclass(frozen=True)
class Satker:
    code: str
    name: str
    unit: str  # owning unit key in its first year (mapped with catalog.unit_in)
    kewenangan: str
    kdlokasi: str  # the province's code before 2022 (lokasi_in: in a given year)
    kegiatan: tuple[str, ...]
    n_ppk: int
    years: tuple[int, int] = (2019, 2024)
    kppn: str = "019"
    moves_to: str | None = None  # kdlokasi from catalog.NEW_PROVINCE_SATKER_FROM (new provinces)
    renamed: str | None = None  # name from 2022 (balai that became sentra)

    def name_in(self, year: int) -> str:
        return self.renamed if self.renamed and year >= 2022 else self.name

    def lokasi_in(self, year: int) -> str:
        if self.moves_to and year >= c.NEW_PROVINCE_SATKER_FROM:
            return self.moves_to
        return c.lokasi_in(self.kdlokasi, year)  # kdlokasi holds the pre-2022 code

    def kegiatan_in(self, year: int) -> list[c.Kegiatan]:
        out = []
        for key in self.kegiatan:
            keg = c.KEGIATAN_BY_KEY[key]
            if not keg.years[0] <= year <= keg.years[1]:
                if keg.dukman:  # the merged unit's own management kegiatan takes over
                    keg = c.KEGIATAN_BY_KEY[f"{c.unit_in(keg.unit, year)}_dukman"]
                else:
                    continue
            if keg not in out:
                out.append(keg)
        return out


KP_SATKER = (
    ("setjen", "Sekretariat Jenderal Kementerian Sosial",
     ("setjen_dukman", "setjen_sarpras", "setjen_penyuluhan"), 4, (2019, 2024)),
    ("setjen", "Pusat Data dan Informasi Kesejahteraan Sosial", ("setjen_dukman", "setjen_data"), 2, (2019, 2024)),
    ("itjen", "Inspektorat Jenderal Kementerian Sosial", ("itjen_dukman", "itjen_awas"), 3, (2019, 2024)),
    ("dayasos", "Sekretariat Direktorat Jenderal Pemberdayaan Sosial", ("dayasos_dukman", "pspkkm"), 3, (2019, 2024)),
    ("dayasos", "Direktorat Pemberdayaan Komunitas Adat Terpencil", ("dayasos_dukman", "kat"), 2, (2019, 2024)),
    ("dayasos", "Direktorat Kepahlawanan, Keperintisan, Kesetiakawanan dan Restorasi Sosial",
     ("dayasos_dukman", "k2krs"), 2, (2019, 2024)),
    ("rehsos", "Sekretariat Direktorat Jenderal Rehabilitasi Sosial", ("rehsos_dukman",), 3, (2019, 2024)),
    ("rehsos", "Direktorat Rehabilitasi Sosial Anak", ("rehsos_dukman", "rs_anak"), 2, (2019, 2024)),
    ("rehsos", "Direktorat Rehabilitasi Sosial Penyandang Disabilitas", ("rehsos_dukman", "rs_disabilitas"), 2, (2019, 2024)),
    ("rehsos", "Direktorat Rehabilitasi Sosial Lanjut Usia", ("rehsos_dukman", "rs_lansia"), 2, (2019, 2024)),
    ("rehsos", "Direktorat Rehabilitasi Sosial Korban Penyalahgunaan NAPZA", ("rehsos_dukman", "rs_napza"), 2, (2019, 2024)),
    ("rehsos", "Direktorat Rehabilitasi Sosial Tuna Sosial dan Korban Perdagangan Orang",
     ("rehsos_dukman", "rs_tuna"), 2, (2019, 2024)),
    ("linjamsos", "Sekretariat Direktorat Jenderal Perlindungan dan Jaminan Sosial",
     ("linjamsos_dukman", "blt_linjam"), 3, (2019, 2024)),
    ("linjamsos", "Direktorat Jaminan Sosial Keluarga", ("linjamsos_dukman", "pkh"), 4, (2019, 2024)),
    ("linjamsos", "Direktorat Perlindungan Sosial Korban Bencana Alam", ("linjamsos_dukman", "pskba"), 3, (2019, 2024)),
    ("linjamsos", "Direktorat Perlindungan Sosial Korban Bencana Sosial", ("linjamsos_dukman", "pskbs"), 3, (2019, 2024)),
    ("pfm", "Sekretariat Direktorat Jenderal Penanganan Fakir Miskin", ("pfm_dukman", "bst"), 3, (2019, 2021)),
    ("pfm", "Direktorat Penanganan Fakir Miskin", ("pfm_dukman", "pfm_wilayah", "blt_dayasos"), 3, (2019, 2024)),
    ("pfm", "Direktorat Pengelolaan dan Penyaluran Bantuan Sosial", ("pfm_dukman", "sembako"), 4, (2019, 2024)),
    ("badan", "Sekretariat Badan Pendidikan, Penelitian dan Penyuluhan Sosial", ("badan_dukman",), 2, (2019, 2021)),
    ("badan", "Pusat Pendidikan dan Pelatihan Kesejahteraan Sosial", ("badan_dukman", "setjen_diklat"), 2, (2019, 2024)),
    ("badan", "Pusat Penelitian dan Pengembangan Kesejahteraan Sosial", ("badan_dukman", "badan_litbang"), 2, (2019, 2021)),
)

BALAI = {
    "rs_anak": ("Anak", [("Jakarta", "31"), ("Magelang", "33"), ("Medan", "12"), ("Makassar", "73"),
                         ("Mataram", "52"), ("Palembang", "16"), ("Pekanbaru", "14")]),
    "rs_disabilitas": ("Penyandang Disabilitas", [("Bogor", "32"), ("Surakarta", "33"), ("Bekasi", "32"),
                                                  ("Temanggung", "33"), ("Makassar", "73"), ("Kupang", "53"),
                                                  ("Palu", "72"), ("Bengkulu", "17")]),
    "rs_lansia": ("Lanjut Usia", [("Bekasi", "32"), ("Yogyakarta", "34"), ("Padang", "13"), ("Ambon", "81"),
                                  ("Banjarbaru", "63"), ("Manado", "71")]),
    "rs_napza": ("Korban Penyalahgunaan NAPZA", [("Bogor", "32"), ("Medan", "12"), ("Makassar", "73"),
                                                 ("Lampung", "18"), ("Batam", "21"), ("Samarinda", "64"),
                                                 ("Denpasar", "51")]),
    "rs_tuna": ("Tuna Sosial dan Korban Perdagangan Orang", [("Pasuruan", "35"), ("Kupang", "53"),
                                                            ("Jayapura", "94"), ("Pontianak", "61"),
                                                            ("Kendari", "74"), ("Gorontalo", "75")]),
}
DIKLAT = [("Politeknik Kesejahteraan Sosial Bandung", "32"),
          ("Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Padang", "13"),
          ("Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Bandung", "32"),
          ("Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Yogyakarta", "34"),
          ("Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Banjarmasin", "63"),
          ("Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Makassar", "73"),
          ("Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Jayapura", "94")]
DEKON = {  # unit -> kegiatan run by the provincial dinas sosial
    "dayasos": ("kat", "k2krs", "pspkkm", "sembako", "pfm_wilayah"),
    "rehsos": ("rs_anak", "rs_disabilitas", "rs_lansia", "rs_tuna"),
    "linjamsos": ("pkh", "pskba", "pskbs"),
    "pfm": ("sembako", "pfm_wilayah"),
}
TUGAS_PEMBANTUAN = {"linjamsos": ("pkh", "pskba"), "pfm": ("sembako", "pfm_wilayah")}
UNIT_NICK = {"dayasos": "Pemberdayaan Sosial", "rehsos": "Rehabilitasi Sosial",
             "linjamsos": "Perlindungan dan Jaminan Sosial", "pfm": "Penanganan Fakir Miskin"}


def _kppn(kdlokasi: str, index: int) -> str:
    return f"{(int(kdlokasi) * 7 + index) % 180 + 1:03d}"


@lru_cache(maxsize=1)
def satkers() -> tuple[Satker, ...]:
    rng = np.random.default_rng(STRUCTURE_SEED)
    specs: list[dict] = []
    for unit, name, kegiatan, n_ppk, years in KP_SATKER:
        specs.append(dict(unit=unit, name=name, kewenangan="KP", kdlokasi="31", kegiatan=kegiatan,
                          n_ppk=n_ppk, years=years))
    for key, (label, places) in BALAI.items():
        for i, (city, lokasi) in enumerate(places):
            kind = "Loka" if i >= 5 else "Balai"
            specs.append(dict(unit="rehsos", name=f"{kind} Rehabilitasi Sosial {label} {city}",
                              renamed=f"Sentra {label} {city}", kewenangan="KD", kdlokasi=lokasi,
                              kegiatan=("rehsos_dukman", key), n_ppk=int(rng.integers(2, 4))))
    for name, lokasi in DIKLAT:
        specs.append(dict(unit="badan", name=name, kewenangan="KD", kdlokasi=lokasi,
                          kegiatan=("badan_dukman", "setjen_diklat"), n_ppk=int(rng.integers(2, 4))))
    for unit, kegiatan in DEKON.items():
        years = (2019, 2021) if unit == "pfm" else (2019, 2024)
        for lokasi, prov in c.PROVINCES.items():
            specs.append(dict(unit=unit, name=f"Dinas Sosial Provinsi {prov} (Dekonsentrasi {UNIT_NICK[unit]})",
                              kewenangan="DK", kdlokasi=lokasi, kegiatan=kegiatan, years=years,
                              n_ppk=int(rng.integers(1, 3))))
        if unit != "pfm":
            for lokasi, prov in c.NEW_PROVINCES.items():
                specs.append(dict(unit=unit, name=f"Dinas Sosial Provinsi {prov} (Dekonsentrasi {UNIT_NICK[unit]})",
                                  kewenangan="DK", kdlokasi=lokasi, kegiatan=kegiatan,
                                  # a code from 2022 on, not to be renumbered: held as moves_to
                                  moves_to=lokasi, years=(c.NEW_PROVINCE_SATKER_FROM, 2024), n_ppk=1))
    for unit, kegiatan in TUGAS_PEMBANTUAN.items():
        for lokasi, places in c.KABKOTA.items():
            for place in places:
                if unit == "pfm" and rng.random() < 0.1:
                    continue
                specs.append(dict(unit=unit, name=f"Dinas Sosial {place} (Tugas Pembantuan {UNIT_NICK[unit]})",
                                  kewenangan="TP", kdlokasi=lokasi, kegiatan=kegiatan, n_ppk=1,
                                  moves_to=c.MOVED_KABKOTA.get(place)))
    codes = rng.choice(np.arange(100_000, 1_000_000), size=len(specs), replace=False)
    out = []
    for i, (spec, code) in enumerate(zip(specs, codes)):
        out.append(Satker(code=f"{code:06d}", kppn=_kppn(spec["kdlokasi"], i % 3), **spec))
    return tuple(out)


def satkers_in(year: int) -> list[Satker]:
    return [s for s in satkers() if s.years[0] <= year <= s.years[1]]


# Relative size of a satker's spending by jenis and kewenangan (before the seed's noise).
LEVEL_WEIGHT = {
    "51": {"KP": 1.0, "KD": 0.45},
    "52": {"KP": 3.0, "KD": 0.9, "DK": 0.45, "TP": 0.10},
    "53": {"KP": 1.5, "KD": 1.0},
}
PEGAWAI_AKUN_WEIGHT = {"511111": 30, "511119": 0.01, "511121": 2, "511122": 1, "511123": 2,
                       "511124": 3, "511125": 1, "511126": 1.5, "511129": 5, "511151": 0.5,
                       "512211": 1, "512411": 45}
KEGIATAN_BARANG_WEIGHT = {"pkh": 6.0, "sembako": 2.0, "setjen_data": 3.0, "setjen_diklat": 1.5}


def budget_lines(year: int) -> pd.DataFrame:
    """Every budget line of a fiscal year (without amounts), one row per line.

    Columns: the LINE codes of formats.py, plus kdunit, unit (key), jenis, kewenangan, kegiatan
    (key), ro (index in the kegiatan), new_month (0, or the month a revision adds the line),
    weight (the line's share of its unit x jenis before noise), satker (index in satkers_in).
    """
    rng = np.random.default_rng([STRUCTURE_SEED, year])
    rows = []
    for s_index, sat in enumerate(satkers_in(year)):
        level = LEVEL_LETTER[sat.kewenangan]
        unit = c.unit_in(sat.unit, year)
        for k_index, keg in enumerate(sat.kegiatan_in(year)):
            kdgiat = c.kegiatan_code(keg.key, year)
            kdprogram = c.program_of(keg, year)[0]
            ppk = 1 if keg.dukman else 1 + (k_index % sat.n_ppk)
            for ro in keg.ros:
                if level not in ro.levels or not ro.years[0] <= year <= ro.years[1]:
                    continue
                kdoutput, kdsoutput = c.ro_codes(keg, ro, year)
                for jenis in ro.jenis:
                    if jenis in ("51", "53") and sat.kewenangan not in ("KP", "KD"):
                        continue
                    if jenis == "57" and not ro.bansos_akun:
                        continue
                    if jenis == "51":
                        akun = list(c.PEGAWAI_AKUN)
                        weights = [PEGAWAI_AKUN_WEIGHT[a] for a in akun]
                    elif jenis == "52":
                        pool = c.BARANG_AKUN_PUSAT if sat.kewenangan in ("KP", "KD") else c.BARANG_AKUN_DAERAH
                        size = {"KP": (4, 8), "KD": (3, 6), "DK": (2, 4), "TP": (1, 3)}[sat.kewenangan]
                        akun = sorted(rng.choice(pool, size=int(rng.integers(*size)), replace=False))
                        weights = [1.0] * len(akun)
                    elif jenis == "53":
                        akun = sorted(rng.choice(c.MODAL_AKUN, size=int(rng.integers(1, 3)), replace=False))
                        weights = [1.0] * len(akun)
                    else:
                        akun = list(ro.bansos_akun)
                        weights = [1.0] * len(akun)
                    base = 1.0 if jenis == "57" else LEVEL_WEIGHT[jenis][sat.kewenangan]
                    if jenis == "52":
                        base *= KEGIATAN_BARANG_WEIGHT.get(keg.key, 1.0)
                    for a, w in zip(akun, weights):
                        rows.append((year, sat.code, kdprogram, kdgiat, kdoutput, kdsoutput, a,
                                     f"{ppk:02d}", c.UNIT[unit].code, unit, jenis, sat.kewenangan,
                                     keg.key, keg.ros.index(ro), ro.new_in.get(year, 0), base * w, s_index))
    return pd.DataFrame(rows, columns=[
        "thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk",
        "kdunit", "unit", "jenis", "kewenangan", "kegiatan", "ro", "new_month", "weight", "satker"])
