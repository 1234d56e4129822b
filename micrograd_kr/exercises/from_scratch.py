"""노트북 04 공방(workshop)의 연습 문제: 손으로 만드는 엔진의 국소 미분, 위상 정렬, 역전파,
뉴런, 매개변수, 학습 한 걸음, 그리고 새 연산 sin과 노드 하나짜리 sigmoid.

채점기는 그럴듯하게 틀린 답을 골라 설명합니다: 너비 우선 순서, 기울기 덮어쓰기, ``root.grad = 1``
빠뜨리기, 잎의 기울기를 중간에 지우기, tanh를 편향 앞에 씌우기, 역전파보다 먼저 갱신하기 등.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import (
    NotAnswered,
    brief,
    call,
    describe_error,
    fmt,
    kind,
    need_class,
    need_function,
    need_list,
    number,
    particle,
    run,
    stage,
    want_got,
)
from micrograd_kr.exercises.graphs import CASES, Node, all_nodes, breadth_first, name_of
from micrograd_kr.exercises.steps import (
    STEP_DATA,
    compare_parameters,
    learner_step,
    models_to_compare,
    unchanged_after_first_step,
)
from micrograd_kr.exercises.workshop import train_step


def _unary_method(
    cls: Any,
    method: str,
    f: Callable[[float], float],
    df: Callable[[float], float],
    points: list[float],
    one_node: bool = False,
    mistakes: dict[str, Callable[[float], float]] | None = None,
) -> tuple[bool, str]:
    """``cls(x).method()``의 값과 역전파 기울기를 여러 점에서 시험한다.

    ``one_node``면 결과가 입력 바로 위의 노드 하나인지(입력이 ``self`` 하나뿐인지)도 본다.
    ``mistakes``는 흔히 틀리는 국소 미분 → 그 설명: 받은 기울기가 그것과 같으면 설명을 붙인다.
    """
    need_class(cls, "MyValue")
    if not callable(getattr(cls, method, None)):
        return (
            False,
            f"{cls.__name__}에 {method} 메서드가 없습니다. "
            f"`{cls.__name__}.{method} = 함수`처럼 붙이세요.",
        )
    h = 1e-6
    for x in points:
        v = call(cls, x)
        out = call(getattr(v, method))
        if not hasattr(out, "data") or not callable(getattr(out, "backward", None)):
            return (
                False,
                f"{particle(method + '()', '이')} {particle(kind(out), '을')} 돌려줬습니다. "
                f"data와 backward()가 있는 {particle(cls.__name__, '이어야')} 합니다.",
            )
        if one_node:
            made = [n for n in all_nodes(out) if n is not v]
            inputs = list(getattr(out, "_prev", ()) or ())
            if len(made) != 1 or len(inputs) != 1 or inputs[0] is not v:
                return False, (
                    f"{particle(method + '()', '이')} 새 노드 {len(made)}개로 만들어졌습니다 "
                    f"(입력: {brief(inputs)}). 과제는 노드 하나입니다: 값과 국소 미분을 직접 적어 "
                    f"`{cls.__name__}(값, _prev=(self,), _local=(국소 미분,))`을 돌려주세요."
                )
        want = f(x)
        if number(out.data) is None:
            return False, f"x = {x}에서 {method}()의 data가 숫자가 아닙니다: {brief(out.data)}"
        if not math.isclose(float(out.data), want, rel_tol=1e-9, abs_tol=1e-12):
            return False, f"x = {x}에서 값이 {want_got(want, float(out.data))}."
        run(out.backward)
        up = call(getattr(call(cls, x + h), method)).data
        down = call(getattr(call(cls, x - h), method)).data
        numeric = (up - down) / (2 * h)
        got = number(v.grad)
        if got is None:
            return False, f"x = {x}에서 입력의 grad가 숫자가 아닙니다: {brief(v.grad)}"
        if not math.isclose(got, numeric, rel_tol=1e-5, abs_tol=1e-7):
            hint = ""
            if got == 0.0:
                hint = " 입력의 기울기가 0입니다: _prev에 self를, _local에 국소 미분을 넣었나요?"
            elif math.isclose(got, want, rel_tol=1e-9):
                hint = " 국소 미분 자리에 출력의 값을 적은 것 같습니다."
            else:
                for wrong, why in (mistakes or {}).items():
                    if math.isclose(got, why(x), rel_tol=1e-9, abs_tol=1e-12):
                        hint = f" {wrong}"
                        break
            return False, f"x = {x}에서 기울기가 수치 미분으로 {want_got(numeric, got)}.{hint}"
        if not math.isclose(got, df(x), rel_tol=1e-9, abs_tol=1e-12):
            return False, f"x = {x}에서 기울기가 {want_got(df(x), got)}."
    x = points[1]
    v = call(cls, x)
    product = call(lambda: call(getattr(v, method)) * v)  # 같은 노드를 두 번 쓰는 식: d/dx [f(x)·x]
    run(product.backward)
    want = df(x) * x + f(x)
    if not math.isclose(float(v.grad), want, rel_tol=1e-9, abs_tol=1e-12):
        return False, (
            f"x = {x}에서 {method}(x)·x의 기울기가 {want_got(want, float(v.grad))}. "
            "여러 번 쓰인 노드의 기울기가 더해지는지 확인하세요."
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
        one_node=True,
        mistakes={
            "국소 미분을 입력 x로 x(1 − x)라고 계산했습니다: 출력 σ로 σ(1 − σ)입니다.": (
                lambda x: x * (1.0 - x)
            ),
            "σ(1 − σ)의 1 −를 빠뜨렸습니다: σ·σ가 아니라 σ(1 − σ)입니다.": (
                lambda x: _sigmoid(x) ** 2
            ),
        },
    )


def grade_backward(answer: Any) -> tuple[bool, str]:
    """학습자의 ``backward(root)``를 길이가 다른 길이 있는 식들에서 수치 미분과 비교한다.

    시험용 노드는 ``grad``에 쓴 값과 ``_local``을 읽었는지를 적어 두므로, 답이 무엇을 빠뜨렸는지
    (``root.grad = 1``, 또는 잎의 기울기를 중간에 지움)를 기울기의 끝 모습만이 아니라 한 일로
    가립니다. 10장의 채점기도 이 함수로 먼저 시험합니다.
    """
    need_function(answer, "def backward(root): ...")
    for case in CASES:
        stage(f"식 {case.name}")
        leaves, root, log = case.watched()
        try:
            result = run(answer, root)
        except AttributeError as exc:
            if "backward" in describe_error(exc):
                return False, (
                    "root.backward()는 시험용 노드에 없습니다: 패키지의 역전파를 부르지 말고 "
                    "`_prev`, `_local`, `grad`로 역전파를 직접 쓰세요."
                )
            raise
        all_zero = all(n.grad == 0.0 for n in all_nodes(root))
        if result is Ellipsis or (result is None and all_zero and not log.read_local):
            raise NotAnswered(
                "모든 기울기가 0이고 국소 미분(_local)을 읽지 않았습니다: 역전파 루프를 쓰고, "
                "root.grad = 1.0으로 시작하세요."
            )
        want = case.numeric_grads()
        for leaf, w in zip(leaves, want):
            g = number(leaf.grad)
            if g is not None and math.isclose(g, w, rel_tol=1e-5, abs_tol=1e-7):
                continue
            where = ", ".join(f"{n} = {v:g}" for n, v in zip(case.leaves, case.values))
            shown = fmt(g) if g is not None else brief(leaf.grad)
            hint = case.hint
            wiped = log.zeroed_after_use(prefer=leaf)
            if not log.seeded(root):
                hint = (
                    "root.grad = 1.0으로 시작하지 않았습니다: 출력의 기울기 ∂root/∂root = 1이 "
                    "없으면 연쇄법칙으로 곱해지는 것이 모두 0입니다."
                )
            elif wiped is not None:
                hint = (
                    f"노드 {particle(name_of(wiped), '이')} 받은 기울기를 나중에 0으로 "
                    "지웠습니다: 기울기를 0으로 되돌리는 일은 역전파를 시작하기 전에 한 번만 "
                    "하세요 (루프 안에서 지우면 받은 기울기가 사라집니다)."
                )
            return False, (
                f"{case.name}, {where}에서 {leaf.label}의 "
                f"기울기가 수치 미분으로 {want_got(w, shown)}. {hint}"
            )
    return True, (
        f"식 {len(CASES)}개의 기울기가 모두 수치 미분과 맞습니다. c + 2·c처럼 길이가 다른 두 길로 "
        "닿는 노드도 받은 기울기가 다 모인 뒤에 처리했습니다."
    )


def _local_of(node: Any, n: int, op: str) -> list[float] | str:
    """노드의 ``_local``을 숫자 n개의 목록으로. 비었으면 NotAnswered, 모양이 틀리면 설명."""
    local = getattr(node, "_local", None)
    if local is None or local is Ellipsis:
        raise NotAnswered(f"{op} 노드의 _local이 아직 비어 있습니다(None). △ 칸을 채우세요.")
    if isinstance(local, (str, bytes)) or not hasattr(local, "__len__"):
        return (
            f"{op} 노드의 _local은 입력마다 숫자 하나씩인 튜플이어야 하는데 {brief(local)}입니다."
        )
    if len(local) != n:
        return (
            f"{op} 노드는 입력이 {n}개라서 _local에 국소 미분 {n}개가 있어야 하는데 "
            f"{len(local)}개입니다: {brief(local)}"
        )
    values = [number(v) for v in local]
    if None in values:
        return f"{op} 노드의 _local에 숫자가 아닌 것이 있습니다: {brief(local)}"
    return values  # type: ignore[return-value]


@exercise(
    "04-local-derivatives",
    "MyValue의 __add__, __mul__, tanh에서 _local(입력마다 국소 미분)을 채우고 MyValue 클래스를 "
    "넣으세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_class(answer, "MyValue")
    for x, y in [(2.0, -3.0), (0.5, 4.0), (-1.5, -1.5)]:
        a, b = call(answer, x), call(answer, y)
        for op, make, want, wrong in [
            ("+", operator.add, [1.0, 1.0], {(y, x): "곱셈처럼 서로의 값을 적었습니다"}),
            (
                "*",
                operator.mul,
                [y, x],
                {
                    (
                        x,
                        y,
                    ): "자기 값을 적었습니다: ∂(a·b)/∂a = b, ∂(a·b)/∂b = a로 서로 바꿔 적습니다",
                    (1.0, 1.0): "덧셈처럼 (1, 1)을 적었습니다: ∂(a·b)/∂a = b입니다",
                },
            ),
        ]:
            out = call(make, a, b)
            local = _local_of(out, 2, op)
            if isinstance(local, str):
                return False, local
            if not math.isclose(number(out.data) or math.nan, x + y if op == "+" else x * y):
                return (
                    False,
                    f"a = {x:g}, b = {y:g}에서 a {op} b의 값이 틀렸습니다: {brief(out.data)}",
                )
            if tuple(getattr(out, "_prev", ())) != (a, b):
                return False, f"a {op} b의 _prev는 입력 두 개 (self, other)여야 합니다."
            if any(not math.isclose(g, w) for g, w in zip(local, want)):
                diagnosis = wrong.get(tuple(local), "")
                if op == "+" and not diagnosis:
                    diagnosis = (
                        "덧셈은 입력을 조금 바꾸면 출력도 그만큼 바뀝니다: 국소 미분은 (1, 1)"
                    )
                pair = f"({fmt(want[0])}, {fmt(want[1])})"
                return False, (
                    f"a = {x:g}, b = {y:g}에서 a {op} b의 _local이 {particle(pair, '이어야')} "
                    f"하는데 {brief(tuple(local))}입니다. {diagnosis}."
                )
    for x in [0.5, -1.2, 2.0]:
        t = math.tanh(x)
        out = call(call(answer, x).tanh)
        local = _local_of(out, 1, "tanh")
        if isinstance(local, str):
            return False, local
        (got,) = local
        want = 1.0 - t * t
        if math.isclose(got, want, rel_tol=1e-9):
            continue
        diagnosis = "tanh의 미분은 1 − tanh²(x) = 1 − t²입니다"
        if math.isclose(got, t):
            diagnosis = "국소 미분 자리에 출력 t를 적었습니다: 1 − t²입니다"
        elif math.isclose(got, 1.0 - x * x):
            diagnosis = "입력 x로 1 − x²를 계산했습니다: 출력 t로 1 − t²입니다"
        elif math.isclose(got, 1.0 - t):
            diagnosis = "제곱을 빠뜨렸습니다: 1 − t²입니다"
        return False, (
            f"x = {x:g}에서 tanh 노드의 _local이 {particle(f'({fmt(want)},)', '이어야')} 하는데 "
            f"({fmt(got)},)입니다. {diagnosis}."
        )
    return True, (
        "덧셈은 (1, 1), 곱셈은 서로 바꾼 값 (b, a), tanh는 출력 t로 1 − t²: "
        "세 점에서 모두 맞습니다."
    )


@exercise(
    "04-topological-sort",
    "root에서 닿는 모든 노드를, 모든 노드가 자기 입력보다 뒤에 오도록 한 번씩 담은 목록을 "
    "돌려주는 topological_sort(root)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def topological_sort(root): ...")
    for case in CASES:
        _, root = case.graph()
        order = need_list(call(answer, root), "노드들")
        if not order:
            raise NotAnswered
        every = all_nodes(root)
        ids = [id(n) for n in order]
        where = f"식 {case.name}에서"
        for node in order:
            if ids.count(id(node)) > 1:
                return False, (
                    f"{where} 노드 {particle(name_of(node), '이')} "
                    f"{ids.count(id(node))}번 들어 있습니다. "
                    "visited 집합으로 이미 넣은 노드는 건너뛰세요."
                )
        missing = [n for n in every if id(n) not in ids]
        if missing:
            return False, (
                f"{where} 노드 {len(every)}개 중 {len(order)}개만 돌려줬습니다. 빠진 노드: "
                f"{', '.join(name_of(n) for n in missing[:4])}. 입력(_prev)을 끝까지 따라가세요."
            )
        if len(order) != len(every):
            return False, f"{where} 그래프에 없는 것이 목록에 들어 있습니다: {brief(order)}"
        position = {id(n): i for i, n in enumerate(order)}
        for node in order:
            for child in node._prev:
                if position[id(child)] > position[id(node)]:
                    return False, (
                        f"{where} 노드 {particle(name_of(node), '이')} 그 입력 "
                        f"{name_of(child)}보다 앞에 있습니다. "
                        f"{_topological_hint(order, root, answer, case)}"
                    )
    return True, (
        f"식 {len(CASES)}개에서 모든 노드가 한 번씩, 자기 입력보다 뒤에 있습니다 "
        "(c + 2·c처럼 길이가 다른 길로 닿는 노드 포함)."
    )


def _topological_hint(order: list[Any], root: Any, answer: Any, case: Any) -> str:
    """순서가 틀린 위상 정렬에 주는 귀띔: 어떻게 모았는지 알아볼 수 있으면 그것을 짚는다."""
    if [id(n) for n in order] == [id(n) for n in reversed(breadth_first(root))]:
        return (
            "너비 우선(큐)으로 모은 순서를 뒤집었습니다: 짧은 길과 긴 길로 닿는 노드"
            "(c + 2·c의 c)는 긴 길의 노드보다 먼저 나옵니다. 깊이 우선으로, 입력을 모두 넣은 "
            "뒤에 자신을 넣으세요."
        )
    if _order_depends_on_memory(order, root, answer, case):
        return (
            "같은 식을 다시 만들 때마다 순서가 달라집니다: 집합(set)에서 꺼낸 순서처럼 보입니다. "
            "집합에는 순서가 없습니다. visited 집합은 이미 넣었는지를 보는 데만 쓰고, 순서는 "
            "목록(order)에 넣은 차례로 정하세요."
        )
    if order[0] is root:
        return (
            "맨 앞이 출력(root)입니다: 입력을 모두 넣은 뒤에 자신을 넣으세요 "
            "(또는 거꾸로 돌려준 목록을 다시 뒤집었습니다)."
        )
    return (
        "깊이 우선 탐색으로, 입력(_prev)을 모두 visit한 뒤에 order.append(node)를 하세요: "
        "그러면 모든 노드가 자기 입력보다 뒤에 옵니다."
    )


def _order_depends_on_memory(order: list[Any], root: Any, answer: Any, case: Any) -> bool:
    """같은 식을 메모리의 다른 자리에 다시 만들어 답을 불러 보고, 노드의 순서(모양)가 바뀌는가.

    집합이나 ``id``에 기댄 순서는 노드가 놓인 주소(해시)에 따라 달라진다. 결정적인 알고리즘(깊이
    우선, 너비 우선)은 언제나 같은 모양을 낸다.
    """

    def shape(nodes: list[Any], top: Any) -> tuple[int, ...]:
        place = {id(n): i for i, n in enumerate(all_nodes(top))}
        return tuple(place.get(id(n), -1) for n in nodes)

    shapes = {shape(order, root)}
    keep: list[Any] = []  # 사이에 만든 노드를 붙잡아 두어 다음 식이 다른 주소에 놓이게
    for extra in range(1, 5):
        keep.append([Node(0.0) for _ in range(extra)])
        _, again = case.graph()
        keep.append(again)
        try:
            shapes.add(shape(need_list(call(answer, again), "노드들"), again))
        except Exception:  # noqa: BLE001  # 귀띔을 찾는 중의 실패는 무시한다
            return False
    return len(shapes) > 1


@exercise(
    "04-backward",
    "topological_sort의 역순으로 `child.grad += local * node.grad`를 하는 backward(root)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    return grade_backward(answer)


@exercise(
    "04-neuron-call",
    "MyNeuron.__call__(self, x): 가중합 w·x + b를 만들고, nonlin이면 tanh를 씌워 돌려주세요. "
    "MyNeuron 클래스를 넣으세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_class(answer, "MyNeuron")
    ws, b, x = [0.5, -1.0, 0.25], 0.1, [1.0, 2.0, -4.0]
    total = sum(w * xi for w, xi in zip(ws, x)) + b
    for nonlin in (True, False):
        neuron = call(answer, 3, nonlin)
        for w, v in zip(neuron.w, ws):
            w.data = v
        neuron.b.data = b
        out = call(neuron, list(x))
        value = number(getattr(out, "data", None))
        if value is None or not callable(getattr(out, "backward", None)):
            return False, (
                f"뉴런이 {particle(kind(out), '을')} 돌려줬습니다. 역전파를 하려면 MyValue를 "
                "돌려줘야 합니다: 계산에 .data를 쓰지 말고 MyValue끼리 더하고 곱하세요."
            )
        want = math.tanh(total) if nonlin else total
        layer = "은닉층(nonlin=True)" if nonlin else "마지막 층(nonlin=False)"
        if not math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-12):
            diagnosis = "가중합 Σ wᵢxᵢ + b를 확인하세요."
            squash = math.tanh if nonlin else (lambda t: t)
            if math.isclose(value, squash(total - b)):
                diagnosis = "편향 b를 더하지 않았습니다."
            elif math.isclose(value, squash(total + b)):
                diagnosis = (
                    "편향 b를 두 번 더했습니다: self.b에서 시작했다면(sum(..., self.b)) "
                    "끝에서 다시 더하지 마세요."
                )
            elif nonlin and math.isclose(value, math.tanh(total - b) + b):
                diagnosis = (
                    "tanh를 편향보다 먼저 씌웠습니다: tanh(Σ wᵢxᵢ) + b가 아니라 "
                    "tanh(Σ wᵢxᵢ + b)입니다. 편향까지 더한 가중합에 활성화를 씌우세요."
                )
            elif nonlin and math.isclose(value, total):
                diagnosis = "nonlin=True인데 tanh를 씌우지 않았습니다."
            elif not nonlin and math.isclose(value, math.tanh(total)):
                diagnosis = "nonlin=False(마지막 층)에서는 tanh 없이 가중합을 그대로 돌려줍니다."
            return False, (
                f"{layer}, w = {ws}, b = {b}, x = {x}에서 {particle(fmt(want), '이')} 나와야 "
                f"하는데 {particle(fmt(value), '이')} 나왔습니다. {diagnosis}"
            )
        run(out.backward)
        slope = 1.0 - want * want if nonlin else 1.0
        for i, (w, xi) in enumerate(zip(neuron.w, x)):
            if not math.isclose(number(w.grad) or 0.0, xi * slope, rel_tol=1e-9, abs_tol=1e-12):
                return False, (
                    f"{layer}에서 w{i + 1}의 기울기가 {want_got(xi * slope, brief(w.grad))}. "
                    "가중치의 .data를 꺼내 계산하면 그래프가 끊겨 기울기가 0이 됩니다."
                )
        if not math.isclose(number(neuron.b.grad) or 0.0, slope, rel_tol=1e-9):
            return (
                False,
                f"{layer}에서 편향 b의 기울기가 {particle(fmt(slope), '이어야')} 하는데 "
                f"{brief(neuron.b.grad)}입니다.",
            )
    return True, "은닉층과 마지막 층 뉴런의 값과 가중치·편향의 기울기가 모두 맞습니다."


@exercise(
    "04-mlp-parameters",
    "MyMLP.parameters(): 모든 층의 매개변수(MyValue)를 한 목록으로 이어 붙여 돌려주세요. "
    "MyMLP 클래스를 넣으세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_class(answer, "MyMLP")
    for nin, nouts in [(2, [3, 1]), (3, [4, 4, 2])]:
        model = call(answer, nin, list(nouts))
        params = call(model.parameters)
        sizes = [nin, *nouts]
        expected = [p for layer in model.layers for n in layer.neurons for p in n.parameters()]
        shape = "→".join(map(str, sizes))
        params = need_list(params, f"MLP {shape}의 매개변수")
        if any(isinstance(p, (list, tuple)) for p in params):
            return False, (
                f"MLP {shape}에서 목록 안에 목록이 있습니다: 층마다 나온 목록을 이어 붙이세요 "
                "(`[p for layer in self.layers for p in layer.parameters()]`)."
            )
        if any(number(p) is not None for p in params):
            return False, (
                f"MLP {shape}에서 숫자가 들어 있습니다: .data 숫자가 아니라 MyValue 노드 자체를 "
                "담아야 학습이 그 노드를 바꿀 수 있습니다."
            )
        ids = [id(p) for p in params]
        if len(set(ids)) != len(ids):
            return False, f"MLP {shape}에서 같은 매개변수가 두 번 들어 있습니다."
        for k, layer in enumerate(model.layers):
            own = [id(p) for n in layer.neurons for p in n.parameters()]
            lost = [i for i in own if i not in ids]
            if lost:
                return False, (
                    f"MLP {shape}에서 {k + 1}번째 층의 매개변수 {len(own)}개 중 {len(lost)}개가 "
                    "빠졌습니다. 모든 층을 도세요."
                )
        if len(params) != len(expected):
            return False, (
                f"MLP {shape}의 매개변수는 {len(expected)}개인데 {len(params)}개를 돌려줬습니다."
            )
    return True, "2→3→1은 13개, 3→4→4→2는 46개: 모든 층의 가중치와 편향이 한 번씩 들어 있습니다."


@exercise(
    "04-train-step",
    "train_step(model, xs, ys, lr): 기울기 0 → 순전파 → 평균 제곱 오차 손실 → 역전파 → "
    "p.data -= lr * p.grad를 한 번 하고 손실을 돌려주는 함수를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def train_step(model, xs, ys, lr): ...")
    xs, ys = STEP_DATA
    lr = 0.1
    mine, ref, start = models_to_compare(bare=True)
    for step in range(1, 4):
        result = learner_step(answer, mine, step, [list(x) for x in xs], list(ys), lr)
        want_loss = train_step(ref, xs, ys, lr)  # 준비된 풀이가 기준 한 걸음
        got, want, gap = compare_parameters(mine, ref)
        if gap > 1e-12:
            moved = [g - s for g, s in zip(got, start)]
            should = [w - s for w, s in zip(want, start)]
            if step == 1 and got == start:
                return False, unchanged_after_first_step(
                    mine, "p.grad = 0.0", "p.data -= lr * p.grad"
                )
            if step == 1 and all(math.isclose(m, -w, rel_tol=1e-6) for m, w in zip(moved, should)):
                return False, (
                    "매개변수가 기울기 방향으로 올라갔습니다: p.data += 가 아니라 "
                    "p.data -= lr * p.grad입니다."
                )
            if step == 1 and all(
                math.isclose(m, w * len(ys), rel_tol=1e-6) for m, w in zip(moved, should)
            ):
                return False, (
                    f"걸음이 {len(ys)}배 큽니다: 손실을 합만 하고 평균 내지 않았습니다 (/ len(ys))."
                )
            if step == 1:
                return False, (
                    f"첫 걸음부터 매개변수가 최대 {fmt(gap)}만큼 다릅니다. 손실은 "
                    "sum((s − t)²) / len(ys)이고, backward()를 한 번만 부르는지 확인하세요."
                )
            return False, (
                f"첫 걸음은 맞지만 {step}번째 걸음에서 매개변수가 최대 {fmt(gap)}만큼 다릅니다: "
                "지난 걸음의 기울기가 남아 더해졌습니다. 순전파 앞에서 p.grad = 0.0으로 지우세요."
            )
        loss = number(result)
        if loss is None or not math.isclose(loss, want_loss, rel_tol=1e-9):
            return False, (
                f"갱신은 맞지만 돌려준 손실이 {brief(result)}입니다. 갱신 전의 손실 "
                f"{fmt(want_loss)}(loss 또는 loss.data)을 return 하세요."
            )
    return True, "세 걸음 모두 매개변수와 손실이 기준 학습 루프와 같습니다."
