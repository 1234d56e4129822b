"""노트북의 "직접 해 보기" 연습 문제와 채점기.

노트북 끝의 연습 문제는 이렇게 확인합니다::

    from micrograd_kr.exercises import check
    answer = ...            # 여기에 답을 씁니다
    check("02-tax-change", answer)

``check``는 한국어로 무엇이 맞고 틀렸는지 알려 주고 ``True``나 ``False``를 돌려줍니다.
채점기(checker)는 답 하나를 받아 ``(맞았는가, 설명)``을 돌려주는 함수입니다. 저장된 정답과
비교하는 데서 그치지 않고 수치 미분(numerical gradient)이나 구체적인 입력으로 답을 직접 시험해
"x = 2에서 기울기가 7.389여야 하는데 1.0이 나왔습니다"처럼 틀린 곳을 짚습니다. 숫자를 읽는 규칙과
"아직 답하지 않음"의 규칙은 :mod:`micrograd_kr.exercises.answers`에 있습니다.

``check``가 약속하는 것 (이 목록이 한곳입니다: 노트북 00과 README는 이것을 옮깁니다)

- ``True``나 ``False``를 돌려주고 예외를 내지 않습니다 (``KeyboardInterrupt``만 빼고). 그래서
  풀지 않은 문제가 있어도 노트북은 처음부터 끝까지 돕니다.
- 채점 하나는 5초(:data:`~micrograd_kr.exercises.answers.TIME_LIMIT`) 안에 끝납니다. 답이
  무엇을 하든 — 끝나지 않는 반복, ``time.sleep``, 신호(``signal.alarm(0)``, ``SIG_IGN``)나
  ``sys.settrace``나 스레드로 시간 제한을 끄려 하기, C 안에서 도는 반복(``sum(range(10**12))``)
  — 멈추고, 어느 시험에서 멈췄는지 알려 줍니다.
- 답이 바꾼 것은 채점 뒤에 남지 않습니다: 패키지 모듈, ``math``, ``builtins``의 이름표와
  클래스, ``numbers.Real.register(...)``, 남겨 둔 스레드와 프로세스.
- 답이 프로세스를 끝내도(``os._exit``, 신호로 죽기) 커널은 살아 있고, 무슨 일이 있었는지
  알려 줍니다. ``sys.exit()``도 설명과 함께 ``False``입니다.
- 답이 찍는 글은 처음 20줄만 판정 앞에 보입니다: 백만 줄을 찍는 답도 판정을 받습니다.
- 노트북에서 미리 바꿔 둔 것(예: ``Value.backward``)은 채점에 쓰지 않고, 커널의 것은 그대로
  둡니다.

어디서 어떻게: 리눅스와 macOS에서는 채점 하나를 자식 프로세스(``os.fork``)에서 하고, 시간이
지나면 그 프로세스 그룹을 끝냅니다 (채점 한 번에 몇 ms가 더 듭니다; 코드가 없는 답(수, 글자,
그것의 목록)은 그 자리에서 채점합니다). 윈도우에는 ``fork``가 없어 스레드에서 합니다: 5초 안에
돌아오고 패키지와 ``math``, ``builtins``, ``numbers``의 등록부는 채점 뒤에 되돌리지만, 시간이
지난 답이 보이지 않게 계속 돌 수 있고(C 안의 반복, ``time.sleep``, 예외를 삼키는 반복), 그
스레드가 나중에 바꾸는 것과 ``os._exit``는 막지 못하며, 노트북에서 바꿔 둔 패키지의 것도 채점할
때 원래대로 돌아갑니다.

어디서나 막지 못하는 것: 답이 프로세스 바깥에 한 일(파일을 쓰거나 지우기, 네트워크, 스스로
떨어져 나간(``os.setsid``) 프로세스), 컴퓨터의 메모리를 다 쓰는 답(운영체제가 채점 프로세스를
멈추면 그렇다고 알려 주지만, 그 전에 컴퓨터가 느려질 수 있습니다), 그리고 채점기 자신을 파고들어
고치는 답(그 채점의 판정은 믿을 수 없지만, 고친 것은 채점과 함께 사라집니다).
"""

# 노트북 묶음마다 한 파일: 가져오는 것만으로 그 문제들이 등록된다
from micrograd_kr.exercises import basics, from_scratch, gpt, networks, tensors, training  # noqa: E402, F401, I001
from micrograd_kr.exercises._registry import EXERCISES, Checker, check, exercise, grade
from micrograd_kr.exercises.guard import guard_package
from micrograd_kr.exercises.workshop import answer_or_solution

guard_package()

__all__ = ["EXERCISES", "Checker", "answer_or_solution", "check", "exercise", "grade"]
