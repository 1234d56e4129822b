"""웹사이트의 ``--out`` 폴더 (``docs/site/output_folder.py``)와 ``build.py`` 의 인자: 빌드 없이.

표시 파일(marker)은 빌드가 쓴 파일마다 크기와 SHA-256 해시를 적고, 다시 빌드할 때는 그대로인
파일만 지웁니다. 표시 파일을 믿을 수 없거나(자기 자신을 적음, 너무 큼, 깊이 겹친 JSON, 옛 모양)
폴더를 쓸 수 없으면 한국어로 알리고, 폴더는 빌드 전 그대로입니다.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "docs" / "site" / "build.py"
needs_311 = pytest.mark.skipif(sys.version_info < (3, 11), reason="build.py 는 3.11 이상에서 돈다")


@pytest.fixture(scope="module")
def folder() -> Any:
    sys.path.insert(0, str(ROOT / "docs" / "site"))
    try:
        import output_folder
    finally:
        sys.path.remove(str(ROOT / "docs" / "site"))
    return output_folder


def snapshot(path: Path) -> dict[str, bytes]:
    """폴더 안의 모든 파일과 그 내용 (폴더는 끝에 / 를 붙여 b'')."""
    found: dict[str, bytes] = {}
    for here, dirs, files in os.walk(path):
        for name in dirs:
            found[os.path.relpath(os.path.join(here, name), path) + "/"] = b""
        for name in files:
            full = os.path.join(here, name)
            found[os.path.relpath(full, path)] = Path(full).read_bytes()
    return found


def marker_of(files: dict[str, Any], **extra: Any) -> str:
    return json.dumps({"made_by": "docs/site/build.py", "format": 2, "files": files, **extra})


def digest(data: bytes) -> dict[str, Any]:
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def built_site(folder: Any, out: Path) -> None:
    """빌드가 파일 둘을 쓴 것처럼: index.html, _static/a.css."""
    kept = folder.prepare_output(out)
    assert kept == set() and (out / folder.MARKER).is_file()
    (out / "_static").mkdir()
    (out / "index.html").write_text("옛 페이지", encoding="utf-8")
    (out / "_static" / "a.css").write_text("css", encoding="utf-8")
    folder.record_output(out, kept)


# ------------------------------------------------------------------ 다시 빌드
def test_rebuild_deletes_only_unchanged_files_the_build_made(folder: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    built_site(folder, out)
    marker = json.loads((out / folder.MARKER).read_text(encoding="utf-8"))
    assert marker["files"] == {  # 파일마다 크기와 해시 (손으로 잰 값)
        "_static/a.css": digest(b"css"),
        "index.html": digest("옛 페이지".encode()),
    }
    (out / "내 메모.txt").write_text("남아야 함", encoding="utf-8")  # 빌드 뒤에 사용자가 넣은 것
    (tmp_path / "outside.txt").write_text("바깥", encoding="utf-8")
    marker["files"]["../outside.txt"] = digest("바깥".encode())  # 바깥을 가리키면 무시
    marker["files"][str(tmp_path / "outside.txt")] = digest("바깥".encode())
    (out / folder.MARKER).write_text(json.dumps(marker), encoding="utf-8")

    kept = folder.prepare_output(out)
    assert kept == {"내 메모.txt"}
    assert not (out / "index.html").exists() and not (out / "_static").exists()
    assert (out / "내 메모.txt").read_text(encoding="utf-8") == "남아야 함"
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "바깥"
    (out / "index.html").write_text("새 페이지", encoding="utf-8")
    folder.record_output(out, kept)
    marker = json.loads((out / folder.MARKER).read_text(encoding="utf-8"))
    assert list(marker["files"]) == ["index.html"]  # 사용자의 파일은 적지 않는다


def test_a_file_changed_after_the_build_stops_the_rebuild(folder: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    built_site(folder, out)
    (out / "index.html").write_text("사용자가 고친 페이지", encoding="utf-8")  # 크기가 바뀜
    (out / "_static" / "a.css").write_text("CSS", encoding="utf-8")  # 크기는 같고 내용만
    before = snapshot(out)
    with pytest.raises(folder.OutputFolderError, match="파일 2개가 그 뒤에 바뀌었습니다"):
        folder.prepare_output(out)
    assert snapshot(out) == before  # 아무것도 지우지 않았다 (바뀌지 않은 파일도)


def test_old_marker_deletes_only_files_not_changed_since_it_was_written(
    folder: Any, tmp_path: Path
) -> None:
    """옛 빌드의 표시 파일(이름 목록만): 그보다 나중에 고친 파일이 있으면 아무것도 지우지 않는다."""
    out = tmp_path / "site"
    (out / "_static").mkdir(parents=True)
    (out / "index.html").write_text("옛 빌드", encoding="utf-8")
    (out / "_static" / "a.css").write_text("css", encoding="utf-8")
    old = {"made_by": "docs/site/build.py", "files": ["index.html", "_static/a.css"]}
    (out / folder.MARKER).write_text(json.dumps(old), encoding="utf-8")
    written = (out / folder.MARKER).stat().st_mtime
    os.utime(out / "index.html", (written - 10, written - 10))
    os.utime(out / "_static" / "a.css", (written + 10, written + 10))  # 빌드 뒤에 고침
    before = snapshot(out)
    with pytest.raises(folder.OutputFolderError, match="파일 1개가 그 뒤에 바뀌었습니다: '_static"):
        folder.prepare_output(out)
    assert snapshot(out) == before
    os.utime(out / "_static" / "a.css", (written - 10, written - 10))
    assert folder.prepare_output(out) == set()
    assert sorted(snapshot(out)) == [folder.MARKER]  # 새 모양의 빈 표시 파일만
    marker = json.loads((out / folder.MARKER).read_text(encoding="utf-8"))
    assert marker == {"made_by": "docs/site/build.py", "format": 2, "files": {}}


def test_marker_listing_a_users_file_does_not_delete_it(folder: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "논문.txt").write_text("소중한 글", encoding="utf-8")
    wrong = {"size": 3, "sha256": "0" * 64}  # 누군가 목록에 사용자의 파일을 적었다
    (out / folder.MARKER).write_text(marker_of({"논문.txt": wrong}), encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(folder.OutputFolderError, match="'논문.txt'"):
        folder.prepare_output(out)
    assert snapshot(out) == before


def test_missing_files_and_a_symlink_in_place_of_a_file(folder: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    built_site(folder, out)
    (out / "index.html").unlink()  # 사용자가 지운 파일: 그냥 넘어간다
    target = tmp_path / "바깥.css"
    target.write_text("css", encoding="utf-8")  # 같은 내용이지만 링크는 빌드가 쓴 것이 아니다
    (out / "_static" / "a.css").unlink()
    (out / "_static" / "a.css").symlink_to(target)
    with pytest.raises(folder.OutputFolderError, match="a.css"):
        folder.prepare_output(out)
    assert target.read_text(encoding="utf-8") == "css" and (out / "_static" / "a.css").is_symlink()


# ------------------------------------------------------------------ 믿을 수 없는 표시 파일
def deep_json(depth: int) -> str:
    return '{"made_by": "docs/site/build.py", "files": ' + "[" * depth + "]" * depth + "}"


BAD_MARKERS = [
    # (표시 파일의 글, 메시지에 들어갈 말)
    ("{깨진 JSON", "읽지 못했습니다 (JSON이 아님, 1번째 줄)"),
    (deep_json(100_000), "괄호가 너무 깊이 겹친 JSON"),
    ("\udcff", "UTF-8 글이 아님"),
    ('["a.txt"]', "이 빌드가 쓴 모양이 아닙니다"),
    ('{"made_by": "docs/site/build.py", "files": [1]}', "이름이 글이 아님"),
    ('{"made_by": "docs/site/build.py", "files": [".micrograd-kr-site.json"]}', "자기 자신을"),
    ('{"made_by": "docs/site/build.py", "format": 9, "files": {}}', "모르는 모양입니다"),
    (marker_of(["a.txt"]), "files가 사전이 아님"),
    (marker_of({"a.txt": {"size": 1}}), "'a.txt'에 크기와 해시가 없습니다"),
    (marker_of({"a.txt": {"size": True, "sha256": "0" * 64}}), "크기와 해시가 없습니다"),
    (marker_of({".micrograd-kr-site.json": digest(b"x")}), "자기 자신을 지울 파일로"),
    (marker_of({"./.micrograd-kr-site.json": digest(b"x")}), "자기 자신을 지울 파일로"),
    (marker_of({f"f{i}": digest(b"") for i in range(20_001)}), "파일이 너무 많이 적혀"),
]


@pytest.mark.parametrize(("text", "message"), BAD_MARKERS, ids=range(len(BAD_MARKERS)))
def test_untrusted_marker_is_refused_and_nothing_is_touched(
    folder: Any, tmp_path: Path, text: str, message: str
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "a.txt").write_text("사용자의 글", encoding="utf-8")
    (out / folder.MARKER).write_bytes(text.encode("utf-8", errors="surrogateescape"))
    before = snapshot(out)
    with pytest.raises(
        folder.OutputFolderError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        folder.prepare_output(out)
    assert snapshot(out) == before


def test_huge_marker_is_refused_without_reading_it(
    folder: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    entry = json.dumps(digest(b""))
    names = ",".join(f'"_images/{i:07d}.png": {entry}' for i in range(1_000_000))  # 10⁶ 항목
    text = marker_of({}).replace('"files": {}', '"files": {' + names + "}")
    (out / folder.MARKER).write_text(text, encoding="utf-8")

    def parse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("크기만 보고 거절해야 하는데 읽었습니다")

    monkeypatch.setattr(folder.json, "loads", parse)  # 예전에는 읽고 지우는 데 121초
    with pytest.raises(folder.OutputFolderError, match="너무 큽니다 .*바이트, 한도 4,000,000"):
        folder.prepare_output(out)
    assert (out / folder.MARKER).stat().st_size == len(text.encode())


def test_marker_that_is_a_folder_or_a_link_is_refused(folder: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / folder.MARKER).mkdir(parents=True)
    with pytest.raises(folder.OutputFolderError, match="보통 파일이 아닙니다"):
        folder.prepare_output(out)
    other = tmp_path / "other"
    other.mkdir()
    (tmp_path / "elsewhere.json").write_text(marker_of({}), encoding="utf-8")
    (other / folder.MARKER).symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(folder.OutputFolderError, match="보통 파일이 아닙니다"):
        folder.prepare_output(other)
    assert (tmp_path / "elsewhere.json").is_file()


# ------------------------------------------------------------------ 쓸 수 없는 곳
OUT_FOLDER_REFUSALS = [
    # (폴더에 미리 둔 것, 오류 메시지에 들어갈 글)
    ({"내 파일.txt": "소중한 글"}, "표시(.micrograd-kr-site.json)가 없습니다"),
    ({"sub/notes.md": "메모"}, "남의 파일을 지우지 않도록 멈췄습니다"),
]


@pytest.mark.parametrize(("files", "message"), OUT_FOLDER_REFUSALS)
def test_out_folder_with_user_files_is_refused_and_kept(
    folder: Any, tmp_path: Path, files: dict[str, str], message: str
) -> None:
    out = tmp_path / "out"
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(
        folder.OutputFolderError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        folder.prepare_output(out)
    assert snapshot(out) == before


def test_out_that_is_a_file_or_under_a_file_is_refused(folder: Any, tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("파일", encoding="utf-8")
    with pytest.raises(folder.OutputFolderError, match="'.*site'는 폴더가 아니라 파일입니다"):
        folder.prepare_output(target)
    with pytest.raises(folder.OutputFolderError, match="경로 중간 '.*site'는 폴더가 아니라 파일"):
        folder.prepare_output(target / "a" / "b")
    assert snapshot(tmp_path) == {"site": "파일".encode()}


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_folder_that_cannot_be_written_leaves_nothing_behind(
    folder: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """읽기 전용 파일 시스템 등: 표시 파일을 쓰다 실패하면 새로 만든 폴더도 다시 지운다."""

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code), str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    reason = {errno.EROFS: "읽기 전용 파일 시스템", errno.EACCES: "권한이 없습니다"}
    with pytest.raises(folder.OutputFolderError, match=reason.get(code, "디스크 공간")):
        folder.prepare_output(tmp_path / "new" / "site")
    assert snapshot(tmp_path) == {}
    monkeypatch.setattr(Path, "mkdir", refuse)  # 폴더부터 만들 수 없는 곳
    with pytest.raises(folder.OutputFolderError, match="준비하지 못했습니다"):
        folder.prepare_output(tmp_path / "site")
    assert snapshot(tmp_path) == {}


# ------------------------------------------------------------------ build.py 명령
def run_build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BUILD), *args], capture_output=True, text=True, check=False
    )


@needs_311
def test_build_refuses_a_foreign_folder_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "home"
    out.mkdir()
    (out / "사진.jpg").write_bytes(b"\xff\xd8")
    result = run_build("--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "남의 파일을 지우지 않도록 멈췄습니다" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "사진.jpg").read_bytes() == b"\xff\xd8"


@needs_311
@pytest.mark.parametrize("jobs", ["abc", "0", "-3", "1e3", "99999"])
def test_bad_jobs_is_refused_before_the_folder_is_made(tmp_path: Path, jobs: str) -> None:
    result = run_build("--out", str(tmp_path / "site"), "-j", jobs)
    assert result.returncode == 2
    assert "프로세스 수가 아닙니다: 1–64의 정수나 auto" in result.stderr
    assert "invalid" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


@needs_311
def test_build_refusals_are_korean_and_change_nothing(tmp_path: Path) -> None:
    (tmp_path / "파일.txt").write_text("글", encoding="utf-8")
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / ".micrograd-kr-site.json").write_text(deep_json(50_000), "utf-8")
    cases = {  # --out → 메시지
        str(tmp_path / "파일.txt" / "site"): "경로 중간",
        str(tmp_path / "deep"): "괄호가 너무 깊이 겹친 JSON",
        str(ROOT / "build" / "site-src" / "x"): "원본을 모으는 임시 폴더",
    }
    before = snapshot(tmp_path)
    for out, message in cases.items():
        result = run_build("--out", out)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before
    assert not (ROOT / "build" / "site-src" / "x").exists()


@needs_311
def test_help_is_korean() -> None:
    result = run_build("-h")
    assert result.returncode == 0
    assert "사용법:" in result.stdout and "옵션:" in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout
