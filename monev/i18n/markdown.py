"""Showing a value from a loaded file (a satker's name, an uploaded file's name) inside Streamlit
markdown as the text it is: `![x](http://host/beacon)` must not become an image, `[Masuk ulang](http://host)`
not a link, `:red[...]`, `:material/...:` or `$x$` not a color, an icon or a formula."""
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
