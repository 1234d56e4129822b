"""작은 GPT: microgpt 모양의 트랜스포머(transformer)를 이 엔진의 ``Value``로.

구조는 karpathy의 microgpt와 같습니다: 토큰 임베딩(token embedding)과 위치 임베딩(position
embedding)의 합 → RMSNorm → (층마다) RMSNorm, 인과적(causal) 다중 헤드 어텐션(multi-head
attention, 키·값 캐시(key/value cache), 1/√head_dim 배율) → 잔차 연결(residual) → RMSNorm,
4배 넓은 ReLU MLP → 잔차 연결 → ``lm_head``. 편향(bias)은 없고 가중치는 N(0, 0.08²)에서 뽑습니다.

다른 점은 속도 하나입니다. 넓은 곳은 묶은 노드(``micrograd_kr.fused``: ``dot``, ``scaled_dot``,
``rms_scale``, ``softmax``, ``linear_ce``, ``sum``)로 만듭니다. 값과 기울기는 연산 하나에 노드
하나로 쓴 프로그램(benchmarks/microgpt_plain.py)과 같습니다. 학습 한 단계(``train_step``)는
순전파가 노드를 만든 순서(테이프(tape))로 역전파해 위상 정렬을 건너뜁니다.

글자는 자모(jamo) 단위로 다룹니다: ``unicodedata.normalize("NFD", "한국")``은 음절을 첫소리·
가운뎃소리·끝소리로 나누고(``ᄒ ᅡ ᆫ ᄀ ᅮ ᆨ``), 만든 자모는 NFC로 다시 음절이 됩니다.
"""

from __future__ import annotations

import math
import os
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.fused import (
    WeightMatrix,
    matvec,
    rms_scale,
    softmax,
    sum_values,
)
from micrograd_kr.modes import no_grad
from micrograd_kr.nn import Module
from micrograd_kr.optim import Adam
from micrograd_kr.train import cyclic_gc_paused, stop_after_step_on_ctrl_c

__all__ = [
    "GPT",
    "GPTHistory",
    "JamoTokenizer",
    "Run",
    "bigram_loss",
    "korean_words",
    "pretrained",
    "prepare_run",
    "read_word_file",
    "sample_words",
    "split_words",
    "train",
    "train_step",
]

DEFAULT_BLOCK_SIZE = 16
INIT_STD = 0.08
RMS_EPS = 1e-5
WORDS_FILE = "constitution_words.txt"
MAX_WORD_FILE_BYTES = 20_000_000


# ===================================================================== 자료
def korean_words(max_jamo: int | None = None) -> list[str]:
    """함께 실린 낱말 목록: 대한민국헌법에 나오는 한글 어절 1,797개 (처음 나온 순서).

    ``max_jamo``를 주면 자모로 나눴을 때 그보다 긴 낱말은 뺍니다 (블록에 들어가는 것만:
    ``max_jamo=15``이면 1,727개). 출처와 저작권은 ``micrograd_kr/data_files/README.md``에
    있습니다.
    """
    text = (
        resources.files("micrograd_kr")
        .joinpath("data_files")
        .joinpath(WORDS_FILE)
        .read_text("utf-8")
    )
    words = [line for line in text.splitlines() if line]
    if max_jamo is not None:
        words = [w for w in words if len(unicodedata.normalize("NFD", w)) <= max_jamo]
    return words


def read_word_file(path: str | os.PathLike, block_size: int = 16) -> list[str]:
    """UTF-8 글 파일을 한 줄에 한 항목으로 읽습니다 (빈 줄과 앞뒤 공백은 무시).

    없는 파일, 빈 파일, 바이너리(binary) 파일, UTF-8이 아닌 파일, 자모로 나눴을 때
    ``block_size - 1`` 개보다 긴 줄은 무엇이 문제인지 밝힌 한국어 오류를 냅니다
    (없는 파일은 ``FileNotFoundError``, 나머지는 ``ValueError``).
    """
    from micrograd_kr.files import read_regular_file

    name = os.fspath(path)
    raw = read_regular_file(path, MAX_WORD_FILE_BYTES, "낱말 파일")
    if b"\x00" in raw:
        raise ValueError(
            f"'{name}'은(는) 글 파일이 아니라 바이너리(binary) 파일로 보입니다 (널 바이트가 "
            "있음). 한 줄에 낱말 하나씩 적은 UTF-8 글 파일을 주세요."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"'{name}'은(는) UTF-8 글 파일이 아닙니다 (바이트 위치 {exc.start}). 편집기에서 "
            "UTF-8로 다시 저장하세요 (예: EUC-KR/CP949로 저장된 파일)."
        ) from None
    words = []
    limit = block_size - 1
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word:
            continue
        length = len(unicodedata.normalize("NFD", word))
        if length > limit:
            raise ValueError(
                f"'{name}'의 {number}번째 줄 {word[:20]!r}이(가) 너무 깁니다: "
                f"자모로 {length}개인데 블록(block) 크기 {block_size}에는 {limit}개까지 "
                "들어갑니다. 줄을 나누거나 짧은 항목만 남기세요."
            )
        words.append(word)
    if not words:
        raise ValueError(
            f"'{name}'에 낱말이 없습니다 (빈 파일이거나 빈 줄뿐). 한 줄에 하나씩 적어 주세요."
        )
    return words


def split_words(
    words: Sequence[str], held_out: float = 0.1, seed: int = 42
) -> tuple[list[str], list[str]]:
    """낱말을 섞어 (학습용, 평가용)으로 나눕니다. 평가용(held-out)은 학습에 쓰지 않습니다."""
    shuffled = list(words)
    random.Random(seed).shuffle(shuffled)
    n_test = max(1, int(len(shuffled) * held_out)) if len(shuffled) > 1 else 0
    return shuffled[n_test:], shuffled[:n_test]


class JamoTokenizer:
    """자모 토크나이저(tokenizer): 낱말 → 자모 번호 목록, 번호 목록 → 낱말.

    어휘(vocabulary)는 낱말들에 나오는 자모를 정렬한 것이고, 마지막 번호 하나가 낱말의 처음과
    끝을 알리는 특수 토큰 ``BOS``입니다 (microgpt와 같음).

    >>> tok = JamoTokenizer(["한국", "국가"])
    >>> tok.decode(tok.encode("한국")[1:-1])
    '한국'
    """

    def __init__(self, words: Sequence[str]) -> None:
        jamo = sorted({ch for w in words for ch in unicodedata.normalize("NFD", w)})
        if not jamo:
            raise ValueError("토크나이저를 만들 낱말이 없습니다. 낱말을 하나 이상 주세요.")
        self.chars: list[str] = jamo
        self.index = {ch: i for i, ch in enumerate(jamo)}
        self.bos = len(jamo)

    @property
    def vocab_size(self) -> int:
        """자모 수 + 1 (BOS)."""
        return len(self.chars) + 1

    def encode(self, word: str) -> list[int]:
        """``[BOS, 자모 번호들..., BOS]``. 어휘에 없는 자모는 한국어 ValueError."""
        ids = [self.bos]
        for ch in unicodedata.normalize("NFD", word):
            if ch not in self.index:
                raise ValueError(
                    f"{word!r}의 글자 {ch!r}(U+{ord(ch):04X})가 어휘(vocabulary)에 없습니다. "
                    "토크나이저를 만들 때 쓴 낱말에 나오는 글자만 쓸 수 있습니다."
                )
            ids.append(self.index[ch])
        ids.append(self.bos)
        return ids

    def readable(self, ids: Sequence[int]) -> list[str]:
        """번호마다 눈으로 읽을 글자: 자모는 홀로 쓰는 호환 자모(ㅎ, ㅏ, ㄴ), BOS는 ``"·"``.

        첫소리와 끝소리는 같은 글자로 보입니다 (그림의 눈금(tick)처럼 자모 하나를 보일 때).
        """
        return ["·" if i == self.bos else _compatibility_jamo(self.chars[i]) for i in ids]

    def decode(self, ids: Sequence[int]) -> str:
        """번호 목록 → 자모 → NFC로 묶은 음절. BOS는 건너뜁니다."""
        jamo = "".join(self.chars[i] for i in ids if i != self.bos)
        return unicodedata.normalize("NFC", jamo)


def _compatibility_jamo(ch: str) -> str:
    """조합형 자모(U+1100…)를 홀로 쓰는 호환 자모(U+3131…)로. 이름으로 찾는다."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ch
    for part in ("CHOSEONG ", "JUNGSEONG ", "JONGSEONG "):
        if part in name:
            try:
                return unicodedata.lookup(name.replace(part, "LETTER "))
            except KeyError:
                return ch
    return ch


# ===================================================================== 모델
def _positive(n: Any, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what}은(는) 1 이상의 정수여야 합니다 (받은 값: {n!r}).")
    return n


class GPT(Module):
    """microgpt 모양의 GPT. 매개변수는 ``state_dict()``의 이름으로 부릅니다.

    >>> model = GPT(vocab_size=5, n_embd=8, n_head=2, block_size=4, seed=0)
    >>> loss = model.loss([4, 0, 1, 4])      # 다음 토큰 교차 엔트로피의 평균
    >>> loss.backward()
    """

    def __init__(
        self,
        vocab_size: int,
        n_layer: int = 1,
        n_embd: int = 16,
        n_head: int = 4,
        block_size: int = 16,
        seed: int = 0,
    ) -> None:
        self.vocab_size = _positive(vocab_size, "vocab_size")
        self.n_layer = _positive(n_layer, "n_layer")
        self.n_embd = _positive(n_embd, "n_embd")
        self.n_head = _positive(n_head, "n_head")
        self.block_size = _positive(block_size, "block_size")
        if n_embd % n_head:
            raise ValueError(
                f"n_embd({n_embd})가 n_head({n_head})로 나누어떨어져야 헤드(head)마다 같은 "
                "크기를 나눠 줄 수 있습니다. 예: n_embd=16, n_head=4"
            )
        self.head_dim = n_embd // n_head
        self.seed = seed
        rng = random.Random(seed)

        def matrix(nout: int, nin: int) -> list[list[Value]]:
            return [[Value(rng.gauss(0.0, INIT_STD)) for _ in range(nin)] for _ in range(nout)]

        # 이름과 만드는 순서는 microgpt와 같다 (행(row) 하나가 출력 뉴런 하나)
        self._state: dict[str, list[list[Value]]] = {
            "wte": matrix(vocab_size, n_embd),
            "wpe": matrix(block_size, n_embd),
            "lm_head": matrix(vocab_size, n_embd),
        }
        for i in range(n_layer):
            self._state[f"layer{i}.attn_wq"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.attn_wk"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.attn_wv"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.attn_wo"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.mlp_fc1"] = matrix(4 * n_embd, n_embd)
            self._state[f"layer{i}.mlp_fc2"] = matrix(n_embd, 4 * n_embd)
        self._params = [p for rows in self._state.values() for row in rows for p in row]
        # 빠른 행렬 곱: 층마다 이름 → WeightMatrix (같은 Value를 가리킨다)
        self._matrices = [
            {
                name: WeightMatrix(self._state[f"layer{i}.{name}"])
                for name in ("attn_wq", "attn_wk", "attn_wv", "attn_wo", "mlp_fc1", "mlp_fc2")
            }
            for i in range(n_layer)
        ]
        self._lm_head = WeightMatrix(self._state["lm_head"])

    # ------------------------------------------------------------ 매개변수
    @property
    def config(self) -> dict[str, int]:
        """모델의 모양. 저장한 파일의 ``architecture``에도 적힙니다."""
        return {
            "vocab_size": self.vocab_size,
            "n_layer": self.n_layer,
            "n_embd": self.n_embd,
            "n_head": self.n_head,
            "block_size": self.block_size,
        }

    def parameters(self) -> list[Value]:
        return list(self._params)

    def state_dict(self) -> dict[str, list[list[Value]]]:  # type: ignore[override]
        """microgpt의 이름 → 행들의 목록(행 하나가 출력 뉴런 하나). 안의 Value는 모델의 것."""
        return {name: [list(row) for row in rows] for name, rows in self._state.items()}

    def load_state_dict(self, state: dict[str, Any]) -> None:  # type: ignore[override]
        """이름 → 행들(Value나 숫자)의 사전에서 값을 넣습니다. 모두 검사한 뒤에만 넣습니다."""
        if not isinstance(state, dict) or set(state) != set(self._state):
            got = sorted(state) if isinstance(state, dict) else type(state).__name__
            raise ValueError(
                f"상태 사전의 이름이 맞지 않습니다: {got}. 필요한 이름: {list(self._state)}"
            )
        new_values = []
        for name, rows in self._state.items():
            given = state[name]
            if len(given) != len(rows) or any(len(g) != len(r) for g, r in zip(given, rows)):
                raise ValueError(
                    f"'{name}'의 모양이 다릅니다: {len(rows)}×{len(rows[0])} 이어야 합니다."
                )
            for g_row in given:
                for x in g_row:
                    v = x.data if isinstance(x, Value) else x
                    if isinstance(v, bool) or not isinstance(v, (int, float)):
                        raise ValueError(f"'{name}'에 숫자가 아닌 값이 있습니다: {x!r}")
                    if not math.isfinite(v):
                        raise ValueError(f"'{name}'에 유한하지 않은 값이 있습니다: {v!r}")
                    new_values.append(float(v))
        for p, v in zip(self._params, new_values):
            p.data = v

    def __repr__(self) -> str:
        c = self.config
        inner = ", ".join(f"{k}={v}" for k, v in c.items())
        return f"GPT({inner}, 매개변수 {len(self._params)}개)"

    # ------------------------------------------------------------ 순전파
    def forward(
        self,
        token_id: int,
        pos_id: int,
        keys: list[list[list[tuple[Value, ...]]]],
        values: list[list[list[list[Value]]]],
        attention: list[list[float]] | None = None,
    ) -> list[Value]:
        """토큰 하나의 다음 토큰 로짓(logit) ``vocab_size`` 개 (``lm_head``의 출력).

        ``keys``·``values``는 층마다 지난 위치들의 키·값 캐시(``new_cache()``)이고, 이 호출이
        이번 위치의 키·값을 덧붙입니다. ``attention`` 목록을 주면 헤드마다 어텐션 가중치를
        덧붙입니다. 부를 때마다 가중치의 지금 값을 읽습니다 (``loss``·``generate``는 한 번만).
        """
        self._snapshot()
        return self._lm_head(self._hidden(token_id, pos_id, (keys, values), attention))

    def _hidden(
        self,
        token_id: int,
        pos_id: int,
        cache: tuple[list, list],
        attention: list | None = None,
        tape: list[Value] | None = None,
    ) -> list[Value]:
        """마지막 블록의 출력(``n_embd`` 개, ``lm_head`` 앞). ``cache``는 ``new_cache()``의 것.

        ``tape``을 주면 여기서 만든 중간 노드를 만든 순서대로 덧붙입니다 (``loss``의 역전파가
        위상 정렬 대신 이 순서를 씁니다). 손실에 닿지 않을 노드는 만들지 않습니다: ReLU가 0으로
        만들 fc1의 출력 (``scaled(..., relu=True)``)."""
        tape = [] if tape is None else tape

        def taped(nodes: list[Value]) -> list[Value]:
            tape.extend(nodes)
            return nodes

        keys, values = cache
        mats = self._matrices
        hd = self.head_dim
        x = taped([t + p for t, p in zip(self._state["wte"][token_id], self._state["wpe"][pos_id])])
        s = rms_scale(x, RMS_EPS)  # RMSNorm: 배율 s는 노드 하나, xᵢ·s는 곱셈 노드
        tape.append(s)
        x = taped([xi * s for xi in x])
        inv_sqrt = 1.0 / hd**0.5  # 1/√head_dim: 질의(query)에 곱한다
        for li in range(self.n_layer):
            m = mats[li]
            x_residual = x
            # RMSNorm의 배율 s는 노드 하나, 곱 s·x는 다음 선형 층의 노드 안에서 (scaled_dot)
            s = rms_scale(x, RMS_EPS)
            tape.append(s)
            q = taped(m["attn_wq"].scaled(x, s, inv_sqrt))
            k = taped(m["attn_wk"].scaled(x, s))
            v = taped(m["attn_wv"].scaled(x, s))
            x_attn: list[Value] = []
            for h in range(self.n_head):
                hs = h * hd
                keys[li][h].append(tuple(k[hs : hs + hd]))
                v_cols = values[li][h]
                for j in range(hd):
                    v_cols[j].append(v[hs + j])
                logits = taped(matvec(keys[li][h], q[hs : hs + hd]))  # 지난 위치마다 q·k 하나
                weights = taped(softmax(logits))
                if attention is not None:
                    attention.append([w.data for w in weights])
                x_attn.extend(taped(matvec(v_cols, weights)))  # 값의 가중합 Σ_t 가중치_t · v_t
            x = taped(m["attn_wo"](x_attn))
            x = taped([a + b for a, b in zip(x, x_residual)])
            x_residual = x
            s = rms_scale(x, RMS_EPS)
            tape.append(s)
            # fc2·relu(fc1·x): 죽은 ReLU(값 ≤ 0)의 fc1 노드는 만들지 않고(None), 간선도 없다
            hidden = m["mlp_fc1"].scaled(x, s, relu=True)
            tape.extend([h for h in hidden if h is not None])
            x = taped(m["mlp_fc2"].after_relu(hidden))
            x = taped([a + b for a, b in zip(x, x_residual)])
        return x

    def new_cache(self) -> tuple[list[list[list[Any]]], list[list[list[list[Value]]]]]:
        """빈 키·값 캐시: 층마다, 헤드마다 (키는 위치마다 튜플, 값은 차원마다 목록)."""
        keys = [[[] for _ in range(self.n_head)] for _ in range(self.n_layer)]
        values = [
            [[[] for _ in range(self.head_dim)] for _ in range(self.n_head)]
            for _ in range(self.n_layer)
        ]
        return keys, values

    def _snapshot(self) -> None:
        """가중치의 지금 값을 읽어 둔다 (한 번의 순전파 동안 가중치는 바뀌지 않는다)."""
        for m in self._matrices:
            for w in m.values():
                w.snapshot()
        self._lm_head.snapshot()

    def _check_tokens(self, tokens: Sequence[int], minimum: int = 2) -> list[int]:
        ids = list(tokens)
        if len(ids) < minimum:
            raise ValueError(
                f"토큰이 {minimum}개 이상 필요합니다 (받은 {len(ids)}개). 예: [BOS, 자모..., BOS]"
            )
        for i, t in enumerate(ids):
            if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < self.vocab_size:
                raise ValueError(
                    f"토큰 {i}번 {t!r}이(가) 0 이상 {self.vocab_size} 미만의 정수가 아닙니다."
                )
        return ids

    def loss(self, tokens: Sequence[int]) -> Value:
        """다음 토큰 교차 엔트로피의 평균 (위치 0..n-1, n = min(block_size, len(tokens) - 1))."""
        return self._loss_and_tape(self._check_tokens(tokens))[0]

    def _loss_and_tape(self, ids: list[int]) -> tuple[Value, list[Value]]:
        """손실과, 그 손실까지 만든 중간 노드를 만든 순서대로 적은 테이프(tape) (끝이 손실)."""
        n = min(self.block_size, len(ids) - 1)
        self._snapshot()
        cache = self.new_cache()
        tape: list[Value] = []
        # 마지막 층(lm_head)과 교차 엔트로피는 묶은 노드 하나(linear_ce): 로짓 노드를 만들지 않는다
        losses = []
        for pos in range(n):
            hidden = self._hidden(ids[pos], pos, cache, tape=tape)
            losses.append(self._lm_head.cross_entropy(hidden, ids[pos + 1]))
            tape.append(losses[-1])
        total = sum_values(losses)
        loss = total * (1.0 / n)
        tape += (total, loss)
        return loss, tape

    def attention_weights(self, tokens: Sequence[int]) -> list[list[list[list[float]]]]:
        """어텐션 가중치 ``[층][헤드][질의 위치][키 위치]`` (키 위치는 질의 위치까지만)."""
        ids = self._check_tokens(tokens, minimum=1)
        n = min(self.block_size, len(ids))
        cache = self.new_cache()
        per_pos = []
        self._snapshot()
        with no_grad():
            for pos in range(n):
                record: list[list[float]] = []
                self._hidden(ids[pos], pos, cache, record)
                per_pos.append(record)
        return [
            [[per_pos[pos][li * self.n_head + h] for pos in range(n)] for h in range(self.n_head)]
            for li in range(self.n_layer)
        ]

    def mean_loss(self, docs: Sequence[Sequence[int]]) -> float:
        """여러 토큰 목록의 토큰당 평균 손실(nat). 그래프를 만들지 않습니다 (평가용)."""
        total, count = 0.0, 0
        with no_grad():
            for tokens in docs:
                n = min(self.block_size, len(tokens) - 1)
                total += self.loss(tokens).data * n
                count += n
        if count == 0:
            raise ValueError("평가할 토큰이 없습니다. 토큰 목록을 하나 이상 주세요.")
        return total / count

    def generate(
        self,
        bos: int,
        temperature: float = 0.5,
        seed: int | None = None,
        rng: random.Random | None = None,
    ) -> list[int]:
        """``bos``에서 시작해 토큰을 하나씩 뽑습니다. ``bos``가 다시 나오거나 블록이 차면 멈춤.

        확률은 softmax(로짓 / temperature): 온도(temperature)가 낮으면 흔한 것을, 높으면 다양하게.
        ``seed`` (또는 ``rng``)가 같으면 언제나 같은 결과입니다. 돌려주는 목록에 ``bos``는
        없습니다.
        """
        if not (isinstance(temperature, (int, float)) and 0.0 < temperature < math.inf):
            raise ValueError(f"temperature는 0보다 큰 수여야 합니다 (받은 값: {temperature!r}).")
        rng = rng if rng is not None else random.Random(seed)
        cache = self.new_cache()
        token, out = bos, []
        choices = range(self.vocab_size)
        self._snapshot()
        with no_grad():
            for pos in range(self.block_size):
                logits = [
                    z.data / temperature for z in self._lm_head(self._hidden(token, pos, cache))
                ]
                biggest = max(logits)
                weights = [math.exp(z - biggest) for z in logits]
                token = rng.choices(choices, weights=weights)[0]
                if token == bos:
                    break
                out.append(token)
        return out


def sample_words(
    model: GPT,
    tokenizer: JamoTokenizer,
    count: int = 10,
    temperature: float = 0.5,
    seed: int = 0,
) -> list[str]:
    """모델이 지어낸 낱말 ``count`` 개 (NFC로 묶은 음절)."""
    rng = random.Random(seed)
    return [
        tokenizer.decode(model.generate(tokenizer.bos, temperature, rng=rng)) for _ in range(count)
    ]


PRETRAINED_FILE = "gpt_constitution.json"
#: 함께 실린 모델을 만든 명령 (학습 단계 3000, seed 0, 헌법 낱말)
PRETRAINED_COMMAND = "micrograd-kr gpt --steps 3000 --seed 0 --save gpt_constitution.json"


def pretrained() -> GPT:
    """함께 실린, 헌법 낱말로 3000 단계 학습한 GPT (``PRETRAINED_COMMAND``로 다시 만들 수 있음).

    토크나이저는 ``JamoTokenizer(korean_words(max_jamo=15))``, 평가용 낱말은
    ``prepare_run(korean_words(max_jamo=15)).test_docs``와 같습니다 (학습에 쓰지 않은 것).
    """
    from micrograd_kr import serialize

    raw = (
        resources.files("micrograd_kr")
        .joinpath("data_files")
        .joinpath(PRETRAINED_FILE)
        .read_bytes()
    )
    model = GPT(vocab_size=51, seed=0)
    serialize.load_state_dict(model, serialize.parse(raw, PRETRAINED_FILE))
    return model


# ===================================================================== 기준선
def bigram_loss(
    train_docs: Sequence[Sequence[int]],
    test_docs: Sequence[Sequence[int]],
    vocab_size: int,
    block_size: int = 16,
    alpha: float = 0.1,
) -> float:
    """바이그램(bigram) 세기 모델의 토큰당 평균 손실(nat): 비교의 기준선(baseline).

    학습용 토큰 목록에서 (앞 토큰, 다음 토큰) 쌍을 세고 ``alpha``를 더해(가산 평활(additive
    smoothing)) 확률로 만든 뒤, 평가용 목록에서 GPT와 같은 위치들(처음 ``block_size`` 개)의
    -log 확률을 평균합니다.
    """
    if not (isinstance(alpha, (int, float)) and 0.0 < alpha < math.inf):
        raise ValueError(
            f"alpha는 0보다 큰 수여야 합니다 (받은 값: {alpha!r}). 0이면 한 번도 못 본 쌍의 "
            "확률이 0이 되어 손실이 무한대입니다."
        )
    counts = [[float(alpha)] * vocab_size for _ in range(vocab_size)]
    for tokens in train_docs:
        for a, b in zip(tokens, tokens[1:]):
            counts[a][b] += 1.0
    log_probs = []
    for row in counts:
        total = sum(row)
        log_probs.append([math.log(c / total) for c in row])
    total, count = 0.0, 0
    for tokens in test_docs:
        n = min(block_size, len(tokens) - 1)
        for pos in range(n):
            total -= log_probs[tokens[pos]][tokens[pos + 1]]
            count += 1
    if count == 0:
        raise ValueError("평가할 토큰이 없습니다. 평가용 토큰 목록을 하나 이상 주세요.")
    return total / count


# ===================================================================== 학습
@dataclass
class Run:
    """학습 준비물: 토크나이저, 모델, 학습용·평가용 토큰 목록."""

    tokenizer: JamoTokenizer
    model: GPT
    train_docs: list[list[int]]
    test_docs: list[list[int]]


def prepare_run(words: Sequence[str], seed: int = 0, held_out: float = 0.1, **config: int) -> Run:
    """낱말을 나누고(평가용 10%, 나누는 순서는 언제나 같음), 학습용은 ``seed``로 섞고,
    자모 토크나이저와 ``GPT(vocab_size, seed=seed, **config)``를 만듭니다."""
    train_words, test_words = split_words(words, held_out)
    random.Random(seed).shuffle(train_words)
    tok = JamoTokenizer(words)
    model = GPT(tok.vocab_size, seed=seed, **config)
    return Run(
        tok, model, [tok.encode(w) for w in train_words], [tok.encode(w) for w in test_words]
    )


@dataclass
class GPTHistory:
    """단계마다의 학습 손실. ``interrupted``는 Ctrl-C로 멈췄으면 True."""

    loss: list[float] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.loss)


def train_step(model: GPT, optimizer: Adam, tokens: Sequence[int]) -> float:
    """학습 한 단계: 손실 → ``zero_grad`` → ``backward`` → ``optimizer.step()``. 손실을 돌려줌."""
    with cyclic_gc_paused():
        loss, tape = model._loss_and_tape(model._check_tokens(tokens))
        optimizer.zero_grad()
        loss.backward(order=tape)  # 만든 순서가 곧 위상 순서: 정렬을 건너뛴다
        optimizer.step()
    return loss.data


def train(
    model: GPT,
    docs: Sequence[Sequence[int]],
    steps: int = 1000,
    lr: float = 0.01,
    betas: tuple[float, float] = (0.85, 0.99),
    progress: bool = True,
    optimizer: Adam | None = None,
    callback: Callable[[int, float], None] | None = None,
) -> GPTHistory:
    """단계마다 토큰 목록 하나(``docs[step % len(docs)]``)로 손실 → 역전파 → Adam.

    학습률은 microgpt처럼 ``lr``에서 0 쪽으로 직선으로 줄어듭니다 (``lr·(1 - step/steps)``).
    진행 막대(progress bar)는 tqdm입니다. Ctrl-C를 누르면 지금 단계를 마치고 멈춰
    ``interrupted=True``인 기록을 돌려줍니다: 배운 것은 모델에 그대로 남습니다.
    """

    steps = _positive(steps, "steps")
    if len(docs) == 0:
        raise ValueError("학습할 토큰 목록이 없습니다. 낱말을 하나 이상 주세요.")
    opt = optimizer or Adam(model.parameters(), lr=lr, betas=betas)
    history = GPTHistory()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=steps, desc="학습", unit="단계")
    started = time.perf_counter()
    try:
        with stop_after_step_on_ctrl_c() as stop:
            for step in range(steps):
                opt.lr = lr * (1.0 - step / steps)
                loss = train_step(model, opt, docs[step % len(docs)])
                history.loss.append(loss)
                if callback is not None:
                    callback(step, loss)
                if bar is not None:
                    bar.update(1)
                    if step % 10 == 0:
                        bar.set_postfix({"손실": f"{loss:.4f}"})
                if stop.requested:
                    break
    except KeyboardInterrupt:
        history.interrupted = True
    else:
        history.interrupted = stop.requested
    finally:
        history.seconds = time.perf_counter() - started
        if bar is not None:
            if history.interrupted:
                bar.set_description("학습 (중단됨)")
            bar.close()
    return history
