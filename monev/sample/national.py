"""The national-sized benchmark sample: fiscal year 2024 the size of all ministries together.

About 24.000 satker under about 80 ministries and agencies (each flattened into one "unit"), about
a million budget lines and at least 40 million SP2D lines, written as several CSV files of
1-2 million lines so ingest goes file by file through the same import code. EVERYTHING here is
invented: codes, names of satker, amounts (the total is about Rp 1.150 T, near central government
spending on ministries and agencies). It is meant for benchmarks, not for looking at.

Generation is vectorised (numpy, pyarrow); the only Python loops run over ministries, files and
the four RPD windows. `write_files(..., size=NationalSize(n_satker=200, ...))` makes a small set of
the same shape for tests.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from monev.sample import catalog as c, facts, write
from monev.warehouse import formats

THANG = 2024
MINISTRIES = (
    "Majelis Permusyawaratan Rakyat", "Dewan Perwakilan Rakyat", "Badan Pemeriksa Keuangan",
    "Mahkamah Agung", "Kejaksaan Republik Indonesia", "Kementerian Sekretariat Negara",
    "Kementerian Dalam Negeri", "Kementerian Luar Negeri", "Kementerian Pertahanan",
    "Kementerian Hukum dan Hak Asasi Manusia", "Kementerian Keuangan", "Kementerian Pertanian",
    "Kementerian Perindustrian", "Kementerian Energi dan Sumber Daya Mineral",
    "Kementerian Perhubungan", "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
    "Kementerian Kesehatan", "Kementerian Agama", "Kementerian Ketenagakerjaan", "Kementerian Sosial",
    "Kementerian Lingkungan Hidup dan Kehutanan", "Kementerian Kelautan dan Perikanan",
    "Kementerian Pekerjaan Umum dan Perumahan Rakyat", "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
    "Kementerian Koordinator Bidang Perekonomian", "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan",
    "Kementerian Pariwisata dan Ekonomi Kreatif", "Kementerian Badan Usaha Milik Negara",
    "Kementerian Koperasi dan Usaha Kecil dan Menengah", "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
    "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "Badan Intelijen Negara",
    "Badan Siber dan Sandi Negara", "Dewan Ketahanan Nasional", "Badan Pusat Statistik",
    "Kementerian Perencanaan Pembangunan Nasional/Bappenas", "Kementerian Agraria dan Tata Ruang/BPN",
    "Perpustakaan Nasional", "Kementerian Komunikasi dan Informatika", "Kepolisian Negara Republik Indonesia",
    "Badan Pengawas Obat dan Makanan", "Lembaga Ketahanan Nasional",
    "Badan Kependudukan dan Keluarga Berencana Nasional", "Komisi Nasional Hak Asasi Manusia",
    "Badan Meteorologi, Klimatologi, dan Geofisika", "Komisi Pemilihan Umum", "Mahkamah Konstitusi",
    "Pusat Pelaporan dan Analisis Transaksi Keuangan", "Badan Riset dan Inovasi Nasional",
    "Badan Nasional Penanggulangan Terorisme", "Badan Nasional Penanggulangan Bencana",
    "Badan Pelindungan Pekerja Migran Indonesia", "Badan Narkotika Nasional",
    "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", "Badan Kepegawaian Negara",
    "Badan Pengawasan Keuangan dan Pembangunan", "Kementerian Pemuda dan Olahraga",
    "Komisi Pemberantasan Korupsi", "Dewan Perwakilan Daerah", "Komisi Yudisial",
    "Badan Standardisasi Nasional", "Badan Pengawas Tenaga Nuklir",
    "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "Badan Nasional Pencarian dan Pertolongan",
    "Komisi Pengawas Persaingan Usaha", "Ombudsman Republik Indonesia",
    "Badan Nasional Pengelola Perbatasan", "Badan Informasi Geospasial", "Badan Pengawas Pemilihan Umum",
    "Lembaga Penyiaran Publik Radio Republik Indonesia", "Lembaga Penyiaran Publik Televisi Republik Indonesia",
    "Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam",
    "Kementerian Koordinator Bidang Kemaritiman dan Investasi", "Badan Pembinaan Ideologi Pancasila",
    "Badan Keamanan Laut", "Kementerian Investasi/Badan Koordinasi Penanaman Modal",
    "Badan Pangan Nasional", "Otorita Ibu Kota Nusantara", "Lembaga Perlindungan Saksi dan Korban",
    "Badan Karantina Indonesia",
)
# Relative size (satker count and budget): a few ministries with offices everywhere dominate.
BIG = {"Kementerian Agama": 18, "Kepolisian Negara Republik Indonesia": 16, "Kementerian Pertahanan": 14,
       "Kementerian Keuangan": 10, "Kementerian Hukum dan Hak Asasi Manusia": 9,
       "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi": 12, "Kementerian Kesehatan": 8,
       "Kementerian Pekerjaan Umum dan Perumahan Rakyat": 9, "Kejaksaan Republik Indonesia": 6,
       "Mahkamah Agung": 7, "Kementerian Pertanian": 5, "Kementerian Perhubungan": 5,
       "Badan Pusat Statistik": 5, "Kementerian Sosial": 3, "Kementerian Lingkungan Hidup dan Kehutanan": 4,
       "Kementerian Agraria dan Tata Ruang/BPN": 5, "Badan Pengawas Obat dan Makanan": 2}
PAGU_TARGET = 1_150 * 10**12  # about Rp 1.150 T (invented)
KRO = ("EBA", "EBB", "EBD", "QAA", "QAH", "QDB", "QEA", "QMA", "RAB", "PBK", "SCK", "BDB", "CAN", "FAB")
LINES_PER_SATKER = {"KP": 90, "KD": 36, "DK": 18, "TP": 12}
KEWENANGAN_SHARE = {"KP": 0.05, "KD": 0.72, "DK": 0.09, "TP": 0.14}
JENIS_SHARE = {"KP": (0.22, 0.55, 0.18, 0.05), "KD": (0.35, 0.55, 0.10, 0.0),
               "DK": (0.0, 0.95, 0.05, 0.0), "TP": (0.0, 0.80, 0.20, 0.0)}
JENIS_SCALE = {"51": 1.0, "52": 0.6, "53": 2.5, "57": 12.0}  # line size by jenis


@dataclass(frozen=True)
class NationalSize:
    n_satker: int = 24_000
    rows_per_file: int = 1_500_000
    # SP2D per line and month beyond the first: binomial(trials, p) by jenis
    pieces: tuple = (("51", 2, 0.4), ("52", 10, 0.66), ("53", 6, 0.6), ("57", 8, 0.5))
    capaian_months: tuple = (3, 6, 9, 12)  # quarter ends only: output is reported quarterly here


def _unit_weights() -> np.ndarray:
    return np.array([BIG.get(name, 1.0) for name in MINISTRIES])


def reference(size: NationalSize, rng: np.random.Generator) -> dict:
    units = pd.DataFrame({"kdunit": [f"{i + 1:02d}" for i in range(len(MINISTRIES))], "nmunit": MINISTRIES})
    ba = [f"{i + 1:03d}" for i in range(len(MINISTRIES))]
    # programmes and kegiatan
    prog_rows, keg_rows, ro_rows = [], [], []
    kegiatan_unit = []
    next_giat = 1000
    for u, name in enumerate(MINISTRIES):
        letters = ["WA"] + [f"{chr(66 + k)}{chr(65 + (u % 26))}" for k in range(int(rng.integers(1, 4)))]
        for letters_ in letters:
            kdprogram = f"{ba[u]}.01.{letters_}"
            label = "Program Dukungan Manajemen" if letters_ == "WA" else f"Program Teknis {letters_}"
            prog_rows.append((THANG, kdprogram, label))
            for _ in range(int(rng.integers(2, 7))):
                kdgiat = str(next_giat)
                next_giat += 1
                keg_rows.append((THANG, kdgiat, f"Kegiatan {kdgiat} {name}", kdprogram))
                kegiatan_unit.append(u)
                kros = rng.choice(KRO, size=int(rng.integers(1, 4)), replace=False)
                for kro in kros:
                    for r in range(int(rng.integers(1, 3))):
                        ro_rows.append((THANG, kdgiat, kro, f"{r + 1:03d}", f"Rincian Output {kro}.{r + 1:03d} Kegiatan {kdgiat}",
                                        str(rng.choice(["Layanan", "Dokumen", "Orang", "Unit", "Laporan", "Paket"]))))
    program = pd.DataFrame(prog_rows, columns=formats.KINDS["program"].column_names)
    kegiatan = pd.DataFrame(keg_rows, columns=formats.KINDS["kegiatan"].column_names)
    ro = pd.DataFrame(ro_rows, columns=formats.KINDS["ro"].column_names)
    ro["unit"] = np.array(kegiatan_unit)[pd.Index(kegiatan["kdgiat"]).get_indexer(ro["kdgiat"])]

    # satker
    n = size.n_satker
    w = _unit_weights()
    unit_of = rng.choice(len(MINISTRIES), size=n, p=w / w.sum())
    kinds = np.array(list(KEWENANGAN_SHARE))
    kewenangan = rng.choice(kinds, size=n, p=list(KEWENANGAN_SHARE.values()))
    provinces = c.provinces_in(THANG)
    lok_codes = np.array(sorted(provinces))
    pop = np.array([6.0 if k in ("31", "32", "33", "35") else 1.5 if k in ("12", "36", "73") else 1.0
                    for k in lok_codes])
    lokasi = np.where(kewenangan == "KP", "31", rng.choice(lok_codes, size=n, p=pop / pop.sum()))
    codes = np.char.zfill((rng.choice(900_000, size=n, replace=False) + 100_000).astype(str), 6)
    labels = {"KP": "Kantor Pusat", "KD": "Kantor Daerah", "DK": "Dekonsentrasi", "TP": "Tugas Pembantuan"}
    satker = pd.DataFrame({
        "thang": THANG, "kdsatker": codes,
        "nmsatker": [f"{labels[k]} {code} {MINISTRIES[u]} Provinsi {provinces[l]}"
                     for k, code, u, l in zip(kewenangan, codes, unit_of, lokasi)],
        "kdunit": units["kdunit"].to_numpy()[unit_of], "kewenangan": kewenangan, "kdlokasi": lokasi,
    })
    n_ppk = np.where(kewenangan == "KP", rng.integers(2, 5, n), rng.integers(1, 3, n))
    kppn = np.char.zfill((rng.integers(1, 181, n)).astype(str), 3)
    return {"units": units, "program": program, "kegiatan": kegiatan, "ro": ro, "satker": satker,
            "unit_of": unit_of, "n_ppk": n_ppk, "kppn": kppn, "provinces": provinces}


def budget_lines(ref: dict, rng: np.random.Generator) -> pd.DataFrame:
    satker = ref["satker"]
    n = len(satker)
    kew = satker["kewenangan"].to_numpy()
    per = np.array([LINES_PER_SATKER[k] for k in kew]) * rng.uniform(0.6, 1.4, n)
    count = np.maximum(per.astype(np.int64), 3)
    sat = np.repeat(np.arange(n), count)
    total = len(sat)
    # an RO of the satker's ministry
    ro = ref["ro"]
    ro_unit = ro["unit"].to_numpy()
    order = np.argsort(ro_unit, kind="stable")
    starts = np.searchsorted(ro_unit[order], np.arange(len(MINISTRIES)))
    ends = np.searchsorted(ro_unit[order], np.arange(len(MINISTRIES)), side="right")
    u = ref["unit_of"][sat]
    pick = starts[u] + (rng.random(total) * (ends[u] - starts[u])).astype(np.int64)
    ro_index = order[pick]
    # jenis and akun
    jenis_codes = np.array(c.JENIS)
    share = np.array([JENIS_SHARE[k] for k in kew])[sat]
    cum = np.cumsum(share, axis=1)
    jenis_idx = (rng.random(total)[:, None] > cum).sum(1).clip(max=3)
    pools = {"51": c.PEGAWAI_AKUN, "52": c.BARANG_AKUN_PUSAT, "53": c.MODAL_AKUN,
             "57": ("573111", "574111", "575111", "576112")}
    akun = np.empty(total, dtype=object)
    for j_index, j in enumerate(c.JENIS):
        mask = jenis_idx == j_index
        akun[mask] = rng.choice(pools[j], size=int(mask.sum()))
    ppk = 1 + (rng.random(total) * ref["n_ppk"][sat]).astype(np.int64)
    ppk[jenis_idx == 0] = 1
    lines = pd.DataFrame({
        "satker": sat, "ro_index": ro_index, "jenis": jenis_codes[jenis_idx], "kdakun": akun.astype(str),
        "ppk": ppk,
    }).drop_duplicates(["satker", "ro_index", "kdakun", "ppk"]).reset_index(drop=True)
    ro_table = ref["ro"]
    kegiatan = ref["kegiatan"].set_index("kdgiat")["kdprogram"]
    lines["kdsatker"] = satker["kdsatker"].to_numpy()[lines["satker"]]
    lines["kdgiat"] = ro_table["kdgiat"].to_numpy()[lines["ro_index"]]
    lines["kdprogram"] = kegiatan.reindex(lines["kdgiat"]).to_numpy()
    lines["kdoutput"] = ro_table["kdoutput"].to_numpy()[lines["ro_index"]]
    lines["kdsoutput"] = ro_table["kdsoutput"].to_numpy()[lines["ro_index"]]
    lines["kdppk"] = np.char.zfill(lines["ppk"].to_numpy().astype(str), 2)
    lines["kewenangan"] = kew[lines["satker"]]
    lines["thang"] = THANG
    return lines


def _profiles(jenis: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    from monev.sample import kemensos

    base = {"51": kemensos.PEGAWAI + np.eye(12)[3] * 0.9 + np.eye(12)[5] * 0.9, "52": kemensos.BARANG,
            "53": kemensos.MODAL, "57": kemensos.schedule("default", THANG)}
    w = np.zeros((len(jenis), 12))
    for j, profile in base.items():
        mask = jenis == j
        w[mask] = profile * rng.lognormal(0, 0.3 if j != "51" else 0.03, (int(mask.sum()), 12))
    return w


def write_files(out_dir: Path, seed: int = 2024, progress=None, size: NationalSize = NationalSize()) -> list[Path]:
    progress = progress or (lambda fraction, message: None)
    out_dir = Path(out_dir)
    rng = np.random.default_rng([seed, THANG, 1])
    progress(0.0, "Menyusun referensi nasional")
    ref = reference(size, rng)
    satker = ref["satker"]
    paths = []
    cols = {k: formats.KINDS[k].column_names for k in formats.KINDS}
    provinces = ref["provinces"]
    paths.append(write.write_csv("lokasi", pd.DataFrame(
        [(THANG, k, v) for k, v in sorted(provinces.items())], columns=cols["lokasi"]), out_dir / "lokasi.csv"))
    paths.append(write.write_xlsx("unit", ref["units"].assign(thang=THANG), out_dir / "unit.xlsx"))
    paths.append(write.write_csv("program", ref["program"], out_dir / "program.csv"))
    paths.append(write.write_csv("kegiatan", ref["kegiatan"], out_dir / "kegiatan.csv"))
    paths.append(write.write_csv("ro", ref["ro"], out_dir / "ro.csv"))
    paths.append(write.write_csv("akun", pd.DataFrame(sorted(c.AKUN.items()), columns=cols["akun"]),
                                 out_dir / "akun.csv"))
    paths.append(write.write_csv("satker", satker, out_dir / "satker.csv"))
    paths.append(write.write_csv("pejabat", _pejabat(satker, ref["n_ppk"], rng), out_dir / "pejabat.csv"))
    target = [(THANG, j, str(q + 1), v) for j, qs in c.TARGETS.items() for q, v in enumerate(qs)]
    paths.append(write.write_csv("target", pd.DataFrame(target, columns=cols["target"]), out_dir / "target.csv"))

    progress(0.05, "Menyusun baris anggaran nasional")
    lines = budget_lines(ref, rng)
    n = len(lines)
    jenis = lines["jenis"].to_numpy()
    kew = lines["kewenangan"].to_numpy()
    raw = rng.lognormal(0, 1.0, n) * np.array([JENIS_SCALE[j] for j in jenis])
    raw *= np.where(kew == "KP", 3.0, np.where(kew == "KD", 1.0, 0.5))
    final = np.maximum(np.round(raw / raw.sum() * PAGU_TARGET / 1000), 1).astype(np.int64) * 1000
    # one revision per satker for some lines; some blokir lifted by it
    n_sat = len(satker)
    rev_day = (np.datetime64(f"{THANG}-02-01") + rng.integers(0, 300, n_sat)).astype("datetime64[D]")
    revised = rng.random(n) < 0.12
    blocked = (rng.random(n) < 0.06) & (jenis != "51")
    original = np.where(revised, np.round(final * rng.uniform(0.8, 1.25, n) / 1000) * 1000, final).astype(np.int64)
    blokir = np.where(blocked, np.round(original * rng.uniform(0.1, 0.5, n) / 1000) * 1000, 0).astype(np.int64)
    lifted = blocked & (rng.random(n) < 0.8)
    second = revised | lifted
    line_ids = np.arange(n)
    sat = lines["satker"].to_numpy()
    second_blokir = np.where(lifted, 0, blokir)[second]
    pagu_rows = pd.DataFrame({
        "line": np.concatenate([line_ids, line_ids[second]]),
        "pagu": np.concatenate([original, final[second]]),
        "blokir": np.concatenate([blokir, np.minimum(second_blokir, final[second])]),
        "revisi_ke": np.concatenate([np.zeros(n, np.int64), np.ones(int(second.sum()), np.int64)]),
        "tgl_revisi": np.concatenate([np.full(n, np.datetime64(f"{THANG}-01-01")), rev_day[sat[second]]]),
    })
    month = pagu_rows["tgl_revisi"].to_numpy().astype("datetime64[M]").astype(int) % 12 + 1
    caps = facts.in_force_by_month(n, pagu_rows["line"].to_numpy(), month, pagu_rows["revisi_ke"].to_numpy(),
                                   (pagu_rows["pagu"] - pagu_rows["blokir"]).to_numpy())
    net_final = caps[:, -1]
    rate = np.where(jenis == "51", rng.uniform(0.86, 0.96, n), rng.uniform(0.80, 1.0, n))
    realisasi = np.floor(net_final * rate).astype(np.int64)
    monthly = facts.spread_over_months(realisasi, _profiles(jenis, rng), caps)

    line_cols = ["kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]
    pagu = pd.concat([lines.loc[pagu_rows["line"], ["thang"] + line_cols].reset_index(drop=True),
                      pagu_rows.drop(columns="line").reset_index(drop=True)], axis=1)
    progress(0.1, "Menulis pagu nasional")
    paths.append(write.write_csv("pagu", pagu, out_dir / f"{THANG}_pagu.csv"))
    revisi = pd.DataFrame({"thang": THANG, "kdsatker": satker["kdsatker"].to_numpy()[np.unique(sat[second])]})
    revisi["no_revisi"] = "1"
    revisi["tgl_revisi"] = rev_day[np.unique(sat[second])]
    revisi["kode_jenis"] = rng.choice(("201", "212", "229", "301", "401"), size=len(revisi))
    paths.append(write.write_csv("revisi", revisi, out_dir / f"{THANG}_revisi.csv"))

    # RPD per satker x jenis
    group_key = sat * 4 + np.searchsorted(np.array(c.JENIS), jenis)
    uniq, group = np.unique(group_key, return_inverse=True)
    g_jenis = np.array(c.JENIS)[uniq % 4]
    from monev.sample import kemensos

    profile = np.array([{"51": kemensos.PEGAWAI, "52": kemensos.BARANG, "53": kemensos.MODAL}
                        .get(j, kemensos.schedule("default", THANG)) for j in c.JENIS])[uniq % 4]
    plan = facts.rpd(THANG, group, len(uniq), original - blokir, monthly, profile, rng)
    rpd = pd.DataFrame({"thang": THANG, "kdsatker": satker["kdsatker"].to_numpy()[uniq[plan["group"]] // 4],
                        "jenis_belanja": g_jenis[plan["group"]], "bulan": plan["bulan"], "rpd": plan["rpd"],
                        "tgl_update": plan["tgl_update"].to_numpy()})
    progress(0.12, "Menulis RPD nasional")
    paths.append(write.write_csv("rpd", rpd, out_dir / f"{THANG}_rpd.csv"))

    # capaian per satker x RO
    ro_key = sat.astype(np.int64) * (len(ref["ro"]) + 1) + lines["ro_index"].to_numpy()
    ro_uniq, ro_group = np.unique(ro_key, return_inverse=True)
    volume = np.round(np.exp(rng.uniform(np.log(2), np.log(5000), len(ro_uniq))))
    got = facts.capaian(ro_group, len(ro_uniq), final.astype(float), monthly, volume, rng)
    first_line = np.zeros(len(ro_uniq), dtype=np.int64)
    first_line[ro_group[::-1]] = np.arange(n)[::-1]
    cap = pd.DataFrame({"thang": THANG, "bulan": got["bulan"]})
    for col in ("kdsatker", "kdgiat", "kdoutput", "kdsoutput"):
        cap[col] = lines[col].to_numpy()[first_line[got["group"]]]
    for col in ("target_vol", "real_vol", "progres_fisik"):
        cap[col] = got[col]
    cap = cap[cap["bulan"].isin(size.capaian_months)]
    progress(0.14, "Menulis capaian nasional")
    paths.append(write.write_csv("capaian", cap, out_dir / f"{THANG}_capaian.csv"))

    # realization: SP2D, file by file over groups of satker
    pieces = {j: (trials, p) for j, trials, p in size.pieces}
    months_active = (monthly != 0).sum(1)
    expected = months_active * np.array([1 + pieces[j][0] * pieces[j][1] for j in jenis])
    per_satker = np.bincount(sat, weights=expected, minlength=n_sat)
    n_files = max(1, math.ceil(per_satker.sum() / size.rows_per_file))
    bounds = np.searchsorted(np.cumsum(per_satker), np.linspace(0, per_satker.sum(), n_files + 1)[1:-1])
    satker_chunks = np.split(np.arange(n_sat), bounds)
    codes = {col: pa.array(lines[col], pa.string()) for col in line_cols}
    line_start = np.searchsorted(sat, np.arange(n_sat + 1))  # lines are grouped by satker
    first_number = 1
    no_start = np.zeros(n, dtype=np.int64)
    for number, chunk in enumerate(satker_chunks):
        if len(chunk) == 0:
            continue
        lo, hi = line_start[chunk[0]], line_start[chunk[-1] + 1]
        chunk_rng = np.random.default_rng([seed, THANG, 2, number])
        cut = facts.sp2d(THANG, monthly[lo:hi], jenis[lo:hi], sat[lo:hi], ref["kppn"], no_start[lo:hi],
                         chunk_rng, pieces=pieces, first_number=first_number)
        first_number += cut["documents"]
        chunk_codes = {k: v.slice(lo, hi - lo) for k, v in codes.items()}
        table = facts.realisasi_table(THANG, chunk_codes, cut)
        path = out_dir / f"{THANG}_realisasi_{number + 1:02d}.csv"
        paths.append(write.write_csv("realisasi", table, path))
        progress(0.15 + 0.85 * (number + 1) / len(satker_chunks),
                 f"Menulis realisasi nasional {number + 1}/{len(satker_chunks)}")
    return paths


def _pejabat(satker: pd.DataFrame, n_ppk: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    from monev.sample.names import FAMILY, GIVEN

    n = len(satker)
    sat = np.concatenate([np.arange(n), np.repeat(np.arange(n), n_ppk)])
    ppk_no = np.concatenate([np.zeros(n, np.int64), np.concatenate([np.arange(1, k + 1) for k in n_ppk])])
    m = len(sat)
    names = pc.binary_join_element_wise(pa.array(rng.choice(GIVEN, m)), pa.array(rng.choice(FAMILY, m)), " ")
    born = np.datetime64("1965-01-01") + rng.integers(0, 27 * 365, m)
    born_text = np.char.replace(born.astype(str), "-", "")
    start = born.astype("datetime64[Y]").astype(int) + 1970 + rng.integers(22, 30, m)
    nip = (pd.Series(born_text) + pd.Series(start.astype(str)) + pd.Series(np.char.zfill(rng.integers(1, 13, m).astype(str), 2))
           + pd.Series(rng.integers(1, 3, m).astype(str)) + pd.Series(np.char.zfill(rng.integers(1, 1000, m).astype(str), 3)))
    return pd.DataFrame({"thang": THANG, "kdsatker": satker["kdsatker"].to_numpy()[sat],
                         "peran": np.where(ppk_no == 0, "KPA", "PPK"),
                         "kdppk": np.where(ppk_no == 0, "", np.char.zfill(ppk_no.astype(str), 2)),
                         "nama": names.to_numpy(zero_copy_only=False), "nip": nip.to_numpy()})
