"""주피터에서 Value 와 그림이 SVG 로 보이는지 확인합니다."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from micrograd_kr import Value
from micrograd_kr.viz import apple_price, draw_graph


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter() if t.tag.endswith("text")]


@pytest.mark.needs_renderer
def test_value_displays_its_graph_as_svg():
    bundle = apple_price()._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Value(data=220")
    texts = _texts(bundle["image/svg+xml"])
    assert "사과 가격" in texts and "지불 금액" in " ".join(texts)


def test_huge_value_falls_back_to_text():
    x = Value(1.0)
    for _ in range(600):  # 기본 노드 한도(500)를 넘는다
        x = x + 1.0
    bundle = x._repr_mimebundle_()
    assert set(bundle) == {"text/plain"}
    assert "601" in bundle["text/plain"]


@pytest.mark.needs_renderer
def test_digraph_displays_as_svg():
    bundle = draw_graph(apple_price(), style="textbook")._repr_mimebundle_()
    assert "image/svg+xml" in bundle
    assert "소비세" in _texts(bundle["image/svg+xml"])
