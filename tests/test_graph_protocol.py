"""graph_protocol 시험: micrograd 모양의 노드(손으로 만든 MyValue, micrograd)를 그린다."""

from __future__ import annotations

import math

import pytest
from support_robust import assert_korean_only

from micrograd_kr import Value, topological_order
from micrograd_kr.exercises.workshop import MyValue, backward
from micrograd_kr.graph_protocol import as_graph, is_node
from micrograd_kr.viz.render import renderer_available


def _abb1_mine():
    a, b, one = MyValue(2.0, label="a"), MyValue(1.0, label="b"), MyValue(1.0, label="1")
    c = a + b
    c.label = "c"
    d = b + one
    d.label = "d"
    e = c * d
    e.label = "e"
    backward(e)  # 노트북 04에서 학습자가 만드는 모양 (준비된 풀이)
    return e, a, b


def test_my_value_becomes_the_same_value_graph():
    e, a, b = _abb1_mine()
    copy = as_graph(e)
    order = topological_order(copy)
    want = {"a": (2.0, 2.0), "b": (1.0, 5.0), "c": (3.0, 2.0), "1": (1.0, 3.0), "d": (2.0, 3.0)}
    want["e"] = (6.0, 1.0)
    assert {n.label: (n.data, n.grad) for n in order} == want  # 학습자의 grad 그대로
    assert copy.op == "*" and copy.local_grads == (2.0, 3.0)
    assert e.grad == 1.0 and a.grad == 2.0  # 원래 노드는 그대로
    copy.grad = 0.0
    for n in order:
        n.grad = 0.0
    copy.backward()  # 옮긴 그래프로 다시 역전파해도 같은 기울기
    assert {n.label: (n.data, n.grad) for n in order} == want


def test_nodes_without_local_grads_get_them_from_the_op_table():
    micrograd = pytest.importorskip("micrograd.engine", reason="micrograd 가 설치되지 않음")
    x = micrograd.Value(-2.0)
    w = micrograd.Value(3.0)
    y = (x * w + 1).relu() + (x**2) * w  # micrograd: 입력은 집합(set), 연산 'ReLU', '**2'
    y.backward()
    copy = as_graph(y)
    ours_x, ours_w = Value(-2.0), Value(3.0)
    ours = (ours_x * ours_w + 1).relu() + (ours_x**2) * ours_w
    ours.backward()
    order = topological_order(copy)
    assert sorted(n.op for n in order) == sorted(n.op for n in topological_order(ours))
    for node in order:  # 연산 표의 국소 미분으로 다시 한 역전파 = micrograd 의 기울기
        node.grad = 0.0
    copy.backward()
    leaves = {n.data: n.grad for n in order if not n.inputs and n.data in (-2.0, 3.0)}
    assert leaves == {-2.0: x.grad, 3.0: w.grad} == {-2.0: ours_x.grad, 3.0: ours_w.grad}


def test_unknown_op_keeps_values_and_marks_local_grads_unknown():
    node = MyValue(2.0, _prev=(MyValue(1.0), MyValue(3.0)), _op="my_op")
    copy = as_graph(node)
    assert copy.op == "my_op" and all(math.isnan(g) for g in copy.local_grads)


@pytest.mark.parametrize(
    "bad",
    [3.0, "a", None, [1, 2], object()],
    ids=["float", "str", "None", "list", "object"],
)
def test_things_that_are_not_nodes_get_a_korean_error(bad):
    assert not is_node(bad)
    with pytest.raises(TypeError, match="노드를 넘겨 주세요"):
        as_graph(bad, "draw_graph")


def test_an_input_that_is_not_a_node_is_named():
    node = MyValue(1.0, _prev=(MyValue(1.0), 5), _local=(1.0, 1.0), _op="+")
    with pytest.raises(TypeError, match="노드가 아닌 입력"):
        as_graph(node)


def test_deep_foreign_graph_does_not_hit_the_recursion_limit():
    v = MyValue(1.0)
    for _ in range(5000):
        v = v + MyValue(1.0)
    assert as_graph(v).data == 5001.0


@pytest.mark.skipif(not renderer_available("svg"), reason="그림을 그릴 Graphviz 가 없음")
def test_draw_steps_and_explore_accept_foreign_nodes():
    from micrograd_kr.viz import backward_steps, draw_graph, explore
    from micrograd_kr.viz.render import to_svg

    e, _, _ = _abb1_mine()
    for style in ("card", "textbook"):
        svg = to_svg(draw_graph(e, style=style))
        assert ">c<" in svg or "c" in svg
        assert "6" in svg
    steps = list(backward_steps(e))
    assert len(steps) == 6 and steps[0].upstream == 1.0
    assert [round(s.upstream, 12) for s in steps][-1] in (2.0, 5.0, 3.0, 1.0)
    page = explore(e).to_html()
    assert "역전파 탐험기" in page
    micrograd = pytest.importorskip("micrograd.engine", reason="micrograd 가 설치되지 않음")
    a = micrograd.Value(2.0)
    out = (a * a + 1).relu()
    out.backward()
    assert "<svg" in to_svg(draw_graph(out, style="textbook"))
    assert "역전파 탐험기" in explore(out).to_html()


def test_micrograd_style_code_reads_the_package_value_through_prev():
    """karpathy의 draw_dot처럼 ``v._prev``·``v._op``를 따라가는 코드도 패키지의 Value에서 돈다."""
    x, w = Value(2.0, label="x"), Value(-3.0, label="w")
    y = (x * w + x).tanh()  # x를 두 번 쓰는 그래프: 노드 5개, 간선 5개

    nodes, edges, stack = set(), set(), [y]
    while stack:  # micrograd의 trace()와 같은 일을 재귀 없이
        v = stack.pop()
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                stack.append(child)
    assert nodes == set(topological_order(y))
    assert len(nodes) == 5 and len(edges) == 5
    assert y._op == "tanh" and set(y._prev) == {y.inputs[0]} and x._prev == ()
    assert {v._op for v in nodes} == {"", "*", "+", "tanh"}


# ------------------------------------------------------------ 망가진 남의 노드
# 예전: 순환 → KeyError: 1396…, _prev = 5 → 영어 TypeError, 생성기 _prev → 입력을 조용히 잃음,
# 읽다가 오류가 나는 속성 → 그 오류가 그대로. 이제 draw_graph·backward_steps·explore 모두
# 노드를 밝힌 한국어 오류 (as_graph 한 곳에서).
class Raising(MyValue):
    """속성 하나가 읽을 때 오류를 내는 노드."""

    def __init__(self, broken: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.broken = broken

    def __getattribute__(self, name: str) -> object:
        if name == object.__getattribute__(self, "broken"):
            raise RuntimeError("속성 고장 (시험용)")
        return object.__getattribute__(self, name)


def _cycle() -> MyValue:
    a = MyValue(1.0, label="a")
    b = MyValue(2.0, label="b", _prev=(a,), _op="exp")
    a._prev, a._op = (b,), "exp"  # a → b → a
    return MyValue(3.0, label="root", _prev=(b,), _op="exp")


def _self_loop() -> MyValue:
    s = MyValue(3.0, label="self", _op="exp")
    s._prev = (s,)
    return s


BROKEN = [
    ("순환", _cycle, ValueError, r"노드 'b'의 입력\(_prev\)을 따라가면 다시 그 노드로"),
    ("자기 자신이 입력", _self_loop, ValueError, "'self'의 입력.*순환"),
    ("_prev = 5", lambda: MyValue(1.0, label="n", _prev=5, _op="+"), TypeError, "'n'의 입력"),
    (
        "생성기 _prev",
        lambda: MyValue(2.0, label="g", _prev=(c for c in [MyValue(1.0)]), _op="exp"),
        TypeError,
        "생성기",
    ),
    ("label이 고장", lambda: Raising("label", 1.0), ValueError, "속성 'label'을 읽다가"),
    ("data가 고장", lambda: Raising("data", 1.0), ValueError, "속성 'data'를 읽다가"),
    ("_prev가 고장", lambda: Raising("_prev", 1.0, label="p"), ValueError, "'p'의 속성 '_prev'"),
    ("data가 글자", lambda: MyValue("x" * 10**6, label="d"), TypeError, "모두 1,000,000자"),
    ("입력에 숫자", lambda: MyValue(1.0, _prev=(3,), _op="exp"), TypeError, "노드가 아닌 입력"),
]


@pytest.mark.parametrize(("case", "make", "kind", "pattern"), BROKEN, ids=[b[0] for b in BROKEN])
@pytest.mark.parametrize("who", ["draw_graph", "backward_steps", "explore"])
def test_broken_foreign_graphs_get_a_korean_error_naming_the_node(
    who: str, case: str, make, kind: type, pattern: str
) -> None:
    from micrograd_kr import viz

    with pytest.raises(kind, match=pattern) as info:
        getattr(viz, who)(make())  # backward_steps도 부를 때 바로 (첫 걸음을 꺼내기 전에)
    message = str(info.value)
    assert_korean_only(message)
    assert len(message) < 600
    assert not isinstance(info.value, (KeyError, AttributeError))


def test_a_list_prev_is_read_once_and_in_order():
    """튜플·리스트·집합은 그대로 받는다: 입력의 순서와 수가 같은 Value 그래프."""
    a, b = MyValue(2.0, label="a"), MyValue(3.0, label="b")
    node = MyValue(6.0, label="m", _prev=[a, b], _local=[3.0, 2.0], _op="*")
    copy = as_graph(node)
    assert [c.label for c in copy.inputs] == ["a", "b"] and copy.local_grads == (3.0, 2.0)
    shared = MyValue(1.0, label="s")
    diamond = MyValue(2.0, _prev=(shared, shared), _op="+")  # 같은 입력 두 번은 순환이 아니다
    assert len(as_graph(diamond).inputs) == 2
