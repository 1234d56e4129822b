"""역전파 탐험기의 나쁜 입력 표: 입력 → 얻는 결과(한국어 메시지, 또는 제대로 된 페이지).

규칙: 탐험기 파일의 이름은 ``.html``/``.htm`` 으로 끝나야 합니다. ``explore -o x.svg`` 는
고쳐 쓰지 않고 거절하며(종료 코드 2, 고칠 이름을 알려 줌), ``Explorer.save("x.svg")`` 도 같은
까닭으로 ValueError 입니다. inf·NaN 은 그림처럼 "inf"·"nan" 으로 보입니다.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from viz_support import needs_renderer

from micrograd_kr import Value
from micrograd_kr.viz import explore
from micrograd_kr.viz.expression_commands import explore_command

pytestmark = needs_renderer


def _page_data(html: str) -> dict:
    raw = re.search(r'<script type="application/json" class="mgk-data">(.*?)</script>', html, re.S)
    assert raw is not None
    return json.loads(raw.group(1))


def _cli(expression: str, out: str, *settings: str) -> Callable[[Path], tuple[int, str]]:
    def run(tmp: Path) -> tuple[int, str]:
        return explore_command(expression, list(settings), tmp / out, "textbook"), ""

    return run


def _saved(make: Callable[[], Value], **kw: object) -> Callable[[Path], tuple[int, str]]:
    def run(tmp: Path) -> tuple[int, str]:
        path = explore(make(), **kw).save(tmp / "page.html")  # type: ignore[arg-type]
        return 0, path.read_text(encoding="utf-8")

    return run


def _label(text: str) -> Value:
    return Value(1.5, label=text) * 2


PLACEHOLDERS = "2000000 5000000 2000001 5000001 1.001e+37 1.001e+38 1.002e+37 1.002e+38"
# (이름, 실행, 종료 코드, 표준 오류나 페이지에 있어야 할 글, 없어야 할 글)
CASES = [
    (
        "explore 'a**400' a=10 (inf)",
        _cli("a**400", "p.html", "a=10"),
        0,
        "역전파 탐험기를 저장",
        "JSON",
    ),
    (
        "explore 'a**(0*exp(b))' (nan)",
        _cli("a**(0*exp(b))", "p.html", "a=2", "b=1000"),
        0,
        "저장",
        "JSON",
    ),
    (
        "explore 'a**1e400': 식의 수는 유한",
        _cli("a**1e400", "p.html", "a=2"),
        2,
        "유한한 수",
        "JSON",
    ),
    ("explore(Value(2)**inf)", _saved(lambda: Value(2.0, label="a") ** math.inf), 0, '"inf"', ""),
    ("explore(Value(inf)*2)", _saved(lambda: Value(math.inf, label="a") * 2), 0, '"inf"', ""),
    ("짝 없는 서로게이트 이름표", _saved(lambda: _label("x\ud800y")), 0, "x\\ud800y", "\ud800"),
    ("표시 숫자를 모두 담은 이름표", _saved(lambda: _label(PLACEHOLDERS)), 0, PLACEHOLDERS, ""),
    ("NUL·RLO 이름표", _saved(lambda: _label("a\x00b\u202ec")), 0, "a\\\\x00b\\\\u202ec", ""),
    (
        "NUL·RLO 제목",
        _saved(lambda: _label("x"), title="t\x00\u202eu"),
        0,
        "t\\x00\\u202eu",
        "\x00",
    ),
    ("explore -o x.svg", _cli("a*2", "x.svg", "a=1"), 2, "x.html'처럼 .html 로 끝나는", ""),
    ("explore -o 이름만", _cli("a*2", "page", "a=1"), 2, "page.html'처럼", ""),
    ("explore -o X.HTM", _cli("a*2", "X.HTM", "a=1"), 0, "저장", ""),
]


@pytest.mark.parametrize(("name", "run", "code", "has", "lacks"), CASES, ids=[c[0] for c in CASES])
def test_explorer_input_table(tmp_path, capsys, name, run, code, has, lacks):
    got, page = run(tmp_path)
    streams = capsys.readouterr()
    text = page + streams.out + streams.err
    assert got == code, text
    assert has in text
    if lacks:
        assert lacks not in text
    if page:  # 페이지의 <title> 에는 보이지 않는 글자가 없다
        title = re.search(r"<title>(.*)</title>", page).group(1)
        assert title.isprintable(), title
    if code == 2:
        assert streams.err.startswith("오류: ") and not any(tmp_path.iterdir())


def test_save_refuses_a_picture_suffix(tmp_path):
    with pytest.raises(ValueError, match=r"g\.html'처럼 \.html 로 끝나는"):
        explore(_label("x")).save(tmp_path / "g.svg")
    assert not (tmp_path / "g.svg").exists()


def test_infinite_exponent_reaches_the_page_as_text(tmp_path):
    page = explore(Value(2.0, label="a") ** math.inf).save(tmp_path / "p.html")
    data = _page_data(page.read_text(encoding="utf-8"))
    assert [n.get("arg") for n in data["nodes"]] == [None, "inf"]
