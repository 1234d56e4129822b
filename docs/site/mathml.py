"""수식을 빌드할 때 MathML 로 바꾸는 Sphinx 확장 (MathJax 도, 인터넷도 필요 없음).

브라우저(크로미움 109 이상, 파이어폭스, 사파리)가 MathML 을 직접 그립니다. ``latex2mathml`` 이
LaTeX 를 MathML 로 바꿉니다.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx


def _mathml(latex: str, display: bool) -> str:
    return convert(latex.strip(), display="block" if display else "inline")


def visit_inline(self: Any, node: nodes.Element) -> None:
    self.body.append(f'<span class="math">{_mathml(node.astext(), False)}</span>')
    raise nodes.SkipNode


def visit_block(self: Any, node: nodes.Element) -> None:
    latex = node.astext() if node.get("nowrap") else node.astext()
    self.body.append(f'<div class="math">{_mathml(latex, True)}</div>')
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_inline, None), (visit_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
