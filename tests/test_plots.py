"""matplotlib 도우미 테스트: 한글 글꼴 찾기와 영어 대체(fallback), 결정 경계 격자, 손실 곡선."""

from __future__ import annotations

import re

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from micrograd_kr import Value  # noqa: E402
from micrograd_kr.perceptron import AND  # noqa: E402
from micrograd_kr.viz import plots  # noqa: E402

HANGUL = re.compile(r"[가-힣]")
DEJAVU = font_manager.findfont("DejaVu Sans")  # matplotlib 에 들어 있는 글꼴 파일


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    """테스트마다 글꼴 상태와 rcParams 를 처음으로 되돌린다."""
    monkeypatch.setattr(plots, "_korean", None)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", list(font_manager.fontManager.ttflist))
    with matplotlib.rc_context():
        yield
    plt.close("all")


def fake_fonts(monkeypatch, names, system_files=()):
    """글꼴 목록을 ``names`` 만 있는 것으로, 시스템 글꼴 파일을 ``system_files`` 로 바꾼다."""
    entries = [font_manager.FontEntry(fname=DEJAVU, name=n) for n in names]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", entries)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: list(system_files))


def texts_of(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


# ------------------------------------------------------------ 글꼴
def test_no_korean_font_warns_in_korean_and_switches_to_english(monkeypatch):
    fake_fonts(monkeypatch, ["DejaVu Sans"])
    with pytest.warns(UserWarning, match="한글 글꼴") as record:
        assert plots.setup_korean_font() is None
    assert "fonts-nanum" in str(record[0].message)
    assert plots.label("손실", "loss") == "loss"
    assert matplotlib.rcParams["axes.unicode_minus"] is False

    ax = plots.plot_loss([3.0, 2.0, 1.0], name="train")
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    plots.plot_decision_boundary(AND, X, [0, 1], resolution=5)
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss"
    for number in plt.get_fignums():
        shown = texts_of(plt.figure(number))
        assert shown and not any(HANGUL.search(t) for t in shown), shown


def test_label_sets_up_the_font_on_first_use(monkeypatch):
    fake_fonts(monkeypatch, [])
    with pytest.warns(UserWarning):
        assert plots.label("클래스", "class") == "class"
    assert plots._korean is False


def test_installed_korean_font_is_put_first(monkeypatch):
    fake_fonts(monkeypatch, ["DejaVu Sans", "Malgun Gothic", "NanumGothic"])
    matplotlib.rcParams["axes.unicode_minus"] = True
    assert plots.setup_korean_font() == "NanumGothic"  # 목록의 앞쪽이 우선
    assert matplotlib.rcParams["font.sans-serif"][0] == "NanumGothic"
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    ax = plots.plot_loss([1.0, 0.5])
    assert ax.get_xlabel() == "에폭(epoch)" and ax.get_ylabel() == "손실(loss)"


def test_font_installed_after_the_matplotlib_cache_is_found_by_file_name(monkeypatch):
    added = []

    def addfont(path):
        added.append(path)
        font_manager.fontManager.ttflist.append(
            font_manager.FontEntry(fname=DEJAVU, name="NanumGothic")
        )

    fake_fonts(monkeypatch, ["DejaVu Sans"], ["/fonts/DejaVuSans.ttf", "/fonts/NanumGothic.ttf"])
    monkeypatch.setattr(font_manager.fontManager, "addfont", addfont)
    assert plots.setup_korean_font() == "NanumGothic"
    assert added == ["/fonts/NanumGothic.ttf"]  # 한글 글꼴 파일만 추가한다


# ------------------------------------------------------------ 결정 경계
def test_decision_grid_matches_the_perceptron_inequality():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    xx, yy, classes = plots.decision_grid(AND, X, resolution=21, padding=0.5)
    assert xx.shape == yy.shape == classes.shape == (21, 21)
    assert xx.min() == pytest.approx(-0.5) and xx.max() == pytest.approx(1.5)
    expected = (0.5 * xx + 0.5 * yy - 0.7 > 0).astype(int)
    assert np.array_equal(classes, expected)


def test_decision_grid_uses_argmax_for_several_outputs():
    X = np.array([[-1.0, -1.0], [1.0, 1.0]])

    def model(p):
        return [Value(p[0]), Value(p[1]), Value(0.5)]

    xx, yy, classes = plots.decision_grid(model, X, resolution=9, padding=0.0)
    expected = np.argmax(np.stack([xx, yy, np.full_like(xx, 0.5)]), axis=0)
    assert np.array_equal(classes, expected)
    assert set(np.unique(classes)) == {0, 1, 2}


def test_decision_grid_does_not_record_a_graph():
    seen = []

    def model(p):
        out = Value(p[0]) * 2.0
        seen.append(out)
        return out

    plots.decision_grid(model, [[0.0, 0.0], [1.0, 1.0]], resolution=3)
    assert len(seen) == 9 and all(v.inputs == () for v in seen)


@pytest.mark.parametrize(
    "X, shown",
    [([[0.0, 0.0, 0.0]], "(1, 3)"), ([0.0, 1.0], "(2,)"), (np.zeros((0, 2)), "(0, 2)")],
)
def test_decision_grid_rejects_points_that_are_not_2d(X, shown):
    with pytest.raises(ValueError, match="2차원") as info:
        plots.decision_grid(AND, X)
    assert shown in str(info.value)


def test_decision_boundary_checks_label_count(monkeypatch):
    fake_fonts(monkeypatch, ["NanumGothic"])
    with pytest.raises(ValueError, match="개수"):
        plots.plot_decision_boundary(AND, [[0.0, 0.0], [1.0, 1.0]], [0], resolution=3)


# ------------------------------------------------------------ 손실 곡선
class FakeHistory:
    loss = [0.9, 0.4, 0.1]


@pytest.mark.parametrize("losses", [[0.9, 0.4, 0.1], FakeHistory(), np.array([0.9, 0.4, 0.1])])
def test_plot_loss_draws_the_numbers_it_is_given(monkeypatch, losses):
    fake_fonts(monkeypatch, ["NanumGothic"])
    ax = plots.plot_loss(losses, log_scale=True)
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [1, 2, 3]
    assert list(line.get_ydata()) == pytest.approx([0.9, 0.4, 0.1])
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize("axis", ["x", "y"])
def test_log_scale_tick_labels_are_plain_text(monkeypatch, axis):
    fake_fonts(monkeypatch, ["NanumGothic"])
    plots.setup_korean_font()  # axes.unicode_minus=False
    _, ax = plt.subplots()
    ax.plot([1.0, 10.0, 100.0], [1e-6, 1e-3, 1.0])
    plots.set_log_scale(ax, axis)
    target = ax.yaxis if axis == "y" else ax.xaxis
    assert target.get_scale() == "log"
    shown = [target.get_major_formatter()(v) for v in (1e-6, 1e-3, 1.0, 10.0, 1000.0, 1e5)]
    # 수식($...$)도 유니코드 빼기(−)도 아닌 평범한 글자
    assert shown == ["1e-06", "0.001", "1", "10", "1000", "1e+05"]


def test_log_scale_rejects_unknown_axis():
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="'z'"):
        plots.set_log_scale(ax, "z")


def test_plot_loss_rejects_empty_history():
    with pytest.raises(ValueError, match="비어"):
        plots.plot_loss([])
