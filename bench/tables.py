"""CPU of one table's step in a page run: a KPA dan PPK screenful (its 4 rupiah and 7 percentage
columns) from monev.ui.tables.formatted() to the bytes Streamlit sends for it
(streamlit.elements.arrow.marshall, what st.dataframe calls).

    python -m bench.tables [--rows 25,100] [--batches 7]

Prints process CPU ms per table, median (and min) of batches of 40, with the load average. To
compare two trees, run it in each (PYTHONPATH=. from the tree's root) in turn.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

MONEY = ["pagu", "blokir", "realisasi", "kebutuhan"]
PERCENT = ["persen", "target_persen", "rasio", "TW I %", "TW II %", "TW III %", "TW IV %"]


def screenful(rows: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "kdunit": ["18"] * rows, "kdsatker": [f"{i:06d}" for i in range(rows)],
        "nmsatker": [f"SATKER PELAKSANA NOMOR {i}" for i in range(rows)], "kpa": ["Nama KPA"] * rows,
        "status": ["Hijau"] * rows,
        **{c: pd.Series(rng.integers(0, 10**12, rows), dtype="Int64") for c in MONEY[:3]},
        "kebutuhan": rng.uniform(0, 1e11, rows), **{c: rng.uniform(0, 120, rows) for c in PERCENT}})
    frame.loc[3, "persen"] = np.nan
    return frame


def table_step(frame: pd.DataFrame) -> None:
    from streamlit.elements.arrow import marshall
    from streamlit.proto.ArrowData_pb2 import ArrowData

    from monev.ui import tables

    shown, _config = tables.formatted(frame, "id", {}, money=MONEY, percent=PERCENT)
    marshall(ArrowData(), shown, "uuid")


def ms_per_table(rows: int, batches: int, per_batch: int = 40) -> list[float]:
    frame = screenful(rows)
    table_step(frame)  # imports and first-call set-up out of the measurement
    times = []
    for _ in range(batches):
        start = time.process_time()
        for _ in range(per_batch):
            table_step(frame)
        times.append((time.process_time() - start) / per_batch * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="25,100", help="comma-separated table lengths")
    parser.add_argument("--batches", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    for rows in (int(r) for r in args.rows.split(",")):
        times = ms_per_table(rows, args.batches)
        print(f"{rows:4} baris: {statistics.median(times):6.2f} ms CPU per tabel (min {min(times):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
