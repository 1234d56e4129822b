"""노트북의 "직접 해 보기" 연습 문제와 채점기.

노트북 끝의 연습 문제는 이렇게 확인합니다::

    from micrograd_kr.exercises import check
    answer = ...            # 여기에 답을 씁니다
    check("02-apple-grad", answer)

``check``는 한국어로 무엇이 맞고 틀렸는지 알려 주고 ``True`` 나 ``False``를 돌려줍니다.
답이 비었거나(``None``, ``...``) 엉뚱한 모양이어도, 답의 코드가 멈추지 않거나 ``sys.exit()``를
불러도 예외를 내지 않으므로(``KeyboardInterrupt``만 빼고), 풀지 않은 문제가 있어도 노트북은
처음부터 끝까지 실행됩니다. 규칙(숫자, 시간 제한, 지키기)은
:mod:`micrograd_kr.exercises.answers`에 한곳에 적혀 있습니다.

채점기(checker)는 답 하나를 받아 ``(맞았는가, 설명)``을 돌려주는 함수입니다. 가능하면 저장된
정답과 비교하는 데서 그치지 않고, 수치 미분(numerical gradient)이나 구체적인 입력으로 답을
직접 시험해 "x = 2에서 기울기가 7.389여야 하는데 1.0이 나왔습니다"처럼 틀린 곳을 짚습니다.
"""

# 노트북 묶음마다 한 파일: 가져오는 것만으로 그 문제들이 등록된다
from micrograd_kr.exercises import basics, from_scratch, gpt, networks, tensors  # noqa: E402, F401, I001
from micrograd_kr.exercises._registry import EXERCISES, Checker, check, exercise, grade
from micrograd_kr.exercises.answers import guard_package
from micrograd_kr.exercises.workshop import answer_or_solution

guard_package()

__all__ = ["EXERCISES", "Checker", "answer_or_solution", "check", "exercise", "grade"]
