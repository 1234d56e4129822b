"""명령줄이 학습 **전에** 하는 검사: 저장 경로, 권한, 메모리에 들지 않을 크기."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import support_robust
from support_robust import (
    POSIX,
    assert_korean_only,
    in_child,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    run_cli,
)

from micrograd_kr import cli, limits

no_training = support_robust.no_training  # 준비물(fixture)
shared_dir = support_robust.shared_dir  # 준비물(fixture)


# ============================================================ 적대적인 입력
@pytest.mark.skipif(not POSIX, reason="권한 검사는 POSIX 에서만 시험합니다")
def test_save_into_a_folder_without_write_permission(shared_dir: Path) -> None:
    """[Errno 13] 대신: 어느 폴더에 쓸 권한이 없는지, 어떻게 하면 되는지."""
    locked = shared_dir / "잠김"

    def attempt() -> str:
        locked.mkdir()
        os.chmod(locked, 0o555)
        code, out, err = run_cli(
            ["train", "--dataset", "xor", "--epochs", "1", "--quiet", "--save", f"{locked}/m.json"]
        )
        return f"{code}|{out}|{err}"

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    code, out, err = result["ok"].split("|", 2)
    assert code == "2" and out == ""  # 학습하기 전에 거절 (잘못된 입력: 2)
    assert "쓸 권한이 없습니다" in err and str(locked) in err
    assert_korean_only(err)


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("", "경로가 비어 있습니다"),
        ("/no/such/dir/m.json", "폴더 '/no/such/dir'이(가) 없습니다"),
        ("d/", "폴더입니다"),
        ("a" * 300 + ".json", "너무 긴 이름"),
    ],
)
def test_save_destination_is_checked_before_training(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_training: list[str],
    target: str,
    fragment: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["train", "--dataset", "xor", "--quiet", "--save", target])
    assert code == 2
    assert no_training == [] and out == ""
    assert fragment in err
    assert_korean_only(err)
    assert list(tmp_path.iterdir()) == []


def test_empty_save_path_is_not_a_silent_success(no_training: list[str]) -> None:
    """예전: --save "" 는 아무것도 저장하지 않고 0 으로 끝났다."""
    code, _, err = run_cli(["train", "--dataset", "xor", "--epochs", "1", "--save", ""])
    assert code == 2 and "경로가 비어 있습니다" in err


def test_huge_n_is_refused_up_front_with_the_estimate(no_training: list[str]) -> None:
    code, out, err = run_cli(["train", "--n", "10000000000000", "--quiet"])
    assert code == 2 and out == "" and no_training == []
    assert re.search(r"약 [0-9.]+ PB 필요", err)
    assert_korean_only(err)


@pytest.mark.skipif(not POSIX, reason="메모리 한도(RLIMIT_AS)는 POSIX 에서만")
@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["train", "--n", "1000000", "--epochs", "1", "--quiet"], "GB 필요"),
        (["train", "--hidden", "100000", "100000", "--epochs", "1", "--quiet"], "TB 필요"),
    ],
)
def test_sizes_that_cannot_fit_are_refused_not_grown(argv: list[str], fragment: str) -> None:
    """메모리 1.5 GB 로 묶은 자식에서: 예전에는 메모리를 먹다가 MemoryError 로 죽었다."""
    result = in_child(lambda: run_cli(argv), address_space=1_500_000_000, timeout=120)
    assert "ok" in result, result
    code, out, err = result["ok"]
    assert code == 2 and out == ""
    assert fragment in err and "--batch-size" in err
    assert_korean_only(err)


def test_full_batch_of_a_million_is_refused_but_mini_batches_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """쓸 수 있는 메모리가 8 GB 라면: 전체 배치 100만 개는 거절, 배치 100 이면 통과."""
    monkeypatch.setattr(limits, "available_memory", lambda: 8_000_000_000)
    parser = cli.build_parser()
    full = parser.parse_args(["train", "--n", "1000000"])
    with pytest.raises(ValueError, match=r"약 2[0-9.]+ GB 필요.*약 8.0 GB"):
        cli._check_train_request(full)
    cli._check_train_request(parser.parse_args(["train", "--n", "1000000", "--batch-size", "100"]))


@pytest.mark.skipif(not POSIX, reason="권한 검사는 POSIX 에서만 시험합니다")
def test_demo_in_a_read_only_folder_says_what_to_do_before_training(shared_dir: Path) -> None:
    def attempt() -> list[Any]:
        os.chmod(shared_dir, 0o555)
        os.chdir(shared_dir)
        return list(run_cli(["demo", "--epochs", "2", "--quiet"]))

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    code, out, err = result["ok"]
    assert code == 2
    assert "== 요약 ==" not in out  # 학습 전에 알린다
    assert "--out" in err and "--no-pictures" in err and "micrograd_kr_output" in err
    assert_korean_only(err)
