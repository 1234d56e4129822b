"""명령줄 해석기(cli_parser.py) 시험: 사용자에게 보이는 argparse의 글은 모두 한국어이고, 잘못된
인자는 종료 코드 2와 한국어 메시지를 받습니다.
"""

from __future__ import annotations

import argparse
import inspect
import re
from typing import Any

import pytest
from support_robust import (
    HANGUL,
    assert_korean_only,
    case_table_test,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    run_cli,
)

from micrograd_kr import cli_parser
from micrograd_kr.cli import main


def _argparse_messages() -> set[str]:
    """이 파이썬의 argparse 가 번역 함수에 넘기는 원문(msgid)들."""
    source = inspect.getsource(argparse)
    found = set(re.findall(r"""\b_\(\s*'((?:[^'\\]|\\.)*)'\s*\)""", source))
    found |= set(re.findall(r"""\b_\(\s*"((?:[^"\\]|\\.)*)"\s*\)""", source))
    for singular, plural in re.findall(r"ngettext\(\s*'([^']*)',\s*'([^']*)'", source):
        found |= {singular, plural}
    return {m.encode().decode("unicode_escape") for m in found}


# 프로그램을 잘못 짰을 때만 나오는 글 (사용자가 명령줄로는 만들 수 없음)
DEVELOPER_ONLY = {
    "'required' is an invalid argument for positionals",
    "%r is not callable",
    ".__call__() not defined",
    'argument "-" with mode %r',
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
}


def test_every_user_facing_argparse_message_has_a_korean_translation() -> None:
    missing = sorted(_argparse_messages() - DEVELOPER_ONLY - set(cli_parser.MESSAGES))
    assert missing == [], f"번역이 없는 argparse 글: {missing}"
    placeholder = re.compile(r"%\(\w+\)[sr]|%[sr]")
    for english, korean in cli_parser.MESSAGES.items():
        if english != "%(heading)s:":
            assert HANGUL.search(korean), english
        assert sorted(placeholder.findall(english)) == sorted(placeholder.findall(korean)), english


def test_korean_parser_leaves_other_parsers_in_english() -> None:
    run_cli(["train", "--n", "x"])
    plain = argparse.ArgumentParser(prog="other")
    assert plain.format_usage().startswith("usage: other")
    assert "show this help message and exit" in plain.format_help()


def test_help_is_korean_everywhere() -> None:
    for argv in (["-h"], ["demo", "-h"], ["draw", "-h"], ["train", "-h"]):
        code, out, err = run_cli(argv)
        assert code == 0 and err == ""
        assert out.startswith("사용법: micrograd-kr")
        assert "옵션:" in out and "이 도움말을 보여 주고 끝냅니다" in out
        assert_korean_only(out)
        assert not re.search(r"-[\w-]+ [A-Z_]+\b", out), out  # --n N, --lr LR 같은 영어 자리 이름


@pytest.mark.parametrize("lr", ["nan", "inf", "-inf"])
def test_cli_train_refuses_non_finite_learning_rate_in_korean(lr: str, capsys) -> None:
    # 명령줄 해석기(parser)가 학습 전에 거절한다 (argparse 규칙대로 종료 코드 2)
    with pytest.raises(SystemExit) as stopped:
        main(["train", "--dataset", "xor", "--epochs", "2", "--quiet", f"--lr={lr}"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "0보다 큰 유한한 수" in err and "Traceback" not in err


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    # --- argparse
    ("인자 없음", [], "꼭 필요한 인자가 빠졌습니다: 명령"),
    ("모르는 명령", ["fly"], "'fly'은(는) 고를 수 있는 값이 아닙니다"),
    ("정수가 아닌 --n", ["train", "--n", "x"], "'x'은(는) 정수가 아닙니다"),
    ("실수 --epochs", ["train", "--epochs", "2.5"], "'2.5'은(는) 정수가 아닙니다"),
    ("--epochs 0", ["train", "--epochs", "0"], "1 이상의 정수여야 합니다"),
    ("--n 1", ["train", "--n", "1"], "2 이상의 정수여야 합니다"),
    ("--hidden 0", ["train", "--hidden", "0"], "1 이상의 정수여야 합니다"),
    ("--hidden 값 없음", ["train", "--hidden"], "값이 하나 이상 필요합니다"),
    ("--n 값 없음", ["train", "--n"], "값이 하나 필요합니다"),
    ("--batch-size -3", ["train", "--batch-size", "-3"], "1 이상의 정수여야 합니다"),
    ("모르는 데이터셋", ["train", "--dataset", "mnist"], "다음 중 하나를 고르세요"),
    ("모르는 옵션", ["train", "--bogus"], "알 수 없는 인자입니다: --bogus"),
    ("남는 인자", ["demo", "extra"], "알 수 없는 인자입니다: extra"),
    ("모호한 줄임", ["train", "--s", "1"], "여러 옵션과 맞습니다"),
    ("draw 에 -o 없음", ["draw", "apple"], "꼭 필요한 인자가 빠졌습니다: -o/--output"),
    ("모르는 그림", ["draw", "pear", "-o", "x.svg"], "기본 그림 이름이라면 다음 중 하나입니다"),
    (
        "모르는 style",
        ["draw", "apple", "-o", "x.svg", "--style", "x"],
        "고를 수 있는 값이 아닙니다",
    ),
    ("--seed -1", ["train", "--seed", "-1"], "0 이상의 정수여야 합니다"),
    ("demo --seed -1", ["demo", "--seed", "-1"], "0 이상의 정수여야 합니다"),
    ("--lr inf", ["train", "--lr", "inf"], "유한한 수여야 합니다"),
    ("--lr -inf (옵션처럼 보임)", ["train", "--lr", "-inf"], "인자 --lr: 값이 하나 필요합니다"),
    ("--lr=-inf", ["train", "--lr=-inf"], "유한한 수여야 합니다"),
    ("--lr nan", ["train", "--lr", "nan"], "유한한 수여야 합니다"),
    ("--lr 0", ["train", "--lr", "0"], "0보다 커야 합니다"),
    ("--lr abc", ["train", "--lr", "abc"], "'abc'은(는) 실수가 아닙니다"),
    ("--activation 틀림", ["train", "--activation", "softsign", "--quiet"], "softsign"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)
