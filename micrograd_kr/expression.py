"""글로 쓴 식(expression)을 계산 그래프로: ``build_expression("(a+b)*(b+1)", {"a": 2, "b": 1})``.

식은 파이썬의 ``ast``로 읽고, 허용 목록(whitelist)에 있는 것만 받습니다. ``eval``은 쓰지 않습니다.

- 숫자, 이름, ``+ - * / **``, 단항 ``-`` (와 ``+``), 괄호
- 엔진의 함수 ``exp, log, tanh, sigmoid, relu``를 인자 하나로 부르기

이름마다 이름표(label)가 붙은 잎(leaf) ``Value``가 하나씩 생깁니다. 같은 이름은 같은 노드이므로
``(a+b)*(b+1)``의 ``b``는 두 곳에 쓰입니다. 한글 이름도 됩니다 (``사과가격*사과개수``).
그 밖의 것(속성, 첨자, 람다, 함수 호출, 값이 없는 이름, 2,000 글자가 넘는 식)은
어디가 문제인지(몇 번째 글자, 그 부분의 글) 알려 주는 ``ExpressionError``를 냅니다.
"""

from __future__ import annotations

import ast
import math
import unicodedata
from collections.abc import Mapping

from micrograd_kr.engine import Value
from micrograd_kr.floats import short_repr, short_text
from micrograd_kr.korean import particle

__all__ = ["FUNCTIONS", "MAX_LENGTH", "ExpressionError", "build_expression", "leaf_names"]

MAX_LENGTH = 2000
_WINDOW, _CONTEXT = 80, 30  # 오류 글에 보일 식의 글자 수와, 문제 부분 앞에 둘 글자 수
FUNCTIONS = ("exp", "log", "tanh", "sigmoid", "relu")
_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
# 허용하지 않는 것들의 한국어 이름 (오류 메시지용)
_KINDS = {
    ast.Attribute: "속성 접근(attribute)",
    ast.Subscript: "첨자(subscript)",
    ast.Lambda: "람다(lambda)",
    ast.Compare: "비교(comparison)",
    ast.BoolOp: "논리 연산(and, or)",
    ast.IfExp: "조건식(if ... else)",
    ast.List: "리스트(list)",
    ast.Tuple: "튜플(tuple)",
    ast.Set: "집합(set)",
    ast.Dict: "사전(dict)",
    ast.ListComp: "리스트 내포(list comprehension)",
    ast.GeneratorExp: "생성기 식(generator expression)",
    ast.JoinedStr: "f-문자열(f-string)",
    ast.NamedExpr: "대입식(:=)",
    ast.Starred: "별표 풀기(*)",
    ast.Await: "await",
}
_OPERATORS = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.Invert: "~",
    ast.Not: "not",
}


class ExpressionError(ValueError):
    """식을 읽거나 계산할 수 없을 때의 오류. 문제가 된 곳을 함께 알려 줍니다.

    - ``column``: 문제가 된 부분이 시작하는 글자 위치 (1부터 셈, 모르면 None)
    - ``snippet``: 문제가 된 부분의 글
    """

    def __init__(
        self,
        message: str,
        source: str = "",
        column: int | None = None,
        end_column: int | None = None,
        line: int = 1,
    ) -> None:
        self.message = message
        self.source = source
        self.column = column
        self.line = line
        lines = source.splitlines() or [""]
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if column is not None:
            end = max(end_column or column, column)
            self.snippet = text[column - 1 : end]
        else:
            self.snippet = ""
        self._text = text
        self._end = end_column
        super().__init__(self._format())

    def _format(self) -> str:
        if self.column is None:
            return self.message
        where = f"{self.column}번째 글자"
        if len(self.source.splitlines()) > 1:
            where = f"{self.line}번째 줄 " + where
        snippet = f" '{short_text(self.snippet, 40)}'" if self.snippet else ""
        # 긴 줄은 문제 부분 둘레만 (메시지가 식 전체를 되풀이하지 않게): 앞뒤는 …로
        start = max(0, min(self.column - 1 - _CONTEXT, len(self._text) - _WINDOW))
        start = 0 if len(self._text) <= _WINDOW else start
        text = self._text[start : start + _WINDOW]
        lead = "…" if start > 0 else ""
        tail = "…" if start + _WINDOW < len(self._text) else ""
        width = max(1, min(len(self.snippet), _WINDOW - (self.column - 1 - start)))
        caret = " " * (len(lead) + self.column - 1 - start) + "^" * width
        return f"{self.message} ({where}{snippet})\n  {lead}{text}{tail}\n  {caret}"


def leaf_names(source: str) -> list[str]:
    """식에 나오는 이름들을 처음 나온 순서대로 돌려줍니다 (허용하지 않는 식이면 오류)."""
    tree = _parse(source)
    names: list[str] = []
    for node in _postorder(tree.body):
        if isinstance(node, ast.Name) and node.id not in names:
            names.append(node.id)
    return names


def build_expression(source: str, values: Mapping[str, float]) -> Value:
    """식을 ``Value`` 계산 그래프로 만들어 출력 노드를 돌려줍니다 (``backward()``는 부르지 않음).

    ``values``: 이름 → 값. 식의 이름마다 값이 있어야 하고, 식에 없는 이름이 있어도 오류입니다
    (오타를 잡으려고). 이름은 파이썬처럼 NFKC로 정규화해 비교합니다.
    """
    tree = _parse(source)
    given = {unicodedata.normalize("NFKC", str(k)): v for k, v in values.items()}
    names = [n for n in _postorder(tree.body) if isinstance(n, ast.Name)]
    used = {n.id for n in names}
    leaves: dict[str, Value] = {}
    for node in names:
        if node.id in leaves:
            continue
        if node.id not in given:
            raise _error(
                source,
                node,
                f"이름 '{node.id}'에 값이 없습니다. 값을 정해 주세요 (명령줄: --set {node.id}=1)",
            )
        leaves[node.id] = Value(_number(given[node.id], source, node), label=node.id)
    for name in given:
        if name not in used:
            known = ", ".join(sorted(used)) or "(없음)"
            raise ExpressionError(
                f"식에 없는 이름 {short_repr(name, 40)}에 값을 주었습니다. 식의 이름: {known}. "
                "오타인지 보세요."
            )

    results: dict[ast.AST, Value | float] = {}
    for node in _postorder(tree.body):
        try:
            results[node] = _evaluate(node, results, leaves)
        except (ArithmeticError, ValueError) as exc:
            if isinstance(exc, ExpressionError):
                raise
            raise _error(source, node, f"이 부분을 계산할 수 없습니다: {exc}") from exc
    out = results[tree.body]
    root = out if isinstance(out, Value) else Value(out)
    _name_parts(root, tree, results, source)
    return root


def _name_parts(root: Value, tree: ast.Expression, results: dict, source: str) -> None:
    """그림과 탐험기가 노드를 알아보게: 중간 노드에는 그 부분식("a+b"), 상수에는 그 값("1")."""
    for node in _postorder(tree.body):
        made = results.get(node)
        if isinstance(made, Value) and made.inputs and not made.label:
            text = " ".join((ast.get_source_segment(source, node) or "").split())
            made.label = text if len(text) <= 40 else text[:39] + "…"
    seen: set[int] = set()
    stack = [root]
    while stack:  # 이름 없는 잎(식의 숫자, 엔진이 감싼 숫자)은 그 값을 이름으로
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if not node.inputs and not node.label:
            node.label = f"{node.data:g}"
        stack.extend(node.inputs)


# ------------------------------------------------------------- 내부 도우미
def _parse(source: str) -> ast.Expression:
    if not isinstance(source, str):
        raise ExpressionError(f"식은 글(str)이어야 합니다. 받은 값: {short_repr(source)}")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"식이 너무 깁니다: {len(source):,}글자 (최대 {MAX_LENGTH:,}글자). 식을 줄여 주세요."
        )
    _check_encodable(source)
    stripped = source.lstrip(" \t")  # 줄 맨 앞의 빈칸은 파이썬 문법 오류가 되므로 떼어 낸다
    if not stripped.strip():
        raise ExpressionError('식이 비어 있습니다. 예: "(a+b)*(b+1)"')
    shift = len(source) - len(stripped)
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as exc:
        column = (exc.offset or 1) + (shift if (exc.lineno or 1) == 1 else 0)
        end = (exc.end_offset or 0) - 1 + (shift if (exc.lineno or 1) == 1 else 0)
        raise ExpressionError(
            f"식의 문법이 맞지 않습니다: {_syntax_reason(exc)}",
            source,
            column,
            max(end, column),
            exc.lineno or 1,
        ) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(
            "식에 괄호나 연산이 너무 깊게 겹쳐 있습니다. 식을 줄여 주세요."
        ) from None
    if shift:  # 앞의 빈칸만큼 글자 위치를 되돌린다
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) == 1:
                node._shift = shift  # type: ignore[attr-defined]
    functions = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if id(node) not in functions:
            _check(node, source)
    return tree


def _check_encodable(source: str) -> None:
    """UTF-8로 쓸 수 없는 글자(짝 없는 서로게이트, surrogate)가 있으면 그 자리를 알립니다.

    UTF-8이 아닌 바이트가 든 명령줄 인자(예: 터미널 인코딩이 다를 때 ``$'a\\xff+1'``)는
    파이썬에 ``'\\udcff'`` 같은 글자로 들어옵니다.
    """
    for index, ch in enumerate(source):
        if "\ud800" <= ch <= "\udfff":
            shown = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in source)
            code = ord(ch)
            what = f"바이트 0x{code - 0xDC00:02x}" if code >= 0xDC80 else f"U+{code:04X}"
            column = index - source.rfind("\n", 0, index)  # 그 줄에서 몇 번째 글자인지
            raise ExpressionError(
                f"식에 UTF-8 글자가 아닌 것({what})이 있습니다. 터미널의 글자 인코딩(encoding)을 "
                "UTF-8로 맞추거나 그 글자를 지워 주세요",
                shown,
                column,
                column,
                shown.count("\n", 0, index) + 1,
            )


def _syntax_reason(exc: SyntaxError) -> str:
    """파이썬의 영어 문법 오류를 한국어 까닭으로 (영어 원문은 보이지 않는다)."""
    reason = exc.msg or ""
    if "was never closed" in reason or "unexpected EOF" in reason:
        return "괄호가 닫히지 않았거나 식이 끝나지 않았습니다"
    if "unmatched" in reason or "does not match" in reason:
        return "짝이 맞지 않는 괄호가 있습니다"
    if "too many nested parentheses" in reason:
        return "괄호가 너무 깊게 겹쳐 있습니다 (파이썬은 200겹까지 읽습니다)"
    if "invalid character" in reason or "non-printable" in reason:
        return "쓸 수 없는 글자가 있습니다"
    if "leading zeros" in reason:
        return "0으로 시작하는 정수(예: 09)는 쓸 수 없습니다. 앞의 0을 지우세요"
    if "literal" in reason and ("decimal" in reason or "hexadecimal" in reason):
        return "숫자를 잘못 썼습니다 (숫자 바로 뒤의 글자, 0x 같은 것은 쓸 수 없습니다)"
    if "unterminated" in reason or "string" in reason:
        return "따옴표가 있습니다: 식에는 글자열을 쓸 수 없습니다"
    if "import" in (exc.text or ""):
        return "식에는 import를 쓸 수 없습니다"
    if "indent" in reason:
        return "줄 맨 앞의 빈칸이나 줄바꿈이 맞지 않습니다"
    return (
        "이 자리에 올 수 없는 것이 있습니다 (예: 연산자 뒤에 값이 빠졌거나, 두 값 사이에 "
        "연산자가 없거나, =, 쉼표, 콜론 같은 것)"
    )


def _check(node: ast.AST, source: str) -> None:
    """허용 목록에 없는 것은 ExpressionError."""
    if isinstance(node, (ast.Expression, ast.Load)) or type(node) in _BINARY:
        return
    if isinstance(node, (ast.USub, ast.UAdd)):
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise _error(
                source, node, f"연산자 '{_OPERATORS.get(type(node.op), '?')}'는 쓸 수 없습니다"
            )
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise _error(
                source, node, f"연산자 '{_OPERATORS.get(type(node.op), '?')}'는 쓸 수 없습니다"
            )
        return
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _error(
                source,
                node,
                f"숫자가 아닌 값 {short_repr(value)}는 쓸 수 없습니다 (숫자와 이름만 됩니다)",
            )
        return
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise _error(
                source, node, f"'{node.id}'는 함수 이름입니다. {node.id}(x)처럼 불러 쓰세요"
            )
        if node.id.startswith("__"):
            raise _error(source, node, f"밑줄 두 개로 시작하는 이름 '{node.id}'는 쓸 수 없습니다")
        return
    if isinstance(node, ast.Call):
        func = node.func
        if not isinstance(func, ast.Name):
            raise _error(source, func, "함수는 exp, log, tanh, sigmoid, relu만 부를 수 있습니다")
        if func.id not in FUNCTIONS:
            raise _error(
                source,
                func,
                f"모르는 함수 '{func.id}'입니다. 쓸 수 있는 함수: {', '.join(FUNCTIONS)}",
            )
        if node.keywords or len(node.args) != 1:
            raise _error(source, node, f"{func.id} 에는 인자를 하나만 주세요 (예: {func.id}(x))")
        return
    if isinstance(node, ast.expr_context):
        return
    if isinstance(node, ast.Attribute):  # 점 뒤의 이름을 가리킨다: (a+b).__class__ → .__class__
        where = ast.Name(id=node.attr)
        ast.copy_location(where, node)
        where.col_offset = node.value.end_col_offset or node.col_offset
        if hasattr(node, "_shift"):
            where._shift = node._shift  # type: ignore[attr-defined]
        raise _error(source, where, f"식에 쓸 수 없는 것: 속성 접근(attribute) '.{node.attr}'")
    kind = _KINDS.get(type(node), f"{type(node).__name__}")
    raise _error(
        source, node, f"식에 쓸 수 없는 것: {kind}. 숫자, 이름, + - * / **, 괄호, 함수만 됩니다"
    )


def _error(source: str, node: ast.AST, message: str) -> ExpressionError:
    """ast 노드의 위치(UTF-8 바이트)를 글자 위치로 바꿔 오류를 만듭니다."""
    line = getattr(node, "lineno", None)
    if line is None:
        return ExpressionError(message, source)
    shift = getattr(node, "_shift", 0)
    lines = source.lstrip(" \t").splitlines() or [""]
    text = lines[line - 1].encode("utf-8") if line <= len(lines) else b""
    start = len(text[: node.col_offset].decode("utf-8", errors="replace")) + 1 + shift
    end_line = getattr(node, "end_lineno", line)
    end_offset = getattr(node, "end_col_offset", None)
    if end_offset is not None and end_line == line:
        end = len(text[:end_offset].decode("utf-8", errors="replace")) + shift
    else:
        end = len(text.decode("utf-8")) + shift
    return ExpressionError(message, source, start, end, line)


def _postorder(root: ast.AST) -> list[ast.AST]:
    """자식이 먼저 오는 순서 (재귀 없이 — 아주 긴 식도 재귀 한도에 걸리지 않게)."""
    order: list[ast.AST] = []
    stack: list[tuple[ast.AST, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        stack.append((node, True))
        children = _operands(node)
        for child in reversed(children):
            stack.append((child, False))
    return order


def _operands(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.Call):
        return list(node.args)
    return []


def _number(x: object, source: str, node: ast.AST) -> float:
    name = getattr(node, "id", "")
    try:
        value = float(x)  # type: ignore[arg-type]
    except OverflowError:
        value = math.inf
    except (TypeError, ValueError):
        message = f"'{name}'의 값 {particle(short_repr(x), '은')} 숫자가 아닙니다"
        raise _error(source, node, message) from None
    if not math.isfinite(value):
        raise _error(source, node, f"'{name}'의 값 {short_repr(x)}: {_NOT_FINITE}")
    return value


# 식의 수에 대한 규칙 하나: 쓴 수(1e400, 10000…0), --set의 값(inf, nan), 숫자끼리 계산한 결과
# (10**400, 1e308*10)는 모두 유한한 float여야 한다. 이름(Value)이 낀 계산은 엔진의 규칙대로.
_NOT_FINITE = (
    "식의 수는 float로 나타낼 수 있는 유한한 수여야 합니다 (절댓값 약 1.8e308까지; inf, nan, "
    "1e400, 10**400은 안 됩니다)"
)


def _check_number_op(left: float, op: str, right: float) -> None:
    """숫자(상수)끼리의 나눗셈과 거듭제곱에서 정의되지 않는 경우를 한국어로 알립니다."""
    if op == "/" and right == 0:
        raise ValueError(
            f"0으로 나눌 수 없습니다: {left:g} / {right:g} (나누는 값이 0입니다). 식을 고쳐 주세요"
        )
    if op == "**" and left == 0 and right < 0:
        raise ValueError(
            f"0의 음수 거듭제곱은 정의되지 않습니다: {left:g} ** {right:g} (0으로 나누는 것과 "
            "같습니다). 밑이나 지수를 고쳐 주세요"
        )


def _evaluate(
    node: ast.AST, results: dict[ast.AST, Value | float], leaves: dict[str, Value]
) -> Value | float:
    if isinstance(node, ast.Constant):
        try:
            value = float(node.value)  # 정수도 float로: 10**10**10 같은 거대한 정수 계산을 막는다
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):  # 1e400은 파이썬이 이미 inf로 읽는다: 10**400과 같은 규칙
            raise ValueError(f"쓴 수가 너무 큽니다. {_NOT_FINITE}")
        return value
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = results[node.operand]
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = results[node.left], results[node.right]
        op = _BINARY[type(node.op)]
        if not isinstance(left, Value) and not isinstance(right, Value):
            _check_number_op(left, op, right)  # 숫자끼리의 계산: 파이썬의 영어 오류 대신
        try:
            if op == "+":
                out = left + right
            elif op == "-":
                out = left - right
            elif op == "*":
                out = left * right
            elif op == "/":
                out = left / right
            else:
                out = left**right
        except OverflowError:
            out = math.inf
        if isinstance(out, float) and not math.isfinite(out):  # 숫자끼리: 1e308*10, 10**400
            raise ValueError(f"숫자끼리 계산한 결과가 너무 큽니다. {_NOT_FINITE}")
        if isinstance(out, complex):
            raise ValueError(
                "음수의 정수가 아닌 거듭제곱 "
                f"{particle(f'{left!r} ** {right!r}', '은')} 실수가 아닙니다"
            )
        return out
    if isinstance(node, ast.Call):
        arg = results[node.args[0]]
        value = arg if isinstance(arg, Value) else Value(arg)
        name = node.func.id  # type: ignore[attr-defined]
        return getattr(value, name)()
    raise ValueError(f"계산할 수 없는 부분입니다: {type(node).__name__}")  # _check가 미리 막음
