"""명령줄의 gpt 명령: 학습, 저장, 평가, 낱말 짓기, 잘못된 파일."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import support_robust
from support_cli import default_sigint, run_then_signal
from support_robust import (
    POSIX,
    assert_korean_only,
    in_child,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    run_cli,
)

from micrograd_kr.cli import main

no_training = support_robust.no_training  # 준비물(fixture)

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


# ============================================================ 학습한 모델은 잃지 않는다
def _bundled_run(steps: int):
    """명령줄의 gpt와 같은 학습을 라이브러리로 (비교의 기준)."""
    from micrograd_kr.gpt import korean_words, prepare_run, train

    run = prepare_run(korean_words(max_jamo=15), seed=0)
    train(run.model, run.train_docs, steps=steps, progress=False)
    return run


def _saved_parameters(path: Path) -> list[float]:
    from micrograd_kr.gpt import GPT

    return [p.data for p in GPT(51, seed=7).load(path).parameters()]


def _many_words(tmp: Path) -> Path:
    """평가가 1초 넘게 걸리도록 평가용 낱말이 500개 넘는 파일 (헌법 낱말을 세 번)."""
    from micrograd_kr.gpt import korean_words

    path = tmp / "낱말.txt"
    path.write_text("\n".join(korean_words(max_jamo=15) * 3) + "\n", encoding="utf-8")
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX 신호가 필요합니다")
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_during_evaluation_keeps_the_model_saved_before_it(
    tmp_path: Path, name: str, code: int
) -> None:
    saved = tmp_path / "m.json"
    argv = ["gpt", "--file", str(_many_words(tmp_path)), "--steps", "2", "--save", str(saved)]
    returncode, out, err = run_then_signal(
        argv, "평가".encode(), getattr(signal, name), preexec_fn=default_sigint
    )
    assert returncode == code, err
    assert "평가 손실" not in out  # 평가 도중에 멈췄다
    assert f"모델을 저장했습니다: {saved}" in out
    assert f"학습한 모델은 저장했습니다: {saved}" in err and "Traceback" not in err
    from micrograd_kr.gpt import GPT, prepare_run, read_word_file, train

    run = prepare_run(read_word_file(_many_words(tmp_path)), seed=0)
    train(run.model, run.train_docs, steps=2, progress=False)
    loaded = GPT(run.tokenizer.vocab_size, seed=7).load(saved)
    assert [p.data for p in loaded.parameters()] == [p.data for p in run.model.parameters()]


def test_a_closed_pipe_after_training_keeps_the_model(tmp_path: Path) -> None:
    """``micrograd-kr gpt ... --save m.json | head -1``: 첫 줄만 읽고 닫아도 모델은 저장된다."""
    saved = tmp_path / "m.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "micrograd_kr.cli", "gpt", "--steps", "3", "--quiet"]
        + ["--save", str(saved)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline().decode("utf-8")
    process.stdout.close()  # head -1 처럼
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=300) == 1, err
    assert "대한민국헌법의 낱말" in first
    assert "파이프" in err and f"학습한 모델은 저장했습니다: {saved}" in err
    assert_korean_only(err)
    assert _saved_parameters(saved) == [p.data for p in _bundled_run(3).model.parameters()]


def test_a_sampling_error_after_training_keeps_the_model(tmp_path: Path) -> None:
    saved = tmp_path / "m.json"
    code = (
        "import sys\n"
        "from micrograd_kr.gpt import model\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('낱말을 뽑다가 실패했습니다 (시험용)')\n"
        "model.GPT.generate = broken\n"
        "from micrograd_kr.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "gpt", "--steps", "2", "--quiet", "--save", str(saved)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "낱말을 뽑다가 실패했습니다" in result.stderr and "Traceback" not in result.stderr
    assert f"학습한 모델은 저장했습니다: {saved}" in result.stderr
    assert "평가 손실" in result.stdout  # 저장 → 평가 → 뽑기 순서
    assert _saved_parameters(saved) == [p.data for p in _bundled_run(2).model.parameters()]


def test_the_smallest_temperature_picks_the_most_likely_jamo(tmp_path: Path) -> None:
    """예전: --temperature 5e-324 는 영어 "Total of weights must be finite"로 끝났다 (모델도 잃음).
    이제 가장 큰 로짓만 남는 뽑기(greedy): 손으로 argmax를 따라간 낱말과 같다."""
    saved = tmp_path / "m.json"
    argv = ["gpt", "--steps", "2", "--quiet", "--samples", "3", "--temperature", "5e-324"]
    code, out, err = run_cli([*argv, "--save", str(saved)])
    assert code == 0, err
    samples = [line.strip().rstrip(" *") for line in out.split("새 낱말):\n")[1].splitlines()]
    run = _bundled_run(2)
    model, tok = run.model, run.tokenizer
    cache, token, greedy = model.new_cache(), tok.bos, []
    for pos in range(model.block_size):
        logits = [z.data for z in model.forward(token, pos, *cache)]
        token = max(range(len(logits)), key=logits.__getitem__)
        if token == tok.bos:
            break
        greedy.append(token)
    assert samples == [tok.decode(greedy) or "(빈 낱말)"] * 3


@pytest.mark.parametrize("count", ["0", "10001", "99999999999"])
def test_samples_are_bounded(count: str, no_training: list[str]) -> None:
    code, out, err = run_cli(["gpt", "--samples", count])
    assert code == 2 and out == ""
    assert "1 이상 10,000 이하의 정수" in err
    assert_korean_only(err)


@pytest.mark.skipif(not POSIX, reason="링크는 POSIX 에서 시험합니다")
@pytest.mark.parametrize("kind", ["같은 경로", "심볼릭 링크", "하드 링크"])
def test_saving_onto_the_training_file_is_refused_before_training(
    tmp_path: Path, kind: str
) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(_NAMES) + "\n", encoding="utf-8")
    before = corpus.read_bytes()
    target = corpus
    if kind == "심볼릭 링크":
        target = tmp_path / "link.json"
        target.symlink_to(corpus)
    elif kind == "하드 링크":
        target = tmp_path / "hard.json"
        os.link(corpus, target)
    code, out, err = run_cli(["gpt", "--file", str(corpus), "--steps", "1", "--save", str(target)])
    assert code == 2 and out == ""
    assert "이 명령이 읽는 파일" in err and "다른 이름" in err
    assert ("같은 경로" if kind == "같은 경로" else "링크로 이어진 같은 파일") in err
    assert_korean_only(err)
    assert corpus.read_bytes() == before


def test_control_characters_from_the_corpus_are_escaped_on_the_terminal(tmp_path: Path) -> None:
    """자료의 ESC·BEL·RLO가 지은 낱말에 섞여도 터미널에는 \\x1b처럼 보인다 (색·소리·방향 없음)."""
    corpus = tmp_path / "제어\x1b.txt"
    corpus.write_text("\n".join(["\x1b[31m가", "\x07나", "\u202e다", "라\x1b"] * 5), "utf-8")
    code, out, err = run_cli(
        ["gpt", "--file", str(corpus), "--steps", "3", "--quiet", "--samples", "40"]
        + ["--temperature", "3"]
    )
    assert code == 0, err
    assert not any(ch in out for ch in "\x1b\x07\u202e")
    samples = out.split("새 낱말):\n")[1]
    assert "\\x1b" in samples and "\\x07" in samples and "\\u202e" in samples
    assert "제어\\x1b.txt'의 항목" in out  # 파일 이름도


@pytest.mark.skipif(not POSIX, reason="메모리 한도(RLIMIT_AS)는 POSIX 에서만")
def test_a_file_with_too_many_distinct_characters_is_refused_up_front(tmp_path: Path) -> None:
    """예전: 글자 종류 13만 9천 개의 파일은 MemoryError 트레이스백. 이제 매개변수와 계산
    그래프의 어림을 밝혀 학습 전에 거절 (쓸 수 있는 메모리를 1.5 GB로 묶은 자식에서)."""
    corpus = tmp_path / "한자.txt"
    chars = [chr(0x20000 + i) for i in range(139_000)]
    corpus.write_text("\n".join("".join(chars[i : i + 5]) for i in range(0, 139_000, 5)), "utf-8")
    argv = ["gpt", "--file", str(corpus), "--steps", "1", "--quiet"]
    result = in_child(lambda: run_cli(argv), address_space=1_500_000_000, timeout=120)
    assert "ok" in result, result
    code, out, err = result["ok"]
    assert code == 2 and "학습 단계" not in out
    assert re.search(r"매개변수 약 [0-9.]+만개와 학습 한 단계의 계산 그래프", err), err
    assert "GB 필요" in err and "vocab_size" in err
    assert_korean_only(err)


def test_a_long_training_says_how_long_before_it_starts(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from micrograd_kr.gpt import budget

    monkeypatch.setattr(budget, "SECONDS_PER_EDGE", 1e-2)  # 아주 느린 컴퓨터라고 치면
    assert main(["gpt", "--steps", "1", "--quiet", "--samples", "1"]) == 0
    out = capsys.readouterr().out
    match = re.search(r"예상 학습 시간: 약 ([0-9.,]+)(초|분|시간|일)", out)
    assert match, out
    assert out.index("예상 학습 시간") < out.index("== 요약 ==")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX 신호가 필요합니다")
def test_sigterm_during_training_saves_and_ends_without_evaluating(tmp_path: Path) -> None:
    """SIGTERM은 끝내 달라는 뜻: 단계를 마치고 저장한 뒤 평가·낱말 짓기 없이 143으로.
    (Ctrl-C는 배운 데까지로 평가하고 낱말을 짓는다: 한 번 더 누르면 건너뜀)"""
    saved = tmp_path / "m.json"
    argv = ["gpt", "--steps", "100000", "--save", str(saved)]
    code, out, err = run_then_signal(argv, rb"\b[1-9]\d*/100000", signal.SIGTERM)
    assert code == 143, err
    match = re.search(r"중단했습니다: 단계 (\d+)/100000\.", out)
    assert match and int(match.group(1)) >= 1, out
    assert f"모델을 저장했습니다: {saved}" in out
    assert "평가 손실" not in out and "지어낸 낱말" not in out
    steps = int(match.group(1))  # 저장된 것은 그만큼 배운 모델: 라이브러리로 같은 단계를 학습
    from micrograd_kr.gpt import korean_words, prepare_run, train

    run = prepare_run(korean_words(max_jamo=15), seed=0)
    train(run.model, run.train_docs, steps=100000, progress=False, callback=_stop_after(steps))
    assert _saved_parameters(saved) == [p.data for p in run.model.parameters()]


def _stop_after(steps: int):
    """``train``의 callback: ``steps``단계를 마치면 Ctrl-C처럼 멈춘다 (학습률 일정도 같게)."""

    def callback(step: int, loss: float) -> None:
        if step + 1 == steps:
            raise KeyboardInterrupt

    return callback
