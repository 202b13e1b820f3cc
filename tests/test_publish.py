"""`publish` (scripts/commands/publish.py) on copies of the site: it owns only what it wrote,
switches the old site for the new one whole, holds a lock, refuses unsafe output folders,
and a failed or interrupted publish changes nothing.

A full publish makes the PDFs (a few seconds): the site is published once for the module,
and each test works on a copy of that output folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_site
from test_permalinks import CONCLUSIONS, edit
from test_print import pdf_links

MANIFEST = ".publication.json"
RECORD = "docs/_data/permalinks.yml"
PDFS = ("analyses/2020-virtualisation/2020-virtualisation.fr.pdf", "nl/analyses/2020-virtualisation/2020-virtualisation.nl.pdf")


def publish(root: Path, *args: str, wait: bool = True):
    command = [sys.executable, "scripts/analyses.py", "publish", *args]
    if wait:
        return subprocess.run(command, cwd=root, capture_output=True, text=True)
    return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def snapshot(folder: Path) -> dict:
    """Every entry under `folder` (links not followed): its kind and content. A project's
    `.cache/` (compiled templates, the publish lock) is not content: left out."""
    found = {}
    for here, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(here) / name
            key = path.relative_to(folder).as_posix()
            if ".cache" in Path(key).parts:
                continue
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = ("folder", path.stat().st_mode)
            else:
                found[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
    return found


def project_snapshot(root: Path) -> dict:
    return snapshot(root)


def staging_left(out: Path) -> list:
    return list(out.parent.glob(".*.publication-*"))


def add_unowned_files(out: Path) -> None:
    """What an owner puts beside the site: a domain, a GitHub Pages flag, a gh-pages checkout,
    uploads, an empty folder, a link, and a file of theirs inside a folder of the site."""
    (out / "CNAME").write_text("analyses.example.be\n", encoding="utf-8")
    (out / ".nojekyll").write_bytes(b"")
    (out / ".git/objects/ab").mkdir(parents=True)
    (out / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (out / ".git/objects/ab/cdef0123").write_bytes(b"\x78\x01 not really zlib")
    (out / ".git/objects/ab/cdef0123").chmod(0o444)
    (out / "uploads/empty").mkdir(parents=True)
    (out / "uploads/rapport.pdf").write_bytes(b"%PDF-1.4 an upload")
    (out / "latest").symlink_to("analyses/2020-virtualisation", target_is_directory=True)
    (out / "assets/mine.css").write_text("p { color: black }", encoding="utf-8")


UNOWNED = ("CNAME", ".nojekyll", ".git", ".git/HEAD", ".git/objects", ".git/objects/ab", ".git/objects/ab/cdef0123",
           "uploads", "uploads/empty", "uploads/rapport.pdf", "latest", "assets/mine.css")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A copy of the site, published once into www/site; the output kept as `first`."""
    base = tmp_path_factory.mktemp("publish")
    (base / "project").mkdir()
    root = copy_site(base / "project")
    process = publish(root, "--out", str(base / "www/site"))
    assert process.returncode == 0, process.stdout + process.stderr
    first = base / "first"
    shutil.copytree(base / "www/site", first, symlinks=True)
    return root, first


def output_copy(first: Path, destination: Path, unowned: bool = True) -> Path:
    shutil.copytree(first, destination, symlinks=True)
    if unowned:
        add_unowned_files(destination)
    return destination


def assert_new_site_whole(out: Path, old: dict) -> dict:
    """The output holds a whole new site: every file its manifest lists, as listed, and
    besides them only the owner's files, untouched."""
    files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    now = snapshot(out)
    for path, sha in files.items():
        assert now[path][0] == "file" and now[path][1] == sha, path
    extra = {path for path, entry in now.items() if entry[0] != "folder" and path not in files} - {MANIFEST}
    assert extra == {path for path in UNOWNED if old.get(path, ("folder",))[0] != "folder"}, extra
    for path in UNOWNED:
        assert now[path] == old[path], path
    return files


# --- Ownership ------------------------------------------------------------------------------------


def test_a_new_publish_keeps_every_file_it_did_not_write_and_makes_the_same_pdfs(published, tmp_path):
    root, first = published
    out = output_copy(first, tmp_path / "site")
    git_object = (out / ".git/objects/ab/cdef0123").stat().st_ino
    # A page of the old site that the new one no longer has: publish wrote it, publish removes it.
    gone = out / "ancienne-page/index.html"
    gone.parent.mkdir()
    gone.write_text("<p>ancienne</p>", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["ancienne-page/index.html"] = hashlib.sha256(gone.read_bytes()).hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    before = snapshot(out)
    record = (root / RECORD).read_bytes()
    (tmp_path / ".site.publication-1/site").mkdir(parents=True)  # left by a publish killed outright

    # Every address is recorded already: --check-record (the GitHub workflow's) publishes.
    process = publish(root, "--out", str(out), "--check-record")
    assert process.returncode == 0, process.stdout + process.stderr
    files = assert_new_site_whole(out, before)
    assert "ancienne-page/index.html" not in files and not (out / "ancienne-page").exists()
    assert (out / ".git/objects/ab/cdef0123").stat().st_ino == git_object  # the checkout itself, not a copy
    assert not staging_left(out)
    assert (root / RECORD).read_bytes() == record  # nothing new to record
    # Two publishes of the same tree, through different staging folders: the same PDFs.
    for pdf in PDFS:
        assert (out / pdf).read_bytes() == (first / pdf).read_bytes(), pdf
        uris, _, _ = pdf_links(out / pdf)
        assert uris and not [uri for uri in uris if uri.startswith("file:") or "publication-" in uri]


def test_a_folder_publish_did_not_write_is_refused(published, tmp_path):
    root, _ = published
    out = tmp_path / "dossier"
    out.mkdir()
    (out / "notes.txt").write_text("à garder", encoding="utf-8")
    before, project = snapshot(tmp_path), project_snapshot(root)
    process = publish(root, "--out", str(out))
    assert process.returncode == 2
    assert "n’est pas vide et publish ne l’a pas écrit" in process.stderr and "Traceback" not in process.stderr
    assert "choisissez un dossier nouveau ou vide" in process.stderr
    assert snapshot(tmp_path) == before and project_snapshot(root) == project


@pytest.mark.parametrize("where, message", [
    ("a-file", "c’est un fichier, pas un dossier"),
    ("a-file/sous-dossier", "est un fichier, pas un dossier"),
    ("docs", "dans les sources du projet (docs)"),
    ("docs/_data/nouveau", "dans les sources du projet (docs)"),
    ("scripts", "dans les sources du projet (scripts)"),
    (".", "contient le projet lui-même"),
    ("..", "contient le projet lui-même"),
    ("/", "racine du disque"),
])
def test_an_unsafe_output_is_refused_before_anything_is_written(published, tmp_path, where, message):
    root, _ = published
    (tmp_path / "a-file").write_text("un fichier", encoding="utf-8")
    argument = str(tmp_path / where) if where.startswith("a-file") else where
    before, project = snapshot(tmp_path), project_snapshot(root)
    process = publish(root, "--out", argument)
    assert process.returncode == 2, process.stdout + process.stderr
    assert message in process.stderr and "--out" in process.stderr and "Traceback" not in process.stderr
    assert snapshot(tmp_path) == before and project_snapshot(root) == project


# --- Nothing changes when it fails -------------------------------------------------------------------


@pytest.fixture
def changed(tmp_path):
    """A copy of the site with a new section (new addresses to record)."""
    (tmp_path / "changed").mkdir()
    root = copy_site(tmp_path / "changed")
    edit(root / f"{CONCLUSIONS}.fr.md", "les confrontations, mais on ne mesure pas les coûts.",
         "les confrontations, mais on ne mesure pas les coûts.\n\n## Annexe { #annexe }\n\nUn ajout.")
    edit(root / f"{CONCLUSIONS}.nl.md", "maar men meet de kosten niet.",
         "maar men meet de kosten niet.\n\n## Bijlage { #annexe }\n\nEen toevoeging.")
    return root


def test_a_file_of_the_owner_in_the_way_stops_the_publish_before_anything_changes(published, changed, tmp_path):
    _, first = published
    out = output_copy(first, tmp_path / "site")
    # A file of the owner's where the new site writes one of its own.
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    del manifest["files"]["sitemap.xml"]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (out / "sitemap.xml").write_text("<urlset>le mien</urlset>", encoding="utf-8")
    before, project = snapshot(tmp_path), project_snapshot(changed)
    process = publish(changed, "--out", str(out))
    assert process.returncode == 1
    assert "sitemap.xml" in process.stderr and "déplacez ou renommez" in process.stderr
    assert "Traceback" not in process.stderr
    assert snapshot(tmp_path) == before and project_snapshot(changed) == project  # the record included


def test_check_record_refuses_a_site_with_unrecorded_addresses_and_says_what_to_run(published, changed, tmp_path):
    _, first = published
    out = output_copy(first, tmp_path / "site", unowned=False)
    before, project = snapshot(tmp_path), project_snapshot(changed)
    process = publish(changed, "--out", str(out), "--check-record")
    assert process.returncode == 1
    assert "/analyses/2020-virtualisation/quelques-conclusions/#annexe" in process.stdout
    assert "python3 scripts/analyses.py publish" in process.stdout and "git add docs/_data/permalinks.yml" in process.stdout
    assert snapshot(tmp_path) == before and project_snapshot(changed) == project


# --- Interruptions and a second publish at the same time ---------------------------------------------


def moment_seen(process, condition) -> bool:
    """Wait (polling) until `condition()` holds while the publish runs; False if it ended first."""
    while process.poll() is None:
        if condition():
            return True
        time.sleep(0.002)
    return False


def staged(out: Path, name: str = "") -> bool:
    return any((folder / name).exists() for folder in staging_left(out))


MOMENTS = {
    "build": lambda out, inode: staged(out),
    "pdf": lambda out, inode: any(staged(out, f"site/{pdf}") for pdf in PDFS),
    "carrying over": lambda out, inode: staged(out, "site/CNAME"),
    "switched": lambda out, inode: out.stat().st_ino != inode,
}


@pytest.mark.parametrize("moment, number", [
    ("build", signal.SIGINT), ("pdf", signal.SIGTERM), ("carrying over", signal.SIGINT), ("switched", signal.SIGTERM),
])
def test_an_interrupted_publish_leaves_the_old_site_whole_or_the_new_one(published, changed, tmp_path, moment, number):
    _, first = published
    out = output_copy(first, tmp_path / "site")
    old, record = snapshot(out), (changed / RECORD).read_bytes()
    inode = out.stat().st_ino
    process = publish(changed, "--out", str(out), wait=False)
    seen = moment_seen(process, lambda: MOMENTS[moment](out, inode))
    if seen:
        process.send_signal(number)
    stdout, stderr = process.communicate()
    # The build and its PDFs last seconds; the later moments may be over before they are seen.
    assert seen or moment in ("carrying over", "switched"), stdout + stderr
    assert "Traceback" not in stderr, stderr
    assert not staging_left(out)
    assert not list((changed / "docs/_data").glob(".permalinks.*"))
    if snapshot(out) == old:
        assert process.returncode == 128 + number, stdout + stderr
        assert "rien n’a changé" in stdout
        assert (changed / RECORD).read_bytes() == record
    else:  # the switch had begun: the publish went to its end
        assert process.returncode == 0, stdout + stderr
        assert_new_site_whole(out, old)
        page = BeautifulSoup((out / "analyses/2020-virtualisation/quelques-conclusions/index.html").read_bytes(), "html.parser")
        assert page.find(id="annexe") is not None
        assert "#annexe" not in record.decode() and "annexe" in (changed / RECORD).read_text(encoding="utf-8")


def test_a_second_publish_at_the_same_time_is_refused_with_a_message(published, tmp_path):
    root, first = published
    out = output_copy(first, tmp_path / "site", unowned=False)
    running = publish(root, "--out", str(out), wait=False)
    try:
        assert moment_seen(running, lambda: staged(out)), running.communicate()
        running.send_signal(signal.SIGSTOP)  # it holds the lock while the second one starts
        second = publish(root, "--out", str(tmp_path / "autre"))
    finally:
        running.send_signal(signal.SIGCONT)
    assert second.returncode == 1
    assert "une autre publication est en cours" in second.stderr and "Traceback" not in second.stderr
    assert not (tmp_path / "autre").exists()
    stdout, stderr = running.communicate()
    assert running.returncode == 0, stdout + stderr


def test_a_record_that_cannot_be_written_after_the_switch_is_said_clearly(published, changed, tmp_path, monkeypatch, capsys):
    from types import SimpleNamespace

    from commands import publish as command

    def refused(root, text):
        raise PermissionError(13, "Permission denied", str(root / RECORD))

    _, first = published
    out = output_copy(first, tmp_path / "site")
    old, record = snapshot(out), (changed / RECORD).read_bytes()
    monkeypatch.setattr(command, "write_record", refused)
    code = command.run(SimpleNamespace(out=str(out), check_record=False), changed)
    printed = capsys.readouterr().out
    assert code == 1
    assert "le nouveau site est en place, mais docs/_data/permalinks.yml n’a pas pu être écrit" in printed
    assert "Relancez publish" in printed
    assert_new_site_whole(out, old)
    assert (changed / RECORD).read_bytes() == record and not staging_left(out)


@pytest.mark.parametrize("exchange_works", [True, False])
def test_the_switch_puts_the_new_folder_in_place_whole(tmp_path, monkeypatch, exchange_works):
    import errno

    from commands import publish as command

    if not exchange_works:  # another system, or a filesystem without RENAME_EXCHANGE: two renames
        def unavailable(first, second):
            raise OSError(errno.ENOSYS, "renameat2 is not available")
        monkeypatch.setattr(command, "exchange", unavailable)
    out, new, aside = tmp_path / "site", tmp_path / ".site.publication-1/site", tmp_path / ".site.publication-1/previous"
    for folder, text in ((out, "ancien"), (new, "nouveau")):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text, encoding="utf-8")
    command.switch(new, out, aside)
    assert (out / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert ((new if exchange_works else aside) / "index.html").read_text(encoding="utf-8") == "ancien"
