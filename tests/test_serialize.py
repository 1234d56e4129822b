"""저장·불러오기 시험: 왕복(round trip)이 정확한지, 나쁜 파일을 모두 거절하고 모델을 지키는지."""

from __future__ import annotations

import copy
import json
import math
import pickle
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micrograd_kr.engine import Value
from micrograd_kr.nn import MLP, Layer, Module, Neuron

HANGUL = re.compile("[가-힣]")
INPUTS = [[0.5, -1.0, 2.0], [0.0, 0.0, 0.0], [-3.0, 0.25, 1.5]]


class Pair(Module):
    """층 구조가 없는 일반 Module: 매개변수 두 개."""

    def __init__(self, a: float, b: float) -> None:
        self.a, self.b = Value(a), Value(b)

    def parameters(self) -> list[Value]:
        return [self.a, self.b]


def snapshot(model: Module) -> list[tuple[float, float]]:
    return [(p.data, p.grad) for p in model.parameters()]


def outputs(model: MLP) -> list[list[float]]:
    return [[y.data for y in model(x)] for x in INPUTS]


# ============================================================== 왕복
def test_state_dict_describes_mlp_by_hand():
    model = MLP(3, [4, 2], activation="tanh", seed=0)
    state = model.state_dict()
    assert state["format"] == "micrograd_kr" and state["version"] == 1
    assert state["architecture"] == {
        "type": "MLP",
        "nin": 3,
        "layers": [{"nout": 4, "activation": "tanh"}, {"nout": 2, "activation": "linear"}],
        "num_parameters": (3 + 1) * 4 + (4 + 1) * 2,  # 26
    }
    assert state["parameters"] == [p.data for p in model.parameters()]
    assert set(state) == {"format", "version", "architecture", "parameters"}


def test_save_load_round_trip_gives_identical_outputs(tmp_path):
    model = MLP(3, [8, 8, 2], activation="relu", seed=1)
    for p in model.parameters():  # 학습된 것처럼 긴 소수도 섞는다
        p.data = p.data * math.pi / 7
    path = tmp_path / "모델.json"
    model.save(path)
    other = MLP(3, [8, 8, 2], activation="relu", seed=2)
    assert outputs(other) != outputs(model)
    assert other.load(path) is other
    assert [p.data for p in other.parameters()] == [p.data for p in model.parameters()]
    assert outputs(other) == outputs(model)
    assert json.loads(path.read_text("utf-8")) == model.state_dict()
    assert list(tmp_path.iterdir()) == [path]  # 임시 파일이 남지 않는다


@pytest.mark.parametrize(
    ("make", "arch"),
    [
        (
            lambda seed: Layer(3, 2, "sigmoid", rng=_rng(seed)),
            {"type": "Layer", "nin": 3, "nout": 2, "activation": "sigmoid", "num_parameters": 8},
        ),
        (
            lambda seed: Neuron(3, "elu", rng=_rng(seed)),
            {"type": "Neuron", "nin": 3, "activation": "elu", "num_parameters": 4},
        ),
        (
            lambda seed: Pair(seed + 0.5, -seed / 3),
            {"type": "Pair", "num_parameters": 2},
        ),
    ],
    ids=["Layer", "Neuron", "generic"],
)
def test_round_trip_other_modules(tmp_path, make, arch):
    model, other = make(1), make(2)
    assert model.state_dict()["architecture"] == arch
    model.save(tmp_path / "m.json")
    other.load(tmp_path / "m.json")
    assert [p.data for p in other.parameters()] == [p.data for p in model.parameters()]


def _rng(seed):
    return random.Random(seed)


def test_load_state_dict_in_memory():
    model = MLP(3, [4, 1], seed=5)
    other = MLP(3, [4, 1], seed=6)
    other.load_state_dict(model.state_dict())
    assert outputs_single(other) == outputs_single(model)


def outputs_single(model):
    return [model(x).data for x in INPUTS]


def test_save_refuses_non_finite_parameters_and_keeps_old_file(tmp_path):
    model = MLP(3, [2, 1], seed=0)
    path = tmp_path / "m.json"
    model.save(path)
    before = path.read_bytes()
    model.parameters()[3].data = math.nan
    with pytest.raises(ValueError, match="#3"):
        model.save(path)
    assert path.read_bytes() == before


def test_missing_file_is_reported_in_korean(tmp_path):
    model = MLP(3, [2, 1], seed=0)
    before = snapshot(model)
    with pytest.raises(FileNotFoundError, match="찾을 수 없습니다"):
        model.load(tmp_path / "없는파일.json")
    assert snapshot(model) == before


# ================================================================ 거절
def saved_state() -> dict:
    return MLP(3, [4, 2], seed=0).state_dict()


def target_model() -> MLP:
    model = MLP(3, [4, 2], seed=9)
    for p in model.parameters():
        p.grad = p.data / 2  # 기울기도 그대로인지 본다
    return model


def assert_rejected(model, load, match=None):
    before = snapshot(model)
    with pytest.raises(ValueError) as info:
        load()
    message = str(info.value)
    assert HANGUL.search(message), message
    if match:
        assert re.search(match, message), message
    assert snapshot(model) == before
    return message


def with_change(change):
    state = copy.deepcopy(saved_state())
    change(state)
    return state


def _set(path, value):
    def change(state):
        *parents, last = path
        node = state
        for key in parents:
            node = node[key]
        node[last] = value

    return change


BAD_STATES = [
    ("string parameter", _set(["parameters", 0], "0.5"), r"#0.*'0\.5'"),
    ("None parameter", _set(["parameters", 4], None), "#4.*None"),
    ("bool parameter", _set(["parameters", 1], True), "#1.*True"),
    ("list parameter", _set(["parameters", 2], [0.5]), "#2"),
    ("dict parameter", _set(["parameters", 2], {"v": 0.5}), "#2"),
    ("nan parameter", _set(["parameters", 0], math.nan), "#0.*nan"),
    ("inf parameter", _set(["parameters", 0], math.inf), "#0.*inf"),
    ("-inf parameter", _set(["parameters", 25], -math.inf), "#25"),
    ("huge int parameter", _set(["parameters", 0], 10**400), "#0"),
    ("5000-digit int parameter", _set(["parameters", 0], 10**5000), "#0의 값 <약 5,001자리 정수>"),
    ("too many parameters", lambda s: s["parameters"].append(0.0), "27개.*26개"),
    ("too few parameters", lambda s: s["parameters"].pop(), "25개.*26개"),
    ("parameters not a list", _set(["parameters"], "1,2,3"), "parameters"),
    ("parameters dict", _set(["parameters"], {}), "parameters"),
    ("extra top-level key", _set(["comment"], "hi"), "comment"),
    ("missing architecture", lambda s: s.pop("architecture"), "architecture"),
    ("missing parameters", lambda s: s.pop("parameters"), "parameters"),
    ("other format", _set(["format"], "pytorch"), "pytorch"),
    ("format not a string", _set(["format"], 1), "format"),
    ("version 2", _set(["version"], 2), "버전"),
    ("version true", _set(["version"], True), "True"),
    ("version string", _set(["version"], "1"), "'1'"),
    ("version float", _set(["version"], 1.0), "1.0"),
    ("architecture string", _set(["architecture"], "MLP"), "architecture"),
    ("architecture None", _set(["architecture"], None), "architecture"),
    ("nin as bool", _set(["architecture", "nin"], True), r"architecture\.nin"),
    ("nin as float", _set(["architecture", "nin"], 3.0), r"architecture\.nin"),
    ("extra architecture key", _set(["architecture", "evil"], {"x": [1]}), "evil"),
    ("nested junk", _set(["architecture", "layers"], [[[[{"a": [None]}]]]]), "layers"),
    ("wrong count in architecture", _set(["architecture", "num_parameters"], 27), "27"),
    ("wrong type", _set(["architecture", "type"], "Layer"), "Layer"),
    ("wrong layer size", _set(["architecture", "layers", 0, "nout"], 5), r"layers\[0\]\.nout"),
]


@pytest.mark.parametrize(("name", "change", "match"), BAD_STATES, ids=[b[0] for b in BAD_STATES])
def test_bad_state_dicts_are_rejected_and_model_unchanged(name, change, match):
    model = target_model()
    state = with_change(change)
    assert_rejected(model, lambda: model.load_state_dict(state), match)


@pytest.mark.parametrize("bad", [None, [], 42, "micrograd_kr", [saved_state()]])
def test_non_dict_state_is_rejected(bad):
    model = target_model()
    assert_rejected(model, lambda: model.load_state_dict(bad), "dict")


def write_and_load(tmp_path, model, raw: bytes):
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    return lambda: model.load(path)


def valid_text() -> str:
    return json.dumps(saved_state(), indent=1)


def _replace_first_parameter(token: str) -> bytes:
    state = saved_state()
    state["parameters"][0] = "__X__"
    return json.dumps(state).replace('"__X__"', token).encode()


BAD_FILES = [
    ("empty", b"", "JSON"),
    ("not json", b"model weights here", "JSON"),
    ("open brace", b"{", "JSON"),
    ("binary garbage", b"\x80\x81\xfe\xff", "UTF-8"),
    ("truncated", valid_text()[: len(valid_text()) // 2].encode(), "잘린"),
    ("truncated at end", valid_text()[:-2].encode(), "잘린"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "중첩"),
    ("pickle", pickle.dumps(saved_state()), "UTF-8|JSON"),
    ("NaN literal", _replace_first_parameter("NaN"), "#0.*nan"),
    ("Infinity literal", _replace_first_parameter("-Infinity"), "#0.*inf"),
    ("1e400", _replace_first_parameter("1e400"), "#0.*inf"),
    ("huge integer", _replace_first_parameter("9" * 400), "#0"),
    (
        "5000-digit integer",
        _replace_first_parameter("9" * 5000),
        "5,000자리 정수가 있어 읽지 않습니다",
    ),
    ("negative 5000 digits", _replace_first_parameter("-" + "9" * 5000), "5,000자리 정수"),
    (
        "5000-digit version",
        valid_text().replace('"version": 1', '"version": 1' + "0" * 4999).encode(),
        "5,000자리",
    ),
    ("json null", b"null", "dict"),
    ("json list", b"[1, 2, 3]", "dict"),
    (
        "duplicate key",
        valid_text()
        .replace('"format": "micrograd_kr"', '"format": "micrograd_kr", "format": "x"')
        .encode(),
        "두 번",
    ),
]


# json 모듈의 영어 설명 대신 한국어 (예전: "Expecting ',' delimiter", "Unexpected UTF-8 BOM")
JSON_REASONS = [
    ("missing comma", b'{"format": "micrograd_kr" "version": 1}', "쉼표(,)가 있어야 할 자리"),
    ("missing colon", b'{"format" "x"}', "콜론(:)이 있어야 할 자리"),
    ("bare key", b"{format: 1}", "키는 큰따옴표로 감싼 글"),
    ("open string", b'{"format": "micro', "닫히지 않은 글자열"),
    ("trailing data", b"{} {}", "JSON 값이 끝난 뒤에"),
    ("bad escape", b'{"a": "\\q"}', "잘못된 이스케이프"),
    ("control character", b'{"a": "x\x01y"}', "제어 문자"),
    ("two BOMs", b"\xef\xbb\xbf\xef\xbb\xbf{}", "JSON"),
]


@pytest.mark.parametrize(("name", "raw", "match"), JSON_REASONS, ids=[r[0] for r in JSON_REASONS])
def test_json_errors_are_explained_in_korean(tmp_path, name, raw, match):
    model = target_model()
    load = write_and_load(tmp_path, model, raw)
    assert_rejected(model, load, re.escape(match))
    with pytest.raises(ValueError) as info:
        load()
    for english in ("Expecting", "delimiter", "Unterminated", "Extra data", "Invalid", "BOM ("):
        assert english not in str(info.value)


def test_a_model_file_with_a_bom_loads_like_a_word_file_does(tmp_path):
    """메모장이 붙이는 UTF-8 BOM: 낱말 파일처럼 모델 파일도 건너뛰고 읽는다 (규칙 하나)."""
    from micrograd_kr.gpt import read_word_file

    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + valid_text().encode("utf-8"))
    loaded = MLP(3, [4, 2], seed=5).load(path)
    assert [p.data for p in loaded.parameters()] == saved_state()["parameters"]
    words = tmp_path / "bom.txt"
    words.write_bytes(b"\xef\xbb\xbf" + "가나\n다라\n".encode())
    assert read_word_file(words) == ["가나", "다라"]


@pytest.mark.parametrize(("name", "raw", "match"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_rejected_and_model_unchanged(tmp_path, name, raw, match):
    model = target_model()
    assert_rejected(model, write_and_load(tmp_path, model, raw), match)


@pytest.mark.parametrize(
    ("other", "match"),
    [
        (lambda: MLP(3, [5, 2], seed=0), r"layers\[0\]\.nout.*4.*5"),
        (lambda: MLP(2, [4, 2], seed=0), r"architecture\.nin"),
        (lambda: MLP(3, [4, 2, 1], seed=0), r"layers.*길이"),
        (lambda: MLP(3, [4, 2], activation="tanh", seed=0), r"activation.*'relu'.*'tanh'"),
        (lambda: Layer(3, 4), r"architecture\.type.*'MLP'.*'Layer'"),
        (lambda: Pair(1.0, 2.0), r"architecture\.type"),
    ],
    ids=["wider", "fewer inputs", "deeper", "activation", "Layer", "generic"],
)
def test_file_from_different_architecture_is_rejected(tmp_path, other, match):
    path = tmp_path / "m.json"
    MLP(3, [4, 2], seed=0).save(path)
    model = other()
    assert_rejected(model, lambda: model.load(path), match)


def generic_module(n: int) -> Module:
    class Generic(Module):
        def __init__(self) -> None:
            self.ps = [Value(i + 0.5) for i in range(n)]

        def parameters(self) -> list[Value]:
            return list(self.ps)

    return Generic()


def test_generic_module_with_different_parameter_count_is_rejected(tmp_path):
    path = tmp_path / "generic.json"
    generic_module(3).save(path)
    model = generic_module(4)
    assert_rejected(model, lambda: model.load(path), r"num_parameters.*3.*4")


# ============================================================ hypothesis
json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4)
    ),
    max_leaves=12,
)


def is_finite_number(v) -> bool:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(float(v))
    except OverflowError:
        return False


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 25), json_values.filter(lambda v: not is_finite_number(v)))
def test_any_non_number_parameter_is_rejected(index, junk):
    model = target_model()
    state = saved_state()
    state["parameters"][index] = junk
    assert_rejected(model, lambda: model.load_state_dict(state), f"#{index}")


@settings(max_examples=150, deadline=None)
@given(json_values.filter(lambda v: v != saved_state()["architecture"]))
def test_any_other_architecture_is_rejected(junk):
    model = target_model()
    state = saved_state()
    state["architecture"] = junk
    assert_rejected(model, lambda: model.load_state_dict(state), "architecture")


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_random_json_document_is_rejected(junk):
    model = target_model()
    assert_rejected(model, lambda: model.load_state_dict(junk))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_random_bytes_file_is_rejected(tmp_path_factory, raw):
    model = target_model()
    path = tmp_path_factory.mktemp("junk") / "m.json"
    path.write_bytes(raw)
    assert_rejected(model, lambda: model.load(path))


def _many_unknown_keys(count: int) -> bytes:
    state = saved_state()
    state.update({f"k{i}": i for i in range(count)})
    return json.dumps(state).encode()


@pytest.mark.parametrize(
    ("count", "match"),
    [
        (3, r"모르는 키: \['k0', 'k1', 'k2'\]\."),
        (1_000_000, r"모르는 키: \['k0', 'k1', 'k2', 'k3', 'k4', …\] \(모두 1,000,000개\)"),
    ],
)
def test_unknown_keys_are_listed_briefly(tmp_path, count, match):
    model = target_model()
    message = assert_rejected(
        model, write_and_load(tmp_path, model, _many_unknown_keys(count)), match
    )
    assert len(message) < 500
