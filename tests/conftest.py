"""Shared fixtures: real builds of the real site, and of fixture sites made from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# The source texts (../shared beside the checkout; LAEKEN_SHARED names it elsewhere, e.g. in a worktree).
SHARED = Path(os.environ.get("LAEKEN_SHARED") or ROOT.parent / "shared")
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")
sys.path.insert(0, str(ROOT / "scripts"))


class BuiltSite:
    """A site built by `mkdocs build --strict` into `root / "site"`."""

    def __init__(self, root: Path, log: str):
        self.root = root
        self.dir = root / "site"
        self.log = log

    def html(self, url_path: str) -> BeautifulSoup:
        """The page at a site URL path such as `nl/analyses/` (directory URLs)."""
        path = self.dir / url_path.strip("/") / "index.html" if url_path.strip("/") else self.dir / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def translation_state(self, url_path: str) -> str | None:
        """How the text of a Dutch page (`nl/...`) was written: "translated", "outdated" (the
        French changed since the translation was marked), "fallback" (no Dutch file: the French
        text is shown), or None for a page generated or written in each language (themes, print
        pages, easy-read pages...)."""
        from laeken.easy_read import is_easy_read
        from laeken.translations import translation_status

        docs = self.root / "docs"
        french_path = url_path.removeprefix("nl/").rstrip("/")
        for stem in (french_path + "/index", french_path) if french_path else ("index",):
            french = docs / f"{stem}.fr.md"
            if french.exists():
                if not (docs / f"{stem}.nl.md").exists():
                    return "fallback"
                if is_easy_read(french):
                    return None  # its own Dutch text, not a translation
                return "outdated" if translation_status(french, "nl") == "outdated" else "translated"
        return None

    def pages(self, lang: str) -> list[str]:
        """URL paths of the content pages of one language (no 404, no assets, no redirects)."""
        base = self.dir / "nl" if lang == "nl" else self.dir
        found = []
        for path in sorted(base.rglob("index.html")):
            relative = path.parent.relative_to(self.dir).as_posix()
            relative = "" if relative == "." else relative + "/"
            if lang == "fr" and relative.startswith("nl/"):
                continue
            if relative.startswith(("assets/", "search/")):
                continue
            if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:1000]:
                continue  # a redirect (redirects.yml, a theme's latest publication), not a page
            found.append(relative)
        return found


def language_of(element) -> str:
    """The language an element's text is in: its nearest `lang` attribute (a Dutch page that
    shows the French text, not translated yet, marks it `lang="fr"`, generated labels included)."""
    return next(parent["lang"] for parent in (element, *element.parents) if parent.get("lang"))


def copy_site(destination: Path) -> Path:
    """A throwaway copy of the real site's sources, to change and build in tests."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    # The project's compiled-template cache (scripts/hooks/interface.py), shared by the copies
    # of one checkout: per project, never the system's temporary folder. Only that cache: the
    # publish lock in .cache/ stays each copy's own.
    (ROOT / ".cache" / "jinja").mkdir(parents=True, exist_ok=True)
    (destination / ".cache").mkdir()
    (destination / ".cache" / "jinja").symlink_to(ROOT / ".cache" / "jinja", target_is_directory=True)
    return destination


def build(root: Path, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in `root` (with `env` added to the environment);
    returns the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if check and process.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{process.stdout}\n{process.stderr}")
    return process


def build_site(root: Path, env: dict | None = None) -> BuiltSite:
    process = build(root, env=env)
    return BuiltSite(root, process.stdout + process.stderr)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The real site, built once per test session from a copy of the repository."""
    return build_site(copy_site(tmp_path_factory.mktemp("real-site")))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuiltSite:
    """A copy of the site with fixture content (tests/fixtures.py): a complete second analysis,
    translated and marked, one of its Dutch pages then out of date, and a detailed return in
    French only. Built once per session for the behaviour tests that need such content."""
    import fixtures

    root = copy_site(tmp_path_factory.mktemp("fixture-site"))
    fixtures.add_next_year(root)
    fixtures.mark_translations(root)
    fixtures.make_dutch_outdated(root)
    return build_site(root)


@pytest.fixture(params=["real_site", "fixture_site"])
def site(request) -> BuiltSite:
    """For properties that every site has: the real one, and the fixture site with more content."""
    return request.getfixturevalue(request.param)


def pytest_configure(config):
    config.addinivalue_line("markers", "content: checks the real content, whatever it holds "
                            "(tests/test_next_year.py runs these again with next year's content added)")


def pytest_collection_modifyitems(items):
    """Tests of the real site are content tests (marker `content`): tests/test_next_year.py
    runs them again on a copy of the repository with next year's publication added."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        # Directly, or through a fixture whose parameter (its id) names it, like `site`.
        if "real_site" in getattr(item, "fixturenames", ()) or callspec and "real_site" in callspec.id.split("-"):
            item.add_marker(pytest.mark.content)


@pytest.fixture
def site_copy(tmp_path) -> Path:
    return copy_site(tmp_path)
