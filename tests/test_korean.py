"""한국어 글의 규칙을 노트북, README, 독스트링(docstring), 채점기의 메시지 전체에서 검사합니다.

1. 조사는 앞말에 붙여 쓴다: 숫자, 코드, 수식, 영어 글자, 굵은 글씨 뒤에서도
   ("`Value`는", "0보다", "$\\eta$는", "5였던", "ELU로도", "**pip**뿐"), 줄표(—) 뒤에 홀로 두지
   않는다("끝소리 — 로").
2. 조사는 앞말의 받침에 맞춘다: 용어집의 용어 뒤("미분로", "노드은")에서도, 코드와 숫자 뒤
   ("sin()가", "MyValue이어야", "(1, 1)여야", "'대한민국'는")에서도. 읽는 소리는 패키지의 조사
   도우미(:func:`micrograd_kr.korean.particle`) 하나로 정합니다 (함수 부르기는 함수 이름으로).
3. 한 개념에 한 용어: 용어집의 "쓰지 않는 말" 표에 있는 말("위에서 온 기울기", "럼멜하트",
   "판마다")은 어디에도 쓰지 않고, 학습률의 기호는 η 하나이며, 뜻이 정해진 용어("죽은 ReLU")는
   그 뜻으로만 쓴다.
4. 한 노트북 안에서 학습 한 걸음의 순서(기울기 0, 순전파, 역전파)는 한 가지로 말한다.

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
    "|로도|으로도|뿐|뿐입니다|뿐이다|였던|이었던|였다|이었다|였습니다|이었습니다"
    "|처럼|마다|에게|이나|이라도|라도|와의|과의|에서의|으로서|로서|으로써|로써|조차|마저|밖에"
)
#: 숫자·코드·수식·영어 글자(와 닫는 괄호, 따옴표, 첨자, 굵은 글씨) 뒤에 띄어 쓴 조사
SPACED = re.compile(
    rf"(?<=[0-9A-Za-z\)\]`'\"²³₁₂ⁿ$%*])[ \t]+({_JOSA})(?=[\s.,!?:;)]|$)", re.MULTILINE
)
#: 줄표 뒤에 홀로 남은 조사 ("끝소리 — 로 나눕니다"): 홀로 낱말이 될 수 없는 것만
DASHED = re.compile(r"—[ \t]+(으로|로|을|를|은|는|과|와|에서|에게|의)(?=[\s.,!?:;)]|$)", re.M)

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
    return [_context(text, m) for m in (*SPACED.finditer(text), *DASHED.finditer(text))]


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
    section = text.split("## 용어집", 1)[1].split("\n## ", 1)[0]
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
    section = text.split("## 용어집", 1)[1].split("\n## ", 1)[0]
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


# ---------------------------------------------------------------- 조사
@pytest.mark.parametrize(
    ("word", "josa", "expected"),
    [
        ("7.389", "이", "7.389가"),
        ("1.0", "이", "1.0이"),
        ("1.5", "이", "1.5가"),
        ("-3", "이", "-3이"),
        ("0.5", "이어야", "0.5여야"),
        ("1", "으로", "1로"),
        ("3", "으로", "3으로"),
        ("w_12", "은", "w_12는"),
        ("w_21", "은", "w_21은"),
        ("True", "이", "True가"),
        ("False", "이", "False가"),
        ("None", "이", "None이"),
        ("int", "이", "int가"),
        ("str", "이", "str이"),
        ("bool", "이", "bool이"),
        ("MyValue", "이", "MyValue가"),
        ("NoneType", "이", "NoneType이"),
        ("XOR", "을", "XOR를"),
        ("NOR", "은", "NOR는"),
        ("L", "은", "L은"),
        ("`Value`", "은", "`Value`는"),
        ("미분", "는", "미분은"),
        ("노드", "은", "노드는"),
        ("기울기", "과", "기울기와"),
        ("길", "으로", "길로"),
        ("'21'", "이", "'21'이"),
        ("sin()", "이", "sin()이"),
        ("rms_local(xs)", "을", "rms_local(xs)을"),
        ("`neuron(xs, ws, b)`", "을", "`neuron(xs, ws, b)`을"),
        ("MLP(3, [4, 1])", "은", "MLP(3, [4, 1])는"),
        ("(1, 1)", "이어야", "(1, 1)이어야"),
        ("(2, 100)", "이어야", "(2, 100)이어야"),
        ("'대한민국'", "은", "'대한민국'은"),
        ("lr", "을", "lr을"),
        ("xs", "은", "xs는"),
        ("fit", "은", "fit은"),
        ("set", "이", "set이"),
        ("generator", "이", "generator가"),
        ("sys.setrecursionlimit", "으로", "sys.setrecursionlimit으로"),
        ("table", "이", "table이"),
        ("target", "으로", "target으로"),
        ("길이 3", "이어야", "길이 3이어야"),
    ],
)
def test_particle_follows_the_spoken_ending(word: str, josa: str, expected: str) -> None:
    assert particle(word, josa) == expected


def test_particle_refuses_unknown_particles() -> None:
    with pytest.raises(ValueError, match="모르는 조사"):
        particle("값", "에게")


# ---------------------------------------------------------------- 코드와 숫자 뒤의 조사
_VARYING = "은|는|이|가|을|를|과|와|으로|로|이어야|여야|이라|라"
#: 코드(백틱), 이름(함수 부르기 포함), 숫자 바로 뒤의 받침에 따라 바뀌는 조사
_CODE_JOSA = re.compile(
    r"(`[^`\n]+`"  # 코드
    r"|(?<![`\w$\\])[A-Za-z_][A-Za-z0-9_.]*(?:\([^()\n]*\))?"  # 이름, 함수 부르기
    r"|(?<![\w.$\\])[0-9][0-9.,]*"  # 숫자
    r"|(?<![\w가-힣'\"])(?:'[^'\n]{1,30}'|\"[^\"\n]{1,30}\")"  # 따옴표로 싼 글
    r"|(?<![\w가-힣*`$)\]])\((?=[^()\n]*,)[^()\n가-힣]{1,40}\)"  # (1, 1) 같은 튜플
    rf")({_VARYING})(?=[\s.,!?:;)]|$)",
    re.MULTILINE,
)


def _code_disagreements(text: str) -> list[str]:
    """코드·이름·숫자 뒤의 조사가 조사 도우미가 읽는 소리와 어긋나는 곳."""
    bad = []
    for m in _CODE_JOSA.finditer(text):
        word, josa = m.group(1), m.group(2)
        if not any(ch.isalnum() for ch in word):  # `=`처럼 기호뿐인 것은 읽는 법이 여럿
            continue
        if josa == "이" and text[m.end() : m.end() + 1] not in " \t\n.,!?:;)":
            continue
        if particle(word, josa) != word + josa:
            bad.append(_context(text, m))
    return bad


@pytest.mark.parametrize("path", NOTEBOOKS + READMES, ids=lambda p: p.name)
def test_particles_after_code_and_numbers_in_notebooks_and_readmes(path: Path) -> None:
    if path.suffix == ".ipynb":
        text = _notebook_text(path, ("markdown", "code"))
    else:
        text = path.read_text(encoding="utf-8")
    assert _code_disagreements(text) == []


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_particles_after_code_and_numbers_in_docstrings(path: Path) -> None:
    assert [s for d in docstrings(path) for s in _code_disagreements(d)] == []


# ---------------------------------------------------------------- 채점기의 메시지
EXERCISE_MODULES = sorted((ROOT / "micrograd_kr" / "exercises").glob("*.py"))
_VARYING_START = re.compile(rf"^[)\]'\"`]*({_VARYING})(?=[\s.,!?:;)]|$)")


def _hand_written_particles(path: Path) -> list[str]:
    """f-글자열에서 값(``{...}``) 바로 뒤에 손으로 붙인 조사: 값에 따라 틀리므로 particle()로."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            parts = [None, *node.values]
            for opening, before, after in zip(parts, parts[1:], parts[2:]):
                glossed = (  # 갱신({x})을: 조사는 괄호 앞의 한글 낱말에 붙는다
                    isinstance(opening, ast.Constant)
                    and re.search(r"[가-힣]\($", str(opening.value))
                    and str(getattr(after, "value", "")).startswith(")")
                )
                if (
                    isinstance(before, ast.FormattedValue)
                    and isinstance(after, ast.Constant)
                    and _VARYING_START.match(str(after.value))
                    and not glossed
                ):
                    found.append(f"{path.name}:{node.lineno}: {{…}}{str(after.value)[:15]}")
    return found


@pytest.mark.parametrize("path", EXERCISE_MODULES, ids=lambda p: p.name)
def test_grader_templates_put_particles_through_the_helper(path: Path) -> None:
    assert _hand_written_particles(path) == []


class _Odd:
    """아무 과제에도 맞지 않는 클래스 (클래스를 달라는 채점기에 넣어 본다)."""


#: 채점기마다 넣어 볼 틀린 답들: 함수, 수, 글자, bool, 목록, 제너레이터, 클래스
SAMPLE_ANSWERS = [
    lambda *args: None,
    lambda *args: 0.5,
    lambda *args: "0.5",
    lambda *args: [0.5, 0.25],
    lambda *args: (x for x in [1.0]),
    lambda *args: True,
    3,
    "21",
    True,
    [1, 2],
    (0.5, 0.5, -0.3),
    _Odd,
]


def _grader_messages() -> list[tuple[str, str]]:
    from micrograd_kr.exercises import EXERCISES, grade, sandbox

    saved, sandbox.ISOLATION = sandbox.ISOLATION, "thread"  # 빠르게 (이 답들은 멈추지 않는다)
    try:
        messages = [(name, task) for name, task in EXERCISES.items()]
        for name in EXERCISES:
            messages += [(name, grade(name, answer)[1]) for answer in SAMPLE_ANSWERS]
    finally:
        sandbox.ISOLATION = saved
    return messages


def test_grader_messages_attach_particles_rightly() -> None:
    """모든 채점기의 과제와, 여러 틀린 답에 주는 메시지에서 조사를 검사한다."""
    bad = [
        (name, problem)
        for name, message in _grader_messages()
        for problem in _spaced(message) + _code_disagreements(message) + _disagreements(message)
    ]
    assert bad == []


# ---------------------------------------------------------------- 한 개념에 한 용어
def _avoided_words() -> dict[str, str]:
    """용어집의 "쓰지 않는 말" 표: 쓰지 않는 말 → 대신 쓰는 말."""
    text = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    section = text.split("## 쓰지 않는 말", 1)[1].split("\n## ", 1)[0]
    avoided = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if (
            len(cells) >= 2
            and cells[0]
            and not set(cells[0]) <= set("- ")
            and cells[0] != "쓰지 않는 말"
        ):
            for word in cells[0].split(" / "):
                avoided[word.strip()] = cells[1]
    return avoided


AVOIDED = _avoided_words()


def _package_strings(path: Path) -> str:
    """모듈의 모든 글자열 (독스트링과 메시지): 쓰지 않는 말은 메시지에도 없어야 한다."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return "\n".join(
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def _all_texts() -> list[tuple[str, str]]:
    texts = [(p.name, _notebook_text(p, ("markdown", "code"))) for p in NOTEBOOKS]
    for p in READMES:  # 용어집의 "쓰지 않는 말" 표 자신은 빼고
        text = p.read_text(encoding="utf-8").split("## 쓰지 않는 말", 1)[0]
        texts.append((str(p.relative_to(ROOT)), text))
    texts += [(_rel(p), _package_strings(p)) for p in MODULES]
    return texts


def test_avoided_words_are_read() -> None:
    assert {"위에서 온 기울기", "위에서 온 미분", "럼멜하트", "판마다"} <= set(AVOIDED)


#: 버전의 뜻으로 쓴 "판": "그 판의", "CUDA 판을", "3.11 판" (판단·판정은 아님)
_PAN = re.compile(
    r"(?:Python|파이썬|torch|CUDA|[0-9][0-9.]*|그|같은|새|옛|이)\s?판"
    r"(?=[을를이가은는의까마에도만]|으로|\s|$)"
)


@pytest.mark.parametrize(("where", "text"), _all_texts(), ids=lambda x: x if len(x) < 60 else "")
def test_no_avoided_words_anywhere(where: str, text: str) -> None:
    found = [f"{word} → {AVOIDED[word]}" for word in AVOIDED if word in text]
    found += [f"{m.group()} → 버전" for m in _PAN.finditer(text)]
    assert found == [], where


#: 학습률을 α로 쓴 곳: "학습률"과 같은 문장의 α, 또는 갱신 식(←) 안의 α
_ALPHA_RATE = re.compile(r"[^.\n]*(학습률[^.\n]*\\alpha|\\alpha[^.\n]*학습률)[^.\n]*")
_ALPHA_UPDATE = re.compile(r"\$[^$]*\\leftarrow[^$]*\\alpha[^$]*\$")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_learning_rate_is_always_eta(path: Path) -> None:
    text = _notebook_text(path)
    assert _ALPHA_RATE.findall(text) == [] and _ALPHA_UPDATE.findall(text) == []


#: 뜻이 정해진 용어 → 그 뜻을 말하는 표지: 용어가 나오는 문장에 표지가 하나는 있어야 한다
FIXED_MEANING = {"죽은 ReLU": ("모든 입력", "늘 음수", "영영")}


@pytest.mark.parametrize("path", NOTEBOOKS + READMES, ids=lambda p: p.name)
def test_terms_with_a_fixed_meaning_keep_it(path: Path) -> None:
    text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    misused = [
        sentence.strip()
        for sentence in re.split(r"(?<=[.)])\s|\n", text)
        for term, marks in FIXED_MEANING.items()
        if term in sentence and not any(mark in sentence for mark in marks)
    ]
    assert misused == []


# ---------------------------------------------------------------- 학습 한 걸음의 순서
_STEP_WORDS = {
    "zero": ("기울기 0", "기울기 초기화", "zero_grad"),
    "forward": ("순전파",),
    "backward": ("역전파",),
}


def _step_orders(text: str) -> set[tuple[str, ...]]:
    """화살표(→)로 적은 학습 순서들에서 (기울기 0, 순전파, 역전파)가 나오는 차례."""
    orders = set()
    for chain in re.findall(r"[^\n]*→[^\n]*", text):
        places = {}
        for name, words in _STEP_WORDS.items():
            at = [chain.find(w) for w in words if w in chain]
            if at:
                places[name] = min(at)
        if len(places) == 3:
            orders.add(tuple(sorted(places, key=places.get)))
    return orders


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_order_of_the_training_step_per_notebook(path: Path) -> None:
    assert len(_step_orders(_notebook_text(path))) <= 1


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
        ("2 + 3 = 5 였던 것", 1),
        ("Leaky ReLU와 ELU 로도", 1),
        ("**pip** 뿐입니다", 1),
        ("첫소리, 끝소리 — 로 나눕니다", 1),
        ("— 이 값은 크다", 0),
    ],
    _code_disagreements: [
        ("sin()가 돌려줬습니다", 1),
        ("MyValue이어야 합니다", 1),
        ("(1, 1)여야 하는데", 1),
        ("'대한민국'는 음절", 1),
        ("rms_local(xs)를 쓰세요", 1),
        ("`lr`를 고르세요", 1),
        ("`fit`는 에폭마다", 1),
        ("sin()이, MyValue여야, (1, 1)이어야, '대한민국'은, rms_local(xs)을, `lr`을, `fit`은", 0),
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
