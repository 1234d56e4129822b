"""작은 GPT: microgpt 모양의 트랜스포머(transformer)를 이 엔진의 ``Value``로.

구조는 karpathy의 microgpt와 같습니다: 토큰 임베딩(token embedding)과 위치 임베딩(position
embedding)의 합 → RMSNorm → (층마다) RMSNorm, 인과적(causal) 다중 헤드 어텐션(multi-head
attention, 키·값 캐시(key/value cache), 1/√head_dim 배율) → 잔차 연결(residual) → RMSNorm,
4배 넓은 ReLU MLP → 잔차 연결 → ``lm_head``. 편향(bias)은 없고 가중치는 N(0, 0.08²)에서 뽑습니다.

다른 점은 속도 하나입니다. 넓은 곳은 묶은 노드(``micrograd_kr.fused``: ``dot``, ``scaled_dot``,
``rms_scale``, ``softmax``, ``linear_ce``, ``sum``)로 만듭니다. 값과 기울기는 연산 하나에 노드
하나로 쓴 프로그램(benchmarks/microgpt_plain.py)과 같습니다. 학습 한 단계(``train_step``)는
순전파가 노드를 만든 순서(테이프(tape))로 역전파해 위상 정렬을 건너뜁니다.

공개 입구(생성자, ``load_state_dict``, ``forward``, ``generate``, ``loss``, 토크나이저, 낱말 도구,
``train``)는 ``gpt/checks.py``의 규칙 하나로 입력을 검사해 한국어로 알리고, 메모리에 들지 않을
모양은 ``gpt/budget.py``의 어림으로 만들기 전에 거절합니다.

글자는 자모(jamo) 단위로 다룹니다: ``unicodedata.normalize("NFD", "한국")``은 음절을 첫소리·
가운뎃소리·끝소리로 나누고(``ᄒ ᅡ ᆫ ᄀ ᅮ ᆨ``), 만든 자모는 NFC로 다시 음절이 됩니다.
"""

from micrograd_kr.gpt.bigram import bigram_loss
from micrograd_kr.gpt.model import DEFAULT_BLOCK_SIZE, GPT
from micrograd_kr.gpt.pretrained import (
    PRETRAINED_COMMAND,
    PRETRAINED_FILE,
    PRETRAINED_HISTORY_FILE,
    iter_sample_words,
    pretrained,
    pretrained_history,
    sample_words,
)
from micrograd_kr.gpt.tokenizer import JamoTokenizer
from micrograd_kr.gpt.training import GPTHistory, Run, evaluate, prepare_run, train, train_step
from micrograd_kr.gpt.words import korean_words, read_word_file, split_words

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "GPT",
    "GPTHistory",
    "JamoTokenizer",
    "PRETRAINED_COMMAND",
    "PRETRAINED_FILE",
    "PRETRAINED_HISTORY_FILE",
    "Run",
    "bigram_loss",
    "evaluate",
    "iter_sample_words",
    "korean_words",
    "pretrained",
    "pretrained_history",
    "prepare_run",
    "read_word_file",
    "sample_words",
    "split_words",
    "train",
    "train_step",
]
