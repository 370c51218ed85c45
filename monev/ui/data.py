"""Cached access to the warehouse for pages: one engine per file, query results keyed by the
warehouse's last load so a new load shows at once."""
from __future__ import annotations

import streamlit as st

from monev import reports
from monev.warehouse import db, query

CACHE_TTL_SECONDS = 600


@st.cache_resource
def engine(path: str):
    return db.engine(path)


def data_version(engine) -> int:
    """The last load batch: part of every cache key, so cached figures never outlive a load."""
    return int(query.run(engine, "data_terakhir", tahun=0)["batch_terakhir"].fillna(0).iloc[0])


def latest_period(engine) -> reports.Period | None:
    years = query.run(engine, "tahun_anggaran")
    if years.empty:
        return None
    tahun = int(years["thang"].iloc[0])
    last = query.run(engine, "data_terakhir", tahun=tahun)["bulan_terakhir"].iloc[0]
    return reports.Period(tahun, int(last) if last == last and last is not None else 1)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _summary(_engine, path: str, version: int, tahun: int, bulan: int, scope, filters):
    return reports.budget_summary(_engine, reports.Period(tahun, bulan), scope, filters)


def summary(engine, period, scope=query.EVERYTHING, filters=query.NO_FILTER):
    return _summary(engine, str(engine.url), data_version(engine), period.tahun, period.bulan, scope, filters)
