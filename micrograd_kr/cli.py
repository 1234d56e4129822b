"""명령줄 도구(command-line interface): ``micrograd-kr demo | draw | train``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from micrograd_kr.nn import ACTIVATIONS

DRAWINGS = ("apple", "apple-orange", "abb1", "square", "neuron", "mlp")
DATASETS = ("moons", "circles", "spiral", "xor")


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


def demo(args: argparse.Namespace) -> int:
    """반달(moons) 100개를 MLP(2, [16, 16, 1]) 로 학습합니다 (힌지 손실 + L2)."""
    print("반달 모양 점 100개를 MLP(2, [16, 16, 1]) 로 분류하도록 학습합니다.")
    print("손실: 힌지(hinge) + L2 정규화, 옵티마이저: SGD (학습률 1.0 → 0.1)\n")
    started = time.perf_counter()
    model, history, accuracy = _train_moons(args.epochs, args.seed, not args.quiet)
    elapsed = time.perf_counter() - started
    print()
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
    paths = demo_pictures(model, out)
    print("\n그림(SVG)을 저장했습니다:")
    for path in paths:
        print(f"  {path}")


def draw(args: argparse.Namespace) -> int:
    """교과서 계산 그래프나 뉴런, MLP 그림을 파일로 그립니다."""
    from micrograd_kr.viz.commands import draw_command

    path = draw_command(args.name, args.output, style=args.style)
    print(f"그림을 저장했습니다: {path}")
    return 0


def train(args: argparse.Namespace) -> int:
    """작은 데이터셋으로 MLP 를 학습하고 결과를 보여줍니다."""
    from micrograd_kr import data
    from micrograd_kr.nn import MLP
    from micrograd_kr.train import evaluate, fit

    if args.dataset == "xor":
        X, y = data.xor()
    else:
        X, y = getattr(data, args.dataset)(args.n, seed=args.seed)
    classes = int(y.max()) + 1
    loss = "cross_entropy" if classes > 2 else "hinge"
    sizes = [*args.hidden, classes if classes > 2 else 1]
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
    print(f"마지막 손실 {history.loss[-1]:.4f}, 학습 정확도 {evaluate(model, X, y, loss):.1%}")
    if args.save:
        model.save(args.save)
        print(f"모델을 저장했습니다: {args.save}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="micrograd-kr", description="한국어로 배우는 스칼라 자동 미분 엔진 micrograd_kr"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="명령")

    p = sub.add_parser("demo", help="반달 데이터로 MLP 를 학습하는 시연(demo)")
    p.add_argument("--epochs", type=int, default=100, help="에폭 수 (기본 100)")
    p.add_argument("--seed", type=int, default=0, help="난수 시드(seed) (기본 0)")
    p.add_argument("--out", default="micrograd_kr_output", help="그림을 저장할 폴더")
    p.add_argument("--no-pictures", action="store_true", help="그림을 그리지 않음")
    p.add_argument("--quiet", action="store_true", help="진행 막대를 숨김")
    p.set_defaults(func=demo)

    p = sub.add_parser("draw", help="계산 그래프나 신경망 그림 그리기")
    p.add_argument("name", choices=DRAWINGS, help="그릴 것")
    p.add_argument("-o", "--output", required=True, help="파일 이름 (.svg, .png, .pdf)")
    p.add_argument("--style", choices=("card", "textbook"), default="textbook", help="그림 모양")
    p.set_defaults(func=draw)

    p = sub.add_parser("train", help="작은 데이터셋으로 MLP 학습")
    p.add_argument("--dataset", choices=DATASETS, default="moons")
    p.add_argument("--n", type=int, default=100, help="샘플 수")
    p.add_argument("--hidden", type=int, nargs="+", default=[16, 16], help="은닉층 크기들")
    p.add_argument("--activation", default="relu", help=f"활성화 함수: {', '.join(ACTIVATIONS)}")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--save", default=None, help="학습한 모델을 JSON 으로 저장할 경로")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=train)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``micrograd-kr`` 명령의 시작점."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, TypeError, RuntimeError, OSError, ArithmeticError) as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
