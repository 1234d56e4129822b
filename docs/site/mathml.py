"""수식을 빌드할 때 MathML 로 바꾸는 Sphinx 확장 (MathJax 도, 인터넷도 필요 없음).

브라우저(크로미움 109 이상, 파이어폭스, 사파리)가 MathML 을 직접 그립니다. ``latex2mathml`` 이
LaTeX 를 MathML 로 바꿉니다.

수식마다 한 줄 글(``data-mgk-text``, 예: "∂L/∂w = xᵢ² + √a")도 함께 적어 둡니다. 검색 결과의
요약(snippet)은 글만 보여 주므로, MathML 의 글자를 그냥 이으면 "∂L∂w=xi2+a" 처럼 분수와 지수가
뭉개집니다. 한 줄 글은 분수를 ``/``, 지수·아래 첨자를 위·아래 글자(가능하면)로 씁니다.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx

_NS = "{http://www.w3.org/1998/Math/MathML}"
_SUPERSCRIPT = dict(zip("0123456789+-−=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵀ"))
_SUBSCRIPT = dict(zip("0123456789+-−=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_SPACED = {"=", "+", "−", "-", "×", "≈", "≠", "≤", "≥", "→", "←", "∈", "<", ">"}
_BIG = {"∑", "∏", "∫", "lim", "max", "min"}  # 뒤에 빈칸을 두는 큰 연산자


def _script(text: str, table: dict[str, str], mark: str) -> str:
    """위·아래 글자로 쓸 수 있으면 그렇게, 아니면 ``^(...)``/``_(...)``."""
    text = "".join(text.split())
    if text and all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
    if len(text) == 1 or (text.startswith("(") and text.endswith(")")):
        return f"{mark}{text}"
    return f"{mark}({text})"


def _grouped(text: str) -> str:
    """분수의 위·아래: 여러 항(빈칸이 있는 글)이면 괄호로 묶는다."""
    bare = text.strip()
    if " " in bare and not (bare.startswith("(") and bare.endswith(")")):
        return f"({bare})"
    return bare


def linear_text(element: ET.Element) -> str:
    """MathML 요소 → 한 줄 글."""
    tag = element.tag.replace(_NS, "")
    parts = [linear_text(child) for child in element]
    if tag == "mi" and len(element.text or "") > 1 and (element.text or "").isalpha():
        return element.text + " "  # log, exp, tanh 같은 함수 이름 뒤는 띄운다
    if tag in ("mi", "mn", "mtext", "ms"):
        return element.text or ""
    if tag == "mo":
        op = (element.text or "").strip()
        return f" {op} " if op in _SPACED else op
    if tag == "mspace" and element.get("linebreak") == "newline":
        return "; "
    if tag == "mfrac" and len(parts) == 2:
        return f"{_grouped(parts[0])}/{_grouped(parts[1])}"
    if tag == "msqrt":
        inner = "".join(parts).strip()
        return f"√{inner}" if len(inner) <= 1 else f"√({inner})"
    if tag == "mroot" and len(parts) == 2:
        return f"{_script(parts[1].strip(), _SUPERSCRIPT, '^')}√({parts[0].strip()})"
    if tag in ("msup", "mover") and len(parts) == 2:
        return parts[0] + _script(parts[1].strip(), _SUPERSCRIPT, "^")
    if tag in ("msub", "munder") and len(parts) == 2:
        space = " " if parts[0].strip() in _BIG else ""
        return parts[0] + _script(parts[1].strip(), _SUBSCRIPT, "_") + space
    if tag in ("msubsup", "munderover") and len(parts) == 3:
        below = _script(parts[1].strip(), _SUBSCRIPT, "_")
        above = _script(parts[2].strip(), _SUPERSCRIPT, "^")
        space = " " if parts[0].strip() in _BIG else ""
        return parts[0].strip() + below + above + space
    if tag == "mtr":
        return ", ".join(p.strip() for p in parts)
    if tag == "mtable":
        return "; ".join(p.strip() for p in parts)
    return "".join(parts)


def math_text(mathml: str) -> str:
    """MathML 글 → 검색 요약에 쓸 한 줄 글 (빈칸은 하나로)."""
    markup = re.sub(r"&(?!#?\w+;)", "&amp;", mathml)  # latex2mathml 이 날것으로 둔 & (정렬 표시)
    try:
        text = linear_text(ET.fromstring(markup))
    except ET.ParseError:  # 읽을 수 없는 MathML: 글자만 잇는다
        text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return " ".join(text.replace("&", " ").split())


def _mathml(latex: str, display: bool) -> tuple[str, str]:
    markup = convert(latex.strip(), display="block" if display else "inline")
    return markup, html.escape(math_text(markup), quote=True)


def visit_inline(self: Any, node: nodes.Element) -> None:
    markup, text = _mathml(node.astext(), False)
    self.body.append(f'<span class="math" data-mgk-text="{text}">{markup}</span>')
    raise nodes.SkipNode


def visit_block(self: Any, node: nodes.Element) -> None:
    markup, text = _mathml(node.astext(), True)
    self.body.append(f'<div class="math" data-mgk-text="{text}">{markup}</div>')
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_inline, None), (visit_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
