"""A page with one table of monev.ui.tables, for tests/test_e2e_table_sort.py: rupiah, percentages
and scores whose text order differs from their numeric order (as text '9.000' > '10.000' and
'9,50%' > '100,00%'), negatives and missing values. `?lang=en` for
the English formats."""
import math

import pandas as pd
import streamlit as st

from monev.ui import tables

lang = st.query_params.get("lang", "id")
frame = pd.DataFrame({
    "nama": ["A", "B", "C", "D", "E", "F"],
    "pagu": pd.Series([10_000, 9_000, 1_234_567, None, 250_000_000_000, -5_000], dtype="Int64"),
    "kebutuhan": [9_000.9, 10_000.2, math.nan, 1_234_567.0, -0.4, 99.0],
    "persen": [97.11, 100.0, 9.5, math.nan, 1_234.5, -2.25],
    "nilai": [87.5, 100.0, 9.25, 91.0, math.nan, 0.0],
})
shown, config = tables.formatted(frame, lang, {"nama": "Nama", "pagu": "Pagu", "kebutuhan": "Kebutuhan",
                                               "persen": "Persen", "nilai": "Nilai"},
                                 money=["pagu", "kebutuhan"], percent=["persen"], scores=["nilai"])
WIDTH = 140  # every column as wide, so the test knows where each header is drawn
for column in config:
    config[column] = {**config[column], "width": WIDTH} if isinstance(config[column], dict) else \
        st.column_config.TextColumn(config[column], width=WIDTH)
tables.show(shown, config, key="tabel", width="content")
st.write("siap")
