"""주피터(Jupyter)의 자동 표시: 셀의 마지막 줄이 ``Value``이면 보이는 것.

- 작은 그래프는 전체를 값 상자 모양으로 그립니다.
- 큰 그래프는 출력에 가까운 부분만 그리고 "… N개 노드 더"와 전체를 그리는 방법
  (``draw_graph(root, max_nodes=None)``)을 적습니다. 노트북이 긴 그림으로 덮이지 않습니다.
- 그릴 도구가 없으면(예: Python 3.10에 시스템 Graphviz 없음) 글자(repr)로 보이고, 무엇을
  설치하면 되는지는 세션에 한 번만 덧붙입니다.
"""

from __future__ import annotations

from micrograd_kr.engine import Value
from micrograd_kr.viz.graph import display_graph
from micrograd_kr.viz.render import RenderError, hint_once, to_svg

DISPLAY_NODES = 30  # 자동 표시에서 전체를 그리는 노드 수의 한도


def value_mimebundle(value: Value) -> dict[str, str]:
    """``Value._repr_mimebundle_``의 내용: 글자(text/plain)와, 그릴 수 있으면 SVG 그림."""
    text = repr(value)
    try:
        svg = to_svg(display_graph(value, keep=DISPLAY_NODES))
    except RenderError as exc:
        hint = hint_once(exc)
        return {"text/plain": f"{text}\n{hint}" if hint else text}
    return {"text/plain": text, "image/svg+xml": svg}
