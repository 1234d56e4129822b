"""웹사이트를 만들 ``--out`` 폴더를 준비하고, 빌드가 쓴 파일을 표시 파일(marker)에 적습니다.

빌드는 폴더에 표시 파일 ``.micrograd-kr-site.json`` 을 남깁니다. 그 안에는 빌드가 쓴 파일마다
크기와 SHA-256 해시(hash)가 적혀 있습니다. 다시 빌드할 때는

- 표시 파일에 적혀 있고, 크기와 해시가 지금도 그대로인 파일만 지웁니다.
- 적힌 파일 가운데 하나라도 그 뒤에 바뀌었으면(사용자가 고쳤거나 다른 파일로 바꿈) 아무것도
  지우지 않고 멈춥니다: 빌드가 그 자리에 새 파일을 쓰면 사용자의 글이 사라지기 때문입니다.
- 표시 파일에 적히지 않은 파일(빌드 뒤에 사용자가 넣은 것)은 그대로 둡니다.
- 표시 파일이 자기 자신을 적고 있거나, 너무 크거나(``MARKER_MAX_BYTES``, ``MARKER_MAX_FILES``),
  읽을 수 없으면 아무것도 지우지 않고 멈춥니다.
- 옛 빌드의 표시 파일(이름 목록만, 해시 없음)은 표시 파일을 쓴 시각보다 나중에 고친 파일이
  없을 때만 믿습니다 (빌드는 파일을 다 쓴 뒤에 표시 파일을 씁니다).

멈출 때는 ``OutputFolderError`` (한국어 메시지, ``build.py`` 는 종료 코드 2)를 내고, 폴더와 그
안의 파일은 빌드 전 그대로입니다 (새로 만든 폴더는 다시 지웁니다).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from micrograd_kr.files import describe_os_error
from micrograd_kr.korean import particle

MARKER = ".micrograd-kr-site.json"
MARKER_FORMAT = 2  # 옛 모양(format 없음)은 파일 이름 목록만: 표시 파일보다 나중에 고친 파일은 남김
MARKER_MAX_BYTES = 4_000_000  # 사이트 하나의 표시 파일은 수십 KB: 이보다 크면 읽지 않는다
MARKER_MAX_FILES = 20_000  # 사이트의 파일은 수백 개
_HEX = frozenset("0123456789abcdef")


class OutputFolderError(ValueError):
    """--out 폴더를 빌드에 쓸 수 없을 때 (사용자의 파일이 든 폴더, 쓸 수 없는 곳 등)."""


def _shown(path: Path | str, limit: int = 120) -> str:
    """메시지에 넣을 경로: 너무 길면 가운데를 줄인다."""
    text = str(path)
    if len(text) <= limit:
        return repr(text)
    half = (limit - 1) // 2
    return repr(text[:half] + "…" + text[-half:]) + f" ({len(text)}자)"


def file_digest(path: Path) -> dict[str, Any]:
    """파일의 크기와 SHA-256 해시."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return {"size": size, "sha256": digest.hexdigest()}


def files_under(folder: Path) -> set[str]:
    """폴더 안의 파일(과 심볼릭 링크)들의 상대 경로. 링크를 따라 들어가지 않습니다."""
    found: set[str] = set()
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in files + [d for d in dirs if (Path(here) / d).is_symlink()]:
            found.add((Path(here) / name).relative_to(folder).as_posix())
    return found


# ------------------------------------------------------------------ 준비
def prepare_output(out: Path) -> set[str]:
    """빌드할 폴더 ``out`` 을 준비하고, 빌드 전부터 있던(지우지 않은) 파일들을 돌려줍니다.

    - 없거나 빈 폴더: 만들고 그대로 씁니다.
    - 이 빌드가 만든 폴더(표시 파일이 있음): 지난 빌드가 쓴 그대로인 파일만 지웁니다.
    - 그 밖의 비어 있지 않은 폴더, 파일, 쓸 수 없는 곳: 아무것도 바꾸지 않고 ``OutputFolderError``.
    """
    _check_place(out)
    created = [p for p in (out, *out.parents) if not os.path.lexists(p)]
    try:
        out.mkdir(parents=True, exist_ok=True)
        marker = out / MARKER
        if not os.path.lexists(marker):
            if any(out.iterdir()):
                raise OutputFolderError(
                    f"--out 폴더 {_shown(out)}에 이미 파일이 있고, 이 빌드가 만든 폴더라는 표시"
                    f"({MARKER})가 없습니다. 남의 파일을 지우지 않도록 멈췄습니다. 빈 폴더나 새 "
                    "폴더 이름을 주세요 (예: --out site)."
                )
            write_marker(out, {})
            return set()
        return _clean_previous_build(out, marker)
    except OSError as exc:
        _undo_created(created)
        raise OutputFolderError(
            "웹사이트 폴더를 준비하지 못했습니다: " + describe_os_error(exc, out, "쓰지")
        ) from None
    except OutputFolderError:
        _undo_created(created)
        raise


def _check_place(out: Path) -> None:
    """``out`` 이 파일이거나, 경로 중간에 파일이 있으면 멈춘다 (아무것도 만들기 전에)."""
    if os.path.lexists(out) and not out.is_dir():
        raise OutputFolderError(
            f"--out {particle(_shown(out), '은')} 폴더가 아니라 파일입니다. 웹사이트를 만들 새 "
            "폴더 이름을 주세요 (예: --out site)."
        )
    for parent in out.parents:
        if parent.is_dir():
            return
        if os.path.lexists(parent):
            raise OutputFolderError(
                f"--out {_shown(out)}의 경로 중간 {particle(_shown(parent), '은')} 폴더가 아니라 "
                "파일입니다. "
                "그 안에는 폴더를 만들 수 없습니다: 다른 경로를 주세요 (예: --out site)."
            )


def _undo_created(created: list[Path]) -> None:
    """이번에 새로 만든 폴더들을 (비어 있으면) 다시 지운다: 멈춘 빌드는 흔적을 남기지 않는다."""
    for folder in created:  # 깊은 것부터
        try:
            for leftover in (folder / MARKER,):
                if leftover.is_file() and not leftover.is_symlink():
                    leftover.unlink()
            folder.rmdir()
        except OSError:
            return


def read_marker(marker: Path) -> dict[str, dict[str, Any]]:
    """표시 파일을 읽어 {상대 경로: {"size", "sha256"}}을 돌려줍니다. 이상하면 멈춥니다.

    옛 빌드의 표시 파일(이름 목록만)은 {상대 경로: {"mtime_max": 표시 파일을 쓴 시각}}으로:
    빌드는 파일을 다 쓴 뒤에 표시 파일을 쓰므로, 그보다 나중에 고친 파일은 사용자의 것입니다.
    """
    where = _shown(marker)

    def refuse(josa: str, reason: str) -> OutputFolderError:
        named = where + josa if josa in ("에", "의") else particle(where, josa)
        return OutputFolderError(
            f"표시 파일 {named} {reason} 아무것도 지우지 않고 멈췄습니다. 폴더를 직접 비우거나 "
            "새 폴더 이름을 주세요 (예: --out site)."
        )

    if marker.is_symlink() or not marker.is_file():
        raise refuse("이", "보통 파일이 아닙니다 (폴더나 심볼릭 링크).")
    size = marker.stat().st_size
    if size > MARKER_MAX_BYTES:
        raise refuse("이", f"너무 큽니다 ({size:,}바이트, 한도 {MARKER_MAX_BYTES:,}).")
    try:
        data = json.loads(marker.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise refuse("을", "읽지 못했습니다 (UTF-8 글이 아님).") from None
    except RecursionError:
        raise refuse("을", "읽지 못했습니다 (괄호가 너무 깊이 겹친 JSON).") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", "?")
        raise refuse("을", f"읽지 못했습니다 (JSON이 아님, {line}번째 줄).") from None
    if not isinstance(data, dict) or data.get("made_by") != "docs/site/build.py":
        raise refuse("은", "이 빌드가 쓴 모양이 아닙니다.")
    files = data.get("files")
    old = "format" not in data and isinstance(files, list)
    if old:  # 옛 모양(이름 목록만): 표시 파일을 쓴 뒤에 바뀌지 않은(시각이 앞선) 파일만 믿는다
        if not all(isinstance(name, str) for name in files):
            raise refuse("은", "이 빌드가 쓴 모양이 아닙니다 (이름이 글이 아님).")
        files = dict.fromkeys(files, {"mtime_max": marker.stat().st_mtime})
    elif data.get("format") != MARKER_FORMAT:
        raise refuse("은", f"모르는 모양입니다 (format {str(data.get('format'))[:20]!r}).")
    if not isinstance(files, dict):
        raise refuse("은", "이 빌드가 쓴 모양이 아닙니다 (files가 사전이 아님).")
    if len(files) > MARKER_MAX_FILES:
        raise refuse(
            "에", f"파일이 너무 많이 적혀 있습니다 ({len(files):,}개, 한도 {MARKER_MAX_FILES:,})."
        )
    for name, record in files.items():
        if PurePosixPath(name).parts == (MARKER,):
            raise refuse("이", "자기 자신을 지울 파일로 적고 있습니다.")
        if not old and not (
            isinstance(record, dict)
            and type(record.get("size")) is int
            and isinstance(record.get("sha256"), str)
            and len(record["sha256"]) == 64
            and set(record["sha256"]) <= _HEX
        ):
            raise refuse("의", f"항목 {_shown(name, 60)}에 크기와 해시가 없습니다.")
    return files


def _unchanged(path: Path, record: dict[str, Any]) -> bool:
    """지난 빌드가 쓴 그대로인지: 크기·해시가 같은지 (옛 표시 파일이면 그 뒤에 고치지 않았는지)."""
    if path.is_symlink() or not path.is_file():
        return False
    if "mtime_max" in record:
        return path.stat().st_mtime <= record["mtime_max"]
    return file_digest(path) == record


def _inside(out: Path, name: str, folders: dict[tuple[str, ...], bool]) -> Path | None:
    """표시 파일의 이름 → 폴더 안에 있는 경로. 없거나 바깥을 가리키면(.., 절대 경로, 링크) None.

    중간 폴더가 심볼릭 링크면 바깥일 수 있으므로 None (폴더마다 한 번만 알아본다: ``folders``).
    """
    relative = PurePosixPath(name)
    if not relative.parts or relative.is_absolute() or ".." in relative.parts:
        return None
    if "\\" in name or "\x00" in name:
        return None
    for depth in range(1, len(relative.parts)):
        key = relative.parts[:depth]
        if key not in folders:
            here = out.joinpath(*key)
            folders[key] = here.is_dir() and not here.is_symlink()
        if not folders[key]:
            return None
    path = out.joinpath(*relative.parts)
    return path if os.path.lexists(path) else None


def _clean_previous_build(out: Path, marker: Path) -> set[str]:
    files = read_marker(marker)
    folders_seen: dict[tuple[str, ...], bool] = {}
    doomed: list[Path] = []
    changed: list[str] = []
    for name, record in files.items():
        path = _inside(out, name, folders_seen)
        if path is None:
            continue  # 없는 파일, 바깥을 가리키는 이름: 건드리지 않는다
        if not _unchanged(path, record):
            changed.append(name)
        else:
            doomed.append(path)
    if changed:
        listed = ", ".join(_shown(n, 60) for n in sorted(changed)[:3])
        more = f" 외 {len(changed) - 3}개" if len(changed) > 3 else ""
        raise OutputFolderError(
            f"--out 폴더 {_shown(out)}에서 지난 빌드가 쓴 파일 {len(changed)}개가 그 뒤에 "
            f"바뀌었습니다: {listed}{more}. 새로 빌드하면 그 자리에 다시 쓰게 되므로 아무것도 "
            "지우지 않고 멈췄습니다. 필요한 파일을 다른 곳에 옮긴 뒤 다시 하거나, 새 폴더 "
            "이름을 주세요 (예: --out site)."
        )
    folders: set[Path] = set()
    for path in doomed:
        path.unlink()
        folders.update(p for p in path.relative_to(out).parents if p != Path("."))
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        path = out / folder
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()
    kept = files_under(out) - {MARKER}
    write_marker(out, {})  # 빌드 도중 멈춰도 이 폴더는 빌드의 것으로 남는다
    return kept


# ------------------------------------------------------------------ 기록
def record_output(out: Path, kept: set[str]) -> None:
    """빌드가 ``out`` 에 쓴 파일들(빌드 전부터 있던 ``kept`` 는 빼고)을 크기·해시와 함께 적습니다.

    보통 파일만 적습니다: 심볼릭 링크는 빌드가 만들지 않으므로 다음 빌드에서도 남습니다.
    """
    if not out.is_dir():
        return
    made = {}
    for name in sorted(files_under(out) - kept - {MARKER}):
        path = out / name
        if path.is_file() and not path.is_symlink():
            made[name] = file_digest(path)
    write_marker(out, made)


def write_marker(out: Path, files: dict[str, dict[str, Any]]) -> None:
    """표시 파일을 통째로 바꿔 씁니다 (쓰다 멈춰도 반쯤 쓴 표시 파일이 남지 않게)."""
    data = {"made_by": "docs/site/build.py", "format": MARKER_FORMAT, "files": files}
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)
    temporary = out / (MARKER + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, out / MARKER)
    finally:
        if temporary.exists():
            temporary.unlink()
