"""명령줄의 gpt 명령: 학습, 저장, 평가, 낱말 짓기, 잘못된 파일."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support_robust import (
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
)

from micrograd_kr.cli import main

# ------------------------------------------------------------------ gpt
_NAMES = (
    "민준 서연 도윤 서윤 시우 지우 하준 하윤 주원 지호 지유 서준 수아 예준 지아 건우 "
    "서아 현우 하은 우진 윤서 선우 민서 연우 채원 유준 지민 정우 다은 승우"
).split()


def test_gpt_trains_on_a_users_file_and_saves_what_it_printed(tmp_path: Path, capsys) -> None:
    from micrograd_kr.gpt import GPT, prepare_run, train

    words = tmp_path / "이름.txt"
    words.write_text("\n".join(_NAMES) + "\n", encoding="utf-8")
    saved = tmp_path / "gpt.json"
    args = ["gpt", "--file", str(words), "--steps", "3", "--seed", "1", "--quiet"]
    assert main([*args, "--samples", "4", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "항목 30개 (학습 27, 평가 3)" in out
    assert "학습 단계        : 3/3" in out and "지어낸 낱말 4개" in out
    # 같은 일을 라이브러리로: 저장된 매개변수와 찍힌 평가 손실이 같다
    run = prepare_run(_NAMES, seed=1)
    train(run.model, run.train_docs, steps=3, progress=False)
    loaded = GPT(run.tokenizer.vocab_size, seed=9).load(saved)
    assert [p.data for p in loaded.parameters()] == [p.data for p in run.model.parameters()]
    held_out = float(re.search(r"GPT ([0-9.]+), 바이그램", out).group(1))
    assert held_out == pytest.approx(run.model.mean_loss(run.test_docs), abs=6e-4)
    samples = out.split("새 낱말):\n")[1].split("\n\n")[0].splitlines()
    assert len(samples) == 4


def test_gpt_on_the_bundled_words(capsys) -> None:
    assert main(["gpt", "--steps", "2", "--quiet", "--samples", "3"]) == 0
    out = capsys.readouterr().out
    assert "대한민국헌법의 낱말 1,727개 (학습 1,555, 평가 172)" in out
    assert "자모 어휘 50개 + BOS" in out and "바이그램(bigram)" in out


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "찾을 수 없습니다"),
        (b"", "낱말이 없습니다"),
        (b"\x00\x01\x02binary", "바이너리"),
        ("대한민국".encode("cp949"), "UTF-8"),
        (("가" * 9 + "\n").encode(), "너무 깁니다"),
    ],
)
def test_gpt_bad_file_gets_a_korean_message_and_exit_2(
    tmp_path: Path, capsys, content: bytes | None, message: str
) -> None:
    path = tmp_path / "낱말.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["gpt", "--file", str(path), "--steps", "1", "--quiet"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("오류: ") and message in captured.err
    assert captured.out == ""


def test_gpt_bad_save_path_is_refused_before_training(tmp_path: Path, capsys) -> None:
    target = tmp_path / "없는 폴더" / "a" / "gpt.json"
    (tmp_path / "없는 폴더").write_text("파일입니다", encoding="utf-8")
    assert main(["gpt", "--steps", "1", "--quiet", "--save", str(target)]) == 2
    assert "학습 단계" not in capsys.readouterr().out
