"""Hook: a rebuild updates the site folder in place.

MkDocs empties the site folder before each build and then writes every file again. Each
file and folder is then deleted and made anew at every build: on ext4 (most Linux
machines), making a file just after deleting hundreds costs several times more than
writing over one (the file system looks past the recently freed entries), and this site
writes twice as many files as a plain MkDocs site (print pages, references, feeds, latest
addresses). So the folder is kept: every file the build makes is written over its previous
version, and at the end, what this build did not write (a page removed, an analysis
unpublished, a file someone put there) is deleted, then the folders left empty. The folder
ends exactly as a clean build leaves it (tests/test_rebuild.py); top-level hidden files are
kept, as MkDocs keeps them. A build that fails leaves what it had written, as before.

mkdocs-static-i18n turns MkDocs' cleaning off the same way for its nested builds.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs import utils
from mkdocs.plugins import event_priority

MARKER = ".build-started"  # hidden: MkDocs' cleaning keeps it, the site never serves it

_state: dict = {}


def _outer_build(config) -> bool:
    """Not one of mkdocs-static-i18n's nested builds (of another language, inside ours)."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


@event_priority(100)
def on_pre_build(config):
    """MkDocs empties the site folder right after this event: not this time."""
    if not _outer_build(config):
        return
    _restore()  # (a build stopped short, in the same process)
    site_dir = Path(config.site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    marker = site_dir / MARKER
    marker.write_bytes(b"")
    # The file system's own clock: every file written from now on is at least this recent.
    _state.update(clean=utils.clean_directory, site_dir=site_dir, started=marker.stat().st_mtime_ns)
    utils.clean_directory = _asked_to_clean


def _asked_to_clean(directory) -> None:
    """In place of MkDocs' emptying: only noted. (A `--dirty` build does not ask: it leaves
    the pages it did not rebuild as they were, and nothing is removed after it either.)"""
    _state["asked"] = True


@event_priority(-2000)  # last: after the other languages' builds, the PDFs and the search indexes
def on_post_build(config):
    if not _outer_build(config) or "clean" not in _state:
        return
    try:
        if _state.get("asked"):
            remove_stale(_state["site_dir"], _state["started"])
    finally:
        _restore()


def on_build_error(error):
    _restore()


def _restore() -> None:
    if "clean" in _state:
        utils.clean_directory = _state["clean"]
    if "site_dir" in _state:
        (_state["site_dir"] / MARKER).unlink(missing_ok=True)
    _state.clear()


def remove_stale(site_dir: Path, started: int) -> None:
    """Delete what under `site_dir` was not written since `started` (a modification time in
    nanoseconds), then the folders left empty; top-level hidden entries are kept."""
    for entry in os.scandir(site_dir):
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            _remove_stale_in(entry.path, started)
        elif entry.stat(follow_symlinks=False).st_mtime_ns < started:
            os.unlink(entry.path)


def _remove_stale_in(folder: str, started: int) -> None:
    for root, folders, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(root, name)
            if os.lstat(path).st_mtime_ns < started:
                os.unlink(path)
        if not os.listdir(root):
            os.rmdir(root)
