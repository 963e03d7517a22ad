"""Files kept between builds, by the hex digest of what they were made from.

A file's modification time is when a build last used it, so prune() can remove what no
build has needed for a while (renderings of text that has since changed). Unreadable
files count as absent, and a cache that cannot be written only costs speed: a build never
fails over its cache, and deleting the folder is always safe.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.practice-led")

ENV_VAR = "PRACTICE_LED_CACHE"
DAY = 24 * 60 * 60


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary: str | None = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", suffix=path.suffix, delete=False) as handle:
            temporary = handle.name
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


def cache_dir(name: str, environ: dict[str, str] | None = None) -> Path:
    """$PRACTICE_LED_CACHE/<name>, or .cache/<name> in the current folder (as Material's caches)."""
    base = (os.environ if environ is None else environ).get(ENV_VAR)
    return (Path(base) if base else Path(".cache")) / name


class FileCache:
    """Files named <digest><suffix>, in folders by the digest's first two characters."""

    def __init__(self, directory: Path, suffix: str, what: str) -> None:
        self.directory = directory
        self.suffix = suffix
        self.what = what  # named in the one line a build logs when the cache cannot be written
        self.write_failed = False

    def _path(self, digest: str) -> Path:
        return self.directory / digest[:2] / f"{digest}{self.suffix}"

    def read(self, digest: str) -> bytes | None:
        path = self._path(digest)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            log.debug("Ignoring unreadable cache file %s: %s", path, error)
            return None
        try:
            os.utime(path)  # used now
        except OSError:
            pass  # a read-only cache still serves
        return data

    def write(self, digest: str, data: bytes) -> None:
        try:
            write_atomically(self._path(digest), data)
        except OSError as error:
            if not self.write_failed:  # say it once per build, the build itself is fine
                log.info("%s not written to %s: %s", self.what, self.directory, error)
            self.write_failed = True

    def prune(self, unused_days: float = 30, now: float | None = None) -> int:
        """Delete the files no build has used for `unused_days`, at most once a day.

        Returns how many were deleted. Temporary files a stopped build left behind go too.
        """
        now = time.time() if now is None else now
        stamp = self.directory / f".last-pruned{self.suffix}"
        try:
            if now - stamp.stat().st_mtime < DAY:
                return 0
        except FileNotFoundError:
            pass
        except OSError:
            return 0
        removed = 0
        try:
            for path in self.directory.glob(f"??/*{self.suffix}"):
                if now - path.stat().st_mtime > unused_days * DAY:
                    path.unlink()
                    removed += 1
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError as error:  # pruning only saves space: never fail a build over it
            log.debug("%s not pruned: %s", self.what, error)
        return removed
