"""Finding the Markdown files to check, and showing paths as messages show them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def display_path(path: Path | str, root: Path | str) -> str:
    """The path as messages show it: relative to root when inside it, with '/'."""
    return inside(os.path.abspath(path), os.path.abspath(root)) or Path(path).as_posix()


def inside(path: str, base: str) -> str | None:
    """path relative to base, with '/', or None when it is not inside base (both absolute)."""
    rel = os.path.relpath(path, base)
    return None if rel == ".." or rel.startswith(".." + os.sep) else rel.replace(os.sep, "/")


def read_error(shown: str, exc: OSError | UnicodeDecodeError) -> str:
    """The input error for a file that cannot be read, saying why."""
    if isinstance(exc, UnicodeDecodeError):
        reason = f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
    else:
        reason = getattr(exc, "strerror", None) or str(exc)
    return f"cannot read {shown}: {reason}"


def markdown_files(paths: Sequence[Path], docs: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(file, src) for every .md under the given files and folders, skipping hidden names as
    MkDocs does; src is relative to the docs folder (or to the folder given)."""
    found: dict[str, str] = {}
    errors = []
    docs_abs = os.path.abspath(docs)
    for path in paths:
        top = os.path.abspath(path)
        if os.path.isdir(top):
            for folder, subfolders, names in os.walk(top):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in names:
                    if name.endswith(".md") and not name.startswith("."):
                        file = os.path.join(folder, name)
                        found[file] = inside(file, docs_abs) or inside(file, top) or name
        elif os.path.isfile(top):
            found[top] = inside(top, docs_abs) or os.path.basename(top)
        else:
            errors.append(f"cannot read {Path(path).as_posix()}: no such file or folder")
    return sorted(found.items(), key=lambda fs: fs[1]), errors
