"""파일 쓰기와 읽기를 안전하게: 사용자의 파일을 망가뜨리지 않고, 문제는 한국어로 알립니다.

- ``check_output_path(path)``: 저장하기 **전에**, 무거운 일(학습, 그림 그리기)을 하기 전에
  저장할 경로가 괜찮은지 봅니다 (빈 경로, 폴더, 없는 폴더, 쓰기 권한, 쓰기 금지 파일,
  너무 긴 이름). 문제가 있으면 그 경로를 밝히고 어떻게 하면 되는지 말하는 ``OutputPathError``.
- ``check_output_dir(path)``: 그림 여러 장을 넣을 폴더에 대해 같은 검사.
- ``check_not_an_input(path, inputs)``: 저장할 경로가 명령이 읽는 파일(링크로 이어진 것도)이면
  거절합니다.
- ``write_atomic(path, data)``: 같은 폴더에 새로 만든 전용 임시 파일(``O_EXCL``, 링크를
  따라가지 않음)에 다 쓴 뒤 한 번에 바꿔치기(``os.replace``)합니다. 어떤 실패에서도 임시
  파일을 지우므로, 원래 파일은 온전하거나 새 파일로 완전히 바뀌거나 둘 중 하나입니다.
  이미 있는 파일을 바꿀 때는 그 파일의 권한(mode)을 그대로 지킵니다.
- ``read_regular_file(path, limit)``: 일반 파일(regular file)만, 크기 한도 안에서만 읽습니다
  (``/dev/zero``, FIFO, 폴더, 거대한 파일을 거절).
- ``describe_os_error(exc)``: 운영체제 오류(``OSError``)를 한국어 설명으로.

이 모듈은 우리 패키지의 다른 모듈을 가져오지 않습니다.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from micrograd_kr.floats import short_repr, short_text
from micrograd_kr.korean import particle

PathLike = str | os.PathLike

_WRITE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL  # 이미 있는 이름(심볼릭 링크(symbolic link) 포함)이면 만들지 않고 실패
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # FIFO를 열 때 쓰는 쪽을 기다리며 멈추지 않도록
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class OutputPathError(OSError, ValueError):
    """저장(또는 읽기) 경로의 문제. 메시지는 사용자가 준 경로와 해결 방법을 담은 한국어입니다.

    ``OSError`` 이면서 ``ValueError`` 라서 둘 중 어느 것으로도 잡을 수 있습니다.
    원래 운영체제 오류 번호는 ``errno`` 속성에 남습니다 (없으면 None).
    """

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.errno = code

    def __str__(self) -> str:
        return str(self.args[0])


# ------------------------------------------------------------ 오류를 한국어로
_PERMISSION = ("권한이 없습니다", "권한을 확인하거나(ls -l) 다른 경로(예: 홈 폴더 안)를 주세요.")
_NO_SPACE = (
    "디스크 공간(또는 할당량)이 모자랍니다",
    "공간을 비우거나 다른 디스크의 경로를 주세요. 원래 있던 파일은 바뀌지 않았습니다.",
)
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: (
        "경로 중간의 폴더가 없습니다",
        "폴더를 먼저 만들거나(mkdir -p) 있는 폴더를 고르세요.",
    ),
    errno.EACCES: _PERMISSION,
    errno.EPERM: _PERMISSION,
    errno.EISDIR: ("폴더입니다", "폴더 안의 파일 이름까지 주세요 (예: 폴더/model.json)."),
    errno.ENOSPC: _NO_SPACE,
    getattr(errno, "EDQUOT", errno.ENOSPC): _NO_SPACE,
    errno.EEXIST: (
        "같은 이름의 파일이 이미 있어 폴더를 만들 수 없습니다",
        "다른 이름을 고르거나 그 파일을 옮기세요.",
    ),
    errno.ENAMETOOLONG: (
        "경로나 파일 이름이 너무 깁니다",
        "더 짧은 이름을 쓰세요 (이름 하나는 보통 255바이트까지).",
    ),
    errno.ENOTDIR: ("경로 중간에 폴더가 아닌 파일이 있습니다", "경로를 확인하세요."),
    errno.EROFS: ("읽기 전용 파일 시스템입니다", "쓸 수 있는 다른 위치의 경로를 주세요."),
    errno.EFBIG: (
        "파일 크기 한도를 넘었습니다",
        "파일 크기 제한(ulimit -f)을 늘리거나 다른 디스크에 저장하세요.",
    ),
    errno.EPIPE: (
        "출력을 받던 쪽(파이프)이 먼저 닫혔습니다",
        "출력을 파일로 돌려 보세요 (> 결과.txt).",
    ),
    errno.EIO: (
        "입출력 오류가 났습니다 (디스크나 연결된 장치의 문제)",
        "장치가 연결되어 있는지 보고, 다른 디스크의 경로를 주세요.",
    ),
    errno.EBUSY: ("다른 프로그램이 쓰고 있습니다", "그 프로그램을 닫거나 다른 경로를 주세요."),
    errno.ETXTBSY: ("실행 중인 파일이라 바꿀 수 없습니다", "다른 이름을 주세요."),
    errno.EMFILE: (
        "열린 파일이 너무 많습니다",
        "다른 프로그램을 닫거나 열 수 있는 파일 수(ulimit -n)를 늘리세요.",
    ),
    errno.ELOOP: (
        "심볼릭 링크가 너무 많이 이어지거나 순환합니다",
        "링크가 아닌 실제 경로를 주세요.",
    ),
}


def _reason(code: int | None) -> tuple[str, str]:
    """오류 번호 → (무엇이 문제인가, 어떻게 하면 되나)."""
    if code in _REASONS:
        return _REASONS[code]
    return "운영체제가 거절했습니다", "경로와 권한, 남은 공간을 확인하세요."


def describe_os_error(exc: OSError, path: PathLike | None = None, action: str = "저장하지") -> str:
    """``OSError``를 한국어 한 문장으로: 어떤 경로에 무엇을 하다가, 왜, 어떻게 하면 되는지.

    ``path``를 주면(사용자가 준 경로) 임시 파일 이름 대신 그 경로를 말합니다.
    """
    if isinstance(exc, OutputPathError):
        return str(exc)
    where = path if path is not None else exc.filename
    problem, fix = _reason(exc.errno)
    if exc.errno is None:
        detail = ""
    elif problem == _reason(None)[0]:  # 모르는 오류: 영어 설명 대신 오류의 이름과 번호
        detail = f" (오류 {errno.errorcode.get(exc.errno, '?')}, 번호 {exc.errno})"
    else:
        detail = f" (오류 번호 {exc.errno})"
    target = _quoted(os.fsdecode(where)) if where is not None else "파일"
    return f"{target}을(를) {action} 못했습니다: {problem}{detail}. {fix}"


def _quoted(path: object) -> str:
    """메시지에 넣을 경로: 따옴표로 감싸고, 길면 줄이고, 보이지 않는 글자는 이스케이프."""
    return short_repr(str(path))


def _particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """``word`` 뒤에 붙일 조사 (패키지의 조사 도우미 :func:`micrograd_kr.korean.particle`)."""
    return particle(word, after_consonant)


def _fail(message: str, code: int | None = None) -> OutputPathError:
    return OutputPathError(message, code)


# ---------------------------------------------------------------- 저장 전 검사
def _as_text(path: object, what: str) -> str:
    if isinstance(path, bytes):
        return os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{what}의 경로에는 문자열이나 Path가 와야 합니다. 받은 값: {short_repr(path)} "
            f"(자료형 {type(path).__name__})."
        )
    return os.fsdecode(os.fspath(path))


def _check_text(text: str, what: str) -> None:
    if not text.strip():
        raise _fail(
            f"{what}의 경로가 비어 있습니다 ({short_repr(text)}). 파일 이름을 주세요 (예: "
            "model.json).",
            errno.ENOENT,
        )
    if "\x00" in text:
        raise _fail(
            f"{what}의 경로 {short_repr(text)}에 널 문자(\\x00)가 들어 있습니다. 경로를 고치세요."
        )


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # pathconf가 없는 운영체제(Windows)
        return 255


def _check_name_lengths(text: str, what: str, existing: Path) -> None:
    limit = _name_max(existing)
    for part in Path(text).parts:
        size = len(os.fsencode(part))
        if size > limit:
            short = part if len(part) <= 40 else part[:37] + "..."
            raise _fail(
                f"{what}의 경로에 너무 긴 이름이 있습니다: '{short}' ({size}바이트, "
                f"이 파일 시스템은 {limit}바이트까지). 더 짧은 이름을 쓰세요.",
                errno.ENAMETOOLONG,
            )


def _nearest_existing(path: Path) -> Path:
    """``path`` 자신이나 조상 가운데 실제로 있는 가장 가까운 것."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(".")


def _check_folder_writable(folder: Path, text: str, what: str) -> None:
    """``folder``는 있는 경로. 폴더이고 그 안에 파일을 만들 수 있어야 한다."""
    if not folder.is_dir():
        raise _fail(
            f"{what} {_quoted(text)}을(를) 만들 수 없습니다: "
            f"{_quoted(folder)}은(는) 폴더가 아니라 파일입니다. "
            "경로를 확인하세요.",
            errno.ENOTDIR,
        )
    if _read_only_filesystem(folder):
        raise _fail(
            f"{what} {_quoted(text)}을(를) 만들 수 없습니다: 폴더 {_quoted(folder)}은(는) 읽기 "
            "전용 파일 시스템(read-only file system)에 있습니다. 권한을 바꿔도 쓸 수 없으니 쓸 수 "
            "있는 다른 위치(예: 홈 폴더)의 경로를 주세요.",
            errno.EROFS,
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _fail(
            f"{what} {_quoted(text)}을(를) 만들 수 없습니다: "
            f"폴더 {_quoted(folder)}에 쓸 권한이 없습니다. "
            "쓸 수 있는 폴더(예: 홈 폴더)의 경로를 주세요.",
            errno.EACCES,
        )


def check_output_path(
    path: PathLike, what: str = "저장할 파일", *, create_parents: bool = False
) -> Path:
    """``path``에 파일을 새로 쓰거나 덮어써도 되는지 **미리** 검사하고 ``Path``로 돌려줍니다.

    학습이나 그림 그리기처럼 오래 걸리는 일 **앞에서** 부르세요. 검사하는 것:
    빈 경로, 폴더(이름이 ``/``로 끝나거나 이미 폴더인 경로), 없는 폴더(``create_parents``
    가 거짓일 때), 폴더가 아닌 조상, 쓰기 권한, 쓰기 금지(읽기 전용) 파일, 일반 파일이
    아닌 것(FIFO, 장치), 너무 긴 이름. 문제가 있으면 ``OutputPathError`` (한국어).
    ``what``은 메시지에서 이 파일을 부르는 이름입니다 (예: "모델 파일", "그림 파일").
    """
    text = _as_text(path, what)
    _check_text(text, what)
    target = Path(text)
    if text.endswith(("/", os.sep)) or os.path.isdir(text):
        example = os.path.join(text, "model.json")
        raise _fail(
            f"{what}의 경로 {_quoted(text)}은(는) 폴더입니다. 폴더 안의 파일 이름까지 주세요 "
            f"(예: {example}).",
            errno.EISDIR,
        )
    folder = target.parent
    _check_name_lengths(text, what, _nearest_existing(folder))
    if os.path.lexists(folder):
        if folder.is_dir():  # 덮어쓸 대상의 문제(장치 파일, 쓰기 금지)를 먼저 말한다
            _check_existing_target(target, text, what)
        _check_folder_writable(folder, text, what)
    elif create_parents:
        _check_folder_writable(_nearest_existing(folder), text, what)
    else:
        raise _fail(
            f"{what} {_quoted(text)}을(를) 저장할 수 없습니다: "
            f"폴더 {_quoted(folder)}이(가) 없습니다. "
            f"먼저 폴더를 만들거나(mkdir -p {short_text(folder)}) 있는 폴더의 경로를 주세요.",
            errno.ENOENT,
        )
    _check_existing_target(target, text, what)
    return target


def check_not_an_input(
    output: PathLike, inputs: Iterable[PathLike | None], what: str = "저장할 파일"
) -> None:
    """저장할 경로가 이 명령이 **읽는** 파일이면 ``OutputPathError``로 거절합니다.

    같은 경로만이 아니라 심볼릭 링크(symbolic link)나 하드 링크(hard link)로 이어진 같은
    파일도 알아봅니다 (``os.stat``의 장치 번호와 inode가 같은가). 예: 학습 자료 ``corpus.txt``를
    ``--save corpus.txt``로 덮어써 자료를 잃지 않도록. 아직 없는 저장 경로는 괜찮습니다.
    """
    try:
        out = os.stat(output)
    except (OSError, ValueError):  # 없는 파일(새로 만든다)이나 쓸 수 없는 경로는 다른 검사가 본다
        return
    for source in inputs:
        if source is None:
            continue
        try:
            read = os.stat(source)
        except (OSError, ValueError):
            continue
        if (read.st_dev, read.st_ino) == (out.st_dev, out.st_ino):
            same = (
                "같은 경로" if os.fspath(source) == os.fspath(output) else "링크로 이어진 같은 파일"
            )
            raise _fail(
                f"{what} {particle(_quoted(os.fsdecode(os.fspath(output))), '은')} 이 명령이 "
                f"읽는 파일 {particle(_quoted(os.fsdecode(os.fspath(source))), '과')} {same}"
                "입니다. 저장하면 읽는 "
                "자료를 덮어쓰게 되니 다른 이름을 주세요 (예: model.json).",
                errno.EEXIST,
            )


def _check_existing_target(target: Path, text: str, what: str) -> None:
    try:
        st = os.stat(target)  # 심볼릭 링크면 가리키는 파일을 본다
    except FileNotFoundError:  # 없는 파일(또는 끊어진 링크): 새로 만든다
        return
    except OSError as exc:
        raise _fail(describe_os_error(exc, text, "저장하지"), exc.errno) from None
    if not stat.S_ISREG(st.st_mode):
        raise _fail(
            f"{_quoted(text)}은(는) 일반 파일이 아니라 {_kind(st.st_mode)}입니다. "
            f"{_particle(what, '을', '를')} 덮어쓰지 않습니다: 다른 이름을 주세요.",
            errno.EEXIST,
        )
    if _read_only_filesystem(target):
        raise _fail(
            f"{_quoted(text)}은(는) 읽기 전용 파일 시스템(read-only file system)에 있어 "
            "덮어쓸 수 없습니다. 권한(chmod)으로는 풀리지 않으니 쓸 수 있는 다른 위치(예: 홈 "
            "폴더)의 경로를 주세요.",
            errno.EROFS,
        )
    if st.st_mode & 0o222 == 0 or not os.access(target, os.W_OK):
        raise _fail(
            f"{_quoted(text)}은(는) 쓰기 금지(읽기 전용) 파일이라 덮어쓰지 않습니다 "
            f"(권한 {stat.filemode(st.st_mode)}). 덮어쓰려면 쓰기 권한을 준 뒤(chmod u+w) "
            "다시 하거나, 다른 이름으로 저장하세요.",
            errno.EACCES,
        )


def _read_only_filesystem(path: PathLike) -> bool:
    """``path``가 읽기 전용으로 붙은(mount) 파일 시스템에 있는가 (알 수 없으면 False)."""
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 0))
    except (AttributeError, OSError, ValueError):  # Windows에는 statvfs가 없다
        return False


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "폴더"
    if stat.S_ISFIFO(mode):
        return "FIFO(이름 있는 파이프)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "장치 파일(device)"
    if stat.S_ISSOCK(mode):
        return "소켓(socket)"
    return "특수 파일"


def check_output_dir(path: PathLike, what: str = "출력 폴더") -> Path:
    """파일 여러 개를 넣을 폴더 ``path``가 괜찮은지 미리 검사합니다 (없으면 만들 수 있는지).

    빈 경로, 폴더가 아닌 파일, 쓰기 권한, 너무 긴 이름을 봅니다. 문제가 있으면
    ``OutputPathError`` (한국어).
    """
    text = _as_text(path, what)
    _check_text(text, what)
    folder = Path(text)
    _check_name_lengths(text, what, _nearest_existing(folder))
    existing = _nearest_existing(folder)
    if existing == folder and not folder.is_dir():
        raise _fail(
            f"{what} {_quoted(text)}은(는) 이미 있는 파일이라 폴더로 쓸 수 없습니다. "
            "다른 폴더 이름을 주세요.",
            errno.EEXIST,
        )
    _check_folder_writable(existing, text, what)
    return folder


# ---------------------------------------------------------------- 안전한 쓰기
def _make_parents(folder: Path, text: str, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(describe_os_error(exc, text, "저장하지"), exc.errno) from None


def _open_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """같은 폴더에 처음 보는 이름의 임시 파일을 배타적으로(O_EXCL) 만든다."""
    stem = name[:40]
    for _ in range(100):
        temporary = folder / f".{stem}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temporary, _WRITE_FLAGS, 0o666), temporary
        except FileExistsError:  # 아주 드물게 이름이 겹치면 다른 이름으로
            continue
    raise FileExistsError(errno.EEXIST, "임시 파일 이름을 정하지 못했습니다", str(folder))


def write_atomic(
    path: PathLike, data: bytes, what: str = "저장할 파일", *, create_parents: bool = False
) -> Path:
    """``data``를 ``path``에 통째로 씁니다. 실패하면 원래 파일(있었다면)은 그대로입니다.

    1. ``check_output_path``로 경로를 검사합니다.
    2. 같은 폴더에 새 임시 파일을 ``O_CREAT | O_EXCL | O_NOFOLLOW``로 만들어 씁니다
       (이미 있는 파일이나 심볼릭 링크를 절대 건드리지 않음) — 다 쓰면 ``fsync``.
    3. 덮어쓰는 경우 원래 파일의 권한(mode)을 임시 파일에 줍니다.
    4. ``os.replace``로 한 번에 바꿔치기합니다.

    어느 단계에서 실패하든(디스크 가득 참, Ctrl-C 포함) 임시 파일을 지우고, 운영체제 오류는
    사용자가 준 경로를 밝힌 한국어 ``OutputPathError``로 바꿉니다.
    """
    target = check_output_path(path, what, create_parents=create_parents)
    text = os.fsdecode(os.fspath(path))
    if create_parents:
        _make_parents(target.parent, text, what)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None  # 새 파일: 0o666에서 umask를 뺀 보통 권한
    except OSError as exc:
        raise _fail(describe_os_error(exc, text, "저장하지"), exc.errno) from None
    try:
        fd, temporary = _open_temporary(target.parent, target.name)
    except OSError as exc:
        raise _fail(describe_os_error(exc, text, "저장하지"), exc.errno) from None
    try:
        with open(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        if mode is not None and not hasattr(os, "fchmod"):
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _fail(describe_os_error(exc, text, "저장하지"), exc.errno) from None
        raise
    return target


# ---------------------------------------------------------------- 안전한 읽기
def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n}바이트"


def read_regular_file(path: PathLike, limit: int, what: str = "파일", hint: str = "") -> bytes:
    """일반 파일만, ``limit`` 바이트까지만 읽습니다.

    폴더, FIFO, 장치 파일(``/dev/zero``)과 ``limit``보다 큰 파일은 읽지 않고 한국어
    ``ValueError``를 일으킵니다 (FIFO도 멈추지 않고 곧바로). 없는 파일은
    ``FileNotFoundError``, 그 밖의 운영체제 오류는 ``OutputPathError`` (둘 다 한국어).
    ``hint``는 파일이 너무 클 때 덧붙일 할 일입니다 (파일의 종류마다 다르므로).
    """
    text = _as_text(path, what)
    if not text.strip():
        raise FileNotFoundError(
            f"{what}의 경로가 비어 있습니다 ({short_repr(text)}). 파일 경로를 주세요."
        )
    try:
        fd = os.open(text, _READ_FLAGS)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{_particle(what, '을', '를')} 찾을 수 없습니다: {short_repr(text)}"
        ) from None
    except OSError as exc:
        raise _fail(describe_os_error(exc, text, "읽지"), exc.errno) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(
                f"{_quoted(text)}은(는) 일반 파일이 아니라 {_kind(st.st_mode)}입니다. "
                f"{_particle(what, '은', '는')} 일반 파일만 읽습니다: 파일의 경로를 주세요."
            )
        if st.st_size > limit:
            raise ValueError(_too_large(text, st.st_size, limit, what, hint))
        with open(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
        if len(data) > limit:  # 읽는 사이에 파일이 커졌다
            raise ValueError(_too_large(text, len(data), limit, what, hint))
        return data
    except OSError as exc:
        raise _fail(describe_os_error(exc, text, "읽지"), exc.errno) from None
    finally:
        os.close(fd)


def _too_large(text: str, size: int, limit: int, what: str, hint: str) -> str:
    return (
        f"{_quoted(text)}은(는) {_size(size)}라서 {_particle(what, '으로', '로')} 읽지 않습니다 "
        f"(한도 {_size(limit)}). {hint or '한도보다 작은 파일을 주세요.'}"
    ).rstrip()
