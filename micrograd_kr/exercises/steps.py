"""학습 한 걸음(``train_step``)을 시험하는 도구: 04(손으로 쓴 걸음)와 08(옵티마이저)이 함께 씀.

학습자의 걸음과 준비된 기준 걸음을 같은 씨앗의 모델 둘에서 밟고 매개변수를 비교합니다.
매개변수가 그대로일 때는 남은 기울기를 보고 까닭을 가립니다: 기울기가 0이면 역전파 뒤에 지운
것이고, 채워져 있으면 갱신을 빠뜨렸거나 역전파보다 **먼저** 갱신한 것입니다.
"""

from __future__ import annotations

from typing import Any

from micrograd_kr.exercises.answers import NotAnswered, Refusal, particle, run

#: 네 점의 XOR: 입력과 정답(±1)
STEP_DATA = ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [-1.0, 1.0, 1.0, -1.0])


def watched_mlp(seed: int, bare: bool = False) -> Any:
    """부르거나 매개변수를 꺼내면 ``touched``가 참이 되는 패키지 MLP (빈 함수를 알아보려고).

    ``bare``면 ``MyMLP``처럼 ``zero_grad()``가 없는 척한다 (노트북 04의 모델에 맞는지 보려고).
    """
    from micrograd_kr.nn import MLP

    class Watched(MLP):
        touched = False

        def zero_grad(self) -> None:
            if bare:
                raise Refusal(
                    "model.zero_grad()를 불렀습니다. 04의 MyMLP에는 zero_grad가 없으니 "
                    "`for p in model.parameters(): p.grad = 0.0`으로 지우세요."
                )
            super().zero_grad()

        def __call__(self, x: Any) -> Any:
            self.touched = True
            return super().__call__(x)

        def parameters(self) -> list[Any]:
            self.touched = True
            return super().parameters()

    return Watched(2, [3, 1], activation="tanh", seed=seed)


def models_to_compare(bare: bool = False) -> tuple[Any, Any, list[float]]:
    """학습자의 걸음이 움직일 지켜보는 모델, 같은 씨앗의 기준 모델, 그리고 처음 매개변수."""
    from micrograd_kr.nn import MLP

    mine, ref = watched_mlp(3, bare=bare), MLP(2, [3, 1], activation="tanh", seed=3)
    start = [p.data for p in mine.parameters()]
    mine.touched = False
    return mine, ref, start


def compare_parameters(mine: Any, ref: Any) -> tuple[list[float], list[float], float]:
    """두 모델의 매개변수와 가장 큰 차이."""
    got = [p.data for p in mine.parameters()]
    want = [p.data for p in ref.parameters()]
    return got, want, max(abs(a - b) for a, b in zip(got, want))


def learner_step(answer: Any, mine: Any, step: int, *args: Any) -> Any:
    """학습자의 걸음 ``answer(mine, *args)`` 한 번. 첫 걸음에서 모델에 손대지 않고 빈 값을
    돌려주면 아직 풀지 않은 빈 함수입니다 (NotAnswered)."""
    result = run(answer, mine, *args)
    if step == 1 and not mine.touched and result in (None, Ellipsis):
        raise NotAnswered
    return result


def reference_step(model: Any, optimizer: Any) -> None:
    """08의 기준 걸음: mse 손실 → zero_grad → backward → step."""
    from micrograd_kr.losses import mse

    xs, ys = STEP_DATA
    loss = mse([model(x) for x in xs], ys)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


def unchanged_after_first_step(model: Any, zero: str, update: str) -> str:
    """첫 걸음 뒤에 매개변수가 그대로일 때의 설명: 남은 기울기로 까닭을 가른다.

    ``zero``와 ``update``는 이 과제에서 기울기를 지우는 코드와 갱신하는 코드
    (예: ``"zero_grad()"``와 ``"step()"``).
    """
    grads = [p.grad for p in model.parameters()]
    if all(g == 0 for g in grads):
        return (
            "첫 걸음 뒤에 매개변수가 그대로이고 기울기도 모두 0입니다: 역전파를 하지 않았거나, "
            f"{particle(zero, '이')} backward()와 {update} 사이에 있어서 기울기를 지운 뒤에 "
            "갱신했습니다."
        )
    return (
        f"첫 걸음 뒤에 기울기는 채워져 있는데 매개변수가 그대로입니다: 갱신({update})을 "
        "빠뜨렸거나, backward()보다 먼저 해서 아직 0인 기울기로 움직였습니다. 순서는 "
        f"{zero} → 순전파 → 손실 → backward() → {update}입니다."
    )
