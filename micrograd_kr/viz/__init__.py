"""그림(pictures): 계산 그래프, 신경망 구조, 한 걸음씩 보는 역전파.

>>> from micrograd_kr.viz import apple_price, draw_graph, render
>>> picture = draw_graph(apple_price(), style="textbook")   # 주피터에서는 곧바로 그림이 보인다
>>> render(picture, "apple.svg")                          # doctest: +SKIP

색의 약속: 값은 파랑, 기울기는 빨강 (``legend=True``로 범례를 붙임). 역전파를 한 걸음씩::

    for step in backward_steps(root):      # 이번 역전파의 숫자만, 글과 그림이 같다
        print(step)
        display(step.draw(style="textbook"))   # 모든 걸음이 같은 배치

SVG는 pip으로 설치되는 Graphviz 만으로 그려집니다. PNG·PDF는 시스템 Graphviz(dot)가
필요합니다. matplotlib 그림(손실 곡선, 결정 경계)은 ``micrograd_kr.viz.plots``에 있습니다.
"""

from micrograd_kr.viz.explore import Explorer, explore
from micrograd_kr.viz.graph import draw_graph
from micrograd_kr.viz.labels import format_number
from micrograd_kr.viz.network import draw_layers, draw_network
from micrograd_kr.viz.render import GraphPicture, RenderError, render, to_svg
from micrograd_kr.viz.steps import BackwardStep, backward_steps
from micrograd_kr.viz.textbook import abb1, apple_orange_price, apple_price, neuron, square_of_sum

__all__ = [
    "BackwardStep",
    "Explorer",
    "GraphPicture",
    "RenderError",
    "abb1",
    "apple_orange_price",
    "apple_price",
    "backward_steps",
    "draw_graph",
    "draw_layers",
    "draw_network",
    "explore",
    "format_number",
    "neuron",
    "render",
    "square_of_sum",
    "to_svg",
]
