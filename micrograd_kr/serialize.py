"""모델 저장과 불러오기: JSON만 씁니다 (pickle은 불러올 때 코드를 실행할 수 있어 쓰지 않음).

파일 모양 (상태 사전(state dict))::

    {
      "format": "micrograd_kr",
      "version": 1,
      "architecture": {"type": "MLP", "nin": 2,
                       "layers": [{"nout": 16, "activation": "relu"}, ...],
                       "num_parameters": 337},
      "parameters": [0.12, -0.5, ...]
    }

``parameters``는 ``module.parameters()`` 순서 그대로의 숫자 목록입니다
(MLP 라면 층마다, 뉴런마다 가중치 w 들 다음에 편향 b).

불러올 때는 **모든 것을 먼저 검사하고** 통과해야만 값을 넣습니다. 그래서 손상된 파일,
잘린 파일, 구조가 다른 모델의 파일, 숫자가 아닌 값(문자열, null, true/false, NaN, 1e400처럼
무한대가 되는 수)이 든 파일, 키가 남거나 모자란 파일은 한국어 ``ValueError``를 일으키고
모델은 조금도 바뀌지 않습니다.

이 파일은 ``nn``을 가져오지 않습니다 (``nn``이 이 파일을 씁니다). 모델의 구조는
속성(``layers``, ``neurons``, ``w``, ``activation``)으로 알아봅니다.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from micrograd_kr.files import check_output_path, read_regular_file, write_atomic
from micrograd_kr.floats import short_list, short_repr
from micrograd_kr.korean import particle

FORMAT = "micrograd_kr"
VERSION = 1
KEYS = ("format", "version", "architecture", "parameters")
# 읽을 모델 파일의 크기 한도. 매개변수 하나가 JSON으로 약 20바이트이니 매개변수 약 500만 개
# (순수 파이썬으로는 학습하기 어려운 크기)보다 큰 파일은 모델 파일일 리 없다.
MAX_FILE_BYTES = 100_000_000

PathLike = str | os.PathLike


# ------------------------------------------------------------------ 구조 설명
def describe_architecture(module: Any) -> dict[str, Any]:
    """모델의 구조를 JSON으로 쓸 수 있는 사전으로 설명합니다.

    MLP는 입력 수, 층마다 뉴런 수와 활성화 함수(activation). Layer, Neuron도 비슷합니다.
    그 밖의 Module은 클래스 이름과 매개변수 개수만 적습니다.
    """
    arch: dict[str, Any] = {"type": type(module).__name__}
    if _is_mlp(module):
        arch["nin"] = len(module.layers[0].neurons[0].w)
        arch["layers"] = [_layer_shape(layer) for layer in module.layers]
    elif _is_layer(module):
        arch["nin"] = len(module.neurons[0].w)
        arch.update(_layer_shape(module))
    elif _is_neuron(module):
        arch["nin"] = len(module.w)
        arch["activation"] = module.activation
    config = getattr(module, "config", None)  # 모양을 스스로 밝히는 모델 (예: GPT)
    if isinstance(config, dict):
        arch.update(config)
    arch["num_parameters"] = len(module.parameters())
    return arch


def _is_neuron(m: Any) -> bool:
    return isinstance(getattr(m, "w", None), list) and hasattr(m, "activation")


def _is_layer(m: Any) -> bool:
    neurons = getattr(m, "neurons", None)
    return isinstance(neurons, list) and len(neurons) > 0 and all(map(_is_neuron, neurons))


def _is_mlp(m: Any) -> bool:
    layers = getattr(m, "layers", None)
    return isinstance(layers, list) and len(layers) > 0 and all(map(_is_layer, layers))


def _layer_shape(layer: Any) -> dict[str, Any]:
    activations = [n.activation for n in layer.neurons]
    same = all(a == activations[0] for a in activations)
    return {"nout": len(layer.neurons), "activation": activations[0] if same else activations}


# ------------------------------------------------------------ 상태 사전 ↔ 모델
def state_dict(module: Any) -> dict[str, Any]:
    """모델의 구조와 매개변수 값을 담은 사전. JSON으로 그대로 저장할 수 있습니다."""
    values = [p.data for p in module.parameters()]
    for i, v in enumerate(values):
        if not math.isfinite(v):
            raise ValueError(
                f"매개변수 #{i}의 값이 {particle(repr(v), '이라')} 저장할 수 없습니다 "
                "(유한한 수만 저장합니다). "
                "학습이 발산하지 않았는지 확인하세요 (학습률을 낮추거나 detect_anomaly() 사용)."
            )
    return {
        "format": FORMAT,
        "version": VERSION,
        "architecture": describe_architecture(module),
        "parameters": values,
    }


def load_state_dict(module: Any, state: Any) -> None:
    """상태 사전의 값을 모델에 넣습니다. 모두 검사한 뒤에만 넣으므로 실패해도 모델은 그대로."""
    values = _validate(module, state)
    for p, v in zip(module.parameters(), values):
        p.data = v


def _validate(module: Any, state: Any) -> list[float]:
    """상태 사전을 샅샅이 검사하고, 넣을 float 목록을 돌려줍니다."""
    if not isinstance(state, dict):
        raise ValueError(
            f"상태 사전(state dict)은 JSON 객체(dict)여야 하는데 {type(state).__name__}입니다."
        )
    missing = [k for k in KEYS if k not in state]
    extra = [k for k in state if k not in KEYS]
    if missing or extra:
        raise ValueError(
            f"상태 사전의 키가 맞지 않습니다. 빠진 키: {missing or '없음'}, "
            f"모르는 키: {short_list(extra)}. "
            f"키는 정확히 {list(KEYS)} 이어야 합니다."
        )
    if not (isinstance(state["format"], str) and state["format"] == FORMAT):
        raise ValueError(
            f"micrograd_kr 모델 파일이 아닙니다: format이 {short_repr(state['format'])}입니다 "
            f"({short_repr(FORMAT)} 이어야 함)."
        )
    if not (type(state["version"]) is int and state["version"] == VERSION):
        raise ValueError(
            f"지원하지 않는 파일 버전 {short_repr(state['version'])}입니다 "
            f"(버전 {VERSION} 만 읽습니다)."
        )
    expected = describe_architecture(module)
    difference = _first_difference(expected, state["architecture"], "architecture")
    if difference:
        raise ValueError(
            f"모델 구조(architecture)가 다릅니다: {difference}. "
            "파일을 저장할 때와 같은 구조로 모델을 만든 뒤 불러오세요."
        )
    values = state["parameters"]
    count = expected["num_parameters"]
    if not isinstance(values, list):
        raise ValueError(f"parameters는 숫자 목록이어야 하는데 {type(values).__name__}입니다.")
    if len(values) != count:
        raise ValueError(
            f"매개변수 개수가 다릅니다: 파일에 {len(values)}개, 모델에 {count}개가 있습니다."
        )
    return [_finite_number(v, i) for i, v in enumerate(values)]


def _finite_number(v: Any, i: int) -> float:
    # bool은 int의 하위 클래스라 따로 막는다 (true가 1.0으로 들어가면 안 됨)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(
            f"매개변수 #{particle(i, '이')} 숫자가 아닙니다: {short_repr(v)} "
            f"(자료형 {type(v).__name__}). "
            "파일이 손상되었거나 다른 프로그램이 쓴 파일입니다."
        )
    try:
        x = float(v)
    except OverflowError:  # 10**400 같은 아주 큰 정수
        x = math.inf
    if not math.isfinite(x):
        raise ValueError(
            f"매개변수 #{i}의 값 {particle(short_repr(v), '은')} 유한한 수가 아닙니다 "
            "(NaN, inf, 1e400처럼 "
            "너무 큰 수는 받지 않습니다). 파일을 확인하세요."
        )
    return x


def _first_difference(expected: Any, got: Any, path: str) -> str | None:
    """두 JSON 값이 처음 다른 곳을 설명합니다. 같으면 None. 자료형도 같아야 합니다(1 ≠ true)."""
    if type(expected) is not type(got):
        return (
            f"{particle(path, '이')} 파일에는 {short_repr(got)}, 이 모델에는 {short_repr(expected)}"
        )
    if isinstance(expected, dict):
        for key in expected:
            if key not in got:
                return f"{path}에 {particle(repr(key), '이')} 없습니다"
            inner = _first_difference(expected[key], got[key], f"{path}.{key}")
            if inner:
                return inner
        for key in got:
            if key not in expected:
                return f"{path}에 모르는 키 {particle(short_repr(key), '이')} 있습니다"
        return None
    if isinstance(expected, list):
        if len(expected) != len(got):
            return f"{path}의 길이가 파일에는 {len(got)}, 이 모델에는 {len(expected)}"
        for i, (e, g) in enumerate(zip(expected, got)):
            inner = _first_difference(e, g, f"{path}[{i}]")
            if inner:
                return inner
        return None
    if expected != got:
        return (
            f"{particle(path, '이')} 파일에는 {short_repr(got)}, 이 모델에는 {short_repr(expected)}"
        )
    return None


# ------------------------------------------------------------------ 파일
def save(module: Any, path: PathLike) -> None:
    """모델을 JSON 파일로 저장합니다.

    같은 폴더에 새로 만든 전용 임시 파일에 다 쓴 뒤 한 번에 바꿔치기하므로, 중간에 멈추거나
    디스크가 가득 차도 원래 파일이 반쯤 쓰인 채 남지 않고 임시 파일도 남지 않습니다.
    쓰기 금지(읽기 전용) 파일, 폴더, 없는 폴더는 한국어 오류로 거절합니다
    (``micrograd_kr.files.write_atomic``).
    """
    check_output_path(path, "모델 파일")  # 값 검사(state_dict)보다 먼저: 경로 문제를 먼저 알림
    text = json.dumps(state_dict(module), ensure_ascii=False, allow_nan=False, indent=1)
    write_atomic(path, (text + "\n").encode("utf-8"), "모델 파일")


def load(module: Any, path: PathLike) -> None:
    """JSON 파일의 매개변수를 모델에 넣습니다. 문제가 있으면 ValueError, 모델은 그대로.

    일반 파일만, ``MAX_FILE_BYTES`` (100 MB) 까지만 읽습니다: 폴더, FIFO, 장치 파일
    (``/dev/zero``), 그보다 큰 파일은 읽기 전에 거절합니다.
    """
    raw = read_regular_file(
        path, MAX_FILE_BYTES, "모델 파일", "micrograd_kr로 저장한 모델 파일인지 확인하세요."
    )
    load_state_dict(module, parse(raw, os.fspath(path)))


def parse(raw: bytes, name: str = "<bytes>") -> Any:
    """파일 내용을 JSON으로 읽습니다. 읽을 수 없으면 무엇이 문제인지 밝힌 ValueError.

    맨 앞의 UTF-8 BOM(메모장 같은 편집기가 붙이는 표시)은 건너뜁니다: 낱말 파일과 같은 규칙."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(
            f"{short_repr(name)} 은(는) UTF-8 텍스트가 아닙니다 (바이트 위치 {e.start}). "
            "micrograd_kr로 저장한 JSON 파일을 주세요."
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_parse_int)
    except _TooManyDigits as e:
        raise ValueError(
            f"{short_repr(name)}에 {e.digits:,}자리 정수가 있어 읽지 않습니다. 모델 파일의 숫자는 "
            f"실수(float)로 나타낼 수 있는 크기({MAX_INT_DIGITS}자리까지)여야 합니다. "
            "파일이 손상되었거나 다른 프로그램이 쓴 파일입니다."
        ) from None
    except json.JSONDecodeError as e:
        raise ValueError(
            f"{short_repr(name)} 은(는) 올바른 JSON이 아닙니다 — 손상되었거나 잘린 파일입니다 "
            f"({e.lineno}번째 줄 {e.colno}번째 칸: {_json_reason(e.msg)})."
        ) from None
    except RecursionError:
        raise ValueError(
            f"{short_repr(name)} 은(는) 너무 깊게 중첩된 JSON이라 읽지 않습니다."
        ) from None


# json 모듈의 영어 설명 → 한국어 (앞부분으로 알아본다)
_JSON_REASONS = (
    ("Expecting value", "값이 있어야 할 자리에 값이 없습니다"),
    ("Expecting ',' delimiter", "쉼표(,)가 있어야 할 자리입니다"),
    ("Expecting ':' delimiter", "콜론(:)이 있어야 할 자리입니다"),
    ("Expecting property name", "키는 큰따옴표로 감싼 글이어야 합니다"),
    ("Unterminated string", "닫히지 않은 글자열이 있습니다"),
    ("Invalid control character", "글자열 안에 제어 문자가 있습니다"),
    ("Invalid \\escape", "잘못된 이스케이프(\\)가 있습니다"),
    ("Invalid \\u", "잘못된 \\u 이스케이프가 있습니다"),
    ("Extra data", "JSON 값이 끝난 뒤에 다른 내용이 더 있습니다"),
    ("Unexpected UTF-8 BOM", "UTF-8 BOM이 있습니다"),
)


def _json_reason(message: str) -> str:
    for english, korean in _JSON_REASONS:
        if message.startswith(english):
            return korean
    return "JSON 문법이 맞지 않습니다"


MAX_INT_DIGITS = 400  # float의 최댓값(약 1.8e308)은 309자리: 그보다 훨씬 긴 정수는 읽지 않는다


class _TooManyDigits(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    """JSON의 정수. 너무 긴 정수는 바꾸기 전에 거절한다 (파이썬은 4300자리가 넘으면 영어 오류)."""
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _TooManyDigits(digits)
    return int(text)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(
                f"JSON 객체에 같은 키 {particle(short_repr(key), '이')} 두 번 나옵니다."
            )
        result[key] = value
    return result
