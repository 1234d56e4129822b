"""CLI 그림 명령 테스트: draw_command 와 demo_pictures 가 올바른 그림 파일을 쓰는지."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from viz_support import needs_renderer

from micrograd_kr import MLP
from micrograd_kr.viz.commands import NAMES, demo_pictures, draw_command

SVG = "{http://www.w3.org/2000/svg}"


def words(path) -> set[str]:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    return {(t.text or "").strip() for t in root.iter(SVG + "text")}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("apple", {"사과 가격", "220", "2.2"}),
        ("apple-orange", {"귤 가격", "715", "3.3"}),
        ("abb1", {"a", "b", "6", "(기울기 합 5)"}),
        ("square", {"x", "y", "**2", "9", "6"}),
        ("neuron", {"x1", "w2", "tanh", "o"}),
        ("mlp", {"입력층", "출력층 · 활성화: 없음(선형)", "x1", "y1"}),
    ],
)
@needs_renderer
def test_draw_command_textbook(tmp_path, name, expected):
    path = draw_command(name, tmp_path / f"{name}.svg")
    assert path.exists() and expected <= words(path)


@needs_renderer
def test_draw_command_card_style(tmp_path):
    path = draw_command("apple", str(tmp_path / "apple.svg"), style="card")
    assert {"사과 가격", "값 100", "기울기 2.2"} <= words(path)


def test_mlp_refuses_card_style(tmp_path):
    with pytest.raises(ValueError, match="mlp 그림은 .*--style card"):
        draw_command("mlp", tmp_path / "mlp.svg", style="card")
    assert not (tmp_path / "mlp.svg").exists()


@needs_renderer
def test_demo_and_draw_pictures_carry_a_legend(tmp_path):
    path = draw_command("abb1", tmp_path / "abb1.svg", style="card")
    assert {"범례", "잎 노드(입력)", "계산된 노드", "파랑: 값 (순전파)"} <= words(path)


def test_draw_command_unknown_name(tmp_path):
    with pytest.raises(ValueError, match="apple-orange"):
        draw_command("banana", tmp_path / "b.svg")
    assert set(NAMES) == {"apple", "apple-orange", "abb1", "square", "neuron", "mlp"}


@needs_renderer
def test_demo_pictures(tmp_path):
    model = MLP(2, [4, 1], seed=0)
    paths = demo_pictures(model, tmp_path / "pictures")
    assert [p.name for p in paths] == ["apple_price.svg", "neuron.svg", "network.svg"]
    assert "지불 금액" in words(paths[0])
    first = model.layers[0].neurons[0]
    neuron_words = words(paths[1])
    assert f"값 {first.w[0].data:.4g}" in neuron_words  # 학습된 모델의 첫 가중치
    assert "ReLU" in neuron_words and "입력층" in words(paths[2])
    assert "범례" in words(paths[0]) and "범례" in neuron_words
    assert "범례: 선 = 가중치 w" in words(paths[2])


def test_commands_module_is_import_cheap():
    code = "import sys, micrograd_kr.viz.commands; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
