"""명령줄 도구(command-line interface): ``micrograd-kr demo | draw | explore | train | gpt``."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from micrograd_kr import limits
from micrograd_kr.cli_parser import (
    KoreanArgumentParser,
    at_least,
    int_between,
    non_negative_int,
    positive_finite_float,
    positive_int,
)
from micrograd_kr.files import (
    OutputPathError,
    check_not_an_input,
    check_output_dir,
    check_output_path,
    describe_os_error,
)
from micrograd_kr.floats import printable, short_text
from micrograd_kr.nn import ACTIVATIONS

DRAWINGS = ("apple", "apple-orange", "abb1", "square", "neuron", "mlp")
DATASETS = ("moons", "circles", "spiral", "xor")
MAX_SAMPLES = 10_000  # gpt --samples의 한도: 낱말 하나에 순전파 최대 16번
_TARGET_HELP = (
    '식(예: "(a+b)*(b+1)", 함수 exp log tanh sigmoid relu; -로 시작하면 "0-a"처럼) '
    "또는 기본 그림 이름 apple, apple-orange, abb1, square, neuron"
)
_SET_ARGS = ("--set",)
_SET_OPTIONS = dict(
    nargs="+",
    action="extend",
    default=[],
    metavar="이름=값",
    help="식의 이름에 줄 값 (예: a=2 b=1)",
)


def _train_moons(epochs: int, seed: int, progress: bool):
    from micrograd_kr.data import moons
    from micrograd_kr.nn import MLP
    from micrograd_kr.train import evaluate, fit

    X, y = moons(100, noise=0.1, seed=seed)
    model = MLP(2, [16, 16, 1], seed=seed)
    history = fit(
        model,
        X,
        y,
        loss="hinge",
        optimizer="sgd",
        epochs=epochs,
        l2=1e-4,
        lr_schedule=lambda k: 1.0 - 0.9 * k / epochs,
        progress=progress,
    )
    return model, history, evaluate(model, X, y, "hinge")


def _ctrl_c_exits_130(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """학습 밖(데이터 준비, 저장 등)에서 누른 Ctrl-C도 추적(traceback) 없이 130으로 끝낸다.

    종료 신호 SIGTERM(예: ``kill``)과 SIGHUP(터미널이 닫힘)도 Ctrl-C처럼 다룬다: 학습 중이면
    지금 단계를 마치고 저장한 뒤 128 + 신호 번호(143, 129)로 끝난다.
    """

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        with _other_signals_as_ctrl_c() as received:
            args.received_signals = received  # 명령이 SIGTERM·SIGHUP을 받았는지 볼 수 있게
            try:
                code = command(args)
            except KeyboardInterrupt:
                name = _SIGNAL_NAMES.get(received.get("signum", 0), "Ctrl-C")
                print(f"\n중단했습니다 ({name}).{_saved_note(args)}", file=sys.stderr)
                return 128 + received.get("signum", signal.SIGINT)
        if code == 130 and "signum" in received:  # Ctrl-C 대신 다른 신호로 멈췄다
            return 128 + received["signum"]
        return code

    return run


_SIGNAL_NAMES = {
    getattr(signal, name): f"{name} 신호" for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
}


@contextlib.contextmanager
def _other_signals_as_ctrl_c() -> Iterator[dict[str, int]]:
    """블록 동안 SIGTERM·SIGHUP을 받으면 그때의 Ctrl-C(SIGINT) 처리기를 부른다.

    학습 중에는 ``fit``의 처리기(단계를 마치고 멈춤), 그 밖에서는 KeyboardInterrupt.
    받은 신호 번호는 돌려주는 사전의 ``"signum"``에 남는다. 주 스레드에서, 그 신호의 처리기가
    기본값(SIG_DFL)일 때만 바꾸고 블록을 나가면 되돌린다.
    """
    received: dict[str, int] = {}

    def forward(signum: int, frame: Any) -> None:
        received["signum"] = signum
        handler = signal.getsignal(signal.SIGINT)
        if callable(handler):
            handler(signal.SIGINT, frame)
        else:
            raise KeyboardInterrupt

    changed = []
    if threading.current_thread() is threading.main_thread():
        for signum in _SIGNAL_NAMES:
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, forward)
                changed.append(signum)
    try:
        yield received
    finally:
        for signum in changed:
            signal.signal(signum, signal.SIG_DFL)


@_ctrl_c_exits_130
def demo(args: argparse.Namespace) -> int:
    """반달(moons) 100개를 MLP(2, [16, 16, 1])로 학습합니다 (힌지 손실 + L2)."""
    from micrograd_kr.train import interrupted_summary

    if not args.no_pictures:  # 학습하기 전에: 그림 폴더에 쓸 수 없으면 지금 알린다
        try:
            check_output_dir(args.out, "그림 폴더")
        except OSError as exc:
            raise OutputPathError(f"{exc} {_PICTURE_HINT}") from None
    print("반달 모양 점 100개를 MLP(2, [16, 16, 1])로 분류하도록 학습합니다.")
    print("손실: 힌지(hinge) + L2 정규화, 옵티마이저: SGD (학습률 1.0 → 0.1)\n")
    started = time.perf_counter()
    model, history, accuracy = _train_moons(args.epochs, args.seed, not args.quiet)
    elapsed = time.perf_counter() - started
    print()
    if history.interrupted:  # Ctrl-C: 요약만 보이고 그림은 건너뛴다
        print(f"{interrupted_summary(history, args.epochs)}, 학습 정확도 {accuracy:.1%}")
        return 130
    print("== 요약 ==")
    print(f"매개변수(parameter) 수 : {len(model.parameters())}")
    print(f"에폭(epoch)            : {len(history)}")
    print(f"마지막 손실            : {history.loss[-1]:.4f} (처음 {history.loss[0]:.4f})")
    print(f"학습 정확도            : {accuracy:.1%}")
    print(
        f"걸린 시간              : {elapsed:.1f}초 (에폭당 {elapsed / len(history) * 1000:.0f} ms)"
    )
    if not args.no_pictures:
        _demo_pictures(model, Path(args.out))
    return 0


_PICTURE_HINT = (
    "그림을 저장할 다른 폴더를 --out으로 주거나(예: --out ~/micrograd_그림), "
    "그림 없이 하려면 --no-pictures를 붙이세요."
)


def _demo_pictures(model, out: Path) -> None:
    try:
        from micrograd_kr.viz.commands import demo_pictures
    except ImportError as exc:
        print(f"\n그림은 건너뜁니다: {exc}")
        return
    from micrograd_kr.viz.render import missing_renderer_hint, renderer_available

    if not renderer_available("svg"):  # 학습은 끝났으니 그림만 건너뛰고 성공으로 끝낸다
        print(
            f"\n그림 세 장(apple_price.svg, neuron.svg, network.svg)은 건너뜁니다. "
            f"{missing_renderer_hint()}"
        )
        return
    try:
        paths = demo_pictures(model, out)
    except OSError as exc:  # 학습 뒤에 폴더가 사라지거나 디스크가 찬 경우
        raise OSError(f"{describe_os_error(exc)} {_PICTURE_HINT}") from None
    print("\n그림(SVG)을 저장했습니다:")
    for path in paths:
        print(f"  {path}")


def draw(args: argparse.Namespace) -> int:
    """교과서 계산 그래프나 뉴런, MLP 그림을 파일로 그립니다.

    ValueError는 모두 입력의 잘못(파일 이름·형식, 너무 큰 그림)이라 종료 코드 2입니다.
    그리는 프로그램의 실패(RenderError)와 디스크 오류는 1입니다.
    """
    try:
        if args.name not in DRAWINGS or args.set:  # 식: "(a+b)*(b+1)" --set a=2 b=1
            from micrograd_kr.viz.expression_commands import draw_expression

            max_nodes = None if args.all else args.max_nodes
            return draw_expression(args.name, args.set, args.output, args.style, max_nodes)
        from micrograd_kr.viz.commands import draw_command

        path = draw_command(args.name, args.output, style=args.style)
    except ValueError as exc:
        print(f"오류: {_korean_message(exc)}", file=sys.stderr)
        return BAD_INPUT
    print(f"그림을 저장했습니다: {path}")
    return 0


def explore(args: argparse.Namespace) -> int:
    """계산 그래프를 한 걸음씩 넘기며 보는 역전파 탐험기 HTML 파일을 만듭니다."""
    from micrograd_kr.viz.expression_commands import explore_command

    return explore_command(args.target, args.set, args.output, args.style)


@_ctrl_c_exits_130
def train(args: argparse.Namespace) -> int:
    """작은 데이터셋으로 MLP를 학습하고 결과를 보여줍니다."""
    from micrograd_kr import data
    from micrograd_kr.nn import MLP
    from micrograd_kr.train import evaluate, fit, interrupted_summary

    classes, sizes = _check_train_request(args)
    if args.dataset == "xor":
        X, y = data.xor()
    else:
        X, y = getattr(data, args.dataset)(args.n, seed=args.seed)
    loss = "cross_entropy" if classes > 2 else "hinge"
    model = MLP(2, sizes, activation=args.activation, seed=args.seed)
    print(f"{args.dataset} 데이터 {len(y)}개, 모델 {model}, 손실 {loss}")
    history = fit(
        model,
        X,
        y,
        loss=loss,
        optimizer="adam",
        lr=args.lr,
        epochs=args.epochs,
        batch_size=args.batch_size,
        progress=not args.quiet,
    )
    _save_trained(model, args)  # 학습이 끝나면 먼저 저장: 그 뒤에 무슨 일이 나도 남는다
    if history.interrupted:  # Ctrl-C(또는 SIGTERM·SIGHUP): 배운 데까지 알리고 멈춘다
        print(interrupted_summary(history, args.epochs))
    else:
        print(f"마지막 손실 {history.loss[-1]:.4f}, 학습 정확도 {evaluate(model, X, y, loss):.1%}")
    return 130 if history.interrupted else 0


class SaveFailed(OSError):
    """학습을 마친 뒤 모델을 저장하지 못했다 (디스크가 참, 폴더가 사라짐): 종료 코드 1.

    학습 **전에** 경로를 검사해 거절하는 것(``OutputPathError``, 종료 코드 2)과 달리, 명령은
    옳았는데 일하는 도중에 실패한 것입니다."""


def _save_trained(model: Any, args: argparse.Namespace) -> None:
    """학습을 마친 모델을 ``args.save``에 곧바로 저장하고 알립니다 (None이면 아무것도 안 함).

    저장한 경로는 ``args.saved_to``에 남아, 그 뒤에 멈추거나(Ctrl-C) 파이프가 닫혀도 마지막
    메시지가 "모델은 저장했습니다"라고 알립니다.

    저장하는 동안 온 Ctrl-C·SIGTERM·SIGHUP은 저장을 마친 뒤에 따릅니다: 반쯤 쓴 파일도, 학습한
    것을 잃는 일도 없게. 저장에 실패하면 ``SaveFailed`` (종료 코드 1)."""
    path = args.save
    if path is None:
        return
    from micrograd_kr.train import stop_after_step_on_ctrl_c

    with stop_after_step_on_ctrl_c() as stop:
        try:
            model.save(path)
        except OSError as exc:
            raise SaveFailed(f"학습한 모델을 저장하지 못했습니다: {_korean_message(exc)}") from None
    args.saved_to = path
    print(f"모델을 저장했습니다: {short_text(path)}", flush=True)
    if stop.requested:  # 저장하는 동안 멈춰 달라는 신호가 왔다
        raise KeyboardInterrupt


def _check_train_request(args: argparse.Namespace) -> tuple[int, list[int]]:
    """학습을 시작하기 **전에**: 저장 경로가 괜찮은지, 메모리에 들어가는 크기인지 본다.

    데이터셋의 부류(class) 수와 모델의 층 크기들을 돌려줍니다 (마지막 층은 부류가 둘이면 1)."""
    if args.save is not None:
        check_output_path(args.save, "모델 파일")
    samples = 4 if args.dataset == "xor" else args.n
    classes = {"spiral": 3}.get(args.dataset, 2)
    sizes = [*args.hidden, classes if classes > 2 else 1]
    batch = min(args.batch_size or samples, samples)
    parameters = limits.mlp_parameter_count(2, sizes)
    estimate = (
        parameters * limits.BYTES_PER_PARAMETER
        + samples * limits.BYTES_PER_DATA_ROW
        + batch * limits.graph_bytes_per_sample(2, sizes)
    )
    limits.check_memory(
        estimate,
        f"데이터 {samples}개, 모델 MLP(2, {sizes}) (매개변수 {limits.format_count(parameters)} "
        f"개), 한 번에 {batch}개씩 학습하는 계산 그래프",
        "--n, --hidden을 줄이거나, --batch-size로 한 번에 학습할 샘플 수를 줄이세요.",
    )
    return classes, sizes


@_ctrl_c_exits_130
def gpt(args: argparse.Namespace) -> int:
    """작은 GPT를 낱말(함께 실린 헌법 낱말 또는 사용자의 파일)로 학습하고 새 낱말을 뽑습니다.

    순서: 검사(저장 경로, 읽는 파일과 같은 파일인지, 크기) → 학습 → **곧바로 저장** → 평가
    (진행 막대) → 낱말 짓기. 학습 뒤에 무엇이 실패하거나 멈춰도(Ctrl-C, SIGTERM, 닫힌 파이프,
    뽑기 오류) 학습한 모델은 이미 파일에 있습니다."""
    from micrograd_kr import gpt as small_gpt
    from micrograd_kr.gpt import budget

    block = small_gpt.DEFAULT_BLOCK_SIZE
    if args.save is not None:
        check_output_path(args.save, "모델 파일")
        check_not_an_input(args.save, [args.file or _bundled_words()], "모델 파일")
    if args.file is None:
        words = small_gpt.korean_words(max_jamo=block - 1)
        source = "함께 실린 대한민국헌법의 낱말"
    else:
        try:
            words = small_gpt.read_word_file(args.file, block_size=block)
        except (OSError, ValueError) as exc:
            print(f"오류: {_korean_message(exc)}", file=sys.stderr)
            return BAD_INPUT
        source = f"'{short_text(args.file)}'의 항목"
    run = small_gpt.prepare_run(words, seed=args.seed)
    model, tok = run.model, run.tokenizer
    print(
        f"{source} {len(words):,}개 (학습 {len(run.train_docs):,}, 평가 {len(run.test_docs):,}), "
        f"자모 어휘 {tok.vocab_size - 1}개 + BOS, {model}"
    )
    positions = sum(min(block, len(d) - 1) for d in run.train_docs) / len(run.train_docs)
    expected = budget.step_seconds(model.config, round(positions)) * args.steps
    if expected > 60:
        print(
            f"예상 학습 시간: 약 {budget.format_seconds(expected)} (컴퓨터에 따라 다름). "
            "Ctrl-C로 멈추면 그때까지 배운 것을 씁니다."
        )
    history = small_gpt.train(model, run.train_docs, steps=args.steps, progress=not args.quiet)
    _save_trained(model, args)  # 학습이 끝나면 무엇보다 먼저 (출력보다도: 파이프가 닫혔어도)
    print()
    received = getattr(args, "received_signals", {})
    done = len(history)
    if history.interrupted:
        print(f"중단했습니다: 단계 {done}/{args.steps}.")
        if "signum" in received:  # SIGTERM·SIGHUP: 끝내 달라는 뜻이니 평가하지 않고 끝낸다
            return 128 + received["signum"]
        print(
            "그때까지 배운 것으로 평가하고 낱말을 짓습니다 (건너뛰려면 Ctrl-C를 한 번 더 누르세요)."
        )
    if done:
        window = history.loss[-50:]
        print("== 요약 ==")
        print(
            f"학습 단계        : {done}/{args.steps} (단계당 {history.seconds / done * 1e3:.0f} ms)"
        )
        print(
            f"학습 손실        : 처음 {history.loss[0]:.3f} → 마지막 50단계 평균 "
            f"{sum(window) / len(window):.3f}"
        )
    if run.test_docs:
        held_out = small_gpt.evaluate(model, run.test_docs, progress=not args.quiet)
        bigram = small_gpt.bigram_loss(run.train_docs, run.test_docs, tok.vocab_size)
        verdict = "GPT가 더 낮습니다" if held_out < bigram else "바이그램이 더 낮습니다"
        print(f"평가 손실(토큰당): GPT {held_out:.3f}, 바이그램(bigram) {bigram:.3f} — {verdict}")
    known = set(words)
    print(f"\n지어낸 낱말 {args.samples}개 (온도 {args.temperature:g}, *는 자료에 없는 새 낱말):")
    for word in small_gpt.iter_sample_words(
        model, tok, args.samples, args.temperature, seed=args.seed
    ):  # 하나씩 지어 곧바로 찍는다: 많이 뽑아도 기다리지 않고, 파이프가 닫히면 거기서 멈춘다
        # 자료에서 온 제어 문자(ESC, BEL, 방향을 뒤집는 U+202E)는 터미널을 바꾸지 않게 \x1b처럼
        print(f"  {printable(word) or '(빈 낱말)'}{'' if word in known else ' *'}")
    return 130 if history.interrupted else 0


def _bundled_words() -> str | None:
    """함께 실린 낱말 파일의 경로 (설치된 패키지 안의 진짜 파일일 때만; 저장 경로와 비교용)."""
    from importlib import resources

    from micrograd_kr.gpt.words import WORDS_FILE

    try:
        path = resources.files("micrograd_kr").joinpath("data_files").joinpath(WORDS_FILE)
        return os.fspath(path) if isinstance(path, os.PathLike) else None
    except (OSError, TypeError, ValueError):
        return None


def build_parser() -> argparse.ArgumentParser:
    parser = KoreanArgumentParser(
        prog="micrograd-kr", description="한국어로 배우는 스칼라 자동 미분 엔진 micrograd_kr"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="명령")

    p = sub.add_parser("demo", help="반달 데이터로 MLP를 학습하는 시연(demo)")
    p.add_argument("--epochs", type=positive_int, default=100, help="에폭 수 (기본 100)")
    p.add_argument("--seed", type=non_negative_int, default=0, help="난수 시드(seed) (기본 0)")
    p.add_argument("--out", default="micrograd_kr_output", help="그림을 저장할 폴더")
    p.add_argument("--no-pictures", action="store_true", help="그림을 그리지 않음")
    p.add_argument("--quiet", action="store_true", help="진행 막대를 숨김")
    p.set_defaults(func=demo)

    p = sub.add_parser("draw", help="계산 그래프나 신경망 그림 그리기")
    p.add_argument("name", metavar="NAME|EXPR", help=_TARGET_HELP + ", mlp")
    p.add_argument("-o", "--output", required=True, help="파일 이름 (.svg, .png, .pdf)")
    p.add_argument("--style", choices=("card", "textbook"), default="textbook", help="그림 모양")
    p.add_argument(*_SET_ARGS, **_SET_OPTIONS)
    nodes = p.add_mutually_exclusive_group()
    nodes.add_argument(
        "--max-nodes",
        type=positive_int,
        metavar="개수",
        default=500,
        help="식의 노드(Value)가 이보다 많으면 그리지 않음 (기본 500)",
    )
    nodes.add_argument("--all", action="store_true", help="노드 수 제한 없이 그리기")
    p.set_defaults(func=draw)

    p = sub.add_parser("explore", help="역전파 탐험기: 한 걸음씩 보는 계산 그래프 HTML 파일")
    p.add_argument("target", metavar="NAME|EXPR", help=_TARGET_HELP)
    p.add_argument("-o", "--output", required=True, help="HTML 파일 이름 (예: abb1.html)")
    p.add_argument("--style", choices=("card", "textbook"), default="textbook", help="그림 모양")
    p.add_argument(*_SET_ARGS, **_SET_OPTIONS)
    p.set_defaults(func=explore)

    p = sub.add_parser("train", help="작은 데이터셋으로 MLP 학습")
    p.add_argument("--dataset", choices=DATASETS, default="moons", help="데이터셋 (기본 moons)")
    p.add_argument("--n", type=at_least(2), default=100, help="샘플 수 (기본 100, xor는 4)")
    p.add_argument(
        "--hidden",
        type=positive_int,
        nargs="+",
        default=[16, 16],
        help="은닉층 크기들 (기본 16 16)",
    )
    p.add_argument(
        "--activation",
        default="relu",
        choices=ACTIVATIONS,
        metavar="이름",
        help=f"활성화 함수: {', '.join(ACTIVATIONS)}",
    )
    p.add_argument("--epochs", type=positive_int, default=100, help="에폭 수 (기본 100)")
    p.add_argument(
        "--batch-size", type=positive_int, default=None, help="미니배치 크기 (기본: 전체 배치)"
    )
    p.add_argument("--lr", type=positive_finite_float, default=0.05, help="학습률 (기본 0.05)")
    p.add_argument("--seed", type=non_negative_int, default=0, help="난수 시드(seed) (기본 0)")
    p.add_argument("--save", default=None, help="학습한 모델을 JSON으로 저장할 경로")
    p.add_argument("--quiet", action="store_true", help="진행 막대를 숨김")
    p.set_defaults(func=train)

    p = sub.add_parser("gpt", help="작은 GPT를 한국어 낱말(자모)로 학습하고 새 낱말 뽑기")
    p.add_argument(
        "--file",
        default=None,
        metavar="파일",
        help="학습할 UTF-8 글 파일, 한 줄에 하나 (기본: 헌법의 낱말)",
    )
    p.add_argument("--steps", type=positive_int, default=1000, help="학습 단계 수 (기본 1000)")
    p.add_argument("--seed", type=non_negative_int, default=0, help="난수 시드(seed) (기본 0)")
    p.add_argument(
        "--samples",
        type=int_between(1, MAX_SAMPLES),
        default=10,
        metavar="개수",
        help=f"뽑을 낱말 수 (기본 10, 최대 {MAX_SAMPLES:,})",
    )
    p.add_argument(
        "--temperature", type=positive_finite_float, default=0.5, help="뽑기 온도 (기본 0.5)"
    )
    p.add_argument("--save", default=None, help="학습한 모델을 JSON으로 저장할 경로")
    p.add_argument("--quiet", action="store_true", help="진행 막대를 숨김")
    p.set_defaults(func=gpt)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``micrograd-kr`` 명령의 시작점."""
    _tolerate_terminal_encoding()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # 출력을 받던 파이프가 닫혔다면 여기서 알아챈다
        return code
    except BrokenPipeError:
        return _broken_pipe(_saved_note(args))
    except (ValueError, TypeError, RuntimeError, OSError, ArithmeticError) as exc:
        print(f"오류: {_korean_message(exc)}{_saved_note(args)}", file=sys.stderr)
        return _exit_code(exc)


BAD_INPUT = 2  # 잘못된 입력: 명령을 고쳐서 풀 수 있는 것 (argparse와 같은 2)


def _exit_code(exc: BaseException) -> int:
    """종료 코드: 명령을 고치면 되는 잘못된 입력(저장 경로, 메모리에 들지 않을 크기, 너무 큰
    그림)은 2, 그 밖의 실패(그리는 프로그램, 학습 뒤의 디스크 오류 등)는 1.

    식의 잘못과 인자의 잘못도 2입니다 (``expression_commands``, argparse).
    """
    if isinstance(exc, (OutputPathError, limits.SizeLimitError)):
        return BAD_INPUT
    layout = sys.modules.get("micrograd_kr.viz.layout_cost")  # 그림을 그리려 했을 때만 있다
    if layout is not None and isinstance(exc, layout.LayoutTooCostly):
        return BAD_INPUT
    return 1


def _tolerate_terminal_encoding() -> None:
    """UTF-8이 아닌 터미널(예: PYTHONIOENCODING=ascii, latin-1)에서도 일을 끝까지 하도록.

    터미널이 쓸 수 없는 글자(한글 등)는 ``\\uc624``처럼 이스케이프(escape)해 씁니다: 글은
    읽기 어려워져도 학습과 저장, 그림 파일은 그대로 됩니다.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) != "strict":
            continue
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def _korean_message(exc: BaseException) -> str:
    """오류 메시지. 운영체제가 만든 영어 메시지(OSError)는 한국어 설명으로 바꾼다."""
    text = str(exc)
    if isinstance(exc, OSError) and not any("가" <= ch <= "힣" for ch in text):
        return describe_os_error(exc)
    return text


def _saved_note(args: argparse.Namespace) -> str:
    """학습한 모델을 이미 저장했다면 그 경로를 알리는 덧붙임 글 (아니면 빈 글)."""
    saved = getattr(args, "saved_to", None)
    return f" 학습한 모델은 저장했습니다: {short_text(saved)}" if saved else ""


def _broken_pipe(note: str = "") -> int:
    """출력을 받던 쪽(예: `| head`)이 먼저 닫혔다. 남은 출력은 버리고 한국어로 알린다."""
    try:  # 끝날 때 stdout을 비우다 다시 BrokenPipeError가 나지 않도록 /dev/null로 돌린다
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    try:
        print(
            "오류: 출력을 받던 프로그램(파이프)이 먼저 끝나 출력을 더 쓸 수 없습니다. "
            "출력을 다 보려면 파일로 저장하세요 (예: micrograd-kr train > 결과.txt)." + note,
            file=sys.stderr,
        )
    except OSError:
        pass
    return 1


if __name__ == "__main__":
    sys.exit(main())
