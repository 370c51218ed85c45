"""Tables shown with Indonesian number formats while their values stay numbers.

st.dataframe's own number formats follow the browser's locale (or printf, which is English); a
pandas Styler carries display text for every cell instead, and sorting still uses the numbers.
"""
from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from monev.i18n import format as fmt


def styled(frame: pd.DataFrame, lang: str, money: list[str] = (), percent: list[str] = ()) -> Styler:
    """Rupiah columns with thousands dots, percentage columns with a decimal comma and '%'."""
    formats = {c: (lambda v, lg=lang: fmt.rupiah(v, lg)[3:] if not fmt.is_missing(v) else "–")
               for c in money if c in frame}
    formats.update({c: (lambda v, lg=lang: fmt.percent(v, lg)) for c in percent if c in frame})
    return frame.style.format(formats)
