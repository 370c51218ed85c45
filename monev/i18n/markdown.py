"""Showing a value from a loaded file (a satker's name, an uploaded file's name) as the text it is:
inside Streamlit markdown `![x](http://host/beacon)` must not become an image, `[Masuk ulang](http://host)`
not a link, `:red[...]`, `:material/...:` or `$x$` not a color, an icon or a formula (`escape`); inside
a plotly figure's labels, hover and legend `<a href=...>` must not become a link nor `<b>` bold
(`plotly_text`)."""
from __future__ import annotations

import re

# CommonMark lets every ASCII punctuation character be escaped with a backslash; Streamlit's own
# directives (:color[...], :icon:, $math$) start with ':' and '$', also punctuation
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape(value) -> str:
    """`value` as text for st.markdown, st.subheader, st.caption, st.info and the like; line breaks
    become spaces (a name is one line, and a line break could start a heading or a list)."""
    text = " ".join(str(value).splitlines())
    return _PUNCTUATION.sub(r"\\\1", text)


def plotly_text(value) -> str:
    """`value` as text for plotly (axis categories, hover text, legend names, annotations), which reads
    a subset of HTML (<a>, <b>, <br>, <i>, <span style>, ...) in all of them and turns &lt; &gt; &amp;
    back into the characters; a chart builder passes every name from the data through this."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_texts(values) -> list[str]:
    return [plotly_text(v) for v in values]
