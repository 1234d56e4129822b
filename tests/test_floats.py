"""floats의 줄이기 도우미(``short_repr``, ``short_text``, ``short_list``)와, 패키지의 모든 메시지가
그것을 써서 **얼마나 큰 입력이 와도 짧은지** (예전: 10 MB짜리 오류 글, 100만 개 키의 목록)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support_robust import (
    assert_korean_only,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    run_cli,
)

from micrograd_kr import MLP, Value, gradcheck
from micrograd_kr.floats import short_list, short_repr, short_text
from micrograd_kr.gpt import JamoTokenizer

HUGE = "x" * 10**7


class BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr 고장")


def test_short_repr_keeps_short_values_as_repr() -> None:
    for value in (1.5, -3, "가나", [1, 2], None, math.inf, (1, "a")):
        assert short_repr(value) == repr(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("x" * 10**7, "'" + "x" * 80 + "…' (모두 10,000,000자)"),
        (10**5000, "<약 5,001자리 정수>"),
        (-(10**400), "<약 401자리 음의 정수>"),
        (list(range(10**6)), "[0, 1, 2, 3, 4, 5, 6, 7, ...]"),
        (BadRepr(), "<BadRepr 객체>"),
        ("a\x1b[31m\u202e", "'a\\x1b[31m\\u202e'"),
    ],
    ids=["천만 자", "5000자리 정수", "음의 정수", "백만 원소 목록", "repr 실패", "제어 문자"],
)
def test_short_repr_bounds_and_escapes(value: Any, expected: str) -> None:
    assert short_repr(value) == expected


def test_short_repr_of_a_huge_class_name_is_short() -> None:
    huge = type("X" * 100_000, (), {})()
    assert len(short_repr(huge)) <= 80


def test_short_text_escapes_without_quotes_and_short_list_counts() -> None:
    assert short_text("경로\x1b.txt") == "경로\\x1b.txt"
    assert short_text("p" * 1000, 10) == "pppppppppp… (모두 1,000자)"
    assert short_list([]) == "없음"
    assert short_list(["a", 1]) == "['a', 1]"
    assert short_list(range(10**6)) == "[0, 1, 2, 3, 4, …] (모두 1,000,000개)"


# ------------------------------------------------------------ 메시지는 언제나 짧다
def _gpt_load_many_keys() -> None:
    from micrograd_kr.gpt import GPT

    model = GPT(5, n_embd=4, n_head=1, block_size=2)
    state = {k: [[p.data for p in r] for r in v] for k, v in model.state_dict().items()}
    state.update(dict.fromkeys(map(str, range(10**6)), 0))
    model.load_state_dict(state)


def _explore_long_op() -> None:
    from micrograd_kr.exercises.workshop import MyValue
    from micrograd_kr.viz import explore

    explore(MyValue(1.0, _prev=(MyValue(1.0),), _op="o" * 100_000))


def _gradcheck_long_label() -> None:
    gradcheck(lambda v: v[0] * v[0].data, [1.0], labels=["L" * 10**6])  # x.data는 상수: 틀린 미분


class _Stderr(Exception):
    """명령줄의 표준 오류를 표의 메시지로 꺼내는 데 쓴다."""


def _cli(*argv: str) -> Callable[[], str]:
    def run() -> str:
        code, _, err = run_cli(list(argv))
        raise _Stderr(f"종료 코드 {code}: {err}")  # 표준 오류를 메시지로 꺼낸다

    return run


def _save_into_long_folder(tmp: Path) -> None:
    MLP(2, [1]).save(tmp / ("d" * 100_000) / "m.json")


BOUNDED: list[tuple[str, Callable[..., Any]]] = [
    ("encode('x'*10**7)", lambda: JamoTokenizer(["가"]).encode(HUGE)),
    ("load_state_dict 키 백만 개", _gpt_load_many_keys),
    ("Value('x'*10**7)", lambda: Value(HUGE)),
    ("Value(10**5000)", lambda: Value(10**5000)),
    ("Value(1) + [0]*10**6", lambda: Value(1.0) + [0] * 10**6),
    ("explore 10만 자 연산", _explore_long_op),
    ("gradcheck 100만 자 이름표", _gradcheck_long_label),
    ("draw --set 10만 자", _cli("draw", "a", "--set", "a" * 100_000 + "=x", "-o", "a.svg")),
    ("draw --set 값 10만 자", _cli("draw", "a", "--set", "a=" + "9" * 100_000, "-o", "a.svg")),
    ("gpt --file 10만 자 경로", _cli("gpt", "--file", "f" * 100_000)),
    ("train --lr 10만 자", _cli("train", "--lr", "1" * 100_000)),
    ("train --save 10만 자 폴더", _cli("train", "--save", "d" * 100_000 + "/m.json")),
    ("MLP 모델 파일 10만 자 폴더", _save_into_long_folder),
]


@pytest.mark.parametrize(("case", "call"), BOUNDED, ids=[b[0] for b in BOUNDED])
def test_every_message_is_short_whatever_the_input(
    case: str, call: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(
        (ValueError, TypeError, OverflowError, OSError, AssertionError, _Stderr)
    ) as info:
        call(tmp_path) if call.__code__.co_argcount == 1 else call()
    message = str(info.value)
    assert len(message) < 1000, f"{case}: {len(message):,}자"
    assert_korean_only(message)
    if isinstance(info.value, _Stderr):
        assert message.startswith(("종료 코드 1:", "종료 코드 2:")), message


def test_the_whole_package_has_no_unshortened_echo() -> None:
    """오류 글에 ``{값!r}``을 그대로 넣는 곳이 없다 (값은 short_repr로). 숫자만 담는 곳은 예외."""
    root = Path(__file__).resolve().parent.parent / "micrograd_kr"
    allowed = {"engine.py", "modes.py", "floats.py", "explore_page.py"}  # float 값과 __repr__
    found = []
    for path in root.rglob("*.py"):
        if path.name in allowed or "exercises" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()
            if text.startswith("return f") or "has no attribute" in text:  # __repr__, 모듈 규약
                continue
            if "!r}" in line and "left!r" not in line:
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)
