"""HTML helpers the view and page tests share."""

from __future__ import annotations

from html.parser import HTMLParser


class _ScriptParser(HTMLParser):
    """Collects (id, text) of every <script> element as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in = dict(attrs).get("id") or ""
            self.scripts.append((self._in, ""))

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            ident, text = self.scripts[-1]
            self.scripts[-1] = (ident, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None


def scripts(page: str) -> list[tuple[str, str]]:
    """(id, text) of every <script> element of ``page``."""
    parser = _ScriptParser()
    parser.feed(page)
    return parser.scripts
