"""강의 웹사이트를 ``site/`` 에 만듭니다: ``python docs/site/build.py`` (또는 ``make site``).

저장소에서 페이지의 원본을 모아 ``build/site-src/`` 에 두고 Sphinx 로 빌드합니다.

- 첫 페이지: ``README.md``
- 강의: ``notebooks/README.md`` (용어집과 길잡이, 있으면), ``notebooks/*.ipynb`` (모두, 번호 순서로,
  빌드할 때 새로 실행)
- API 참고서: ``micrograd_kr`` 의 모듈마다 한국어 docstring 에서
- 벤치마크 결과: ``benchmarks/README.md``

만든 사이트는 인터넷 없이 파일로 열립니다 (``site/index.html``).
"""

from __future__ import annotations

import argparse
import pkgutil
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF_DIR = Path(__file__).resolve().parent
SKIP_MODULES = {"micrograd_kr.__main__"}


def api_page() -> str:
    import micrograd_kr

    names = sorted(
        m.name
        for m in pkgutil.walk_packages(micrograd_kr.__path__, "micrograd_kr.")
        if m.name not in SKIP_MODULES
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
    from sphinx.cmd.build import build_main

    src = ROOT / "build" / "site-src"
    stage(src)
    if out.exists():
        shutil.rmtree(out)
    doctrees = ROOT / "build" / "site-doctrees"
    shutil.rmtree(doctrees, ignore_errors=True)
    args = ["-b", "html", "-q", "-c", str(CONF_DIR), "-d", str(doctrees), "-j", jobs]
    return build_main([*args, str(src), str(out)])


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
    code = build(Path(args.out), args.jobs)
    if code == 0:
        index = Path(args.out).resolve() / "index.html"
        print(f"웹사이트를 만들었습니다 ({time.perf_counter() - started:.0f}초): {index}")
    return code


if __name__ == "__main__":
    sys.exit(main())
