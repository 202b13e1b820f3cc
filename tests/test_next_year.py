"""Next year's publication keeps the suite green: a copy of the repository gets a complete
2021 analysis (French and Dutch) and a detailed return on 2020 in French only, its
translations marked and its addresses recorded as `publish` does (tests/fixtures.py); the
content tests (marker `content`: every test of the real site) then run on that copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml

import fixtures
from conftest import ROOT, SHARED, copy_site
from test_validity import VNU_JAR, nu_validator_missing


def copy_repository(destination):
    """The site, its tests and the pytest settings, with ../shared beside it as in a checkout."""
    repository = copy_site(destination / "repository")
    shutil.copytree(ROOT / "tests", repository / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pytest.ini", repository / "pytest.ini")
    if SHARED.exists():
        (destination / "shared").symlink_to(SHARED.resolve(), target_is_directory=True)
    return repository


def test_the_content_tests_pass_with_next_years_publication(tmp_path):
    repository = copy_repository(tmp_path)
    fixtures.publish_next_year(repository)

    record = yaml.safe_load((repository / "docs/_data/permalinks.yml").read_text(encoding="utf-8"))
    for page in (f"/analyses/{fixtures.ANALYSIS}/", f"/{fixtures.FRENCH_ONLY_PAGE}/"):
        assert page in record, f"{page} was not recorded"

    # The copy has no .cache/node: it uses this checkout's W3C Nu validator, and leaves it out
    # where that test skips here (no Java or jar, outside CI).
    skipped = ["--deselect", "tests/test_validity.py::test_nu_validator_finds_no_error_of_ours"] \
        if nu_validator_missing() and not os.environ.get("CI") else []
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "content and not browser",
         "--basetemp", str(tmp_path / "pytest"), *skipped],  # its own temporary folder, inside this test's
        cwd=repository, env=dict(os.environ, CI="1", VNU_JAR=str(VNU_JAR)), capture_output=True, text=True,
    )
    summary = process.stdout.strip().splitlines()[-1] if process.stdout.strip() else ""
    assert process.returncode == 0, f"content tests failed on next year's content:\n{process.stdout[-6000:]}\n{process.stderr[-2000:]}"
    assert " passed" in summary and "skipped" not in summary, summary
