"""The HTML output folder as a product a user can trust from one run to the next.

A manifest (``.rubric-check-outputs.json``) lists the files a run wrote there. The next complete
run removes the ones it no longer writes (pages of reports that left the batch) and never any other
file; a file a user put there is not in a manifest, so it stays. A run that is interrupted leaves a
manifest marked incomplete that lists both runs' files, so the next complete run still tidies up.
The manifest also tells which files of the folder are outputs when it is also an input folder.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from pathlib import Path

from rubric_check.atomic import write_text_atomic

MANIFEST_NAME = ".rubric-check-outputs.json"


def recorded(directory: Path) -> list[str]:
    """File names the last run recorded in ``directory`` (none if it left no readable manifest)."""
    try:
        data = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) and data.get("tool") == "rubric-check" else None
    return [name for name in files if _plain_name(name)] if isinstance(files, list) else []


def own_files(directory: Path) -> list[Path]:
    """The outputs in ``directory`` that the last run wrote, and the manifest itself."""
    return [directory / name for name in (*recorded(directory), MANIFEST_NAME)]


def finish(directory: Path, written: Iterable[str], keep: Collection[Path], complete: bool) -> list[str]:
    """Record this run's files; when ``complete``, remove earlier outputs it did not write again.

    ``keep``: resolved paths never to remove (this run's inputs). Returns the names removed.
    """
    listed = set(written)
    previous = recorded(directory)
    removed = []
    for name in previous:
        path = directory / name
        if not complete:
            listed.add(name)
        elif name in listed or not path.is_file() or path.is_symlink() or path.resolve() in keep:
            continue
        else:
            try:
                path.unlink()
                removed.append(name)
            except OSError:
                listed.add(name)  # a file that cannot go stays listed and is tried again next time
    manifest = {"tool": "rubric-check", "complete": complete, "files": sorted(listed)}
    write_text_atomic(directory / MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return sorted(removed)


def _plain_name(name: object) -> bool:
    """A file directly in the folder: a manifest never reaches outside it (``..``, ``/``, drives)."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..", MANIFEST_NAME)
        and not any(ch in name for ch in "/\\:\x00")
    )
