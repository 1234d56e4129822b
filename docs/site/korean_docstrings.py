"""API 쪽: 한국어 조사가 붙은 인라인 표시(inline markup)를 reStructuredText 가 알아보게 하는 확장.

한국어는 조사가 앞말에 붙습니다: "``Value``는", ":func:`check`를", "**하나**로". 그런데
reStructuredText 는 인라인 표시의 끝(````` ``, `````, ``**``) 바로 뒤에 빈칸이나 문장 부호가
와야 끝으로 알아봅니다. 그래서 docstring 을 그대로 읽으면 쪽에 ``````` 와 ``**`` 가 날것으로
보이고 "Inline literal start-string without end-string" 경고가 납니다.

docstring 은 그대로 두고(코드에서 읽기 좋게), autodoc 이 읽은 줄을 reStructuredText 로 넘기기 전에
끝 표시와 붙은 글자 사이에 reStructuredText 의 "빈 이스케이프"(역슬래시와 빈칸, 쪽에는 아무것도
보이지 않음)를 넣습니다. 시작 표시 앞에 글자가 붙은 ``값``````x`````` 도 같은 식으로 고칩니다.
코드 블록(``::`` 뒤의 들여 쓴 줄)과 ``>>>`` 예제는 건드리지 않습니다.

무엇이 "빈칸이나 문장 부호"인지는 docutils 의 규칙(``docutils.utils.punctuation_chars``)을 그대로
씁니다. 고친 뒤에도 남는 문제는 경고로 나오고, 빌드(``-W``)가 실패합니다.
"""

from __future__ import annotations

import re
from typing import Any

from docutils.utils import punctuation_chars as _chars
from sphinx.application import Sphinx

ESCAPE = "\\ "  # reStructuredText: 보이지 않는 빈 이스케이프
_START_OK = re.compile(f"[\\s\x00{_chars.openers}{_chars.delimiters}]")
_END_OK = re.compile(f"[\\s\x00{_chars.closing_delimiters}{_chars.delimiters}{_chars.closers}]")
_MARKUP = re.compile(
    r"""
      (?P<literal>``(?!\s)(?:.*?\S)?``(?!`))
    | (?P<role>(?::[\w.+:-]+:)?`(?![`\s])[^`]*?(?<!\s)`(?::[\w.+:-]+:)?(?:__?)?)
    | (?P<strong>\*\*(?![*\s]).*?(?<![*\s])\*\*)
    | (?P<emphasis>\*(?![*\s])[^*]*?(?<!\s)\*)
    """,
    re.VERBOSE | re.DOTALL,
)
_TABLE_BORDER = re.compile(r"^\s*=+(\s+=+)+\s*$")


def escape_inline(text: str) -> str:
    """문단 하나(여러 줄)의 인라인 표시 앞뒤에 붙은 글자가 있으면 빈 이스케이프를 넣습니다.

    ``**``·``*`` 는 시작 앞이 이미 표시로 읽히는 자리일 때만 고칩니다: "a*b*c" 같은 식은
    reStructuredText 도 표시로 읽지 않으므로 그대로 둡니다.
    """
    pieces: list[str] = []
    done = 0
    for match in _MARKUP.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before == "\\":
            continue  # 이미 이스케이프된 표시
        code_like = match.lastgroup in ("literal", "role")
        if before and not _START_OK.match(before):
            if not code_like:
                continue
            pieces.append(text[done:start] + ESCAPE)
        else:
            pieces.append(text[done:start])
        pieces.append(match.group())
        if after and not _END_OK.match(after):
            pieces.append(ESCAPE)
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _table_line(line: str) -> str:
    """단순 표(simple table)의 줄: 칸마다 고치고, 다음 칸이 원래 자리에서 시작하게 빈칸을 맞춘다."""
    pieces = re.split(r"( {2,})", line)  # 글, 빈칸, 글, 빈칸, ...
    result = ""
    for index in range(0, len(pieces), 2):
        if index:
            start = len("".join(pieces[:index]))  # 이 칸이 원래 시작하던 자리
            result += " " * max(2, start - len(result))
        result += escape_inline(pieces[index])
    return result


def escape_docstring(lines: list[str]) -> list[str]:
    """docstring 의 줄들에 ``escape_inline`` 을 문단마다 적용합니다 (코드 블록과 예제는 빼고)."""
    result: list[str] = []
    paragraph: list[str] = []
    literal_indent: int | None = None  # 코드 블록을 연 문단의 들여쓰기
    in_doctest = False
    in_table = False

    def flush() -> None:
        if not paragraph:
            return
        if in_table:
            result.extend(_table_line(line) for line in paragraph)
        else:
            result.extend(escape_inline("\n".join(paragraph)).split("\n"))
        paragraph.clear()

    for number, line in enumerate(lines):
        stripped = line.strip()
        if literal_indent is not None:
            if not stripped or _indent(line) > literal_indent:
                result.append(line)
                continue
            literal_indent = None
        if in_doctest:
            if stripped:
                result.append(line)
                continue
            in_doctest = False
        if not stripped:
            flush()
            result.append(line)
            continue
        if stripped.startswith(">>>"):
            flush()
            in_doctest = True
            result.append(line)
            continue
        if _TABLE_BORDER.match(line):  # 표의 위, 머리 아래, 아래 테두리: 빈 줄 앞이 끝
            flush()
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            in_table = not in_table or bool(following)
            result.append(line)
            continue
        paragraph.append(line)
        if stripped.endswith("::"):
            indent = _indent(paragraph[0])
            flush()
            literal_indent = indent
    flush()
    return result


def _process(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    lines[:] = escape_docstring(lines)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _process)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
