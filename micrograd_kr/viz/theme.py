"""그림의 약속: 글꼴, 색, 크기, 여백. 모든 그림(계산 그래프, 신경망, 탐험기)이 같은 값을 씁니다.

색의 약속은 어디서나 같습니다: 순전파(forward) 값은 파랑, 역전파(backward) 기울기는 빨강,
지금 보고 있는 노드는 주황. 잎(leaf) 노드는 살구색, 계산된 노드는 하늘색 바탕입니다.
"""

from __future__ import annotations

# 리눅스·macOS·윈도의 한글 글꼴에 닿는 글꼴 목록 (SVG 의 font-family 로 그대로 들어갑니다)
FONTS = "NanumGothic, Noto Sans CJK KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"
FORWARD_COLOR = "#1f4fd1"  # 순전파 값: 파랑
BACKWARD_COLOR = "#d62828"  # 역전파 기울기: 빨강
HIGHLIGHT_COLOR = "#f08c00"  # 지금 보고 있는 노드: 주황
LEAF_FILL = "#fff4e6"  # 잎(leaf) 노드: 살구색
COMPUTED_FILL = "#e7f5ff"  # 계산된 노드: 하늘색
DEFAULT_MAX_NODES = 500
STYLES = ("card", "textbook")
RANKDIRS = ("LR", "RL", "TB", "BT")
MINUS = "-"  # 그림과 글에 쓰는 빼기 기호는 하나: 파이썬에서 치는 것과 같은 '-'

FONT_SIZE = 12.0  # 이름표
EDGE_FONT_SIZE = 11.0  # 화살표 위의 값과 기울기
SYMBOL_FONT_SIZE = 22.0  # 한 글자 연산 기호 (×, +, ÷ ...)
WORD_FONT_SIZE = 14.0  # 낱말 연산 (exp, tanh, ReLU ...)
MAX_LABEL_EM = 24.0  # 이름표 한 줄의 최대 폭 (글자 크기의 배수). 넘으면 … 으로 줄인다
MAX_LABEL_LINES = 4
BOX_MARGIN_X = 9.0  # 상자 안 글과 테두리 사이 (포인트)
BOX_MARGIN_Y = 6.0
CIRCLE_MARGIN = 6.0
EDGE_LABEL_MARGIN = 4.0
# 브라우저가 그리는 글 상자의 높이 (글자 크기의 배수): 본고딕 KR 의 ascent + descent
GLYPH_BOX_EM = 1.45
