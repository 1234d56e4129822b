"""강의 웹사이트를 ``site/`` 에 만듭니다: ``python docs/site/build.py`` (또는 ``make site``).

저장소에서 페이지의 원본을 모아 ``build/site-src/`` 에 두고 Sphinx 로 빌드합니다.

- 첫 페이지: ``README.md``
- 강의: ``notebooks/README.md`` (용어집과 길잡이, 있으면), ``notebooks/*.ipynb`` (모두, 번호 순서로,
  빌드할 때 새로 실행)
- API 참고서: ``micrograd_kr`` 의 모듈마다 한국어 docstring 에서
- 벤치마크 결과: ``benchmarks/README.md``

만든 사이트는 인터넷 없이 파일로 열립니다 (``site/index.html``).

``--out 폴더`` 는 비어 있거나 이 빌드가 만든 폴더여야 합니다. 빌드는 폴더에 표시 파일
(``.micrograd-kr-site.json``, 빌드가 쓴 파일 목록)을 남기고, 다시 빌드할 때 그 목록의 파일만
지웁니다. 사용자의 파일이 든 폴더는 건드리지 않고 종료 코드 2 로 멈춥니다.
"""

from __future__ import annotations

import argparse
import json
import os
import pkgutil
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF_DIR = Path(__file__).resolve().parent


# 쪽에 싣지 않는 모듈: 이름이 _ 로 시작하는 내부 모듈 (예: exercises._registry)
def _is_private(name: str) -> bool:
    return any(part.startswith("_") for part in name.split("."))


# 빌드가 만든 폴더라는 표시(marker). 빌드가 쓴 파일들의 목록이 들어 있고, 다시 빌드할 때는
# 이 목록에 있는 것만 지웁니다.
MARKER = ".micrograd-kr-site.json"


class OutputFolderError(ValueError):
    """--out 폴더를 빌드에 쓸 수 없을 때 (사용자의 파일이 든 폴더 등)."""


def api_page() -> str:
    import micrograd_kr

    names = sorted(
        m.name
        for m in pkgutil.walk_packages(micrograd_kr.__path__, "micrograd_kr.")
        if not _is_private(m.name)
    )
    parts = [
        "# API 참고서\n",
        "모듈마다 공개된 클래스와 함수의 설명입니다 (코드의 docstring 에서 만들어짐).\n",
    ]
    for name in ["micrograd_kr", *names]:
        parts.append(
            f"\n## `{name}`\n\n```{{eval-rst}}\n.. automodule:: {name}\n   :members:\n```\n"
        )
    return "".join(parts)


def stage(src: Path) -> list[str]:
    """페이지 원본을 src 에 모으고 목차(toctree)에 넣을 문서 이름들을 돌려줍니다."""
    if src.exists():
        shutil.rmtree(src)
    (src / "notebooks").mkdir(parents=True)
    docs: list[str] = []
    for folder in ("images", "screenshots"):  # README 가 가리키는 그림들
        if (ROOT / "docs" / folder).is_dir():
            shutil.copytree(ROOT / "docs" / folder, src / "docs" / folder)
    guide = ROOT / "notebooks" / "README.md"
    if guide.exists():
        shutil.copy(guide, src / "notebooks" / "README.md")
        docs.append("notebooks/README")
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy(notebook, src / "notebooks" / notebook.name)
        docs.append(f"notebooks/{notebook.stem}")
    for extra in sorted((ROOT / "notebooks").iterdir()):  # 노트북이 읽는 자료 (폴더, 파일)
        if extra.suffix not in (".ipynb", ".md") and not extra.name.startswith("."):
            target = src / "notebooks" / extra.name
            if extra.is_dir():
                shutil.copytree(extra, target)
            else:
                shutil.copy(extra, target)
    (src / "api.md").write_text(api_page(), encoding="utf-8")
    docs.append("api")
    bench = ROOT / "benchmarks" / "README.md"
    if bench.exists():
        (src / "benchmarks").mkdir()
        shutil.copy(bench, src / "benchmarks" / "README.md")
        docs.append("benchmarks/README")
    toctree = "\n```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(docs) + "\n```\n"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(readme + "\n" + toctree, encoding="utf-8")
    return docs


def build(out: Path, jobs: str = "1") -> int:
    kept = prepare_output(out)  # 빌드가 만든 것만 지운다: 사용자의 파일이 있으면 여기서 멈춘다
    from sphinx.cmd.build import build_main

    src = ROOT / "build" / "site-src"
    stage(src)
    doctrees = ROOT / "build" / "site-doctrees"
    shutil.rmtree(doctrees, ignore_errors=True)
    args = ["-b", "html", "-q", "-c", str(CONF_DIR), "-d", str(doctrees), "-j", jobs]
    try:
        return build_main([*args, str(src), str(out)])
    finally:  # 빌드가 실패해도 쓴 파일은 적어 둔다: 다음 빌드가 지울 수 있게
        record_output(out, kept)


def _files_under(folder: Path) -> set[str]:
    """폴더 안의 파일(과 심볼릭 링크)들의 상대 경로. 링크를 따라 들어가지 않습니다."""
    found: set[str] = set()
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in files + [d for d in dirs if (Path(here) / d).is_symlink()]:
            found.add((Path(here) / name).relative_to(folder).as_posix())
    return found


def prepare_output(out: Path) -> set[str]:
    """빌드할 폴더 ``out`` 을 준비하고, 빌드 전부터 있던(지우지 않은) 파일들을 돌려줍니다.

    - 없거나 빈 폴더: 만들고 그대로 씁니다.
    - 이 빌드가 만든 폴더(표시 파일 ``MARKER`` 가 있음): 표시 파일에 적힌, 지난 빌드가 쓴
      파일들만 지우고 빈 폴더를 정리합니다. 그 뒤에 넣은 사용자의 파일은 남습니다.
    - 그 밖의 비어 있지 않은 폴더나 파일: 아무것도 지우지 않고 ``OutputFolderError``.
    """
    if out.exists() and not out.is_dir():
        raise OutputFolderError(
            f"--out {str(out)!r}은 폴더가 아니라 파일입니다. 웹사이트를 만들 새 폴더 이름을 "
            "주세요 (예: --out site)."
        )
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if not marker.is_file():
        if any(out.iterdir()):
            raise OutputFolderError(
                f"--out 폴더 {str(out)!r}에 이미 파일이 있고, 이 빌드가 만든 폴더라는 표시"
                f"({MARKER})가 없습니다. 남의 파일을 지우지 않도록 멈췄습니다. 빈 폴더나 새 "
                "폴더 이름을 주세요 (예: --out site)."
            )
        _write_marker(out, [])
        return set()
    try:
        made = json.loads(marker.read_text(encoding="utf-8")).get("files", [])
    except (ValueError, AttributeError, OSError) as exc:
        raise OutputFolderError(
            f"--out 폴더 {str(out)!r}의 표시 파일 {MARKER}를 읽지 못했습니다 ({exc}). "
            "폴더를 직접 비우거나 새 폴더 이름을 주세요."
        ) from None
    root = out.resolve()
    folders: set[Path] = set()
    for name in made if isinstance(made, list) else []:
        relative = Path(str(name))
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            continue  # 폴더 밖을 가리키는 이름은 지우지 않는다
        path = out / relative
        if path.parent.resolve() != root and root not in path.parent.resolve().parents:
            continue  # 중간 폴더가 바깥을 가리키는 링크인 경우
        if path.is_symlink() or path.is_file():
            path.unlink()
        folders.update(p for p in relative.parents if p != Path("."))
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        path = out / folder
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()
    marker.unlink()
    kept = _files_under(out)
    _write_marker(out, [])  # 빌드 도중 멈춰도 이 폴더는 빌드의 것으로 남는다
    return kept


def record_output(out: Path, kept: set[str]) -> None:
    """빌드가 ``out`` 에 쓴 파일들(빌드 전부터 있던 ``kept`` 는 빼고)을 표시 파일에 적습니다."""
    if out.is_dir():
        _write_marker(out, sorted(_files_under(out) - kept - {MARKER}))


def _write_marker(out: Path, files: list[str]) -> None:
    text = json.dumps({"made_by": "docs/site/build.py", "files": files}, ensure_ascii=False)
    (out / MARKER).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < (3, 11):
        print(
            "웹사이트는 Python 3.11 이상에서 만듭니다 (3.10 에서 설치되는 옛 테마는 인터넷 없이 "
            "파일로 열 때 글꼴을 읽지 못합니다): make clean 뒤 make site PYTHON=python3.11",
            file=sys.stderr,
        )
        return 1
    parser = argparse.ArgumentParser(description="강의 웹사이트를 만듭니다.")
    parser.add_argument("--out", default=str(ROOT / "site"), help="만들 폴더 (기본 site/)")
    parser.add_argument("-j", "--jobs", default="1", help="동시에 읽을 프로세스 수 (기본 1)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        code = build(Path(args.out), args.jobs)
    except OutputFolderError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return 2
    if code == 0:
        index = Path(args.out).resolve() / "index.html"
        print(f"웹사이트를 만들었습니다 ({time.perf_counter() - started:.0f}초): {index}")
    return code


if __name__ == "__main__":
    sys.exit(main())
