"""Fictional officials: names put together from common Indonesian given names and invented family
names, and well-formed but invented 18-digit NIP. Any likeness to a real person is chance."""
from __future__ import annotations

import numpy as np

GIVEN = (
    "Adi", "Agus", "Ahmad", "Andi", "Anisa", "Ari", "Bambang", "Budi", "Citra", "Dedi", "Dewi",
    "Dian", "Dimas", "Eka", "Endang", "Fajar", "Fitri", "Gilang", "Hadi", "Hendra", "Indah", "Intan",
    "Joko", "Kartika", "Lestari", "Lina", "Maya", "Muhammad", "Nur", "Putri", "Rahmat", "Ratna",
    "Rina", "Rizki", "Sari", "Siti", "Sri", "Taufik", "Tri", "Wahyu", "Wulan", "Yanti", "Yudi",
)
# Invented family names (syllables chosen not to be common real surnames).
FAMILY = (
    "Kartawiraja", "Sumaradipa", "Wiranegara", "Pranasetya", "Handayaning", "Suryakencana",
    "Adiwangsa", "Mulyasari", "Purbasana", "Setyaningrat", "Wirasaputra", "Laksmitawati",
    "Nugrahadi", "Cahyaningsih", "Baskarawati", "Danuwiyata", "Gunawangsa", "Hardjaprana",
    "Kusumajati", "Mahendrasta", "Rahayuningtyas", "Santikarsa", "Tirtawangsa", "Utamaningsih",
)


def person(rng: np.random.Generator) -> tuple[str, str]:
    """(name, nip) of an invented civil servant born 1965-1992."""
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    born = np.datetime64("1965-01-01") + int(rng.integers(0, 27 * 365))
    year, month, day = str(born).split("-")
    start_year = int(year) + int(rng.integers(22, 30))
    start_month, sex, serial = int(rng.integers(1, 13)), int(rng.integers(1, 3)), int(rng.integers(1, 1000))
    nip = f"{year}{month}{day}{start_year}{start_month:02d}{sex}{serial:03d}"
    return name, nip
