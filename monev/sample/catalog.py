"""Reference lists of the Kemensos sample: provinces, kabupaten/kota, units, programs, kegiatan, RO, akun.

ILLUSTRATIVE CODES. The ministry's real echelon I unit codes, program codes, kegiatan codes and
KRO/RO codes were not available: the codes here have the right shape (2-digit units and programs
before 2021, `027.01.WA` programs from 2021, 4-digit kegiatan, 3-character KRO/RO) but are invented.
Unit, programme and kegiatan *names* follow the ministry's organisation of the time. Province codes
are the official ones of each fiscal year, as the warehouse's built-in lists hold them (schema 6):
34 provinces until 2021; from 2022 the Papua codes renumbered and four new provinces.
Kabupaten/kota names are real places; every satker code, person and amount is invented.
"""
from __future__ import annotations

from dataclasses import dataclass, field

JENIS = ("51", "52", "53", "57")
JENIS_NAMA = {"51": "Belanja Pegawai", "52": "Belanja Barang", "53": "Belanja Modal",
              "57": "Belanja Bantuan Sosial"}

# Quarterly cumulative absorption targets (PER-5/PB/2024), used for every fiscal year.
TARGETS = {"51": (20, 50, 75, 95), "52": (15, 50, 70, 90), "53": (10, 40, 70, 90),
           "57": (25, 50, 75, 95)}

PROVINCES = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung",
    "19": "Kepulauan Bangka Belitung", "21": "Kepulauan Riau", "31": "DKI Jakarta",
    "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta", "35": "Jawa Timur",
    "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara",
    "75": "Gorontalo", "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua Barat", "94": "Papua",
}
# From 2022 (Kemendagri): Papua and Papua Barat renumbered, four provinces split off them.
RENUMBERED_FROM = 2022
RENUMBERED = {"91": "92", "94": "91"}  # Papua Barat 91 -> 92, Papua 94 -> 91
NEW_PROVINCES = {"93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan",
                 "96": "Papua Barat Daya"}
NEW_PROVINCE_SATKER_FROM = 2023  # first DIPA of their dinas sosial and the moved kabupaten/kota

# A few kabupaten/kota per province: the tugas pembantuan (TP) satker of the sample.
KABKOTA = {
    "11": ["Kabupaten Aceh Besar", "Kabupaten Pidie", "Kabupaten Aceh Utara", "Kabupaten Bireuen",
           "Kota Banda Aceh", "Kota Lhokseumawe"],
    "12": ["Kota Medan", "Kabupaten Deli Serdang", "Kabupaten Langkat", "Kabupaten Simalungun",
           "Kabupaten Asahan", "Kota Pematangsiantar", "Kabupaten Nias"],
    "13": ["Kota Padang", "Kabupaten Agam", "Kabupaten Padang Pariaman", "Kabupaten Pesisir Selatan",
           "Kabupaten Solok", "Kota Bukittinggi"],
    "14": ["Kota Pekanbaru", "Kabupaten Kampar", "Kabupaten Bengkalis", "Kabupaten Indragiri Hilir",
           "Kabupaten Rokan Hulu", "Kota Dumai"],
    "15": ["Kota Jambi", "Kabupaten Muaro Jambi", "Kabupaten Batanghari", "Kabupaten Merangin",
           "Kabupaten Kerinci", "Kabupaten Bungo"],
    "16": ["Kota Palembang", "Kabupaten Ogan Komering Ilir", "Kabupaten Banyuasin",
           "Kabupaten Musi Banyuasin", "Kabupaten Muara Enim", "Kota Lubuklinggau"],
    "17": ["Kota Bengkulu", "Kabupaten Bengkulu Utara", "Kabupaten Rejang Lebong", "Kabupaten Seluma",
           "Kabupaten Kaur"],
    "18": ["Kota Bandar Lampung", "Kabupaten Lampung Tengah", "Kabupaten Lampung Selatan",
           "Kabupaten Lampung Timur", "Kabupaten Tanggamus", "Kota Metro"],
    "19": ["Kota Pangkalpinang", "Kabupaten Bangka", "Kabupaten Belitung", "Kabupaten Bangka Barat"],
    "21": ["Kota Batam", "Kota Tanjungpinang", "Kabupaten Bintan", "Kabupaten Karimun",
           "Kabupaten Natuna"],
    "31": ["Kota Jakarta Pusat", "Kota Jakarta Utara", "Kota Jakarta Barat", "Kota Jakarta Selatan",
           "Kota Jakarta Timur", "Kabupaten Kepulauan Seribu"],
    "32": ["Kabupaten Bogor", "Kabupaten Bandung", "Kabupaten Garut", "Kabupaten Cirebon",
           "Kota Bandung", "Kota Bekasi", "Kabupaten Tasikmalaya", "Kabupaten Karawang",
           "Kabupaten Sukabumi", "Kabupaten Indramayu"],
    "33": ["Kota Semarang", "Kabupaten Banyumas", "Kabupaten Cilacap", "Kabupaten Brebes",
           "Kabupaten Grobogan", "Kota Surakarta", "Kabupaten Kebumen", "Kabupaten Pati",
           "Kabupaten Tegal"],
    "34": ["Kota Yogyakarta", "Kabupaten Sleman", "Kabupaten Bantul", "Kabupaten Gunungkidul",
           "Kabupaten Kulon Progo"],
    "35": ["Kota Surabaya", "Kabupaten Malang", "Kabupaten Jember", "Kabupaten Sidoarjo",
           "Kabupaten Banyuwangi", "Kabupaten Kediri", "Kabupaten Bojonegoro", "Kota Malang",
           "Kabupaten Sumenep", "Kabupaten Probolinggo"],
    "36": ["Kota Serang", "Kabupaten Serang", "Kabupaten Tangerang", "Kabupaten Lebak",
           "Kabupaten Pandeglang", "Kota Tangerang"],
    "51": ["Kota Denpasar", "Kabupaten Badung", "Kabupaten Gianyar", "Kabupaten Buleleng",
           "Kabupaten Karangasem"],
    "52": ["Kota Mataram", "Kabupaten Lombok Barat", "Kabupaten Lombok Tengah",
           "Kabupaten Lombok Timur", "Kabupaten Sumbawa", "Kabupaten Bima"],
    "53": ["Kota Kupang", "Kabupaten Kupang", "Kabupaten Timor Tengah Selatan", "Kabupaten Belu",
           "Kabupaten Sumba Timur", "Kabupaten Manggarai"],
    "61": ["Kota Pontianak", "Kabupaten Kubu Raya", "Kabupaten Sambas", "Kabupaten Ketapang",
           "Kabupaten Sanggau", "Kota Singkawang"],
    "62": ["Kota Palangka Raya", "Kabupaten Kotawaringin Timur", "Kabupaten Kotawaringin Barat",
           "Kabupaten Kapuas", "Kabupaten Katingan"],
    "63": ["Kota Banjarmasin", "Kota Banjarbaru", "Kabupaten Banjar", "Kabupaten Tanah Laut",
           "Kabupaten Hulu Sungai Selatan", "Kabupaten Kotabaru"],
    "64": ["Kota Samarinda", "Kota Balikpapan", "Kabupaten Kutai Kartanegara", "Kabupaten Kutai Timur",
           "Kabupaten Paser", "Kabupaten Berau"],
    "65": ["Kota Tarakan", "Kabupaten Bulungan", "Kabupaten Malinau", "Kabupaten Nunukan"],
    "71": ["Kota Manado", "Kota Bitung", "Kabupaten Minahasa", "Kabupaten Minahasa Utara",
           "Kabupaten Bolaang Mongondow", "Kabupaten Kepulauan Sangihe"],
    "72": ["Kota Palu", "Kabupaten Donggala", "Kabupaten Sigi", "Kabupaten Poso", "Kabupaten Banggai",
           "Kabupaten Parigi Moutong"],
    "73": ["Kota Makassar", "Kabupaten Gowa", "Kabupaten Bone", "Kabupaten Maros", "Kabupaten Luwu",
           "Kota Parepare", "Kabupaten Bulukumba"],
    "74": ["Kota Kendari", "Kabupaten Konawe", "Kabupaten Kolaka", "Kabupaten Muna", "Kabupaten Buton",
           "Kota Baubau"],
    "75": ["Kota Gorontalo", "Kabupaten Gorontalo", "Kabupaten Bone Bolango", "Kabupaten Boalemo",
           "Kabupaten Pohuwato"],
    "76": ["Kabupaten Mamuju", "Kabupaten Majene", "Kabupaten Polewali Mandar", "Kabupaten Mamasa",
           "Kabupaten Pasangkayu"],
    "81": ["Kota Ambon", "Kabupaten Maluku Tengah", "Kabupaten Seram Bagian Barat", "Kabupaten Buru",
           "Kabupaten Kepulauan Aru", "Kota Tual"],
    "82": ["Kota Ternate", "Kota Tidore Kepulauan", "Kabupaten Halmahera Utara",
           "Kabupaten Halmahera Selatan", "Kabupaten Halmahera Barat"],
    "91": ["Kabupaten Manokwari", "Kota Sorong", "Kabupaten Sorong", "Kabupaten Fakfak",
           "Kabupaten Kaimana", "Kabupaten Teluk Bintuni"],
    "94": ["Kota Jayapura", "Kabupaten Jayapura", "Kabupaten Merauke", "Kabupaten Mimika",
           "Kabupaten Jayawijaya", "Kabupaten Biak Numfor", "Kabupaten Nabire"],
}
# Kabupaten/kota that belong to a new province from NEW_PROVINCE_SATKER_FROM on.
MOVED_KABKOTA = {"Kota Sorong": "96", "Kabupaten Sorong": "96", "Kabupaten Merauke": "93",
                 "Kabupaten Mimika": "94", "Kabupaten Nabire": "94", "Kabupaten Jayawijaya": "95"}


def provinces_in(year: int) -> dict[str, str]:
    """The official province list of a fiscal year (kdlokasi: name)."""
    if year < RENUMBERED_FROM:
        return dict(PROVINCES)
    renumbered = {RENUMBERED.get(code, code): name for code, name in PROVINCES.items()}
    return dict(sorted((renumbered | NEW_PROVINCES).items()))


def lokasi_in(kdlokasi: str, year: int) -> str:
    """A pre-2022 province code as the province is coded in a fiscal year."""
    return RENUMBERED.get(kdlokasi, kdlokasi) if year >= RENUMBERED_FROM else kdlokasi


@dataclass(frozen=True)
class Unit:
    key: str
    code: str  # illustrative
    name: str
    years: tuple[int, int]


UNITS = (
    Unit("setjen", "01", "Sekretariat Jenderal", (2019, 2024)),
    Unit("itjen", "02", "Inspektorat Jenderal", (2019, 2024)),
    Unit("dayasos", "03", "Direktorat Jenderal Pemberdayaan Sosial", (2019, 2024)),
    Unit("rehsos", "04", "Direktorat Jenderal Rehabilitasi Sosial", (2019, 2024)),
    Unit("linjamsos", "05", "Direktorat Jenderal Perlindungan dan Jaminan Sosial", (2019, 2024)),
    Unit("pfm", "06", "Direktorat Jenderal Penanganan Fakir Miskin", (2019, 2021)),
    Unit("badan", "07", "Badan Pendidikan, Penelitian dan Penyuluhan Sosial", (2019, 2021)),
)
UNIT = {u.key: u for u in UNITS}
# From 2022 the Penanganan Fakir Miskin programmes sit in Pemberdayaan Sosial and the Badan's
# training institutions in the Sekretariat Jenderal.
MERGED_FROM_2022 = {"pfm": "dayasos", "badan": "setjen"}


def units_in(year: int) -> list[Unit]:
    return [u for u in UNITS if u.years[0] <= year <= u.years[1]]


def unit_in(key: str, year: int) -> str:
    """The unit that holds `key`'s budget in `year`."""
    return MERGED_FROM_2022.get(key, key) if year >= 2022 else key


# Programmes: before 2021 two-digit codes, from 2021 BA.unit.program (RSPP). Illustrative codes.
OLD_PROGRAMS = {
    ("setjen", "wa"): ("01", "Program Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Kementerian Sosial"),
    ("setjen", "sarpras"): ("02", "Program Peningkatan Sarana dan Prasarana Aparatur Kementerian Sosial"),
    ("itjen", "wa"): ("03", "Program Pengawasan dan Peningkatan Akuntabilitas Aparatur Kementerian Sosial"),
    ("dayasos", "wa"): ("04", "Program Pemberdayaan Sosial"),
    ("rehsos", "wa"): ("05", "Program Rehabilitasi Sosial"),
    ("linjamsos", "wa"): ("06", "Program Perlindungan dan Jaminan Sosial"),
    ("pfm", "wa"): ("07", "Program Penanganan Fakir Miskin"),
    ("badan", "wa"): ("08", "Program Pendidikan, Pelatihan, Penelitian dan Pengembangan Kesejahteraan Sosial"),
}
NEW_PROGRAM_NAMES = {
    "WA": "Program Dukungan Manajemen",
    "DD": "Program Pemberdayaan Sosial",
    "DE": "Program Rehabilitasi Sosial",
    "DF": "Program Perlindungan Sosial",
    "DG": "Program Penanganan Fakir Miskin",
    "DH": "Program Pendidikan dan Pelatihan Vokasi",
}
TECH_PROGRAM = {"dayasos": "DD", "rehsos": "DE", "linjamsos": "DF", "pfm": "DG", "badan": "DH"}


def program_of(kegiatan: "Kegiatan", year: int) -> tuple[str, str]:
    """(kdprogram, nmprogram) of a kegiatan in a fiscal year."""
    unit = unit_in(kegiatan.unit, year)
    if year < 2021:
        kind = "sarpras" if kegiatan.key == "setjen_sarpras" else "wa"
        return OLD_PROGRAMS[(unit, kind if (unit, kind) in OLD_PROGRAMS else "wa")]
    if kegiatan.dukman or unit in ("setjen", "itjen"):
        letters = "WA"
    else:
        letters = TECH_PROGRAM[kegiatan.unit] if year < 2022 else TECH_PROGRAM[unit]
        if year >= 2022 and kegiatan.unit == "pfm":
            letters = TECH_PROGRAM["dayasos"]
    return f"027.{UNIT[unit].code}.{letters}", NEW_PROGRAM_NAMES[letters]


@dataclass(frozen=True)
class Ro:
    name: str
    satuan: str
    kro: str  # KRO from 2021 (illustrative)
    levels: str  # kewenangan letters where the RO is run: "P" KP, "D" KD, "K" DK, "T" TP
    jenis: tuple[str, ...]
    volume: tuple[float, float]  # target volume range for one satker
    bansos_akun: tuple[str, ...] = ()
    new_in: dict = field(default_factory=dict)  # {year: month}: lines added by a revision
    years: tuple[int, int] = (2019, 2024)


@dataclass(frozen=True)
class Kegiatan:
    key: str
    unit: str  # owning unit in 2019
    name: str
    ros: tuple[Ro, ...]
    dukman: bool = False
    years: tuple[int, int] = (2019, 2024)
    schedule: str = "default"  # bansos payment pattern (see profiles.BANSOS_SCHEDULES)


def _dukman(unit: str, name: str, levels: str = "PD", years=(2019, 2024)) -> Kegiatan:
    return Kegiatan(
        f"{unit}_dukman", unit, name,
        (
            Ro("Layanan Perkantoran", "Layanan", "EBA", levels, ("51", "52"), (12, 12)),
            Ro("Layanan Sarana dan Prasarana Internal", "Unit", "EBB", levels, ("52", "53"), (3, 40)),
            Ro("Layanan Manajemen Kinerja Internal", "Dokumen", "EBD", "P", ("52",), (4, 20)),
        ),
        dukman=True,
        years=years,
    )


def _layanan(name: str, levels: str, satuan: str = "Layanan", kro: str = "QAH",
             volume=(50, 2000)) -> Ro:
    return Ro(name, satuan, kro, levels, ("52",), volume)


KEGIATAN = (
    # Sekretariat Jenderal
    _dukman("setjen", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Sekretariat Jenderal"),
    Kegiatan("setjen_sarpras", "setjen", "Peningkatan Sarana dan Prasarana Aparatur Kementerian Sosial", (
        Ro("Gedung dan Bangunan", "Unit", "EBB", "P", ("52", "53"), (1, 5)),
        Ro("Peralatan dan Fasilitas Perkantoran", "Unit", "EBB", "P", ("53",), (20, 300)),
    )),
    Kegiatan("setjen_data", "setjen", "Pengelolaan Data Terpadu Kesejahteraan Sosial", (
        Ro("Data Terpadu Kesejahteraan Sosial yang Dimutakhirkan", "Dokumen", "QMA", "P", ("52", "53"), (2, 4)),
        Ro("Sistem Informasi Kesejahteraan Sosial", "Sistem Informasi", "QMA", "P", ("52",), (1, 3)),
    )),
    Kegiatan("setjen_penyuluhan", "setjen", "Penyuluhan Sosial", (
        Ro("Penyuluhan Sosial kepada Masyarakat", "Orang", "QDB", "P", ("52",), (2000, 20000)),
    )),
    Kegiatan("setjen_diklat", "badan", "Pendidikan dan Pelatihan Kesejahteraan Sosial", (
        Ro("Aparatur yang Dilatih", "Orang", "PBK", "PD", ("52",), (200, 3000)),
        Ro("Mahasiswa Pendidikan Vokasi Pekerjaan Sosial", "Orang", "SCK", "D", ("52", "53"), (300, 1500)),
    )),
    # Inspektorat Jenderal
    _dukman("itjen", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Inspektorat Jenderal", "P"),
    Kegiatan("itjen_awas", "itjen", "Pengawasan Internal Kementerian Sosial", (
        Ro("Laporan Hasil Audit dan Reviu", "Laporan", "EBD", "P", ("52",), (40, 160)),
        Ro("Pendampingan Penyaluran Bantuan Sosial", "Laporan", "EBD", "P", ("52",), (10, 60)),
    )),
    # Pemberdayaan Sosial
    _dukman("dayasos", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Ditjen Pemberdayaan Sosial", "P"),
    Kegiatan("kat", "dayasos", "Pemberdayaan Komunitas Adat Terpencil", (
        Ro("Bantuan Sosial Pemberdayaan Komunitas Adat Terpencil", "KK", "QEA", "P", ("57",), (800, 6000),
           ("573111", "573112")),
        _layanan("Pendampingan Komunitas Adat Terpencil", "K", "KK", volume=(50, 600)),
    )),
    Kegiatan("k2krs", "dayasos", "Kepahlawanan, Keperintisan, Kesetiakawanan dan Restorasi Sosial", (
        Ro("Tunjangan dan Bantuan bagi Perintis Kemerdekaan dan Keluarganya", "Orang", "QEA", "P", ("57",),
           (1000, 3000), ("573111",)),
        _layanan("Penguatan Kesetiakawanan Sosial", "PK", "Kegiatan", volume=(2, 12)),
    )),
    Kegiatan("pspkkm", "dayasos", "Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat", (
        Ro("Bantuan Usaha Ekonomi Produktif", "KPM", "QEA", "P", ("57",), (2000, 20000), ("573111",)),
        _layanan("Pendampingan Kelembagaan Kesejahteraan Sosial", "K", "Lembaga", volume=(20, 200)),
    )),
    # Rehabilitasi Sosial
    _dukman("rehsos", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Ditjen Rehabilitasi Sosial"),
    *(
        Kegiatan(key, "rehsos", f"Rehabilitasi Sosial {target}", (
            Ro(f"Asistensi Rehabilitasi Sosial {target}", "Orang", "QEA", "PD", ("52", "57"), (150, 3000),
               ("571111", "571112")),
            _layanan(f"Layanan Rehabilitasi Sosial {target} di Balai", "D", "Orang", volume=(80, 600)),
            _layanan(f"Dukungan Rehabilitasi Sosial {target} di Daerah", "K", "Orang", volume=(40, 400)),
        ))
        for key, target in (
            ("rs_anak", "Anak"), ("rs_disabilitas", "Penyandang Disabilitas"),
            ("rs_lansia", "Lanjut Usia"), ("rs_napza", "Korban Penyalahgunaan NAPZA"),
            ("rs_tuna", "Tuna Sosial dan Korban Perdagangan Orang"),
        )
    ),
    # Perlindungan dan Jaminan Sosial
    _dukman("linjamsos", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Ditjen Perlindungan dan Jaminan Sosial", "P"),
    Kegiatan("pkh", "linjamsos", "Jaminan Sosial Keluarga (Program Keluarga Harapan)", (
        Ro("Bantuan Sosial Program Keluarga Harapan", "KPM", "QEA", "P", ("57",), (9_800_000, 10_000_000),
           ("572111",)),
        Ro("Pendampingan Program Keluarga Harapan", "Orang", "QAH", "PKT", ("52",), (30, 1500)),
    ), schedule="pkh"),
    Kegiatan("pskba", "linjamsos", "Perlindungan Sosial Korban Bencana Alam", (
        Ro("Bantuan Logistik dan Santunan Korban Bencana Alam", "Orang", "QEA", "P", ("57",),
           (20000, 200000), ("576111", "576112")),
        _layanan("Kesiapsiagaan dan Penanganan Korban Bencana Alam", "KT", "Orang", volume=(100, 3000)),
    ), schedule="bencana"),
    Kegiatan("pskbs", "linjamsos", "Perlindungan Sosial Korban Bencana Sosial", (
        Ro("Bantuan Sosial Korban Bencana Sosial", "KPM", "QEA", "P", ("57",), (5000, 2_000_000),
           ("574111", "574112")),
        _layanan("Penanganan Korban Bencana Sosial di Daerah", "K", "Orang", volume=(50, 1000)),
    ), schedule="bencana"),
    Kegiatan("blt_linjam", "linjamsos", "Bantuan Langsung Tunai", (
        Ro("Bantuan Langsung Tunai Minyak Goreng", "KPM", "QEA", "P", ("57",), (20_000_000, 20_700_000),
           ("574111",), new_in={2022: 4}),
        Ro("Bantuan Langsung Tunai Bahan Bakar Minyak", "KPM", "QEA", "P", ("57",), (20_000_000, 20_700_000),
           ("574111",), new_in={2022: 9}),
    ), years=(2022, 2022), schedule="blt"),
    # Penanganan Fakir Miskin (Pemberdayaan Sosial from 2022)
    _dukman("pfm", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Ditjen Penanganan Fakir Miskin", "P",
            (2019, 2021)),
    Kegiatan("sembako", "pfm", "Penyaluran Bantuan Sosial Pangan (Program Sembako)", (
        Ro("Bantuan Sosial Pangan Program Sembako", "KPM", "QEA", "P", ("57",), (15_600_000, 18_800_000),
           ("575111",)),
        Ro("Koordinasi Penyaluran Bantuan Sosial Pangan", "Laporan", "QAH", "KT", ("52",), (4, 24)),
    ), schedule="sembako"),
    Kegiatan("pfm_wilayah", "pfm", "Penanganan Fakir Miskin Perdesaan, Perkotaan dan Pesisir", (
        Ro("Bantuan Sosial Fakir Miskin", "KPM", "QEA", "P", ("57",), (20000, 150000), ("575111", "575112")),
        _layanan("Pendampingan Penanganan Fakir Miskin", "KT", "KPM", volume=(100, 5000)),
    )),
    Kegiatan("bst", "pfm", "Bantuan Sosial Tunai", (
        Ro("Bantuan Sosial Tunai", "KPM", "QEA", "P", ("57",), (9_000_000, 10_000_000), ("574111",),
           new_in={2020: 4}),
        Ro("Bantuan Sosial Sembako Jabodetabek", "KPM", "QEA", "P", ("57",), (1_900_000, 2_000_000),
           ("575112",), new_in={2020: 4}, years=(2020, 2020)),
    ), years=(2020, 2021), schedule="bst"),
    Kegiatan("blt_dayasos", "dayasos", "Bantuan Langsung Tunai Mitigasi Risiko", (
        Ro("Bantuan Langsung Tunai El Nino", "KPM", "QEA", "P", ("57",), (18_600_000, 18_800_000),
           ("574111",), new_in={2023: 11}, years=(2023, 2023)),
        Ro("Bantuan Langsung Tunai Mitigasi Risiko Pangan", "KPM", "QEA", "P", ("57",),
           (18_600_000, 18_800_000), ("574111",), new_in={2024: 2}, years=(2024, 2024)),
    ), years=(2023, 2024), schedule="blt"),
    # Badan Pendidikan, Penelitian dan Penyuluhan Sosial (2019-2021)
    _dukman("badan", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya Badan Pendidikan, Penelitian dan Penyuluhan Sosial",
            years=(2019, 2021)),
    Kegiatan("badan_litbang", "badan", "Penelitian dan Pengembangan Kesejahteraan Sosial", (
        Ro("Hasil Penelitian Kesejahteraan Sosial", "Dokumen", "QMA", "P", ("52",), (6, 30)),
    ), years=(2019, 2021)),
)
KEGIATAN_BY_KEY = {k.key: k for k in KEGIATAN}

# Kegiatan codes: 4 digits, illustrative. Before 2021 and from 2021 (RSPP) the codes differ.
_OLD_BASE, _NEW_BASE = 1400, 5800


def kegiatan_code(key: str, year: int) -> str:
    index = [k.key for k in KEGIATAN].index(key)
    return str((_OLD_BASE if year < 2021 else _NEW_BASE) + 7 * index)


def ro_codes(kegiatan: Kegiatan, ro: Ro, year: int) -> tuple[str, str]:
    """(kdoutput, kdsoutput): before 2021 a 3-digit output and sub-output, from 2021 KRO and RO."""
    position = kegiatan.ros.index(ro)
    if year < 2021:
        if kegiatan.dukman:
            return (("994", "001"), ("951", "001"), ("950", "001"))[position]
        return f"{position + 1:03d}", "001"
    same_kro = [r for r in kegiatan.ros[: position + 1] if r.kro == ro.kro]
    if kegiatan.dukman:
        return ro.kro, ("994", "951", "953")[position]
    return ro.kro, f"{len(same_kro):03d}"


AKUN = {
    "511111": "Belanja Gaji Pokok PNS",
    "511119": "Belanja Pembulatan Gaji PNS",
    "511121": "Belanja Tunjangan Suami/Istri PNS",
    "511122": "Belanja Tunjangan Anak PNS",
    "511123": "Belanja Tunjangan Struktural PNS",
    "511124": "Belanja Tunjangan Fungsional PNS",
    "511125": "Belanja Tunjangan PPh PNS",
    "511126": "Belanja Tunjangan Beras PNS",
    "511129": "Belanja Uang Makan PNS",
    "511151": "Belanja Tunjangan Umum PNS",
    "512211": "Belanja Uang Lembur",
    "512411": "Belanja Pegawai (Tunjangan Khusus/Kegiatan/Kinerja)",
    "521111": "Belanja Operasional Perkantoran",
    "521115": "Belanja Honor Operasional Satuan Kerja",
    "521211": "Belanja Bahan",
    "521213": "Belanja Honor Output Kegiatan",
    "521219": "Belanja Barang Non Operasional Lainnya",
    "521811": "Belanja Barang Persediaan Barang Konsumsi",
    "522111": "Belanja Langganan Listrik",
    "522151": "Belanja Jasa Profesi",
    "522191": "Belanja Jasa Lainnya",
    "523111": "Belanja Pemeliharaan Gedung dan Bangunan",
    "523121": "Belanja Pemeliharaan Peralatan dan Mesin",
    "524111": "Belanja Perjalanan Dinas Biasa",
    "524113": "Belanja Perjalanan Dinas Dalam Kota",
    "524119": "Belanja Perjalanan Dinas Paket Meeting Luar Kota",
    "526211": "Belanja Barang untuk Diserahkan kepada Masyarakat",
    "532111": "Belanja Modal Peralatan dan Mesin",
    "533111": "Belanja Modal Gedung dan Bangunan",
    "536111": "Belanja Modal Lainnya",
    "571111": "Belanja Bantuan Sosial untuk Rehabilitasi Sosial dalam Bentuk Uang",
    "571112": "Belanja Bantuan Sosial untuk Rehabilitasi Sosial dalam Bentuk Barang",
    "572111": "Belanja Bantuan Sosial untuk Jaminan Sosial dalam Bentuk Uang",
    "573111": "Belanja Bantuan Sosial untuk Pemberdayaan Sosial dalam Bentuk Uang",
    "573112": "Belanja Bantuan Sosial untuk Pemberdayaan Sosial dalam Bentuk Barang",
    "574111": "Belanja Bantuan Sosial untuk Perlindungan Sosial dalam Bentuk Uang",
    "574112": "Belanja Bantuan Sosial untuk Perlindungan Sosial dalam Bentuk Barang",
    "575111": "Belanja Bantuan Sosial untuk Penanggulangan Kemiskinan dalam Bentuk Uang",
    "575112": "Belanja Bantuan Sosial untuk Penanggulangan Kemiskinan dalam Bentuk Barang",
    "576111": "Belanja Bantuan Sosial untuk Penanggulangan Bencana dalam Bentuk Uang",
    "576112": "Belanja Bantuan Sosial untuk Penanggulangan Bencana dalam Bentuk Barang",
}
PEGAWAI_AKUN = ("511111", "511119", "511121", "511122", "511123", "511124", "511125", "511126",
                "511129", "511151", "512211", "512411")
BARANG_AKUN_PUSAT = ("521111", "521115", "521211", "521213", "521219", "521811", "522111", "522151",
                     "522191", "523111", "523121", "524111", "524113", "524119", "526211")
BARANG_AKUN_DAERAH = ("521211", "521213", "521219", "524111", "524113", "524119")
MODAL_AKUN = ("532111", "533111", "536111")
