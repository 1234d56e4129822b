"""명령줄의 식 그림 테스트: draw·explore 가 식과 --set 을 받고, 잘못된 식은 종료 코드 2 에
한국어로 문제 위치를 알리며 파일을 쓰지 않는다. 만든 HTML 은 크로미움에서 디스크로 열어
넘겨 본다."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from viz_support import needs_renderer

from micrograd_kr.cli import main

BAD = [
    ("(a+b).__class__", ["a=1", "b=2"], ".__class__"),
    ("a + x[0]", ["a=1"], "x[0]"),
    ("lambda: a", ["a=1"], "lambda"),
    ("__import__('os').system('ls')", [], "__import__"),
    ("a * c", ["a=1"], "'c'에 값이 없습니다"),
    ("a + 1", ["a=1", "z=3"], "식에 없는 이름 'z'"),
    ("a +", ["a=1"], "문법"),
    ("a" + "+a" * 1000, ["a=1"], "너무 깁니다"),
    ("a*b", ["a=1", "b"], "'이름=값'"),
    ("a*b", ["a=1", "b=두"], "숫자가 아닙니다"),
    ("log(a)", ["a=-1"], "log는 양수에서만"),
    ("abb1", ["a=3"], "--set 을 쓸 수 없습니다"),
    # UTF-8 이 아닌 바이트가 든 인자는 파이썬에 서로게이트(\udcff)로 들어온다
    ("a\udcff+1", ["a=1"], "UTF-8 글자가 아닌 것(바이트 0xff)이 있습니다"),
    ("a\udcff+1", ["a=1"], "(2번째 글자 '\ufffd')"),
    ("a*(1/0)", ["a=1"], "0으로 나눌 수 없습니다: 1 / 0 (나누는 값이 0입니다)"),
    ("1/0", [], "0으로 나눌 수 없습니다: 1 / 0"),
    ("a+0**-1", ["a=1"], "0의 음수 거듭제곱은 정의되지 않습니다: 0 ** -1"),
    ("a*2.5**-1*(0*a)**-2", ["a=1"], "0의 음수 거듭제곱은 정의되지 않습니다"),
    # 배치(layout)에 몇 분이 걸릴 그래프: 그리기 전에 거절 (draw, explore 모두 2)
    ("+".join(["a"] * 100), ["a=1"], "'a' 노드가 서로 멀리 떨어진 연산 100곳에 쓰여"),
]


@pytest.mark.parametrize(("expression", "settings", "message"), BAD)
@pytest.mark.parametrize("command", ["draw", "explore"])
def test_bad_expressions_exit_2_with_korean_message_and_no_file(
    tmp_path, capsys, command, expression, settings, message
):
    out = tmp_path / ("g.svg" if command == "draw" else "g.html")
    args = [command, expression, "-o", str(out)] + (["--set", *settings] if settings else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("오류: ") and message in err
    assert not out.exists()


def test_bad_expression_points_at_the_offending_part(tmp_path, capsys):
    assert (
        main(["draw", "사과 * 배.값", "--set", "사과=1", "배=2", "-o", str(tmp_path / "x.svg")])
        == 2
    )
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert "7번째 글자" in lines[0] and "'.값'" in lines[0]
    assert lines[1].strip() == "사과 * 배.값"
    assert lines[2].index("^") - lines[1].index("사") == 6  # ^ 가 7번째 글자(.) 아래


@needs_renderer
def test_draw_expression_and_builtin_names(tmp_path, capsys):
    svg = tmp_path / "apple.svg"
    args = ["draw", "사과가격*사과개수*소비세", "--set", "사과가격=100", "사과개수=2", "소비세=1.1"]
    assert main([*args, "-o", str(svg)]) == 0
    text = svg.read_text(encoding="utf-8")
    assert "사과가격" in text and ">220<" in text and ">2.2<" in text
    for name in ("apple", "abb1", "mlp"):
        assert main(["draw", name, "-o", str(tmp_path / f"{name}.svg")]) == 0
    abb1 = tmp_path / "abb1_expr.svg"
    assert main(["draw", "(a+b)*(b+1)", "--set", "a=2", "b=1", "-o", str(abb1)]) == 0
    text = abb1.read_text(encoding="utf-8")
    assert ">a<" in text and ">6<" in text  # e = (2+1)(1+1) = 6
    capsys.readouterr()
    assert main(["explore", "mlp", "-o", str(tmp_path / "m.html")]) == 2
    assert "mlp" in capsys.readouterr().err and not (tmp_path / "m.html").exists()


@needs_renderer
def test_entry_point_explore_opens_from_disk_and_steps_through(browser, tmp_path):
    exe = shutil.which("micrograd-kr", path=str(Path(sys.executable).parent))
    assert exe is not None
    result = subprocess.run(
        [exe, "explore", "(a+b)*(b+1)", "--set", "a=2", "b=1", "-o", "abb1.html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = tmp_path / "abb1.html"
    browser.get(page.as_uri())
    from selenium.webdriver.common.keys import Keys

    body = browser.find_element("tag name", "body")
    for _ in range(12):
        body.send_keys(Keys.ARROW_RIGHT)
    nodes = browser.execute_script(
        "return [...document.querySelectorAll('g[data-node]:not([data-output])')]"
        ".map(g => [g.getAttribute('data-label'), g.getAttribute('data-value'),"
        " g.getAttribute('data-grad')]);"
    )
    by_label = {label: (float(v), float(g)) for label, v, g in nodes if label}
    assert by_label["a"] == (2.0, 2.0) and by_label["b"] == (1.0, 5.0)
    assert (6.0, 1.0) in [(float(v), float(g)) for _, v, g in nodes]  # 출력 e = 6
    assert browser.current_url.endswith("#step=12")


def _draw_too_many_nodes(tmp: Path) -> list[str]:
    names = [f"x{i}" for i in range(300)]  # 300개의 곱: 노드 599개
    return ["draw", "*".join(names), "--set", *(f"{n}=1" for n in names)]


def _draw_onto_a_folder(tmp: Path) -> list[str]:
    (tmp / "pictures.svg").mkdir()
    return ["draw", "apple", "-o", str(tmp / "pictures.svg")]


# (명령줄, 종료 코드, 오류 메시지 조각): 잘못된 입력은 모두 2. -o 는 표가 붙인다.
DRAW_INPUTS = [
    (_draw_too_many_nodes, 2, "노드(Value)가 599개로 --max-nodes 500 보다 많아"),
    (_draw_too_many_nodes, 2, "--max-nodes 599 나 --all 을 붙이세요"),
    (
        lambda tmp: [*_draw_too_many_nodes(tmp), "--max-nodes", "100"],
        2,
        "--max-nodes 100 보다 많아",
    ),
    (
        lambda tmp: ["draw", "+".join(["a"] * 100), "--set", "a=1"],
        2,
        "'a' 노드가 서로 멀리 떨어진 연산 100곳에 쓰여",
    ),
    (lambda tmp: ["draw", "apple", "-o", "pics/"], 2, "폴더입니다"),
    (_draw_onto_a_folder, 2, "폴더입니다"),
    (lambda tmp: ["draw", "apple", "-o", ""], 2, "경로가 비어 있습니다"),
    (lambda tmp: ["draw", "a*b", "--set", "a=1", "b=2", "-o", "x.gif"], 2, "그림 형식"),
]


@pytest.mark.parametrize(("make", "code", "message"), DRAW_INPUTS)
def test_every_bad_draw_input_exits_2(tmp_path, capsys, monkeypatch, make, code, message):
    monkeypatch.chdir(tmp_path)
    argv = make(tmp_path)
    if "-o" not in argv:
        argv = [*argv, "-o", str(tmp_path / "g.svg")]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("오류: ") and message in err, err
    assert not (tmp_path / "g.svg").exists()


@needs_renderer
def test_draw_all_lifts_the_node_cap(tmp_path, capsys):
    argv = _draw_too_many_nodes(tmp_path)
    out = tmp_path / "big.svg"
    assert main([*argv, "--all", "--style", "card", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('class="node') == 599 + 299  # 값 + 연산
