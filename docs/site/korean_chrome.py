"""사이트의 틀(chrome)을 한국어로, 그리고 인터넷 없이 디스크에서 열어도 온전하게 하는 Sphinx 확장.

- 테마가 한국어 번역을 갖지 않은 글("Back to top", 빛 모드 단추의 "Light" 등)을 한국어로 (빌드할
  때 .mo 를 만들어 얹음). 테마가 번역 없이 적어 둔 몇 글(``HARDCODED``)은 빌드가 끝난 뒤 쪽마다
  바꿉니다.
- 노트북 출력 그림의 대체 글(alt): 파일 경로 대신 "어느 절의 무슨 그림인지" (SVG 면 그림 속 글자).
- 수식 블록은 가운데에 여백을 두고, 그림은 누르면 원래 크기로 열림 (``korean_chrome.css/js``).
- 검색 결과의 요약(snippet): 파일로 열면 브라우저가 ``fetch`` 로 다른 쪽을 읽지 못하므로, 쪽마다
  본문의 뼈대(``id`` 가 있는 요소와 글)를 ``_static/page_texts.js`` 에 담아 두고 검색 쪽에서 그것을
  읽습니다. 제목 고리의 "#", 스크립트, 그림, 탐험기는 빼고, 수식은 한 줄 글(``mathml.py``)로.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# 테마(pydata-sphinx-theme, sphinx-book-theme)와 Sphinx 의 글 → 한국어
MESSAGES = {
    "Back to top": "맨 위로",
    "Skip to main content": "본문으로 건너뛰기",
    "Section Navigation": "이 절의 차례",
    "Collapse Sidebar": "옆 칸 접기",
    "Expand Sidebar": "옆 칸 펼치기",
    "Announcement": "알림",
    "Show Source": "원본 보기",
    "© Copyright %(copyright)s.": "© %(copyright)s.",
    "Light": "밝은 화면",
    "Dark": "어두운 화면",
    "System Settings": "컴퓨터 설정대로",
    "Color mode": "화면 색",
    "previous page": "이전 쪽",
    "next page": "다음 쪽",
    "previous": "이전",
    "next": "다음",
    "On this page": "이 쪽의 차례",
    "Site navigation": "사이트 차례",
    "Version warning": "판 알림",
    "Contents": "차례",
    "Link to this heading": "이 제목으로 가는 고리",
    "Link to this definition": "이 설명으로 가는 고리",
    "Link to this table": "이 표로 가는 고리",
    "Link to this image": "이 그림으로 가는 고리",
    "Link to this code": "이 코드로 가는 고리",
    "Keyword-only parameters separator (PEP 3102)": "여기부터 키워드로만 주는 인자 (PEP 3102)",
    "Positional-only parameter separator (PEP 570)": "여기까지 위치로만 주는 인자 (PEP 570)",
    "Hide Search Matches": "찾은 말 표시 지우기",
}
# 테마가 번역 함수 없이 적어 둔 속성 → 한국어 (빌드가 끝난 뒤 모든 쪽에서 바꿈)
HARDCODED = {
    'title="Toggle primary sidebar"': 'title="왼쪽 차례 열고 닫기"',
    'title="Toggle secondary sidebar"': 'title="이 쪽의 차례 열고 닫기"',
    'aria-label="Main"': 'aria-label="강의 차례"',
    'aria-label="Page"': 'aria-label="이 쪽의 차례"',
}
SEARCH_BAR_TEXT = "이 사이트 검색…"
HERE = Path(__file__).resolve().parent


# ------------------------------------------------------------------ 검색 요약용 쪽 뼈대
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
_INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "s", "small", "span"}
_INLINE |= {"strong", "sub", "sup", "u", "var", "math", "mi", "mn", "mo", "mrow", "msub", "msup"}
_SKIP_TAGS = {"script", "style", "svg", "template", "noscript", "button"}
_SKIP_CLASSES = {"headerlink", "mgk-explorer", "mgk-zoom-hint"}


class _Skeleton(HTMLParser):
    """본문 HTML → ``id`` 가 있는 요소만 ``<div id>`` 로 남긴 글 (검색 요약이 제목 고리로 찾음)."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, str]] = []  # (태그, "id" | "skip" | "")
        self.skipping = 0
        self.left = limit  # 더 담을 글자 수

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        found = {name: value or "" for name, value in attrs}
        classes = set(found.get("class", "").split())
        kind = ""
        if self.skipping or tag in _SKIP_TAGS or classes & _SKIP_CLASSES:
            kind = "skip"
        elif "data-mgk-text" in found:  # 수식: 한 줄 글로 쓰고 속은 건너뛴다
            self._text(f" {found['data-mgk-text']} ")
            kind = "skip"
        elif found.get("id"):
            kind = "id"
            self.out.append(f'<div id="{html.escape(found["id"], quote=True)}">')
        if kind == "skip":
            self.skipping += 1
        elif tag not in _INLINE:
            self.out.append(" ")
        self.stack.append((tag, kind))

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # 짝이 없는 닫는 태그
        while self.stack:
            open_tag, kind = self.stack.pop()
            if kind == "skip":
                self.skipping -= 1
            elif kind == "id":
                self.out.append("</div>")
            if open_tag == tag:
                break
        if tag not in _INLINE and not self.skipping:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.left > 0:
            piece = data[: self.left]
            self.left -= len(piece)
            self.out.append(html.escape(piece, quote=False))

    def result(self) -> str:
        while self.stack:  # 닫히지 않은 요소
            _, kind = self.stack.pop()
            if kind == "id":
                self.out.append("</div>")
        return re.sub(r"\s+", " ", "".join(self.out)).strip()


def page_skeleton(body: str, limit: int = 400_000) -> str:
    """쪽 본문 HTML 의 뼈대: ``id`` 가 있는 요소는 ``<div id>``, 나머지는 글만 (공백은 하나로)."""
    parser = _Skeleton(limit)
    parser.feed(body)
    parser.close()
    return parser.result()


def page_text(body: str, limit: int = 20_000) -> str:
    """쪽 본문 HTML 의 글만 (뼈대에서 태그를 뺀 것, 앞의 ``limit`` 글자까지)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", page_skeleton(body)))
    return " ".join(text.split())[:limit]


# ------------------------------------------------------------------ 그림의 대체 글
def _svg_words(path: Path, limit: int = 8) -> list[str]:
    """SVG 그림 속 글자들 (처음 나온 차례로, 겹치지 않게)."""
    try:
        root = ET.fromstring(path.read_bytes())
    except (OSError, ET.ParseError):
        return []
    words: list[str] = []
    for element in root.iter("{http://www.w3.org/2000/svg}text"):
        word = " ".join("".join(element.itertext()).split())
        if word and word not in words:
            words.append(word)
    return words[:limit]


_PLOT_WORDS = re.compile(
    r"""(?:title|suptitle|xlabel|ylabel|label)\s*[(=]\s*f?(["'])(.+?)\1""", re.S
)


def _plot_words(image: nodes.Element, limit: int = 4) -> list[str]:
    """그림을 낸 노트북 셀의 코드에 적힌 그래프 제목·축 이름·범례 글 (matplotlib)."""
    parent = image.parent
    while parent is not None and "cell" not in parent.get("classes", []):
        parent = parent.parent
    if parent is None:
        return []
    words: list[str] = []
    for block in parent.findall(nodes.literal_block):
        for _, word in _PLOT_WORDS.findall(block.astext()):
            word = " ".join(word.split())
            if word and not set("{$\\") & set(word) and word not in words:  # f-글, 수식은 빼고
                words.append(word)
        break  # 셀의 코드는 첫 블록
    return words[:limit]


def _section_title(image: nodes.Element) -> str:
    parent = image.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is None or not parent.children or not isinstance(parent[0], nodes.title):
        return ""
    return parent[0].astext()


def image_alt(image: nodes.Element, file: Path | None) -> str:
    """파일 경로 대신 쓸 그림의 설명: 절 제목과 그림 속 글자(SVG) 또는 그래프 제목·축 이름."""
    where = _section_title(image)
    head = f"‘{where}’ 절의 그림" if where else "노트북의 출력 그림"
    words = _svg_words(file) if file is not None and file.suffix == ".svg" else []
    if words:
        return f"{head}. 그림 속 글자: {', '.join(words)}"
    words = _plot_words(image)
    return f"{head}. 그래프의 글: {', '.join(words)}" if words else head


def _fill_alts(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        alt = image.get("alt", "")
        if alt and alt != uri and not re.fullmatch(r"[\w./-]+\.(png|svg|jpe?g|gif)", alt):
            continue
        image["alt"] = image_alt(image, _image_file(app, uri, docname))


def _image_file(app: Sphinx, uri: str, docname: str) -> Path | None:
    """그림 노드의 주소 → 원본 파일 (쪽 기준 상대 경로이거나 원본 폴더 기준 "/..." 경로)."""
    if not uri or "://" in uri or uri.startswith("data:"):
        return None
    candidates = [Path(app.env.relfn2path(uri, docname)[1]), Path(app.srcdir) / uri.lstrip("/")]
    return next((path for path in candidates if path.is_file()), None)


# ------------------------------------------------------------------ 번역, 쪽 글, 마무리
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
        app.env.mgk_page_texts[pagename] = page_skeleton(body)  # type: ignore[attr-defined]


def korean_attributes(text: str) -> str:
    """쪽 HTML 에서 ``HARDCODED`` 의 영어 속성을 한국어로."""
    for english, korean in HARDCODED.items():
        text = text.replace(english, korean)
    return text


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    texts = getattr(app.env, "mgk_page_texts", {})
    target = Path(app.outdir) / "_static" / "page_texts.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
    target.write_text(f"window.MGK_PAGE_TEXTS = {data};\n", encoding="utf-8")
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = korean_attributes(text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _theme_options(app: Sphinx, config: Any) -> None:
    config.html_theme_options.setdefault("search_bar_text", SEARCH_BAR_TEXT)


def setup(app: Sphinx) -> dict[str, Any]:
    locale = _catalog(Path(app.doctreedir) / "mgk-locale")
    app.add_message_catalog("sphinx", str(locale))
    app.add_css_file("korean_chrome.css")
    app.add_js_file("korean_chrome.js")
    app.connect("config-inited", _theme_options)
    app.connect("doctree-read", _fill_alts)
    app.connect("html-page-context", _collect)
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
