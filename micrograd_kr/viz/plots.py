"""matplotlib 그림 도우미: 한글 글꼴(Korean font) 설정, 손실 곡선, 결정 경계(decision boundary).

matplotlib는 선택 의존성입니다 (``pip install micrograd_kr[notebooks]``).

한글 글꼴이 없으면 matplotlib는 한글을 네모(□)로 그립니다. 그래서 ``setup_korean_font()``가
설치된 한글 글꼴을 찾고, 하나도 없으면 경고(warning)를 한 번 띄운 뒤 이 파일의 그림들이
영어 글자를 쓰게 합니다. 노트북의 제목 등은 ``label("한국어", "English")``로 같은 규칙을 따릅니다.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from micrograd_kr.floats import short_repr
from micrograd_kr.modes import no_grad

# 찾아볼 한글 글꼴 이름 (앞쪽이 우선). CJK 글꼴의 JP/SC 판에도 한글 글리프(glyph)가 들어 있습니다.
KOREAN_FONTS = (
    "NanumGothic",
    "NanumBarunGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Apple SD Gothic Neo",
    "AppleGothic",
    "Malgun Gothic",
    "UnDotum",
    "Baekmuk Gulim",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
)
# matplotlib 의 글꼴 목록(캐시)이 글꼴 설치보다 오래되었을 때 파일 이름으로 찾아 추가합니다.
_FONT_FILE_HINTS = (
    "nanum",
    "notosanscjk",
    "notosanskr",
    "applegothic",
    "applesdgothic",
    "malgun",
    "undotum",
)

_korean: bool | None = None  # None: 아직 찾아보지 않음, True: 한글 글꼴 있음, False: 영어로


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - 선택 의존성
        raise ImportError(
            "그림을 그리려면 matplotlib 가 필요합니다: pip install 'micrograd_kr[notebooks]'"
        ) from exc
    return plt


def _installed_korean_font() -> str | None:
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in KOREAN_FONTS if name in names), None)


def _find_korean_font() -> str | None:
    """설치된 한글 글꼴의 이름을 돌려줍니다. 없으면 None."""
    from matplotlib import font_manager

    found = _installed_korean_font()
    if found is None:  # 캐시에 없으면 시스템 글꼴 파일을 한 번 훑어 본다
        for path in font_manager.findSystemFonts():
            if any(hint in Path(path).name.lower() for hint in _FONT_FILE_HINTS):
                font_manager.fontManager.addfont(path)
        found = _installed_korean_font()
    return found


def setup_korean_font() -> str | None:
    """matplotlib가 한글을 쓰도록 설정하고 찾은 글꼴 이름을 돌려줍니다.

    - 찾으면: 그 글꼴을 sans-serif의 맨 앞에 두고 ``axes.unicode_minus=False``로 둡니다
      (한글 글꼴 중에는 유니코드 빼기 기호(−)가 없는 것이 있어 네모로 나오기 때문).
    - 못 찾으면: 한국어 경고를 띄우고 None을 돌려줍니다. 이후 이 파일의 그림은 영어로 씁니다.
    """
    global _korean
    import matplotlib

    matplotlib.rcParams["axes.unicode_minus"] = False
    name = _find_korean_font()
    if name is None:
        _korean = False
        warnings.warn(
            "한글 글꼴(Korean font)을 찾지 못해 그림의 글자를 영어로 씁니다. "
            "한글로 보려면 글꼴을 설치한 뒤 커널을 다시 시작하세요 "
            "(Debian/Ubuntu: sudo apt-get install fonts-nanum, "
            "macOS·Windows 는 기본 글꼴이 있습니다).",
            UserWarning,
            stacklevel=2,
        )
        return None
    others = [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
    matplotlib.rcParams["font.sans-serif"] = [name, *others]
    matplotlib.rcParams["font.family"] = "sans-serif"
    _korean = True
    return name


def label(korean: str, english: str) -> str:
    """한글 글꼴이 있으면 한국어를, 없으면 영어를 돌려줍니다 (처음 부를 때 글꼴을 찾습니다)."""
    if _korean is None:
        setup_korean_font()
    return korean if _korean else english


# ------------------------------------------------------------ 손실 곡선
def plot_loss(
    losses: Any,
    ax: Any = None,
    name: str | None = None,
    log_scale: bool = False,
) -> Any:
    """에폭(epoch)마다의 손실을 선으로 그립니다.

    ``losses``는 숫자 목록이나 ``train.fit``이 돌려준 ``History`` (``.loss``를 씀)입니다.
    같은 ``ax``에 여러 번 그리면 ``name``이 범례(legend)에 나옵니다. 그린 Axes를 돌려줍니다.
    """
    values = [float(v) for v in getattr(losses, "loss", losses)]
    if not values:
        raise ValueError("손실 기록이 비어 있습니다. 학습을 한 에폭 이상 한 뒤 그려 주세요.")
    if ax is None:
        _, ax = _pyplot().subplots(figsize=(5, 3.2), layout="constrained")
    ax.plot(range(1, len(values) + 1), values, label=name)
    ax.xaxis.get_major_locator().set_params(integer=True)  # 에폭은 정수 눈금
    ax.set_xlabel(label("에폭(epoch)", "epoch"))
    ax.set_ylabel(label("손실(loss)", "loss"))
    if log_scale:
        set_log_scale(ax, "y")
    if name is not None:
        ax.legend()
    ax.grid(alpha=0.3)
    return ax


def set_log_scale(ax: Any, axis: str = "y") -> Any:
    """축을 로그 눈금(log scale)으로 바꾸고, 눈금 글자를 ``0.01``, ``1000``, ``1e-06``처럼 씁니다.

    matplotlib의 기본 로그 눈금 ``10⁻⁴``은 수식(mathtext)으로 그려지는데, 수식의 빼기 기호는
    언제나 유니코드 빼기(−)라서 그 글리프가 없는 한글 글꼴(예: 나눔고딕)에서는 네모로 나옵니다.
    """
    from matplotlib import ticker

    if axis not in ("x", "y"):
        raise ValueError(f"axis 는 'x' 나 'y' 여야 합니다 (받은 값: {short_repr(axis)}).")
    target = ax.yaxis if axis == "y" else ax.xaxis
    (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
    target.set_major_formatter(ticker.FuncFormatter(lambda x, _pos: log_tick(x)))
    target.set_minor_formatter(ticker.NullFormatter())
    return ax


def log_tick(x: float) -> str:
    """로그 눈금 글자: 0.001 ~ 1000은 그대로(``0.01``, ``100``), 나머지는 ``1e-06`` 꼴."""
    if x <= 0:
        return ""
    if 1e-3 <= x < 1e4:
        return f"{x:g}"
    return f"{x:.0e}"


# ------------------------------------------------------------ 결정 경계
def predict_class(model: Callable[[Sequence[float]], Any], point: Sequence[float]) -> int:
    """모델의 출력 하나를 클래스 번호로 바꿉니다.

    - 출력이 여러 개(list): 가장 큰 값의 번호 (argmax)
    - 출력이 하나(Value 나 숫자): 0보다 크면 1, 아니면 0
      (로짓(logit), 힌지 점수(hinge score), 퍼셉트론의 0/1 모두 이 규칙이 맞습니다)
    """
    out = model(point)
    if isinstance(out, (list, tuple)):
        scores = [float(getattr(o, "data", o)) for o in out]
        return int(np.argmax(scores))
    return 1 if float(getattr(out, "data", out)) > 0 else 0


def decision_grid(
    model: Callable[[Sequence[float]], Any],
    X: Any,
    resolution: int = 80,
    padding: float = 0.5,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """점들 X를 덮는 격자(grid)의 모든 칸에서 모델의 클래스를 구합니다.

    ``(xx, yy, classes)``를 돌려줍니다: 모두 (resolution, resolution) 배열입니다.
    그래프를 만들 필요가 없으므로 ``no_grad()`` 안에서 계산합니다.
    """
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
        raise ValueError(
            "결정 경계는 2차원 점들에만 그릴 수 있습니다: "
            f"X 의 모양(shape)이 {points.shape} 입니다. (n, 2) 배열을 주세요."
        )
    if not isinstance(resolution, int) or resolution < 2:
        raise ValueError(
            f"resolution 은 2 이상의 정수여야 합니다 (받은 값: {short_repr(resolution)})."
        )
    low = points.min(axis=0) - padding
    high = points.max(axis=0) + padding
    xx, yy = np.meshgrid(
        np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution)
    )
    with no_grad():
        classes = [
            predict_class(model, [float(a), float(b)]) for a, b in zip(xx.ravel(), yy.ravel())
        ]
    return xx, yy, np.array(classes).reshape(xx.shape)


def plot_decision_boundary(
    model: Callable[[Sequence[float]], Any],
    X: Any,
    y: Sequence[int],
    ax: Any = None,
    title: str | None = None,
    resolution: int = 80,
    padding: float = 0.5,
) -> Any:
    """모델이 평면을 어떻게 나누는지 색으로 칠하고, 그 위에 데이터 점을 찍습니다.

    ``model``은 점 하나 [x1, x2]를 받는 함수입니다 (MLP, Perceptron, lambda 모두 됩니다).
    """
    plt = _pyplot()
    labels = np.asarray(y, dtype=int)
    xx, yy, classes = decision_grid(model, X, resolution, padding)
    points = np.asarray(X, dtype=float)
    if len(labels) != len(points):
        raise ValueError(f"X 는 {len(points)}개, y 는 {len(labels)}개입니다. 개수를 맞춰 주세요.")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
    n_classes = int(max(classes.max(), labels.max())) + 1
    colors = plt.get_cmap("tab10").colors[:n_classes]
    levels = np.arange(n_classes + 1) - 0.5
    ax.contourf(xx, yy, classes, levels=levels, colors=colors, alpha=0.25)
    for k in range(n_classes):
        chosen = labels == k
        if chosen.any():
            ax.scatter(
                points[chosen, 0],
                points[chosen, 1],
                color=colors[k],
                edgecolor="black",
                s=40,
                label=label(f"클래스 {k}", f"class {k}"),
            )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    ax.legend(loc="best", fontsize="small")
    if title is not None:
        ax.set_title(title)
    return ax
