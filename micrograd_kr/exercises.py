"""노트북의 "직접 해 보기" 연습 문제와 채점기.

노트북 끝의 연습 문제는 이렇게 확인합니다::

    from micrograd_kr.exercises import check
    answer = ...            # 여기에 답을 씁니다
    check("02-apple-grad", answer)

``check`` 는 한국어로 무엇이 맞고 틀렸는지 알려 주고 ``True`` 나 ``False`` 를 돌려줍니다.
답이 비었거나(``None``, ``...``) 엉뚱한 모양이어도 예외를 내지 않으므로, 풀지 않은 문제가
있어도 노트북은 처음부터 끝까지 실행됩니다.

채점기(checker)는 답 하나를 받아 ``(맞았는가, 설명)`` 을 돌려주는 함수입니다. 가능하면 저장된
정답과 비교하는 데서 그치지 않고, 수치 미분(numerical gradient)이나 구체적인 입력으로 답을
직접 시험해 "x = 2 에서 기울기가 7.389 여야 하는데 1.0 이 나왔습니다" 처럼 틀린 곳을 짚습니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

Checker = Callable[[Any], tuple[bool, str]]

#: 연습 문제 이름 → 한 줄 과제 설명
EXERCISES: dict[str, str] = {}
_CHECKERS: dict[str, Checker] = {}


def exercise(name: str, task: str) -> Callable[[Checker], Checker]:
    """채점기 함수를 연습 문제 ``name`` 으로 등록하는 데코레이터(decorator)."""

    def register(checker: Checker) -> Checker:
        if name in EXERCISES:
            raise ValueError(f"연습 문제 이름 {name!r}이 두 번 등록되었습니다.")
        EXERCISES[name] = task
        _CHECKERS[name] = checker
        return checker

    return register


def check(name: str, answer: Any) -> bool:
    """연습 문제 ``name`` 의 답 ``answer`` 를 채점하고, 한국어 설명을 출력합니다.

    맞으면 ``True``, 틀리거나 비었으면 ``False`` 를 돌려줍니다. 어떤 답에도 예외를 내지 않습니다.
    """
    if name not in _CHECKERS:
        names = ", ".join(sorted(EXERCISES)) or "(없음)"
        print(f"❓ {name!r}라는 연습 문제는 없습니다. 있는 문제: {names}")
        return False
    if answer is None or answer is Ellipsis:
        print(f"✏️ 아직 답이 없습니다. 과제: {EXERCISES[name]}")
        return False
    try:
        ok, message = _CHECKERS[name](answer)
    except Exception as exc:  # 채점 중의 어떤 오류도 학습자에게는 설명으로 돌려준다
        ok, message = False, f"답을 시험하다가 오류가 났습니다: {type(exc).__name__}: {exc}"
    print(("✅ 정답입니다. " if ok else "❌ 아직 아닙니다. ") + message)
    return bool(ok)


# ── 노트북 00–03 의 연습 문제 ─────────────────────────────────────────────


def _a_number(answer: Any) -> float | None:
    """숫자 답(int, float, numpy 수, Value)을 float로. 숫자가 아니면 None."""
    from micrograd_kr.engine import Value

    if isinstance(answer, Value):
        answer = answer.data
    if isinstance(answer, bool):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _a_not_number(answer: Any) -> str:
    return f"숫자를 넣어야 하는데 {type(answer).__name__} 값 {answer!r}이 들어왔습니다."


def _a_not_function(answer: Any, example: str) -> str:
    return (
        f"함수를 넣어야 하는데 {type(answer).__name__} 값이 들어왔습니다. "
        f"{example}처럼 함수를 정의한 뒤 그 이름을 넣으세요."
    )


@exercise(
    "00-artificial-neuron",
    "입력 xs, 가중치 ws, 편향 b를 받아 가중합이 0보다 크면 1, 아니면 0을 돌려주는 "
    "함수 neuron(xs, ws, b)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, _a_not_function(answer, "def neuron(xs, ws, b): ...")
    cases = [
        ([1, 1], [0.5, 0.5], -0.7, 1),
        ([1, 0], [0.5, 0.5], -0.7, 0),
        ([0, 0], [0.5, 0.5], 0.0, 0),  # 합이 정확히 0이면 0
        ([2, -1, 3], [0.1, 0.4, -0.2], 0.5, 0),
        ([2, -1, 3], [0.1, 0.4, 0.2], 0.1, 1),
    ]
    for xs, ws, b, expected in cases:
        got = answer(list(xs), list(ws), b)
        if got is None or got is Ellipsis:
            return False, "함수가 아직 아무것도 돌려주지 않습니다(None). 본문을 채우세요."
        total = sum(w * x for w, x in zip(ws, xs)) + b
        if _a_number(got) != expected:
            return False, (
                f"xs = {xs}, ws = {ws}, b = {b}에서 가중합이 {total:.2g}이므로 {expected}이 "
                f"나와야 하는데 {got!r}이 나왔습니다."
            )
    return True, "다섯 경우 모두 맞습니다. 가중합이 정확히 0일 때 0을 내는 것까지 맞았습니다."


@exercise(
    "00-mlp-params",
    "MLP(3, [4, 1])의 매개변수(가중치와 편향) 수를 손으로 세어 숫자로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    value = _a_number(answer)
    if value is None:
        return False, _a_not_number(answer)
    from micrograd_kr.nn import MLP

    expected = len(MLP(3, [4, 1], seed=0).parameters())  # 실제 모델에서 센 수
    if value == expected:
        return True, "첫 층 3×4 + 4 = 16, 둘째 층 4×1 + 1 = 5, 합해서 21개입니다."
    if value == 3 * 4 + 4 * 1:
        return False, f"{value:g}은 가중치만 센 수입니다. 뉴런마다 편향이 하나씩 더 있습니다."
    return False, (
        f"{value:g}개가 아닙니다. 층마다 (입력 수 × 뉴런 수)개의 가중치와 "
        "뉴런 수만큼의 편향이 있습니다."
    )


def _a_gate(answer: Any, n_inputs: int, truth: list[int], name: str) -> tuple[bool, str]:
    from micrograd_kr.perceptron import Perceptron

    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
        return False, f"숫자 {n_inputs + 1}개의 튜플을 넣으세요. 지금 답: {answer!r}"
    numbers = [_a_number(v) for v in answer]
    if len(numbers) != n_inputs + 1 or None in numbers:
        shape = "(w, b)" if n_inputs == 1 else "(w1, w2, b)"
        return False, f"{shape} 모양으로 숫자 {n_inputs + 1}개를 넣으세요. 지금 답: {answer!r}"
    *w, b = numbers
    gate = Perceptron(w, b)
    inputs = [(0,), (1,)] if n_inputs == 1 else [(0, 0), (0, 1), (1, 0), (1, 1)]
    for x, expected in zip(inputs, truth):
        got = gate(list(x))
        if got != expected:
            total = sum(wi * xi for wi, xi in zip(w, x)) + b
            return False, (
                f"입력 {x}에서 {name}는 {expected}이어야 하는데 가중합이 {total:g}이라 "
                f"{got}이 나왔습니다."
            )
    return True, f"진리표 {truth}를 모두 맞힙니다."


@exercise(
    "01-not-gate",
    "입력 하나의 NOT 게이트(0 → 1, 1 → 0)가 되는 (w, b)를 찾아 튜플로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    return _a_gate(answer, 1, [1, 0], "NOT")


@exercise(
    "01-nor-gate",
    "NOR 게이트(OR의 반대: (0, 0)에서만 1)가 되는 (w1, w2, b)를 찾아 튜플로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    return _a_gate(answer, 2, [1, 0, 0, 0], "NOR")


@exercise(
    "02-mul-backward",
    "곱셈 노드 z = x × y의 역전파 mul_backward(dout, x, y)를 써서 (dx, dy)를 돌려주세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, _a_not_function(answer, "def mul_backward(dout, x, y): ...")
    from micrograd_kr.engine import Value

    for dout, x, y in [(1.0, 100.0, 2.0), (1.1, 200.0, 1.1), (2.0, -3.0, 0.5), (0.5, 4.0, 4.0)]:
        got = answer(dout, x, y)
        if got is None or got is Ellipsis:
            return False, "함수가 아직 아무것도 돌려주지 않습니다(None). 본문을 채우세요."
        if isinstance(got, (str, bytes)) or not hasattr(got, "__len__") or len(got) != 2:
            return False, f"(dx, dy) 두 값을 튜플로 돌려주세요. 지금은 {got!r}입니다."
        a, b = Value(x), Value(y)
        (a * b).backward()  # 엔진으로 잰 기울기에 dout 을 곱한 것이 정답
        want = (dout * a.grad, dout * b.grad)
        dx, dy = _a_number(got[0]), _a_number(got[1])
        if dx is None or dy is None or abs(dx - want[0]) > 1e-9 or abs(dy - want[1]) > 1e-9:
            return False, (
                f"dout = {dout}, x = {x}, y = {y}에서 (dx, dy) = ({want[0]:g}, {want[1]:g})여야 "
                f"하는데 {tuple(got)!r}이 나왔습니다. 곱셈 노드는 입력을 바꿔 곱합니다."
            )
    return True, "네 경우 모두 맞습니다. dx = dout × y, dy = dout × x입니다."


@exercise(
    "02-tax-change",
    "사과·귤 쇼핑(715원)에서 소비세가 1.1에서 1.2로 오르면 지불 금액은 몇 원 오를까요? "
    "소비세의 기울기로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    value = _a_number(answer)
    if value is None:
        return False, _a_not_number(answer)
    from micrograd_kr.engine import Value

    tax = Value(1.1)
    total = (Value(100) * 2 + Value(150) * 3) * tax
    total.backward()
    expected = tax.grad * 0.1  # 지불 금액은 소비세에 정비례하므로 정확한 답이기도 하다
    if abs(value - expected) < 1e-6:
        return True, f"소비세의 기울기 {tax.grad:g}에 변화량 0.1을 곱한 {expected:g}원입니다."
    if abs(value - tax.grad) < 1e-6:
        return False, (
            f"{value:g}은 소비세가 1만큼 오를 때의 변화입니다. 변화량 0.1을 곱해야 합니다."
        )
    return False, f"{value:g}원이 아닙니다. ∂지불금액/∂소비세 = {tax.grad:g}에서 출발해 보세요."


@exercise(
    "03-chain-rule",
    "z = (x + y)²에서 x = 2, y = -0.5일 때 ∂z/∂x를 연쇄법칙으로 손으로 구해 숫자로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    value = _a_number(answer)
    if value is None:
        return False, _a_not_number(answer)
    from micrograd_kr.engine import Value

    x, y = Value(2.0), Value(-0.5)
    ((x + y) ** 2).backward()
    if abs(value - x.grad) < 1e-9:
        return True, f"t = x + y = 1.5, ∂z/∂t = 2t = 3, ∂t/∂x = 1이므로 {x.grad:g}입니다."
    if abs(value - 2.25) < 1e-9:
        return False, "2.25는 z의 값입니다. 기울기 ∂z/∂x를 구하세요."
    return False, f"{value:g}이 아닙니다. t = x + y로 두고 ∂z/∂t × ∂t/∂x를 곱해 보세요."


@exercise(
    "03-sin-local",
    "sin 노드의 국소 미분 sin_local(x) = d sin(x)/dx를 함수로 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, _a_not_function(answer, "def sin_local(x): ...")
    h = 1e-5
    for x in [0.0, 0.5, 1.0, 2.0, -1.3, 3.0]:
        got = answer(x)
        if got is None or got is Ellipsis:
            return False, "함수가 아직 아무것도 돌려주지 않습니다(None). 본문을 채우세요."
        numeric = (math.sin(x + h) - math.sin(x - h)) / (2 * h)  # 중앙 차분
        value = _a_number(got)
        if value is None or abs(value - numeric) > 1e-6:
            return False, (
                f"x = {x:g}에서 국소 미분이 {numeric:.4f}(중앙 차분)여야 하는데 {got!r}이 "
                "나왔습니다."
            )
    return True, "여섯 점 모두 중앙 차분과 맞습니다. sin의 국소 미분은 cos입니다."


# ── 노트북 04, 08, 10 의 연습 문제 ───────────────────────────────────────


def _has_final_consonant(text: str) -> bool:
    """조사를 고르려고 마지막 글자에 받침이 있는지 봅니다 (숫자와 영어 이름은 읽는 소리로)."""
    last = text.rstrip()[-1:] or "a"
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isdigit():
        return last in "013678"  # 영, 일, 삼, 육, 칠, 팔
    if text.lower().endswith("type"):
        return True  # NoneType(논타입)
    return last.lower() in "lmnr"  # bool(불), function(펑션), str(알), ...


def _j(text: str, with_final: str, without_final: str) -> str:
    """``text`` 에 받침에 맞는 조사를 붙입니다: ``_j("7.389", "이", "가")`` → ``"7.389가"``."""
    return text + (with_final if _has_final_consonant(text) else without_final)


def _kind(answer: Any) -> str:
    return type(answer).__name__


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _unary_method(
    cls: Any,
    method: str,
    f: Callable[[float], float],
    df: Callable[[float], float],
    points: list[float],
) -> tuple[bool, str]:
    """``cls(x).method()`` 의 값과 역전파 기울기를 여러 점에서 시험한다."""
    if not isinstance(cls, type):
        return False, f"MyValue 클래스를 넣어야 하는데 {_j(_kind(cls), '이', '가')} 들어왔습니다."
    if not callable(getattr(cls, method, None)):
        return (
            False,
            f"{cls.__name__}에 {method} 메서드가 없습니다. "
            f"`{cls.__name__}.{method} = ...`로 붙이세요.",
        )
    h = 1e-6
    for x in points:
        v = cls(x)
        out = getattr(v, method)()
        if out is None:
            return (
                False,
                f"x = {x}에서 {method}()가 None을 돌려줬습니다. "
                f"새 {_j(cls.__name__, '을', '를')} return 하세요.",
            )
        if not hasattr(out, "data") or not callable(getattr(out, "backward", None)):
            return (
                False,
                f"{method}()가 {_j(_kind(out), '을', '를')} 돌려줬습니다. "
                f"data와 backward()가 있는 {cls.__name__}이어야 합니다.",
            )
        want = f(x)
        if not math.isclose(float(out.data), want, rel_tol=1e-9, abs_tol=1e-12):
            return (
                False,
                f"x = {x}에서 값이 {_j(_fmt(want), '이어야', '여야')} 하는데 "
                f"{_j(_fmt(float(out.data)), '이', '가')} 나왔습니다.",
            )
        out.backward()
        numeric = (getattr(cls(x + h), method)().data - getattr(cls(x - h), method)().data) / (
            2 * h
        )
        got = float(v.grad)
        if not math.isclose(got, numeric, rel_tol=1e-5, abs_tol=1e-7):
            hint = ""
            if got == 0.0:
                hint = " 입력의 기울기가 0입니다: _prev에 self를, _local에 국소 미분을 넣었나요?"
            elif math.isclose(got, want, rel_tol=1e-9):
                hint = " 국소 미분 자리에 출력의 값을 적은 것 같습니다."
            return False, (
                f"x = {x}에서 기울기가 수치 미분으로 {_j(_fmt(numeric), '이어야', '여야')} 하는데 "
                f"{_j(_fmt(got), '이', '가')} "
                f"나왔습니다.{hint}"
            )
        if not math.isclose(got, df(x), rel_tol=1e-9, abs_tol=1e-12):
            return (
                False,
                f"x = {x}에서 기울기가 {_j(_fmt(df(x)), '이어야', '여야')} 하는데 "
                f"{_j(_fmt(got), '이', '가')} 나왔습니다.",
            )
    x = points[1]
    v = cls(x)
    (getattr(v, method)() * v).backward()  # 같은 노드를 두 번 쓰는 식: d/dx [f(x)·x]
    want = df(x) * x + f(x)
    if not math.isclose(float(v.grad), want, rel_tol=1e-9, abs_tol=1e-12):
        return False, (
            f"x = {x}에서 {method}(x)·x의 기울기가 {_j(_fmt(want), '이어야', '여야')} 하는데 "
            f"{_j(_fmt(float(v.grad)), '이', '가')} "
            "나왔습니다. 여러 번 쓰인 노드의 기울기가 더해지는지 확인하세요."
        )
    listed = ", ".join(str(p) for p in points)
    return (
        True,
        f"x = {listed}에서 값과 기울기가 수치 미분과 맞고, {method}(x)·x의 기울기도 맞습니다.",
    )


@exercise(
    "04-sin-backward", "MyValue에 sin 메서드(값과 국소 미분)를 더하고 MyValue 클래스를 넣으세요."
)
def _(answer: Any) -> tuple[bool, str]:
    return _unary_method(answer, "sin", math.sin, math.cos, [-2.0, 0.7, 0.0, 1.5, 3.0])


def _sigmoid(x: float) -> float:
    return 0.5 * (1.0 + math.tanh(0.5 * x))  # 넘치지 않는 독립된 식


@exercise(
    "04-sigmoid-backward",
    "MyValue에 노드 하나짜리 sigmoid 메서드를 더하고 MyValue 클래스를 넣으세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    return _unary_method(
        answer,
        "sigmoid",
        _sigmoid,
        lambda x: _sigmoid(x) * (1.0 - _sigmoid(x)),
        [-3.0, 0.5, 0.0, 2.0],
    )


def _real_number(answer: Any) -> float | None:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    return float(answer)


@exercise(
    "08-learning-rate",
    "f(x₀, x₁) = x₀² + x₁²를 (−3, 4)에서 20걸음 만에 최솟값 0.05 안으로 데려가는 "
    "학습률을 고르세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    from micrograd_kr.engine import Value

    lr = _real_number(answer)
    if lr is None:
        return (
            False,
            f"학습률은 숫자(float)여야 하는데 {_j(_kind(answer), '이', '가')} 들어왔습니다.",
        )
    if not math.isfinite(lr) or lr <= 0:
        return False, f"학습률은 0보다 큰 유한한 수여야 합니다 (받은 값: {lr!r})."
    point = [-3.0, 4.0]
    for step in range(1, 21):
        x0, x1 = Value(point[0]), Value(point[1])
        (x0**2 + x1**2).backward()
        point = [point[0] - lr * x0.grad, point[1] - lr * x1.grad]
        if not all(math.isfinite(p) for p in point):
            return (
                False,
                f"lr = {lr}이면 {step}걸음 만에 값이 무한대로 넘쳤습니다 (발산). 더 작게 고르세요.",
            )
    distance = math.hypot(*point)
    factor = 1.0 - 2.0 * lr  # 한 걸음마다 x ← (1 − 2·lr)·x
    where = f"20걸음 뒤 ({_fmt(point[0])}, {_fmt(point[1])}), 최솟값까지 거리 {_fmt(distance)}"
    if distance > 5.0:
        return False, (
            f"lr = {lr}이면 한 걸음마다 x가 {_fmt(factor)}배가 되어 점점 멀어집니다 "
            f"(발산): {where}. "
            "더 작게 고르세요."
        )
    if distance > 0.05:
        return False, (
            f"lr = {lr}이면 한 걸음마다 x가 {_fmt(factor)}배라서 너무 천천히 다가갑니다: {where}. "
            "|1 − 2·lr|이 작아지도록 고르세요."
        )
    return True, f"lr = {lr}: {where}. 한 걸음마다 x가 {_fmt(factor)}배가 됩니다."


_STEP_DATA = ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [-1.0, 1.0, 1.0, -1.0])


def _reference_step(model: Any, optimizer: Any) -> None:
    from micrograd_kr.losses import mse

    xs, ys = _STEP_DATA
    loss = mse([model(x) for x in xs], ys)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


@exercise(
    "08-train-step",
    "train_step(model, optimizer, xs, ys): 순전파 → mse 손실 → 기울기 초기화 → 역전파 → "
    "갱신을 한 번 하는 함수를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    from micrograd_kr.nn import MLP
    from micrograd_kr.optim import SGD

    if not callable(answer):
        return False, f"함수를 넣어야 하는데 {_j(_kind(answer), '이', '가')} 들어왔습니다."
    xs, ys = _STEP_DATA
    mine, ref = (MLP(2, [3, 1], activation="tanh", seed=3) for _ in range(2))
    opt_mine, opt_ref = SGD(mine.parameters(), lr=0.1), SGD(ref.parameters(), lr=0.1)
    start = [p.data for p in mine.parameters()]
    for step in range(1, 4):
        answer(mine, opt_mine, [list(x) for x in xs], list(ys))
        _reference_step(ref, opt_ref)
        got = [p.data for p in mine.parameters()]
        want = [p.data for p in ref.parameters()]
        gap = max(abs(a - b) for a, b in zip(got, want))
        if gap <= 1e-12:
            continue
        if step == 1 and got == start:
            return False, (
                "첫 걸음 뒤에 매개변수가 그대로입니다: step()을 부르지 않았거나, zero_grad()가 "
                "backward()와 step() 사이에 있어서 기울기를 지운 뒤에 갱신했습니다."
            )
        if step == 1:
            return False, (
                f"첫 걸음부터 매개변수가 최대 {_fmt(gap)}만큼 다릅니다. "
                "손실은 mse(점수 목록, ys)이고, "
                "backward()와 step()을 한 번씩만 부르는지 확인하세요."
            )
        return False, (
            f"첫 걸음은 맞지만 {step}번째 걸음에서 매개변수가 최대 {_fmt(gap)}만큼 다릅니다: "
            "지난 걸음의 기울기가 남아 더해졌습니다. backward() 앞에서 zero_grad()를 부르세요."
        )
    return True, "세 걸음 모두 매개변수가 기준 학습 루프와 같습니다."


def _grad_case(
    backward: Callable[[Any], Any], build: Callable[[list[Any]], Any], xs: list[float]
) -> tuple[list[float], list[float]]:
    """학습자의 backward 로 구한 기울기와 수치 미분을 돌려준다."""
    from micrograd_kr.engine import Value
    from micrograd_kr.numerical import numerical_grad

    leaves = [Value(x) for x in xs]
    backward(build(leaves))
    return [leaf.grad for leaf in leaves], numerical_grad(build, xs)


def _reuse_middle(v: list[Any]) -> Any:
    c = v[0] * v[1]
    return c * c + c


@exercise(
    "10-iterative-backward",
    "재귀 없이(스택으로) 위상 정렬하고 기울기를 +=로 쌓는 backward(root) 함수를 "
    "Value 그래프에 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, f"함수를 넣어야 하는데 {_j(_kind(answer), '이', '가')} 들어왔습니다."
    cases = [
        ("a·b + a·a + b (a를 세 번 씀)", lambda v: v[0] * v[1] + v[0] * v[0] + v[1], [1.5, -2.0]),
        ("(a + b)·(b + 1) (3장의 예)", lambda v: (v[0] + v[1]) * (v[1] + 1), [2.0, 1.0]),
        (
            "tanh(a·b) − exp(a) / b",
            lambda v: (v[0] * v[1]).tanh() - v[0].exp() / v[1],
            [0.3, -1.2],
        ),
        ("c = a·b 일 때 c·c + c (중간 노드 c를 세 번 씀)", _reuse_middle, [0.8, -0.6]),
    ]
    from micrograd_kr.engine import Value

    package_backward = Value.backward

    def refuse(self: Value) -> None:
        raise _PackageBackwardUsed

    Value.backward = refuse  # type: ignore[method-assign]  # 직접 쓴 역전파만 시험한다
    try:
        return _iterative_backward_cases(answer, cases)
    except _PackageBackwardUsed:
        return False, "패키지의 root.backward()를 부르지 말고 역전파를 직접 쓰세요."
    finally:
        Value.backward = package_backward  # type: ignore[method-assign]


class _PackageBackwardUsed(Exception):
    pass


def _iterative_backward_cases(answer: Callable[[Any], Any], cases: list[Any]) -> tuple[bool, str]:
    for name, build, xs in cases:
        got, want = _grad_case(answer, build, xs)
        for i, (g, w) in enumerate(zip(got, want)):
            if not math.isclose(g, w, rel_tol=1e-5, abs_tol=1e-7):
                leaf = "ab"[i]
                return False, (
                    f"{name}, a = {xs[0]}, b = {xs[1]}에서 {leaf}의 기울기가 "
                    f"수치 미분으로 {_j(_fmt(w), '이어야', '여야')} "
                    f"하는데 {_j(_fmt(g), '이', '가')} 나왔습니다. "
                    "root.grad = 1로 시작하고, 위상 정렬의 "
                    "역순으로 `child.grad += local * node.grad`로 더하는지 확인하세요."
                )
    from micrograd_kr.engine import Value

    depth = 20_000
    x = Value(0.5)
    y = x
    for _ in range(depth):
        y = y * 1.0001
    try:
        answer(y)
    except RecursionError:
        return False, (
            f"노드 {depth}개짜리 사슬에서 RecursionError가 났습니다. 재귀 대신 리스트를 "
            "스택(stack)으로 써서 위상 정렬하세요."
        )
    want = 1.0001**depth
    if not math.isclose(x.grad, want, rel_tol=1e-9):
        return (
            False,
            f"노드 {depth}개짜리 사슬 y = x·1.0001ⁿ에서 x의 기울기가 "
            f"{_j(_fmt(want), '이어야', '여야')} 하는데 "
            f"{_j(_fmt(x.grad), '이', '가')} 나왔습니다.",
        )
    return (
        True,
        f"세 식의 기울기가 수치 미분과 맞고, 노드 {depth}개짜리 사슬도 "
        "재귀 한도에 걸리지 않습니다.",
    )


@exercise(
    "10-stable-sigmoid",
    "x = ±1000에서도 넘치지(overflow) 않는 stable_sigmoid(x: float) -> float를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, f"함수를 넣어야 하는데 {_j(_kind(answer), '이', '가')} 들어왔습니다."
    for x in [0.0, 1.0, -1.0, 30.0, -30.0, 710.0, -710.0, 1000.0, -1000.0]:
        try:
            got = answer(x)
        except OverflowError:
            return False, (
                f"x = {x:g}에서 OverflowError가 났습니다: math.exp에 709보다 큰 수가 들어갔습니다. "
                "x < 0이면 e^x / (1 + e^x)처럼 exp에 음수만 넣으세요."
            )
        if got is None:
            return False, f"x = {x:g}에서 None이 나왔습니다. 함수가 값을 return 하는지 확인하세요."
        value = _real_number(getattr(got, "data", got))
        if value is None:
            return False, f"x = {x:g}에서 숫자가 아니라 {_j(_kind(got), '이', '가')} 나왔습니다."
        want = _sigmoid(x)
        if not math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-12):
            return (
                False,
                f"x = {x:g}에서 σ(x)가 {_j(_fmt(want), '이어야', '여야')} 하는데 "
                f"{_j(_fmt(value), '이', '가')} 나왔습니다.",
            )
    return True, "x = 0, ±1, ±30, ±710, ±1000에서 모두 넘치지 않고 σ(x)와 맞습니다."


# ── 노트북 05, 06, 07, 09 의 연습 문제 ───────────────────────────────────


class _CBlank(Exception):
    """학습자의 함수가 아직 아무것도 돌려주지 않았다(None, ...)."""


def _c_call(function: Callable[..., Any], *args: Any) -> Any:
    """학습자의 함수를 부르고, 빈 결과(None, ...)면 _CBlank를 일으킨다."""
    result = function(*args)
    if result is None or result is Ellipsis:
        raise _CBlank
    return result


def _c_blank_aware(checker: Checker) -> Checker:
    """빈 함수(본문이 아직 return None)를 오류가 아니라 '아직 답이 없다'로 알려 준다."""

    def wrapped(answer: Any) -> tuple[bool, str]:
        try:
            return checker(answer)
        except _CBlank:
            return False, "함수가 아직 아무것도 돌려주지 않습니다(None). 함수 본문을 채우세요."

    return wrapped


def _c_function(answer: Any, example: str) -> str | None:
    """답이 함수가 아니면 무엇을 넣어야 하는지 알려 주는 문장, 함수면 None."""
    if callable(answer):
        return None
    return (
        f"함수를 넣어야 하는데 들어온 답의 종류는 {type(answer).__name__}입니다. "
        f"{example}처럼 함수를 정의해 넣으세요."
    )


def _c_float(value: Any) -> float:
    """숫자, 크기 1인 배열, Value를 float로. 못 바꾸면 TypeError."""
    from micrograd_kr.engine import Value

    if isinstance(value, Value):
        value = value.data
    if isinstance(value, bool) or value is None:
        raise TypeError(f"숫자가 아닙니다: {value!r}")
    return float(value)


def _c_floats(values: Any) -> list[float]:
    """숫자 목록(리스트, 튜플, numpy 배열, Value 목록)을 float 목록으로."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"숫자 목록이 아닙니다: {values!r}")
    return [_c_float(v) for v in values]


def _c_close(a: float, b: float, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    return math.isfinite(a) and abs(a - b) <= abs_ + rel * abs(b)


def _c_int(answer: Any) -> int | None:
    """정수처럼 쓸 수 있는 답(정수, 정수 값의 float, numpy 정수)이면 int, 아니면 None."""
    if isinstance(answer, bool):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return int(value) if value.is_integer() else None


def _c_mlp_params(sizes: list[int]) -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


@exercise(
    "05-param-count",
    "층 크기 목록(예: [784, 50, 100, 10])을 받아 MLP의 매개변수 수를 돌려주는 "
    "함수 count_params(sizes)를 쓰세요.",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def count_params(sizes): ...")
    if problem:
        return False, problem
    cases = [[2, 3, 2, 2], [64, 10], [64, 16, 10], [1, 1], [784, 50, 100, 10]]
    for sizes in cases:
        got = _c_int(_c_call(answer, list(sizes)))
        expected = _c_mlp_params(sizes)
        if got == expected:
            continue
        arrow = "→".join(map(str, sizes))
        weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
        if got == weights:
            hint = f"가중치 {weights}개만 셌습니다. 뉴런마다 편향(bias)이 하나씩 있습니다."
        elif got == expected - sizes[-1] or got == weights + sum(sizes[:-1]):
            hint = "편향은 층의 입력 쪽이 아니라 뉴런(출력 쪽)마다 하나씩입니다."
        elif got == expected - weights + sum(a * a for a in sizes[:-1]):
            hint = "가중치는 (입력 수 × 뉴런 수)개입니다."
        else:
            hint = "층마다 (입력 수 × 뉴런 수) + 뉴런 수를 더하세요."
        return False, f"{arrow}에서 정답은 {expected}, 돌려준 값은 {got!r}입니다. {hint}"
    return True, f"784→50→100→10 신경망의 매개변수는 {_c_mlp_params(cases[-1])}개입니다."


_C_W1 = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]  # 밑바닥부터 시작하는 딥러닝 3장의 W1 (입력 2 × 뉴런 3)


@exercise(
    "05-weight-notation",
    "가중치 행렬 W(행 = 이전 층 뉴런, 열 = 다음 층 뉴런)에서 w_ji(다음 층 뉴런 j, 이전 층 뉴런 i, "
    "1부터 셈)를 꺼내는 함수 weight(W, j, i)를 쓰세요.",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def weight(W, j, i): ...")
    if problem:
        return False, problem
    import numpy as np

    rng = np.random.default_rng(5)
    matrices = [
        np.array(_C_W1),
        np.round(rng.normal(size=(4, 3)), 3),
        np.round(rng.normal(size=(2, 5)), 3),
    ]
    for W in matrices:
        n_prev, n_next = W.shape
        for j in range(1, n_next + 1):
            for i in range(1, n_prev + 1):
                expected = float(W[i - 1, j - 1])
                try:
                    got = _c_float(_c_call(answer, W.copy(), j, i))
                except IndexError:
                    return False, (
                        f"{n_prev}×{n_next} 행렬에서 weight(W, j={j}, i={i})가 "
                        "IndexError를 냈습니다. "
                        "첨자는 1부터 세고, 행은 이전 층 뉴런 i, 열은 다음 층 뉴런 j입니다."
                    )
                if got == expected:
                    continue
                hint = "첨자는 1부터 셉니다: 파이썬에서는 1을 빼야 합니다."
                if j <= n_prev and i <= n_next and got == float(W[j - 1, i - 1]):
                    hint = (
                        "앞 첨자 j는 다음 층 뉴런(열), 뒤 첨자 i는 이전 층 뉴런(행)입니다. "
                        "행과 열이 바뀌었습니다."
                    )
                return False, (
                    f"{n_prev}×{n_next} 행렬에서 w_{j}{i}은 W[{i - 1}, {j - 1}] = {expected}인데 "
                    f"답은 {got!r}입니다. {hint}"
                )
    return True, "w⁽¹⁾₁₂ = W1[1, 0] = 0.2: x₂에서 1층의 첫 번째 뉴런으로 가는 가중치입니다."


def _c_softplus(x: float) -> float:
    return math.log1p(math.exp(-abs(x))) + max(x, 0.0)


@exercise(
    "06-softplus-grad",
    "소프트플러스(softplus) f(x) = log(1 + eˣ)의 도함수 f'(x)를 계산하는 "
    "함수 dsoftplus(x)를 쓰세요.",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def dsoftplus(x): ...")
    if problem:
        return False, problem
    h = 1e-5
    for x in [-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]:
        numeric = (_c_softplus(x + h) - _c_softplus(x - h)) / (2 * h)
        got = _c_float(_c_call(answer, x))
        if not _c_close(got, numeric, rel=1e-5, abs_=1e-7):
            hint = ""
            if _c_close(got, _c_softplus(x), rel=1e-6):
                hint = " f'(x)가 아니라 f(x)를 돌려준 것 같습니다."
            elif _c_close(got, math.exp(x), rel=1e-6):
                hint = " 로그의 미분 1/u를 빠뜨렸습니다: (log u)' = u'/u."
            return False, f"x = {x}에서 수치 미분은 {numeric:.6f}, 답은 {got:.6g}입니다.{hint}"
    return True, "소프트플러스의 도함수는 시그모이드 σ(x) = 1/(1 + e⁻ˣ)입니다."


@exercise(
    "06-swish",
    "스위시(swish) f(x) = x·σ(x)를 Value 연산으로 계산하는 함수 swish(v)를 쓰세요 "
    "(backward()가 되도록).",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def swish(v): return ...")
    if problem:
        return False, problem
    from micrograd_kr.engine import Value

    for x in [-3.0, -0.5, 0.0, 1.0, 4.0]:
        v = Value(x)
        out = _c_call(answer, v)
        if not isinstance(out, Value):
            return False, (
                f"x = {x}에서 돌려받은 답의 종류는 {type(out).__name__}입니다. "
                "Value를 돌려줘야 backward()로 "
                "미분할 수 있습니다: math.exp 대신 v.sigmoid()나 v.exp()처럼 Value의 연산을 쓰세요."
            )
        s = 1.0 / (1.0 + math.exp(-x))
        if not _c_close(out.data, x * s):
            return False, f"x = {x}에서 값이 {x * s:.6f}여야 하는데 {out.data:.6g}입니다."
        out.backward()
        expected = s + x * s * (1.0 - s)
        if not _c_close(v.grad, expected, rel=1e-6):
            return False, (
                f"x = {x}에서 backward()의 기울기가 {v.grad:.6g}입니다. 값은 맞지만 미분은 "
                f"{expected:.6f}여야 합니다. 계산 중에 .data로 꺼낸 숫자를 쓰면 그래프가 끊깁니다."
            )
    return (
        True,
        "스위시의 도함수 σ(x) + x·σ(x)(1 − σ(x))를 엔진이 곱셈 노드의 연쇄법칙으로 구했습니다.",
    )


def _c_softmax(a: list[float]) -> list[float]:
    m = max(a)
    exps = [math.exp(v - m) for v in a]
    total = sum(exps)
    return [e / total for e in exps]


@exercise(
    "07-stable-softmax",
    "[1000, 1001, 1002]처럼 큰 입력에서도 넘치지 않는 소프트맥스 softmax(a)를 쓰세요 "
    "(실수 목록 → 확률 목록).",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def softmax(a): ...")
    if problem:
        return False, problem
    import warnings

    cases = [
        [0.3, 2.9, 4.0],
        [1.0, 2.0, 3.0],
        [5.0],
        [1000.0, 1001.0, 1002.0],
        [-1000.0, -1000.0],
        [-1e4, 0.0, 1e4],
    ]
    for a in cases:
        expected = _c_softmax(a)
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore", RuntimeWarning
            )  # numpy의 넘침 경고는 아래 설명으로 대신한다
            try:
                got = _c_floats(_c_call(answer, list(a)))
            except OverflowError:
                return (
                    False,
                    f"a = {a}에서 OverflowError가 났습니다: e의 큰 거듭제곱은 넘칩니다. "
                    "최댓값을 먼저 빼세요.",
                )
        if len(got) != len(a):
            return False, f"a = {a}에서 확률이 {len(a)}개여야 하는데 {len(got)}개가 나왔습니다."
        if any(not math.isfinite(g) for g in got):
            return (
                False,
                f"a = {a}에서 답은 {got}입니다: eᵃ가 넘치거나(inf) 0으로 나눴습니다(nan). "
                "최댓값을 먼저 빼세요.",
            )
        for k, (g, e) in enumerate(zip(got, expected)):
            if not _c_close(g, e, rel=1e-6, abs_=1e-12):
                return False, f"a = {a}에서 {k}번째 확률은 {e:.6g}, 답은 {g:.6g}입니다."
    return (
        True,
        "최댓값을 빼도 분자와 분모에 같은 수를 곱한 것이라 값은 그대로이고, "
        "지수는 0 이하라 넘치지 않습니다.",
    )


@exercise(
    "07-entropy-bits",
    "확률 목록 p를 받아 엔트로피(entropy)를 비트(bit) 단위로 돌려주는 "
    "함수 entropy_bits(p)를 쓰세요.",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def entropy_bits(p): ...")
    if problem:
        return False, problem
    cases = [[0.5, 0.5], [1 / 8] * 8, [0.9, 0.1], [0.25, 0.25, 0.5], [1.0, 0.0], [0.7, 0.3, 0.0]]
    for p in cases:
        expected = -sum(q * math.log2(q) for q in p if q > 0)
        try:
            got = _c_float(_c_call(answer, list(p)))
        except (ValueError, ZeroDivisionError) as exc:
            return False, (
                f"p = {p}에서 {type(exc).__name__}: {exc}. 확률 0인 칸은 0·log 0 = 0으로 치고 "
                "건너뛰세요 (p가 0으로 갈 때 p·log p → 0)."
            )
        if math.isnan(got):
            return (
                False,
                f"p = {p}에서 nan이 나왔습니다. 확률 0인 칸은 0·log 0 = 0으로 치고 건너뛰세요.",
            )
        if not _c_close(got, expected, rel=1e-6, abs_=1e-9):
            hint = ""
            if _c_close(got, expected * math.log(2), rel=1e-6):
                hint = " 자연로그(nat)로 계산했습니다. 비트는 밑이 2인 로그(math.log2)입니다."
            elif _c_close(got, -expected, rel=1e-6):
                hint = " 부호가 반대입니다: H = −Σ p log₂ p."
            return False, f"p = {p}에서 엔트로피는 {expected:.6g}비트, 답은 {got:.6g}입니다.{hint}"
    return True, "동전은 1비트, 공평한 8면 주사위는 3비트: 가능한 결과가 2ⁿ개로 고르면 n비트입니다."


@exercise(
    "09-dot-logits",
    "가중치 W(10행 × 64열: 행 k가 출력 뉴런 k의 가중치), 편향 b, 입력 x로 로짓 "
    "[W[k]·x + b[k] for k] 목록을 돌려주는 함수 logits(W, b, x)를 쓰세요.",
)
@_c_blank_aware
def _(answer: Any) -> tuple[bool, str]:
    problem = _c_function(answer, "def logits(W, b, x): ...")
    if problem:
        return False, problem
    import numpy as np

    rng = np.random.default_rng(9)
    for n_out, n_in in [(2, 3), (10, 64), (3, 2)]:
        W = np.round(rng.normal(size=(n_out, n_in)), 2)
        b = np.round(rng.normal(size=n_out), 2)
        x = np.round(rng.uniform(0, 1, size=n_in), 2)
        expected = [
            sum(float(W[k, i]) * float(x[i]) for i in range(n_in)) + float(b[k])
            for k in range(n_out)
        ]
        try:
            got = _c_floats(_c_call(answer, W.tolist(), b.tolist(), x.tolist()))
        except (ValueError, IndexError) as exc:
            return False, (
                f"{n_out}×{n_in} 가중치에서 {type(exc).__name__}: {exc}. 행 W[k]가 입력 {n_in}개와 "
                "점곱(dot product)을 하는 출력 뉴런 k의 가중치입니다."
            )
        if len(got) != n_out:
            return (
                False,
                f"출력 뉴런이 {n_out}개인데 로짓 {len(got)}개가 나왔습니다. "
                "행 W[k]마다 로짓이 하나입니다.",
            )
        no_bias = [e - float(b[k]) for k, e in enumerate(expected)]
        if all(_c_close(g, e) for g, e in zip(got, no_bias)):
            return False, f"{n_out}×{n_in} 가중치에서 편향 b를 더하지 않았습니다."
        for k, (g, e) in enumerate(zip(got, expected)):
            if not _c_close(g, e):
                return (
                    False,
                    f"{n_out}×{n_in} 가중치에서 로짓 {k}의 값은 {e:.6g}, 답은 {g:.6g}입니다.",
                )
    return True, "출력 뉴런 하나의 가중합은 가중치와 입력의 점곱에 편향을 더한 것입니다."


@exercise(
    "09-mnist-params",
    "28×28 MNIST 그림을 바로 10개 숫자로 나누는 소프트맥스 회귀 MLP(784, [10])의 "
    "매개변수는 몇 개일까요?",
)
def _(answer: Any) -> tuple[bool, str]:
    value = _c_int(answer)
    if value is None:
        return False, f"정수를 넣어야 하는데 들어온 답은 {answer!r}입니다."
    expected = 28 * 28 * 10 + 10
    if value == expected:
        return True, "입력 784개 × 출력 10개의 가중치 7840개와 편향 10개입니다."
    if value == 28 * 28 * 10:
        return False, "가중치 7840개만 셌습니다. 출력 뉴런마다 편향이 하나씩 있습니다."
    if value == 8 * 8 * 10 + 10:
        return False, "650은 8×8 = 64픽셀 그림의 모델입니다. MNIST는 28×28 = 784픽셀입니다."
    return False, f"{value}개가 아닙니다. 입력은 28×28 = 784개, 출력 뉴런은 10개입니다."
