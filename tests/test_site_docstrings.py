"""API 쪽의 docstring 다듬기 (``docs/site/korean_docstrings.py``): 조사가 붙은 인라인 표시.

"``Value``는"처럼 조사가 인라인 표시의 끝에 붙으면 reStructuredText는 끝을 알아보지 못하고 쪽에
표시 글자(백틱 두 개)를 날것으로 보입니다. 확장이 넣은 빈 이스케이프 뒤에는 docutils가 경고 없이
읽고, 쪽의 글은 원래 docstring에서 표시만 뺀 것과 같아야 합니다. 마지막 시험은 패키지의 모든 공개
모듈로 API 쪽만 Sphinx로 빌드해(노트북 없이) 경고가 하나도 없는지 봅니다.
"""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "docs" / "site"
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("sphinx") is None or sys.version_info < (3, 11),
    reason="웹사이트 도구(pip install -e '.[site]', Python 3.11 이상)가 없어 건너뜁니다",
)


@pytest.fixture(scope="module")
def convert() -> Any:
    sys.path.insert(0, str(SITE))
    try:
        import korean_docstrings
    finally:
        sys.path.remove(str(SITE))
    return korean_docstrings


def read_rst(text: str) -> tuple[str, list[str], list[str]]:
    """docutils 로 읽은 (보이는 글, 코드 조각들, 경고들)."""
    from docutils import nodes
    from docutils.core import publish_doctree

    stream = io.StringIO()
    tree = publish_doctree(
        text, settings_overrides={"warning_stream": stream, "report_level": 2, "halt_level": 5}
    )
    literals = [node.astext() for node in tree.findall(nodes.literal)]
    return tree.astext(), literals, [ln for ln in stream.getvalue().splitlines() if ln.strip()]


CASES = [
    # (docstring 한 문단, 보여야 할 글, 코드 조각들)
    ("``Value``는 값", "Value는 값", ["Value"]),
    ("이름``x``를 씁니다", "이름x를 씁니다", ["x"]),
    ("노드 **하나**로 만듭니다", "노드 하나로 만듭니다", []),
    ("*강조*는 기울임", "강조는 기울임", []),
    ("``a``와 ``b``의 합은 ``a + b``이다.", "a와 b의 합은 a + b이다.", ["a", "b", "a + b"]),
    ("(``None``, ``...``)은 빈 답", "(None, ...)은 빈 답", ["None", "..."]),
    ("여러 줄의 ``긴\n코드``가 이어진다", "여러 줄의 긴\n코드가 이어진다", ["긴\n코드"]),
    ("a*b*c 는 곱셈이라 그대로", "a*b*c 는 곱셈이라 그대로", []),
    ("``x``\\ 는 이미 고친 것", "x는 이미 고친 것", ["x"]),
]


@pytest.mark.parametrize(("source", "shown", "codes"), CASES)
def test_markup_with_particles_reads_without_warnings(
    convert: Any, source: str, shown: str, codes: list[str]
) -> None:
    before_text, _, before_warnings = read_rst(source)
    text, literals, warnings = read_rst(convert.escape_inline(source))
    assert warnings == []
    assert text == shown and literals == codes
    if "``" in source and "\\" not in source and before_warnings:  # 고치기 전에는 깨졌다
        assert "``" in before_text


def test_roles_get_the_escape_after_their_closing_backtick(convert: Any) -> None:
    assert convert.escape_inline(":func:`check`를 부른다") == ":func:`check`\\ 를 부른다"
    assert convert.escape_inline("`x`는 코드") == "`x`\\ 는 코드"
    assert convert.escape_inline(":class:`Value`, 그리고") == ":class:`Value`, 그리고"


def test_code_blocks_doctests_and_tables(convert: Any) -> None:
    lines = [
        "예제는 이렇습니다::",
        "",
        "    ``code``는 그대로",
        "",
        ">>> ``x``는",
        "``y``는 출력",
        "",
        "==============  ==========",
        "속성            뜻",
        "==============  ==========",
        "``data``는      값 ``x``가",
        "``grad``        기울기",
        "==============  ==========",
        "",
        "끝 ``z``를",
    ]
    result = convert.escape_docstring(lines)
    assert result[2] == "    ``code``는 그대로" and result[4:6] == lines[4:6]
    assert result[10] == "``data``\\ 는    값 ``x``\\ 가"  # 둘째 칸은 같은 자리에서 시작
    assert result[10].index("값") == lines[10].index("값")
    assert result[-1] == "끝 ``z``\\ 를"
    text, literals, warnings = read_rst("\n".join(result))
    assert warnings == [] and "data는" in text and "값 x가" in text and "끝 z를" in text


@pytest.mark.site
def test_api_page_of_every_public_module_builds_without_a_warning(tmp_path: Path) -> None:
    """노트북 없이 API 쪽만: 경고가 하나라도 있으면 Sphinx(-W)가 실패한다."""
    sys.path.insert(0, str(SITE))
    try:
        import build
    finally:
        sys.path.remove(str(SITE))
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text(build.api_page(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]
        + ["-c", str(SITE), "-d", str(tmp_path / "doctrees"), str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    warnings = [ln for ln in result.stderr.splitlines() if "WARNING" in ln or "ERROR" in ln]
    assert result.returncode == 0 and warnings == [], "\n".join(warnings[:20])
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    main = page.split('role="main"', 1)[1]
    prose = re.sub(r"<(pre|code|dt)\b.*?</\1>", "", main, flags=re.S)  # 코드와 서명은 빼고
    text = re.sub(r"<[^>]+>", "", prose)
    assert text.count("``") == 0  # 글 속 "x ** k" 같은 식은 표시가 아니라 괜찮다
    assert re.findall(r"\*\*[^\s\d*]", text) == []
    # 조사가 붙은 코드 이름: 코드 바로 뒤에 한글이 이어진다 ("<code>Value</code>는")
    assert len(re.findall(r"</code>(?:</a>)?[가-힣]", main)) > 100
    assert 'id="micrograd_kr.engine.Value"' in page  # 정의된 모듈에서 한 번
    assert 'id="micrograd_kr.Value"' not in page  # 다시 내보낸 곳에서는 고리만
    assert 'href="#micrograd_kr.engine.Value"' in page
