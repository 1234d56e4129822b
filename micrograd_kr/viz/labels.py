"""그림과 글에 쓰는 글자: 숫자 쓰기, 이름표 다듬기(안전한 글자, 길이), 노드와 연산의 이름.

이름표(label)는 믿을 수 없는 글입니다: XML에 넣을 수 없는 글자는 보이는 이스케이프로, 너무 긴
줄은 … 으로 줄이고, DOT의 따옴표 글에 안전하게 넣습니다. 글의 폭은 ``metrics.py``가 잽니다.
"""

from __future__ import annotations

import math

from micrograd_kr.engine import Value
from micrograd_kr.ops import lookup
from micrograd_kr.viz.metrics import text_width
from micrograd_kr.viz.theme import FONT_SIZE, MAX_LABEL_EM, MAX_LABEL_LINES, MINUS


def format_number(x: float) -> str:
    """숫자를 짧게 씁니다: 220.00000000000003 → "220", 2.2 → "2.2", 1/3 → "0.3333"."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else MINUS + "inf"
    if 1e4 <= abs(x) < 1e7:  # 12345.6 → "12346" (지수 표기 1.235e+04 대신)
        text = f"{x:.0f}"
    else:
        text = f"{x:.4g}"
    return "0" if text == "-0" else text


def clean_text(text: str) -> str:
    """SVG(XML)에 넣을 수 없는 글자를 눈에 보이는 이스케이프(escape)로 바꿉니다.

    제어 문자(control character, 예: ``\\x07``, ``\\x1b``), U+FFFE 같은 비문자(noncharacter),
    짝 없는 서로게이트(lone surrogate)는 XML에 넣으면 문서가 깨지므로 ``\\x07``, ``\\ufffe``,
    ``\\udc80``처럼 파이썬 표기 글자로 씁니다. 줄바꿈(\\n)은 그대로 둡니다.
    """
    if text.isprintable() or all(ch == "\n" or _xml_safe(ch) for ch in text):
        return text
    out = []
    for ch in text:
        if ch == "\n" or _xml_safe(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
            )
    return "".join(out)


def _xml_safe(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return False
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    return (code & 0xFFFE) != 0xFFFE


def shorten(line: str, fontsize: float = FONT_SIZE) -> str:
    """너무 긴 한 줄을 폭 ``MAX_LABEL_EM`` em 안으로 줄이고 끝에 … 을 붙입니다."""
    # 한 번 훑으며 폭을 더한다 (1/1000 em 단위의 정수): 한도를 넘는 곳에서 멈추므로 아주 긴
    # 글(백만 글자)도 한도 근처까지만 읽는다. 잘라 낼 자리는 "…" 이 들어갈 자리를 남긴 곳.
    limit = MAX_LABEL_EM * 1000
    room = limit - text_width("…", 1000)
    used = 0.0
    cut = 0
    for i, ch in enumerate(line):
        used += text_width(ch, 1000)
        if used <= room:
            cut = i + 1
        elif used > limit:
            return line[:cut] + "…"
    return line


def label_lines(text: str, fontsize: float = FONT_SIZE) -> list[str]:
    """이름표를 그림에 쓸 줄들로: 안전한 글자, 줄마다 길이 제한, 줄 수 제한."""
    lines = clean_text(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[: MAX_LABEL_LINES - 1] + [lines[MAX_LABEL_LINES - 1] + " …"]
    return [shorten(line, fontsize) for line in lines]


def label_text(text: str) -> str:
    """이름표 글을 DOT의 따옴표 글에 안전하게 넣을 수 있게 바꿉니다.

    XML에 넣을 수 없는 글자는 ``clean_text``로 바꾸고, 역슬래시는 두 번 써서 Graphviz의
    특수 기호(\\n, \\l, \\N ...)로 읽히지 않게 하고, 줄바꿈은 Graphviz의 줄바꿈 ``\\n``으로
    바꿉니다. 따옴표는 graphviz 패키지가 막아 줍니다. ``< > & | { }``는 따옴표 이름표 안에서
    아무 뜻이 없습니다.
    """
    text = clean_text(text.replace("\r\n", "\n"))
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def dot_lines(lines: list[str]) -> str:
    """여러 줄을 DOT의 따옴표 글 하나로 (줄바꿈은 ``\\n``)."""
    return "\\n".join(line.replace("\\", "\\\\") for line in lines)


def op_symbol(node: Value) -> str:
    """연산 노드에 쓸 기호 (줄바꿈은 진짜 줄바꿈)."""
    op = lookup(node.op)  # 연산 표(ops.py)의 기호
    if op is None or op.name == "**k":  # 모르는 연산, 숫자 지수 "**2"·"**0.5": 이름 그대로
        return clean_text(node.op)
    return op.symbol


def op_name(node: Value) -> str:
    """글(걸음 설명)에 쓸 연산 기호: 그림과 같은 기호를 한 줄로."""
    return op_symbol(node).replace("\n", " ")


def node_name(node: Value) -> str:
    """글과 그림에서 노드를 부르는 이름. 이름 없는 잎은 상수로, 숫자만인 이름은 "상수 1"로."""
    if node.label:
        label = node.label
        return f"상수 {label}" if is_number(label) and not node.inputs else label
    if node.inputs:
        return f"Value({format_number(node.data)})"
    return f"상수 {format_number(node.data)}"


def is_number(text: str) -> bool:
    """이름표가 숫자만으로 되어 있는지 (상수의 이름표 "1" 같은 것)."""
    try:
        float(text)
    except ValueError:
        return False
    return True
