"""A rebuild updates the site folder in place (scripts/hooks/rebuild.py): it ends exactly as
a clean build into an empty folder, what the build no longer makes is gone, and top-level
hidden files stay, as MkDocs' own cleaning keeps them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import fixtures
from conftest import build, copy_site


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def clean_build(root: Path, site_dir: Path) -> dict[str, bytes]:
    """The same sources built by MkDocs into a folder that did not exist."""
    assert not site_dir.exists()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], cwd=root,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=True, capture_output=True)
    return files_of(site_dir)


def test_a_rebuild_in_place_ends_as_a_clean_build_and_removes_what_is_no_longer_made(tmp_path):
    root = copy_site(tmp_path / "project")
    build(root)
    site = root / "site"
    first = files_of(site)
    # What a previous build or someone left: a page no longer made, a stray file, a hidden file.
    (site / "ancienne" / "page").mkdir(parents=True)
    (site / "ancienne" / "page" / "index.html").write_text("<p>ancienne</p>", encoding="utf-8")
    (site / "analyses" / "perdu.txt").write_text("perdu", encoding="utf-8")
    (site / ".domain").write_text("analyses.example.be", encoding="utf-8")

    fixtures.add_next_year(root)  # new pages, and every list of analyses changes
    build(root)

    after = files_of(site)
    assert after.pop(".domain") == b"analyses.example.be"
    assert not (site / "ancienne").exists() and not (site / "analyses" / "perdu.txt").exists()
    assert not (site / ".build-started").exists()
    assert after == clean_build(root, tmp_path / "clean")
    assert set(after) > set(first)  # (the next year's pages are there)

    # Built again unchanged: the same files, every one of them written again.
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file() and path.name != ".domain"}
    build(root)
    assert files_of(site) == {".domain": b"analyses.example.be", **after}
    assert all(path.stat().st_mtime_ns > mtime for path, mtime in before.items())

    # A `--dirty` build renders only the pages that changed; the print pages gather them all:
    # it stops with one clear message, and the folder keeps every file.
    dirty = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", "site"], cwd=root,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert dirty.returncode != 0 and "Traceback" not in dirty.stderr
    assert "construisez sans --dirty" in dirty.stderr
    assert set(files_of(site)) == {".domain", *after}
