"""Under `pytest -n`, the guide is built once a run, not once a worker (conftest.built_once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Build, built_once


class Worker:
    """What built_once reads of a worker's tmp_path_factory: its own folder in the run's."""

    def __init__(self, run: Path, name: str) -> None:
        self.folder = run / f"popen-{name}"

    def getbasetemp(self) -> Path:
        return self.folder


def test_the_second_worker_reads_the_first_workers_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = []

    def make(folder: Path) -> list[Build]:
        made.append(folder)
        (folder / "site").mkdir()
        return [Build(folder / "site", "built once", 0)]

    builds = {}
    for name in ("gw0", "gw1"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", name)
        builds[name] = built_once(Worker(tmp_path, name), "guide", make)
    assert made == [tmp_path / "guide"]
    assert builds["gw1"] == builds["gw0"] == [Build(tmp_path / "guide" / "site", "built once", 0)]
