"""명령줄(CLI)에서 쓰는 그림 명령: ``micrograd-kr draw NAME -o FILE`` 와 데모 그림."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.viz import textbook
from micrograd_kr.viz.graph import draw_graph
from micrograd_kr.viz.network import draw_network
from micrograd_kr.viz.render import render

# 이름 → 그래프를 만드는 함수 (backward() 까지 마친 출력 노드를 돌려줌)
GRAPHS: dict[str, Callable[[], Value]] = {
    "apple": textbook.apple_price,
    "apple-orange": textbook.apple_orange_price,
    "abb1": textbook.abb1,
    "square": textbook.square_of_sum,
    "neuron": textbook.neuron,
}
NAMES = (*GRAPHS, "mlp")


def draw_command(name: str, output: str | Path, style: str = "textbook") -> Path:
    """이름이 ``name`` 인 그림을 ``output`` 파일로 그리고 그 경로를 돌려줍니다.

    ``name``: apple, apple-orange, abb1, square, neuron, mlp.
    ``style`` 은 계산 그래프의 모양(card, textbook)입니다. mlp 는 계산 그래프가 아니라 층과 뉴런의
    그림(아직 학습하지 않은 작은 MLP 2→4→4→1, seed=0)이라 모양이 하나뿐이고, ``style="card"`` 를
    주면 조용히 무시하지 않고 ValueError 로 알립니다.
    """
    if name == "mlp" and style == "card":
        raise ValueError(
            "mlp 그림은 층과 뉴런의 그림이라 --style card 가 없습니다. --style 없이 그리거나, "
            "뉴런 하나의 값 상자 그림은 'micrograd-kr draw neuron --style card' 로 그리세요."
        )
    if name == "mlp":
        from micrograd_kr.nn import MLP

        picture = draw_network(MLP(2, [4, 4, 1], seed=0), show_weights=True)
    elif name in GRAPHS:
        picture = draw_graph(GRAPHS[name](), style=style, legend=True)
    else:
        raise ValueError(
            f"그림 이름 {name!r} 을(를) 모릅니다. 다음 중 하나를 고르세요: {', '.join(NAMES)}"
        )
    return render(picture, output)


def demo_pictures(model: Any, outdir: str | Path) -> list[Path]:
    """데모가 끝난 뒤 그림 세 장을 SVG 로 저장합니다 (시스템 Graphviz 없이도 됩니다).

    사과 쇼핑 계산 그래프(교과서 모양), 학습된 모델의 첫 뉴런을 곱셈·덧셈으로 풀어 쓴
    그래프(값 상자 모양, 입력은 모두 1), 그리고 가중치를 색과 굵기로 보인 신경망 그림입니다.
    그림마다 색과 모양의 범례(legend)가 붙습니다.
    """
    outdir = Path(outdir)
    first = model.layers[0].neurons[0]
    weights = [w.data for w in first.w]
    activation = first.activation if first.activation in ("tanh", "sigmoid", "relu") else "linear"
    neuron = textbook.neuron(
        x=[1.0] * len(weights), w=weights, b=first.b.data, activation=activation
    )
    return [
        render(
            draw_graph(textbook.apple_price(), style="textbook", legend=True),
            outdir / "apple_price.svg",
        ),
        render(draw_graph(neuron, style="card", legend=True), outdir / "neuron.svg"),
        render(draw_network(model, show_weights=True), outdir / "network.svg"),
    ]
