"""Ringkasan: the headline figures of the latest fiscal year and month with data."""
import streamlit as st

from monev import reports
from monev.ui import format as fmt
from monev.ui import data

engine = data.engine(st.session_state["warehouse_path"])
period = data.latest_period(engine)
st.title("Monev Anggaran")
if reports.is_sample(engine):
    st.warning("Data contoh: angka dibangkitkan untuk peragaan, bukan data resmi.")
if period is None:
    st.info("Gudang data belum berisi pagu. Muat berkas dengan `python -m monev ingest`.")
    st.stop()

total = data.summary(engine, period)["total"].iloc[0]
st.subheader(f"Tahun anggaran {period.tahun}, s.d. {fmt.month_name(period.bulan)}")
cols = st.columns(4)
cols[0].metric("Pagu", fmt.rupiah_short(total.pagu), help=fmt.rupiah(total.pagu))
cols[1].metric("Blokir", fmt.rupiah_short(total.blokir), help=fmt.rupiah(total.blokir))
cols[2].metric("Realisasi", fmt.rupiah_short(total.realisasi), help=fmt.rupiah(total.realisasi))
cols[3].metric("Realisasi / pagu", fmt.percent(total.persen),
               delta=f"target {fmt.percent(total.target_persen)}", delta_color="off")
