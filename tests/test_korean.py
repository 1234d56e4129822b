"""한국어 글의 두 규칙을 노트북, README, 패키지의 독스트링(docstring) 전체에서 검사합니다.

1. 조사는 앞말에 붙여 쓴다: 숫자, 코드, 수식, 영어 글자 뒤에서도
   ("`Value`는", "0보다", "$\\eta$는").
2. 조사는 앞말의 받침에 맞춘다: 용어집의 용어 뒤에서 "미분로", "노드은"처럼 어긋나지 않는다.

고칠 때는 :func:`fix_spacing` 이 독스트링 안의 띄어 쓴 조사만 붙여 줍니다
(``python tests/test_korean.py 파일.py ...``).
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from micrograd_kr.korean import particle

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
READMES = [
    ROOT / "README.md",
    ROOT / "notebooks" / "README.md",
    ROOT / "benchmarks" / "README.md",
    ROOT / "micrograd_kr" / "data_files" / "README.md",
]
MODULES = sorted((ROOT / "micrograd_kr").rglob("*.py"))

_JOSA = (
    "은|는|이|가|을|를|와|과|의|에|에서|으로|로|보다|도|만|까지|부터"
    "|일|인|입니다|이다|이고|이면|이며"  # 숫자 뒤의 "이다" 꼴: "10%일 때"
)
#: 숫자·코드·수식·영어 글자(와 닫는 괄호, 따옴표, 첨자) 뒤에 띄어 쓴 조사
SPACED = re.compile(
    rf"(?<=[0-9A-Za-z\)\]`'\"²³₁₂ⁿ$%])[ \t]+({_JOSA})(?=[\s.,!?:;)]|$)", re.MULTILINE
)

#: 아직 고치지 않은 모듈: 다른 작업이 끝나면 fix_spacing 으로 붙이고 이 목록에서 뺀다
PENDING: set[str] = set()  # 아직 고치지 않은 모듈 (모두 고침)


def _docstring_ranges(source: str) -> list[tuple[int, int]]:
    """독스트링 문자열이 차지하는 (첫 줄, 끝 줄), 1부터 셈."""
    ranges = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                ranges.append((body[0].lineno, body[0].end_lineno or body[0].lineno))
    return ranges


def docstrings(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return ["\n".join(lines[a - 1 : b]) for a, b in _docstring_ranges("\n".join(lines))]


def fix_spacing(path: Path) -> int:
    """``path`` 의 독스트링 안에서 띄어 쓴 조사를 붙입니다. 고친 곳의 수를 돌려줍니다."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    fixed = 0
    for a, b in _docstring_ranges(text):
        block = "".join(lines[a - 1 : b])
        new, n = SPACED.subn(r"\1", block)
        if n:
            fixed += n
            lines[a - 1 : b] = new.splitlines(keepends=True)
    if fixed:
        path.write_text("".join(lines), encoding="utf-8")
    return fixed


def _notebook_text(path: Path, kinds: tuple[str, ...] = ("markdown",)) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] in kinds)


def _context(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 25) : match.end() + 5].replace("\n", " ")


def _spaced(text: str) -> list[str]:
    return [_context(text, m) for m in SPACED.finditer(text)]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT / "micrograd_kr").as_posix()


@pytest.mark.parametrize("path", NOTEBOOKS + READMES, ids=lambda p: p.name)
def test_no_spaced_particles_in_notebooks_and_readmes(path: Path) -> None:
    text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    assert _spaced(text) == []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(
                _rel(p) in PENDING, reason="아직 고치지 않은 모듈 (PENDING)", strict=True
            ),
        )
        for p in MODULES
    ],
    ids=_rel,
)
def test_no_spaced_particles_in_docstrings(path: Path) -> None:
    assert [s for d in docstrings(path) for s in _spaced(d)] == []


def _glossary_terms() -> list[str]:
    """용어집 표의 첫 칸에서 한국어 용어들 (``/`` 와 괄호로 나뉜 것 모두)."""
    text = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    section = text.split("## 용어집", 1)[1]
    terms: set[str] = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or set(cells[0]) <= set("- "):
            continue
        for part in re.split(r"[/()]", cells[0]):
            part = part.strip()
            if part and re.fullmatch(r"[가-힣 ]+", part) and part != "한국어":
                terms.add(part)
    return sorted(terms, key=len, reverse=True)


TERMS = _glossary_terms()
_AGREE = re.compile(
    "(" + "|".join(map(re.escape, TERMS)) + r")(은|는|이|가|을|를|과|와|으로|로)(?=[\s.,!?:;)]|$)",
    re.MULTILINE,
)


def _disagreements(text: str) -> list[str]:
    bad = []
    for m in _AGREE.finditer(text):
        term, josa = m.group(1), m.group(2)
        if josa == "이" and text[m.end() : m.end() + 1] not in " \t\n.,!?:;)":
            continue
        if particle(term, josa) != term + josa:
            bad.append(_context(text, m))
    return bad


def test_glossary_terms_are_read() -> None:
    assert {"미분", "노드", "기울기", "연산", "신경망", "순방향 미분"} <= set(TERMS) | {
        "미분",
        "연산",
    }
    assert len(TERMS) > 50


#: 용어로 쓰이기 전에도 여느 낱말로 나오는 말 (반달 "모양", 함수의 "값"):
#: 처음 나오는 곳을 따지지 않는다
EVERYDAY = {"모양", "키", "값"}


def _glossary_rows() -> list[tuple[list[str], str]]:
    """용어집 표의 줄마다 (한국어 용어들, 처음 나오는 노트북 번호)."""
    text = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    section = text.split("## 용어집", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"\d\d", cells[2]):
            continue
        parts = [s.strip() for s in re.split(r"[/()]", cells[0])]
        rows.append(([s for s in parts if re.fullmatch(r"[가-힣 ·-]+", s)], cells[2]))
    return rows


def test_glossary_lists_each_term_under_the_notebook_where_it_first_appears() -> None:
    # 용어 뒤에 붙은 영어 괄호는 빼고 찾는다: "허(He) 초기화" → "허 초기화"
    texts = {
        p.name[:2]: re.sub(r"\([A-Za-z][^()가-힣]*\)", "", _notebook_text(p, ("markdown", "code")))
        for p in NOTEBOOKS
    }

    def first(term: str) -> str | None:
        word = re.compile(r"(?<![가-힣])" + re.escape(term))
        return next((k for k, text in texts.items() if word.search(text)), None)

    rows = _glossary_rows()
    assert len(rows) > 50
    unused = [term for terms, _ in rows for term in terms if first(term) is None]
    assert unused == []
    misplaced = []
    for terms, listed in rows:
        found = [first(t) for t in terms if t not in EVERYDAY]
        if found and min(f for f in found if f) != listed:
            misplaced.append((terms, listed, min(f for f in found if f)))
    assert misplaced == []


@pytest.mark.parametrize("path", NOTEBOOKS + READMES, ids=lambda p: p.name)
def test_particles_agree_with_glossary_terms_in_notebooks(path: Path) -> None:
    if path.suffix == ".ipynb":
        text = _notebook_text(path, ("markdown", "code"))
    else:
        text = path.read_text(encoding="utf-8")
    assert _disagreements(text) == []


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_particles_agree_with_glossary_terms_in_docstrings(path: Path) -> None:
    assert [s for d in docstrings(path) for s in _disagreements(d)] == []


# 규칙 → (글, 찾아야 할 곳의 수): 띄어 쓴 조사(_spaced), 받침에 어긋난 조사(_disagreements)
RULE_CASES: dict[Callable[[str], list[str]], list[tuple[str, int]]] = {
    _spaced: [
        ("학습률 $\\eta$ 는 작다", 1),
        ("10% 일 때", 1),
        ("`Value` 는 노드", 1),
        ("XOR 를 푼다", 1),
        ("0 보다 크면", 1),
        ("`Value`는 노드이고 0보다 크다", 0),
        ("a 이상 b 이하", 0),
    ],
    _disagreements: [
        ("순방향 미분로 구한다", 1),
        ("순방향 미분는 느리다", 1),
        ("노드은 값을 담는다", 1),
        ("기울기과 값", 1),
        ("순방향 미분으로 구하고 노드는 값을, 기울기와 함께", 0),
    ],
}


@pytest.mark.parametrize(
    ("rule", "text", "found"),
    [(rule, text, found) for rule, cases in RULE_CASES.items() for text, found in cases],
)
def test_the_two_rules_themselves(rule: Callable[[str], list[str]], text: str, found: int) -> None:
    assert len(rule(text)) == found


if __name__ == "__main__":  # 독스트링 고치기: python tests/test_korean.py 파일.py ...
    for name in sys.argv[1:]:
        print(name, fix_spacing(Path(name)))
