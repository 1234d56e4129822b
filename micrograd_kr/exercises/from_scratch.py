"""노트북 04, 08, 10의 연습 문제: 손으로 만드는 엔진, 학습, 흔한 함정."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

from micrograd_kr.exercises._registry import exercise


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
