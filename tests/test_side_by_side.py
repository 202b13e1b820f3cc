"""Builds and test runs can run side by side on one machine: two strict builds of two copies,
started together, sharing a compiled-template cache that is empty at the start (the worst
case: both write it at once), both succeed with the same output. Nothing is shared through
the system's temporary folder: the cache is the project's own `.cache/jinja`."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import copy_site


def tree(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_strict_builds_at_once_succeed_with_the_same_output(tmp_path):
    cache = tmp_path / "shared-cache"
    (cache / "jinja").mkdir(parents=True)
    copies = []
    for name in ("one", "two"):
        root = copy_site(tmp_path / name)
        # The checkout's template cache, replaced by one that both copies start empty.
        (root / ".cache" / "jinja").unlink()
        (root / ".cache" / "jinja").symlink_to(cache / "jinja", target_is_directory=True)
        copies.append(root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    processes = [subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for root in copies]
    outputs = [process.communicate()[0] for process in processes]
    for process, output in zip(processes, outputs):
        assert process.returncode == 0, output
    assert list((cache / "jinja").iterdir()), "the compiled templates were not cached in the project's .cache"
    one, two = (tree(root / "site") for root in copies)
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
