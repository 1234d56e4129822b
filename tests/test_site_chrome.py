"""사이트의 틀과 검색 요약 (``docs/site/korean_chrome.py``, ``mathml.py``, ``build.home_page``).

빌드 없이 함수만: 검색 요약에 쓰는 쪽 뼈대(제목 고리 "#"·스크립트·탐험기는 빼고, id 는 남기고,
수식은 한 줄 글), 수식의 한 줄 글, 그림의 대체 글, 첫 쪽의 진짜 탐험기.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "docs" / "site"
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("sphinx") is None
    or importlib.util.find_spec("latex2mathml") is None
    or sys.version_info < (3, 11),
    reason="웹사이트 도구(pip install -e '.[site]', Python 3.11 이상)가 없어 건너뜁니다",
)


def site_module(name: str) -> Any:
    sys.path.insert(0, str(SITE))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(SITE))


# ------------------------------------------------------------------ 수식의 한 줄 글
MATH = [
    # (LaTeX, 검색 요약에 보일 한 줄 글) — 손으로 적은 기대값
    (r"\frac{\partial L}{\partial w} = x_i^2 + \sqrt{a}", "∂L/∂w = xᵢ² + √a"),
    (r"\sum_{i=1}^{n} w_i x_i + b", "∑ᵢ₌₁ⁿ wᵢxᵢ + b"),
    (r"\sigma(x)=\frac{1}{1+e^{-x}}", "σ(x) = 1/(1 + e^(−x))"),
    (r"e=(a+b)(b+1)", "e = (a + b)(b + 1)"),
    (r"\frac{\partial e}{\partial b} = 2 \cdot 1", "∂e/∂b = 2·1"),
    (r"L = -\log p_{y}", "L = − log p_y"),
    (r"y_k = \frac{e^{a_k}}{\sum_j e^{a_j}}", "yₖ = e^(aₖ)/(∑ⱼ e^(aⱼ))"),
]


@pytest.mark.parametrize(("latex", "text"), MATH)
def test_math_has_a_one_line_text_for_search_snippets(latex: str, text: str) -> None:
    from latex2mathml.converter import convert

    assert site_module("mathml").math_text(convert(latex)) == text


def test_math_with_alignment_marks_still_gives_text() -> None:
    from latex2mathml.converter import convert

    markup = convert(r"\begin{aligned} a &= 1 \\ b &= 2 \end{aligned}")
    assert site_module("mathml").math_text(markup) == "a = 1; b = 2"


# ------------------------------------------------------------------ 검색 요약용 쪽 뼈대
BODY = """
<section id="softmax"><h2>7.4 소프트맥스<a class="headerlink" href="#softmax">#</a></h2>
<p>확률은 <span class="math" data-mgk-text="e^(zᵢ)/∑ⱼe^(zⱼ)"><math><mi>e</mi></math></span>
입니다 &amp; 끝.</p><img src="a.png" alt="그림"><script>var x = "<p>";</script>
<div class="mgk-explorer"><button>다음</button><p>탐험기 글</p></div>
<dl><dt id="micrograd_kr.engine.Value">Value<a class="headerlink" href="#v">#</a></dt>
<dd>값</dd></dl></section><p>뒤</p>
"""


def test_page_skeleton_keeps_ids_and_text_only() -> None:
    chrome = site_module("korean_chrome")
    skeleton = chrome.page_skeleton(BODY)
    assert skeleton == (
        '<div id="softmax"> 7.4 소프트맥스 확률은 e^(zᵢ)/∑ⱼe^(zⱼ) 입니다 &amp; 끝. '
        '<div id="micrograd_kr.engine.Value"> Value</div> 값 </div> 뒤'
    )
    assert "#" not in skeleton and "탐험기" not in skeleton and "var x" not in skeleton
    assert (
        chrome.page_text(BODY) == "7.4 소프트맥스 확률은 e^(zᵢ)/∑ⱼe^(zⱼ) 입니다 & 끝. Value 값 뒤"
    )


def test_page_skeleton_survives_broken_html_and_keeps_a_text_limit() -> None:
    chrome = site_module("korean_chrome")
    skeleton = chrome.page_skeleton(
        '<div id="a"><p>글</span></div></div><div id="b">' + "가" * 50, 10
    )
    assert skeleton.count("<div") == skeleton.count("</div>") == 2
    assert skeleton.count("가") == 9  # "글" 하나 + 9 = 한도 10글자


def test_hardcoded_theme_attributes_become_korean() -> None:
    chrome = site_module("korean_chrome")
    page = '<button title="Toggle primary sidebar"></button><nav aria-label="Main"></nav>'
    assert chrome.korean_attributes(page) == (
        '<button title="왼쪽 차례 열고 닫기"></button><nav aria-label="강의 차례"></nav>'
    )


# ------------------------------------------------------------------ 그림의 대체 글
def test_image_alt_names_the_section_and_the_words_in_the_picture(tmp_path: Path) -> None:
    from docutils import nodes

    from micrograd_kr.viz import apple_price, to_svg

    chrome = site_module("korean_chrome")
    svg = tmp_path / "graph.svg"
    svg.write_text(to_svg(apple_price()), encoding="utf-8")
    code = 'plt.title("손실 곡선")\nax.set_xlabel("걸음")\nax.plot(x, label=f"{n}층")\nplt.show()'
    section = nodes.section("", nodes.title("", "2.1 사과 쇼핑"))
    cell = nodes.container(classes=["cell"])
    image = nodes.image(uri="graph.svg")
    cell += nodes.container("", nodes.literal_block("", code))
    cell += nodes.container("", image)
    section += cell
    alt = chrome.image_alt(image, svg)
    assert alt.startswith("‘2.1 사과 쇼핑’ 절의 그림. 그림 속 글자: ")
    assert "사과 가격" in alt and "graph.svg" not in alt
    # 그림 파일이 PNG(matplotlib)면: 셀 코드의 그래프 제목과 축 이름 (f-글은 빼고)
    assert (
        chrome.image_alt(image, None) == "‘2.1 사과 쇼핑’ 절의 그림. 그래프의 글: 손실 곡선, 걸음"
    )
    assert chrome.image_alt(nodes.image(uri="x.png"), None) == "노트북의 출력 그림"


# ------------------------------------------------------------------ 첫 쪽의 탐험기
def test_home_page_puts_a_live_explorer_where_the_screenshot_was() -> None:
    build = site_module("build")
    readme = (
        "### 역전파 탐험기\n\n![화면 사진](docs/screenshots/explorer.png)\n\n"
        "*위는 화면 사진이라 단추를 누를 수 없습니다.* 직접 넘겨 보려면 ...\n"
    )
    page = build.home_page(readme)
    assert "docs/screenshots/explorer.png" not in page and "화면 사진이라" not in page
    fence = re.search(r"^(`{4,})\{raw\} html$", page, re.M)
    assert fence is not None
    block = page[fence.end() : page.index("\n" + fence.group(1) + "\n", fence.end())]
    assert '<div class="mgk-explorer"' in block and "<svg" in block and "<script>" in block
    assert fence.group(1) not in block  # 울타리(fence)가 내용 속에서 닫히지 않는다
    assert build.home_page("사진 없는 README\n") == "사진 없는 README\n"
