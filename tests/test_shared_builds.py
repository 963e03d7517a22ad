"""Under `pytest -n`, the guide is built and its pages swept once a run, not once a worker
(conftest.made_once)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from conftest import Build, made_once
from page_sweep import Sweep, Visit


class Worker:
    """What made_once reads of a worker's fixture request: the config pytest-xdist gives a
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

    builds = {name: made_once(Worker(tmp_path, name), "guide", make) for name in ("gw0", "gw1")}
    assert made == [tmp_path / "guide"]
    assert builds["gw1"] == builds["gw0"] == [Build(tmp_path / "guide" / "site", "built once", 0)]


def test_the_second_worker_reads_the_first_workers_sweep(tmp_path: Path) -> None:
    swept = []

    def sweep(folder: Path) -> Sweep:
        swept.append(folder)
        return Sweep("http://127.0.0.1:8000/", [Visit("", "phone", title="Practice-Led", violations={"light": []})])

    sweeps = {name: made_once(Worker(tmp_path, name), "sweep", sweep) for name in ("gw0", "gw1")}
    assert len(swept) == 1
    assert sweeps["gw1"] == sweeps["gw0"] == sweep(tmp_path)
