"""한 장의 그림에 쓸 내용(view): 어떤 노드를 그리고, 어떤 기울기를 보이고, 무엇을 표시하는지.

값 상자 모양(``card.py``)과 교과서 모양(``textbook_style.py``)이 같은 ``View``를 읽어 그립니다.
한 걸음씩 보는 그림들(``backward_steps``)은 모두 같은 배치(layout)를 쓰도록, 그 걸음들의 글을
모두 알고(``frames``) 상자 크기를 가장 큰 글에 맞춥니다. 상자와 원의 크기도 여기서 정합니다.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from micrograd_kr.engine import Value, reverse_pass
from micrograd_kr.floats import short_repr
from micrograd_kr.viz.metrics import inches, label_size
from micrograd_kr.viz.theme import (
    BOX_MARGIN_X,
    BOX_MARGIN_Y,
    CIRCLE_MARGIN,
    FONT_SIZE,
    GLYPH_BOX_EM,
    HIGHLIGHT_COLOR,
    SYMBOL_FONT_SIZE,
    WORD_FONT_SIZE,
)


class StepLike(Protocol):
    """역전파의 한 걸음(``steps.BackwardStep``)에서 그림이 읽는 것."""

    root: Value
    node: Value
    index: int

    def frames(self) -> list[tuple[set[Value], dict[Value, float]]]: ...


class View:
    """한 장의 그림에 쓸 내용: 노드들, 보일 기울기, 표시할 노드, 배치를 고정할 글들."""

    def __init__(
        self,
        order: list[Value],
        style: str,
        show_grad: bool,
        highlight: Value | None,
        step: StepLike | None,
        kept: set[Value] | None = None,
        stored_grads: bool = False,
    ) -> None:
        self.order = order
        self.root = order[-1]
        self.style = style
        self.highlight = highlight
        self.ids = {node: f"v{i}" for i, node in enumerate(order)}
        self.kept = kept
        self.shown = [n for n in order if kept is None or n in kept]
        self.uses: dict[Value, int] = {}
        self.parents: dict[Value, set[Value]] = {}
        for node in order:
            for child in node.inputs:
                self.uses[child] = self.uses.get(child, 0) + 1
                self.parents.setdefault(child, set()).add(node)
        # 이번 역전파의 기울기 표 (출력에서 1 로 시작). stored_grads 면 노드의 grad 그대로
        # (역전파 탐험기가 값 자리를 찾으려고 grad 에 표시 숫자를 넣어 그릴 때).
        if stored_grads:
            self.pass_grads = {n: n.grad for n in order}
        else:
            self.pass_grads = one_pass(order)
        # frames: 이 그림과 같은 배치를 써야 하는 그림들의 (보낸 노드들, 받은 기울기) 목록
        if step is not None:
            self.show_grad = show_grad
            frames = step.frames()
            self.sent, self.received = frames[step.index]
            self.frames = frames
        else:
            self.show_grad = show_grad and (style == "card" or self.root.grad != 0.0)
            if style == "card":
                self.received = {n: n.grad for n in order}
            else:
                self.received = dict(self.pass_grads)
            self.sent = nodes_done(order, highlight) if self.show_grad else set()
            self.frames = [(self.sent, self.received)]
        self.stepping = step is not None


def one_pass(order: list[Value]) -> dict[Value, float]:
    """출력(order의 끝)에서 기울기 1로 시작한 한 번의 역전파 기울기 표. 노드의 grad는 그대로."""
    grads = dict.fromkeys(order, 0.0)
    grads[order[-1]] = 1.0
    reverse_pass(order, grads)
    return grads


def nearest(root: Value, keep: int) -> set[Value]:
    """출력에서 가까운 순서(너비 우선)로 노드 ``keep`` 개."""
    kept = {root}
    frontier = [root]
    while frontier and len(kept) < keep:
        nxt = []
        for node in frontier:
            for child in node.inputs:
                if child not in kept and len(kept) < keep:
                    kept.add(child)
                    nxt.append(child)
        frontier = nxt
    return kept


def as_step(step: Any, root: Value) -> StepLike:
    """highlight로 받은 걸음(step)을 확인합니다: 이 그래프의 역전파 걸음이어야 한다."""
    if not all(hasattr(step, name) for name in ("root", "node", "index", "frames")):
        raise TypeError(
            "highlight 에는 Value 나 backward_steps 의 걸음(BackwardStep)을 넘겨 주세요. "
            f"받은 값: {short_repr(step)} (자료형 {type(step).__name__})"
        )
    if step.root is not root:
        raise ValueError(
            "이 걸음은 다른 출력의 역전파입니다. backward_steps(root) 에 준 root 를 그려 주세요."
        )
    return step


def nodes_done(order: list[Value], highlight: Value | None) -> set[Value]:
    """역전파가 이미 지나간 노드들. highlight가 없으면 모든 노드."""
    if highlight is None:
        return set(order)
    backwards = order[::-1]
    return set(backwards[: backwards.index(highlight) + 1])


def box_size(variants: list[list[str]], fontsize: float = FONT_SIZE) -> dict[str, str]:
    """여러 가지 글(variants) 중 가장 큰 것이 여백과 함께 들어가는 상자 크기."""
    width = height = 0.0
    for lines in variants:
        w, h = label_size(lines, fontsize)
        width = max(width, w)
        height = max(height, h + (GLYPH_BOX_EM - 1.2) * fontsize)
    return {
        "width": inches(width + 2 * BOX_MARGIN_X),
        "height": inches(height + 2 * BOX_MARGIN_Y),
    }


def circle(symbol: str) -> dict[str, str]:
    """연산 원: 글자 크기는 기호에 맞추고, 원은 글 상자의 대각선이 들어갈 만큼."""
    lines = symbol.split("\n")
    fontsize = SYMBOL_FONT_SIZE if len(symbol) == 1 else WORD_FONT_SIZE
    if len(lines) > 1:
        fontsize = FONT_SIZE
    w, h = label_size(lines, fontsize)
    h += (GLYPH_BOX_EM - 1.2) * fontsize
    diameter = math.hypot(w, h) + 2 * CIRCLE_MARGIN
    return {
        "shape": "circle",
        "fontsize": f"{fontsize:g}",
        "width": inches(diameter),
        "margin": "0",
    }


def plain(highlighted: bool, variants: list[list[str]]) -> dict[str, str]:
    """테두리 없는 글 노드. 표시(highlight)할 때만 둥근 테두리를 그린다. 크기는 늘 같다."""
    size = box_size(variants)
    if highlighted:
        return {"shape": "box", "style": "rounded", **size, **marked(True)}
    return {"shape": "box", "peripheries": "0", **size}


def marked(highlighted: bool) -> dict[str, str]:
    """표시(highlight)할 노드의 굵은 주황 테두리."""
    return {"color": HIGHLIGHT_COLOR, "penwidth": "3"} if highlighted else {}
