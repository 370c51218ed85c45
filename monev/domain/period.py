"""The period every figure is 'as of': a fiscal year and a month end."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


def month_end(tahun: int, bulan: int) -> date:
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


@dataclass(frozen=True)
class Period:
    """A fiscal year and the month whose end the figures are 'as of' (s.d.)."""

    tahun: int
    bulan: int

    def __post_init__(self):
        if not 1 <= self.bulan <= 12:
            raise ValueError(f"Bulan harus 1 sampai 12, bukan {self.bulan}.")
        if not 2000 <= self.tahun <= 2100:
            raise ValueError(f"Tahun anggaran tidak masuk akal: {self.tahun}.")

    @property
    def sampai(self) -> date:
        return month_end(self.tahun, self.bulan)

    @classmethod
    def parse(cls, tahun: int, sampai: str) -> Period:
        """From --tahun and --sampai YYYY-MM; the month must lie in the fiscal year."""
        try:
            year, month = (int(part) for part in sampai.split("-"))
        except ValueError:
            raise ValueError(f"--sampai harus berbentuk TTTT-BB (misalnya {tahun}-06), bukan '{sampai}'.") from None
        if year != tahun:
            raise ValueError(f"--sampai {sampai} tidak berada di tahun anggaran {tahun}.")
        return cls(tahun, month)
