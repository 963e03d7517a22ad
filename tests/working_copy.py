"""Running the project's commands as a contributor would, in a copy of the working tree."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, environment

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

ANYWHERE = {".git", ".pytest_cache", ".ruff_cache", "__pycache__"}
AT_THE_TOP = {".venv", "site", "site-offline", ".cache", "node_modules"}  # tests/fixtures/site stays


def IGNORED(folder: str, names: list[str]) -> set[str]:  # noqa: N802 (shutil.copytree's ignore)
    """What a copy of the working tree leaves out: build output, caches and the environment."""
    top = Path(folder).resolve() == ROOT.resolve()
    return {name for name in names if name in ANYWHERE or (top and name in AT_THE_TOP)}


def workspace(tmp_path: Path) -> Path:
    """A copy of the working tree, sharing the project's .venv (so make installs nothing)."""
    if not VENV_PYTHON.exists():
        pytest.skip("needs the project's .venv: run `make install` first")
    dest = tmp_path / "guide"
    shutil.copytree(
        ROOT, dest, ignore=IGNORED
    )  # copy2 keeps requirements.lock older than the stamp
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def run(command: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=environment(kwargs.pop("env", None)),
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 300),
        check=False,
        **kwargs,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_page(url: str, process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"the server stopped (exit {process.returncode}):\n{output[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"no answer from {url} within {timeout:.0f} s")


def http_status(url: str) -> int:
    """The status a running server answers with, after any redirect."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def stop(process: subprocess.Popen) -> None:
    """Stop a server started in its own session, with everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def start(command: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        shlex.split(command),
        cwd=cwd,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
