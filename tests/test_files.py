"""파일 다루기(files.py) 시험: 저장은 사용자의 파일을 망가뜨리지 않고(임시 파일과 바꿔치기),
불러오기는 일반 파일만 크기 한도 안에서 읽으며, 사용자가 보는 메시지는 모두 한국어입니다.
"""

from __future__ import annotations

import errno
import os
import stat
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import support_robust
from support_robust import (
    POSIX,
    assert_korean_only,
    case_table_test,
    in_child,
    small_model,
)

from micrograd_kr import files
from micrograd_kr.files import OutputPathError, check_not_an_input, check_output_path
from micrograd_kr.nn import MLP

shared_dir = support_robust.shared_dir  # 준비물(fixture)


def test_save_leaves_a_user_file_named_like_the_old_temp_alone(tmp_path: Path) -> None:
    """예전에는 m.json.tmp 라는 고정된 임시 이름을 써서 같은 이름의 사용자 파일을 덮고 옮겼다."""
    mine = tmp_path / "m.json.tmp"
    mine.write_text("내 메모", encoding="utf-8")
    small_model().save(tmp_path / "m.json")
    assert mine.read_text(encoding="utf-8") == "내 메모"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json", "m.json.tmp"]
    assert small_model().load(tmp_path / "m.json") is not None


@pytest.mark.skipif(not POSIX, reason="심볼릭 링크와 fork 는 POSIX 에서만 시험합니다")
def test_save_never_writes_through_a_symlinked_temp_name(shared_dir: Path) -> None:
    """m.json.tmp 가 다른 파일을 가리키는 링크여도 그 파일은 그대로, m.json 은 보통 파일."""

    def attempt() -> dict[str, Any]:
        victim = shared_dir / "소중한.txt"
        victim.write_text("지우면 안 됨", encoding="utf-8")
        os.symlink(victim.name, shared_dir / "m.json.tmp")
        small_model().save(shared_dir / "m.json")
        return {
            "victim": victim.read_text(encoding="utf-8"),
            "is_link": os.path.islink(shared_dir / "m.json"),
            "loaded": MLP(2, [3, 1]).load(shared_dir / "m.json").parameters()[0].data,
            "names": sorted(os.listdir(shared_dir)),
        }

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    got = result["ok"]
    assert got["victim"] == "지우면 안 됨"
    assert got["is_link"] is False
    assert got["loaded"] == small_model().parameters()[0].data
    assert got["names"] == ["m.json", "m.json.tmp", "소중한.txt"]


def test_full_disk_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """디스크가 가득 차면(ENOSPC) 원래 파일은 그대로, 임시 파일은 남지 않고, 한국어로 알린다."""
    path = tmp_path / "m.json"
    path.write_text("예전 모델", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as info:
        small_model().save(path)
    assert info.value.errno == errno.ENOSPC
    assert "디스크 공간" in str(info.value) and str(path) in str(info.value)
    assert_korean_only(str(info.value))
    assert path.read_text(encoding="utf-8") == "예전 모델"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


@pytest.mark.skipif(not POSIX, reason="파일 크기 한도(RLIMIT_FSIZE)는 POSIX 에서만")
def test_a_real_short_write_leaves_no_partial_file(shared_dir: Path) -> None:
    """파일 크기 한도(ulimit -f)에 걸려 정말로 쓰다 만 경우: 반쯤 쓴 임시 파일이 남지 않는다."""
    path = shared_dir / "m.json"
    path.write_text("예전 모델", encoding="utf-8")

    def attempt() -> str:
        MLP(2, [16, 16, 1], seed=0).save(path)  # JSON 으로 약 8 KB
        return "저장됨"

    result = in_child(attempt, file_size=2000)
    assert result.get("type") == "OutputPathError", result
    assert "크기 한도" in result["error"]
    assert path.read_text(encoding="utf-8") == "예전 모델"
    assert [p.name for p in shared_dir.iterdir()] == ["m.json"]


@pytest.mark.parametrize("given", ["d/", "d"])
def test_save_to_a_folder_is_refused_without_leaving_d_tmp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    with pytest.raises(OSError, match="폴더입니다") as info:
        small_model().save(given)
    assert "d/model.json" in str(info.value) or os.path.join("d", "model.json") in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]
    assert list((tmp_path / "d").iterdir()) == []


@pytest.mark.skipif(not POSIX, reason="파일 권한(mode)은 POSIX 에서만 시험합니다")
def test_write_protected_target_is_refused_and_kept(shared_dir: Path) -> None:
    """0444 파일에 저장하면 예전에는 바꿔치기되어 0644 가 되었다. 이제는 거절하고 그대로 둔다."""
    path = shared_dir / "m.json"

    def attempt() -> dict[str, Any]:
        path.write_text("읽기 전용", encoding="utf-8")
        os.chmod(path, 0o444)
        try:
            small_model().save(path)
            message = None
        except OSError as exc:
            message = str(exc)
        return {
            "message": message,
            "mode": stat.S_IMODE(os.stat(path).st_mode),
            "text": path.read_text(encoding="utf-8"),
        }

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    got = result["ok"]
    assert got["message"] is not None and "쓰기 금지" in got["message"]
    assert "chmod u+w" in got["message"]
    assert_korean_only(got["message"])
    assert got["mode"] == 0o444 and got["text"] == "읽기 전용"


@pytest.mark.skipif(not POSIX, reason="파일 권한(mode)은 POSIX 에서만 시험합니다")
def test_overwriting_keeps_the_files_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("{}", encoding="utf-8")
    os.chmod(path, 0o640)
    small_model().save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert MLP(2, [3, 1]).load(path).parameters()[0].data == small_model().parameters()[0].data


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero 가 없는 운영체제")
def test_load_refuses_dev_zero_at_once() -> None:
    """예전: /dev/zero 를 끝까지 읽으려다 MemoryError. 자식 프로세스에서 1 GB 로 묶고 시험."""
    result = in_child(lambda: small_model().load("/dev/zero"), address_space=1_000_000_000)
    assert result.get("type") == "ValueError", result
    assert "장치 파일" in result["error"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO 가 없는 운영체제")
def test_load_refuses_a_fifo_without_hanging(shared_dir: Path) -> None:
    fifo = shared_dir / "pipe.json"
    os.mkfifo(fifo)
    result = in_child(lambda: small_model().load(fifo), timeout=10)
    assert result.get("type") == "ValueError", result
    assert "FIFO" in result["error"]


def test_load_refuses_a_huge_file_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(190 * 1024 * 1024)  # 디스크를 쓰지 않는 성긴 파일(sparse file)
    model = small_model()
    before = [p.data for p in model.parameters()]
    tracemalloc.start()
    with pytest.raises(ValueError, match=r"199\.2 MB.*한도 100\.0 MB") as info:
        model.load(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000  # 읽지 않았다 (예전에는 778 MB)
    assert [p.data for p in model.parameters()] == before
    assert_korean_only(str(info.value))


def test_load_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="폴더입니다") as info:
        small_model().load(tmp_path)
    assert_korean_only(str(info.value))


def _load_missing(tmp: Path) -> Any:
    return small_model().load(tmp / "없는.json")


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    # --- 불러오기
    ("load(없는 파일)", _load_missing, "찾을 수 없습니다"),
    ("load(폴더)", lambda tmp: small_model().load(tmp), "일반 파일이 아니라 폴더"),
    ("load('/dev/null')", lambda: small_model().load("/dev/null"), "장치 파일"),
    ("save('')", lambda: small_model().save(""), "경로가 비어 있습니다"),
    ("save(폴더)", lambda tmp: small_model().save(tmp), "폴더입니다"),
    ("save(None)", lambda: small_model().save(None), "문자열이나 Path가 와야 합니다"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)


# ------------------------------------------------------------ 읽는 파일에 저장하지 않는다
@pytest.mark.skipif(not POSIX, reason="링크는 POSIX 에서 시험합니다")
def test_check_not_an_input_sees_the_same_file_through_any_name(tmp_path: Path) -> None:
    source = tmp_path / "자료.txt"
    source.write_text("가나\n", encoding="utf-8")
    (tmp_path / "sym.json").symlink_to(source)
    os.link(source, tmp_path / "hard.json")
    (tmp_path / "copy.txt").write_text("가나\n", encoding="utf-8")  # 내용만 같은 다른 파일
    for name in ("자료.txt", "sym.json", "hard.json", "./자료.txt"):
        with pytest.raises(OutputPathError, match="이 명령이 읽는 파일") as info:
            check_not_an_input(tmp_path / name, [None, source], "모델 파일")
        assert info.value.errno == errno.EEXIST
        assert_korean_only(str(info.value))
    for name in ("copy.txt", "없는.json"):  # 다른 파일, 아직 없는 파일: 괜찮다
        check_not_an_input(tmp_path / name, [source], "모델 파일")
    check_not_an_input(source, [tmp_path / "없는 자료.txt"], "모델 파일")


# ------------------------------------------------------------ 맞는 조언
def test_a_read_only_file_system_is_not_told_to_chmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """예전: 읽기 전용 파일 시스템에서도 "chmod u+w 하세요". 권한으로는 풀리지 않는다."""
    (tmp_path / "m.json").write_text("{}", encoding="utf-8")
    real = os.statvfs

    class ReadOnly:
        def __init__(self, path: Any) -> None:
            self.f_flag = real(path).f_flag | os.ST_RDONLY

    monkeypatch.setattr(files.os, "statvfs", ReadOnly)
    for target in ("m.json", "새.json"):  # 덮어쓸 파일, 새로 만들 파일
        with pytest.raises(OutputPathError, match="읽기 전용 파일 시스템") as info:
            check_output_path(tmp_path / target, "모델 파일")
        message = str(info.value)
        assert "chmod u+w" not in message and "다른 위치" in message
        assert info.value.errno == errno.EROFS


def test_a_huge_word_file_is_not_told_to_check_it_is_a_model_file(tmp_path: Path) -> None:
    """예전: 20 MB가 넘는 낱말 파일에 "micrograd_kr로 저장한 모델 파일인지 확인하세요"."""
    from micrograd_kr.gpt import read_word_file

    big = tmp_path / "words.txt"
    with open(big, "wb") as f:
        f.truncate(25_000_000)
    with pytest.raises(ValueError, match="낱말 파일로 읽지 않습니다") as info:
        read_word_file(big)
    message = str(info.value)
    assert "모델 파일" not in message and "head -n" in message
    with pytest.raises(ValueError, match="모델 파일인지 확인하세요"):  # 모델 파일은 그대로
        with open(tmp_path / "big.json", "wb") as f:
            f.truncate(150_000_000)
        small_model().load(tmp_path / "big.json")


@pytest.mark.parametrize("code", [errno.EIO, errno.EBUSY, errno.ENOLCK, errno.EXDEV])
def test_os_errors_never_carry_the_english_description(code: int) -> None:
    """알려진 오류는 한국어 까닭과 할 일, 모르는 오류도 영어 설명 대신 이름(ENOLCK)과 번호."""
    from micrograd_kr.files import describe_os_error

    message = describe_os_error(OSError(code, os.strerror(code), "m.json"))
    assert os.strerror(code) not in message and f"번호 {code}" in message
    assert_korean_only(message)
