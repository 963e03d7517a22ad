"""Under `pytest -n`, the guide is built once a run, not once a worker (conftest.built_once)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from conftest import Build, built_once


class Worker:
    """What built_once reads of a worker's fixture request: the config pytest-xdist gives a
    worker, and tmp_path_factory with the worker's own folder in the run's."""

    def __init__(self, run: Path, name: str) -> None:
        self.config = SimpleNamespace(workerinput={"workerid": name})
        self.folder = run / f"popen-{name}"

    def getfixturevalue(self, name: str):
        assert name == "tmp_path_factory"
        return SimpleNamespace(getbasetemp=lambda: self.folder)


def test_the_second_worker_reads_the_first_workers_builds(tmp_path: Path) -> None:
    made = []

    def make(folder: Path) -> list[Build]:
        made.append(folder)
        (folder / "site").mkdir()
        return [Build(folder / "site", "built once", 0)]

    builds = {name: built_once(Worker(tmp_path, name), "guide", make) for name in ("gw0", "gw1")}
    assert made == [tmp_path / "guide"]
    assert builds["gw1"] == builds["gw0"] == [Build(tmp_path / "guide" / "site", "built once", 0)]
