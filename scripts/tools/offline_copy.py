"""Build the copy of the guide that works from a folder, and zip it into the site.

`make build` runs this after the strict build, so the published site always holds the
download that docs/trainers/handouts.md links to (site/practice-led-offline.zip).
The copy is the same guide built with Material's offline plugin (OFFLINE=true).

Usage: python scripts/tools/offline_copy.py [--config mkdocs.yml] [--site site] [--folder site-offline]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

NAME = "practice-led-offline"


def build_offline_copy(config: Path, site: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """Strict-build the offline copy into folder/NAME and zip it into site/NAME.zip."""
    result = build_copy(config, folder)
    if result.returncode == 0:
        zip_into(site, folder)
    return result


def build_copy(config: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """Strict-build the offline copy into folder/NAME. It does not read the site, so it can be
    built while the site is (the tests do): the caches they share are written atomically."""
    copy = folder / NAME
    shutil.rmtree(copy, ignore_errors=True)
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(copy)],
        env=env, capture_output=True, text=True,
    )


def zip_into(site: Path, folder: Path) -> None:
    """site/NAME.zip, from the copy built in folder/NAME."""
    shutil.make_archive(str(site / NAME), "zip", root_dir=folder, base_dir=NAME)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--folder", type=Path, default=Path("site-offline"))
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"offline_copy: {args.site}/ does not exist: run the strict build first (make build)", file=sys.stderr)
        return 2
    result = build_offline_copy(args.config, args.site, args.folder)
    sys.stderr.write(result.stderr)
    if result.returncode == 0:
        print(f"offline copy: {args.folder / NAME}/ and {args.site / NAME}.zip")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
