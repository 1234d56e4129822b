"""강의 웹사이트를 ``site/`` 에 만듭니다: ``python docs/site/build.py`` (또는 ``make site``).

저장소에서 페이지의 원본을 모아 ``build/site-src/`` 에 두고 Sphinx 로 빌드합니다.

- 첫 페이지: ``README.md``
- 강의: ``notebooks/README.md`` (용어집과 길잡이, 있으면), ``notebooks/*.ipynb`` (모두, 번호 순서로,
  빌드할 때 새로 실행)
- API 참고서: ``micrograd_kr`` 의 모듈마다 한국어 docstring 에서
- 벤치마크 결과: ``benchmarks/README.md``

만든 사이트는 인터넷 없이 파일로 열립니다 (``site/index.html``).

``--out 폴더`` 는 비어 있거나 이 빌드가 만든 폴더여야 합니다. 빌드는 폴더에 표시 파일
(``.micrograd-kr-site.json``, 빌드가 쓴 파일마다 크기와 해시)을 남기고, 다시 빌드할 때 그대로인
파일만 지웁니다 (``output_folder.py``). 사용자의 파일이 든 폴더, 쓸 수 없는 곳, 이상한 표시 파일은
아무것도 바꾸지 않고 종료 코드 2 로 멈춥니다.

빌드는 경고(warning) 하나에도 실패합니다 (Sphinx ``-W``): API 쪽에 reStructuredText 가 날것으로
보이거나 노트북의 그림이 빠진 채로 사이트가 나가지 않게.
"""

from __future__ import annotations

import argparse
import pkgutil
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF_DIR = Path(__file__).resolve().parent
if str(CONF_DIR) not in sys.path:  # 곁의 모듈 (python docs/site/build.py 로 돌 때는 이미 있음)
    sys.path.insert(0, str(CONF_DIR))

from output_folder import (  # noqa: E402
    MARKER,
    OutputFolderError,
    prepare_output,
    record_output,
)

from micrograd_kr.files import describe_os_error  # noqa: E402
from micrograd_kr.korean import particle  # noqa: E402

__all__ = ["MARKER", "OutputFolderError", "api_page", "build", "main", "prepare_output"]


# 쪽에 싣지 않는 모듈: 이름이 _ 로 시작하는 내부 모듈 (예: exercises._registry)
def _is_private(name: str) -> bool:
    return any(part.startswith("_") for part in name.split("."))


def public_modules() -> list[str]:
    """쪽에 싣는 모듈: ``micrograd_kr`` 과 그 아래의 공개 모듈 (새 모듈도 저절로)."""
    import micrograd_kr

    found = sorted(
        m.name
        for m in pkgutil.walk_packages(micrograd_kr.__path__, "micrograd_kr.")
        if not _is_private(m.name)
    )
    return ["micrograd_kr", *found]


def reexports(name: str, documented: set[str]) -> dict[str, str]:
    """모듈 ``name`` 이 ``__all__`` 로 다시 내보내는 클래스·함수 → 그것이 정의된(쪽에 실린) 모듈.

    이런 이름은 정의된 모듈에서 한 번만 설명하고, 여기서는 그리로 가는 고리만 답니다: 같은
    설명이 두 번 실리면 Sphinx 가 "duplicate object description" 경고를 내고, 글 속의
    ``Value`` 같은 고리가 어느 쪽을 가리킬지 정하지 못합니다.
    """
    import importlib
    import inspect

    module = importlib.import_module(name)
    found: dict[str, str] = {}
    for member in getattr(module, "__all__", ()):
        obj = getattr(module, member, None)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        home = getattr(obj, "__module__", name)
        if home != name and home in documented:
            found[member] = f"{home}.{obj.__qualname__}"
    return found


def api_page() -> str:
    names = public_modules()
    parts = [
        "# API 참고서\n",
        "모듈마다 공개된 클래스와 함수의 설명입니다 (코드의 docstring에서 만들어짐).\n",
    ]
    for name in names:
        moved = reexports(name, set(names))
        block = f".. automodule:: {name}\n   :members:\n"
        if moved:
            block += f"   :exclude-members: {', '.join(moved)}\n\n"
            block += "이 모듈에서도 부를 수 있는 이름 (설명은 정의된 모듈에):\n\n"
            block += "".join(f"- :py:obj:`{m} <{target}>`\n" for m, target in moved.items())
        parts.append(f"\n## `{name}`\n\n```{{eval-rst}}\n{block}```\n")
    return "".join(parts)


# README 의 탐험기 화면 사진: 첫 쪽에서는 그 자리에 진짜 탐험기를 넣는다
EXPLORER_SCREENSHOT = re.compile(r"^!\[[^\]]*\]\(docs/screenshots/explorer\.png\)[ \t]*$", re.M)
SCREENSHOT_NOTE = re.compile(r"\*위는 화면 사진이라[^*]*\*")
LIVE_NOTE = "*위의 탐험기는 이 쪽에서 바로 움직입니다: 단추를 누르거나, 그림을 누른 뒤 ← → 키.*"


def live_explorer() -> str:
    """첫 쪽에 넣을 역전파 탐험기: e=(a+b)(b+1). 노트북 02 처럼 쪽 안에서 움직입니다.

    공개 API ``micrograd_kr.viz.explore`` 가 주피터에 보여 주는 것(``_repr_html_``)을 그대로
    MyST 의 raw 블록에 넣습니다. 스크립트와 모양(CSS)이 모두 들어 있어 인터넷이 필요 없습니다.
    """
    from micrograd_kr.viz import abb1, explore

    fragment = explore(abb1())._repr_html_()
    longest = max((len(run) for run in re.findall(r"`+", fragment)), default=0)
    fence = "`" * max(4, longest + 1)
    return f"{fence}{{raw}} html\n{fragment}\n{fence}"


def home_page(readme: str) -> str:
    """README → 첫 쪽: 탐험기의 화면 사진 자리에 진짜 탐험기를 (사진이 없으면 그대로)."""
    if not EXPLORER_SCREENSHOT.search(readme):
        return readme
    page = EXPLORER_SCREENSHOT.sub(lambda _: live_explorer(), readme, count=1)
    return SCREENSHOT_NOTE.sub(LIVE_NOTE, page, count=1)


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
    (src / "index.md").write_text(home_page(readme) + "\n" + toctree, encoding="utf-8")
    return docs


SRC = ROOT / "build" / "site-src"  # 모은 원본 (빌드마다 새로)
DOCTREES = ROOT / "build" / "site-doctrees"  # Sphinx 의 중간 결과 (빌드마다 새로)


def check_out_place(out: Path) -> None:
    """``out`` 이 빌드가 쓰는 임시 폴더이거나 그 안이면 멈춘다 (원본을 지우며 빌드하게 되므로)."""
    here = out.resolve()
    for work in (SRC, DOCTREES):
        if here == work.resolve() or work.resolve() in here.parents:
            raise OutputFolderError(
                f"--out {particle(repr(str(out)), '은')} 빌드가 원본을 모으는 임시 폴더"
                f"({work.relative_to(ROOT)}) 안입니다. 다른 폴더 이름을 주세요 (예: --out site)."
            )


def build(out: Path, jobs: str = "1") -> int:
    """사이트를 ``out`` 에 만들고 Sphinx 의 종료 코드를 돌려줍니다 (0 이면 성공)."""
    check_out_place(out)
    kept = prepare_output(out)  # 빌드가 만든 것만 지운다: 사용자의 파일이 있으면 여기서 멈춘다
    from sphinx.cmd.build import build_main

    try:
        try:
            stage(SRC)
            shutil.rmtree(DOCTREES, ignore_errors=True)
        except OSError as exc:
            raise OutputFolderError(
                "원본을 모으지 못했습니다: " + describe_os_error(exc, None, "쓰지")
            ) from None
        # -W: 경고도 실패로 (--keep-going: 끝까지 읽고 경고를 모두 보인 뒤)
        args = ["-b", "html", "-q", "-W", "--keep-going", "-c", str(CONF_DIR)]
        args += ["-d", str(DOCTREES), "-j", jobs]
        return build_main([*args, str(SRC), str(out)])
    finally:  # 빌드가 실패해도 쓴 파일은 적어 둔다: 다음 빌드가 지울 수 있게
        try:
            record_output(out, kept)
        except OSError as exc:
            print(
                "경고: 빌드가 쓴 파일의 목록을 적지 못했습니다 — "
                + describe_os_error(exc, None, "쓰지"),
                file=sys.stderr,
            )


def jobs_value(text: str) -> str:
    """``-j`` 값: 1–64 의 정수나 ``auto`` (Sphinx 에 그대로 넘길 글)."""
    if text == "auto":
        return text
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(
            f"{particle(repr(text[:40]), '은')} 프로세스 수가 아닙니다: 1–64의 정수나 auto를 "
            "주세요 (예: -j 2)."
        )
    return str(value)


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < (3, 11):
        print(
            "웹사이트는 Python 3.11 이상에서 만듭니다 (3.10 에서 설치되는 옛 테마는 인터넷 없이 "
            "파일로 열 때 글꼴을 읽지 못합니다): make clean 뒤 make site PYTHON=python3.11",
            file=sys.stderr,
        )
        return 1
    from micrograd_kr.cli_parser import KoreanArgumentParser

    parser = KoreanArgumentParser(
        prog="docs/site/build.py",
        description="강의 웹사이트를 만듭니다 (노트북을 모두 새로 실행, 인터넷 없이 열림).",
    )
    parser.add_argument(
        "--out", default=str(ROOT / "site"), metavar="폴더", help="만들 폴더 (기본 site/)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        default="1",
        type=jobs_value,
        metavar="개수",
        help="동시에 읽을 프로세스 수: 1–64 나 auto (기본 1)",
    )
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
    else:
        print(
            "오류: 웹사이트를 만들지 못했습니다 (위의 경고·오류를 고친 뒤 다시 하세요). "
            f"빌드가 쓴 파일은 {str(args.out)!r}에 남아 있고 다음 빌드가 지웁니다.",
            file=sys.stderr,
        )
    return code


if __name__ == "__main__":
    sys.exit(main())
