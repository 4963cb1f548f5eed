"""How search compares text: without case and without accents, so "maria" finds "María" and
"ZOE" finds "Zoë". The one folding rule: the stored search column of people
(`User.search_text`, filled on every write) and the course catalog's filter both use `fold`,
so a query and what it is matched against are always folded the same way."""

import unicodedata


def fold(text: str) -> str:
    """`text` in lower case without accents or other combining marks (NFKD, marks dropped,
    then case-folded): "María José" → "maria jose", "ﬁle" → "file"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFKC", bare.casefold())
