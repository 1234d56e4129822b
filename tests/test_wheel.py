"""배포 꾸러미(wheel)를 만들어 새 가상 환경에 설치하고 ``micrograd-kr demo`` 를 돌려 봅니다.

저장소 폴더 밖에서 실행하므로 설치된 wheel 만 쓰입니다. ``build`` 가 없으면 건너뜁니다
(``pip install -e '.[test]'`` 가 설치합니다). 빌드와 설치에는 PyPI 가 필요합니다.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.wheel
@pytest.mark.skipif(
    importlib.util.find_spec("build") is None,
    reason="build 가 없어 wheel 시험을 건너뜁니다 (pip install build)",
)
def test_wheel_installs_into_fresh_venv_and_runs_demo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert "license" not in built.stderr.lower() or "deprecat" not in built.stderr.lower()
    (wheel,) = dist.glob("micrograd_kr-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "micrograd_kr/engine.py" in names
    assert not any(n.startswith(("tests/", "notebooks/", "docs/")) for n in names)
    assert "License-Expression: MIT" in metadata
    assert any(n.endswith("licenses/LICENSE") for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    demo = subprocess.run(
        [str(bindir / "micrograd-kr"), "demo", "--epochs", "2", "--quiet", "--no-pictures"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert "== 요약 ==" in demo.stdout and "337" in demo.stdout
    where = subprocess.run(
        [str(python), "-c", "import micrograd_kr; print(micrograd_kr.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout
    assert str(env_dir) in where and str(ROOT) not in where
