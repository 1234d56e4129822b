"""사이트의 틀(chrome)을 한국어로, 그리고 인터넷 없이 디스크에서 열어도 온전하게 하는 Sphinx 확장.

- 테마가 한국어 번역을 갖지 않은 글("Back to top" 등)을 한국어로 (빌드할 때 .mo 를 만들어 얹음).
- 수식 블록은 가운데에 여백을 두고, 그림은 누르면 원래 크기로 열림 (``korean_chrome.css/js``).
- 검색 결과의 요약(snippet): 파일로 열면 브라우저가 ``fetch`` 로 다른 쪽을 읽지 못하므로, 쪽마다
  본문 글을 ``_static/page_texts.js`` 에 담아 두고 검색 쪽에서 그것을 읽습니다.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

# 테마(pydata-sphinx-theme)의 글 → 한국어
MESSAGES = {
    "Back to top": "맨 위로",
    "Skip to main content": "본문으로 건너뛰기",
    "Section Navigation": "이 절의 차례",
    "Collapse Sidebar": "옆 칸 접기",
    "Expand Sidebar": "옆 칸 펼치기",
    "Announcement": "알림",
    "Show Source": "원본 보기",
    "© Copyright %(copyright)s.": "© %(copyright)s.",
}
HERE = Path(__file__).resolve().parent


class _Text(HTMLParser):
    """HTML 에서 글만 (script, style 안은 빼고)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "svg") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(body: str, limit: int = 20_000) -> str:
    """쪽 본문 HTML 의 글 (공백은 하나로, 앞의 ``limit`` 글자까지)."""
    parser = _Text()
    parser.feed(body)
    return " ".join(" ".join(parser.parts).split())[:limit]


def _catalog(outdir: Path) -> Path:
    """MESSAGES 로 ``ko/LC_MESSAGES/sphinx.mo`` 를 만들고 그 locale 폴더를 돌려줍니다."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="ko", domain="sphinx")
    for english, korean in MESSAGES.items():
        catalog.add(english, korean)
    folder = outdir / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "sphinx.mo", "wb") as handle:
        write_mo(handle, catalog)
    return outdir


def _collect(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == "search":
        app.add_js_file("page_texts.js")  # 이 쪽에만
        app.add_js_file("offline_search.js")
        return
    body = context.get("body")
    if body and doctree is not None:
        app.env.mgk_page_texts = getattr(app.env, "mgk_page_texts", {})  # type: ignore[attr-defined]
        app.env.mgk_page_texts[pagename] = page_text(body)  # type: ignore[attr-defined]


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    texts = getattr(app.env, "mgk_page_texts", {})
    target = Path(app.outdir) / "_static" / "page_texts.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
    target.write_text(f"window.MGK_PAGE_TEXTS = {data};\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    locale = _catalog(Path(app.doctreedir) / "mgk-locale")
    app.add_message_catalog("sphinx", str(locale))
    app.add_css_file("korean_chrome.css")
    app.add_js_file("korean_chrome.js")
    app.connect("html-page-context", _collect)
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
