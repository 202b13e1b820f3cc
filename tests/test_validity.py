"""Valid HTML on every page: the W3C Nu validator finds no error of ours (Material's own,
which a bare Material build has too, are listed below and left), and quick checks, without
Java, of what it found before: every label and every ARIA reference points at an element
of its page, ids are unique, every dialog has a name in the page's language.

The validator runs on Java (Debian's), from the jar of the npm package vnu-jar, which
`make test` installs into .cache/node/ (VNU_JAR names another jar). Without them its test
skips, except in CI (CI set) where it fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / ".cache/node/node_modules/vnu-jar/build/dist/vnu.jar")

# Errors in Material's own templates, which a bare Material build has on every page too:
# (the validator's message, the start of the markup it points at).
MATERIALS_OWN = (
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    ("Attribute “autocomplete” is only allowed when the input type is", '<input class="md-toggle"'),
    # partials/nav-item.html: a section's label in the menu gets tabindex="" when it is not focusable.
    ("Bad value “” for attribute “tabindex” on element “label”", '<label class="md-nav__link'),
)
# Elements a <label for> may point at (HTML: labelable elements).
LABELABLE = {"button", "input", "meter", "output", "progress", "select", "textarea"}
# ARIA attributes whose value is a list of ids of the same page.
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
                 "aria-activedescendant", "aria-details", "aria-errormessage", "aria-flowto")


def html_paths(site) -> list[str]:
    """Every HTML page of the site (the 404 page included), as a path in the site."""
    return sorted(path.relative_to(site.dir).as_posix() for path in site.dir.rglob("*.html")
                  if not path.relative_to(site.dir).as_posix().startswith("assets/"))


def html_pages(site):
    """(path in the site, parsed page) of every HTML page."""
    for path in html_paths(site):
        yield path, BeautifulSoup((site.dir / path).read_text(encoding="utf-8"), "html.parser")


def test_every_label_points_at_a_control_of_its_page(site):
    wrong = []
    for path, page in html_pages(site):
        for label in page.select("label[for]"):
            target = page.find(id=label["for"])
            if target is None or target.name not in LABELABLE or target.has_attr("hidden") or target.get("type") == "hidden":
                wrong.append(f"{path}: <label for=\"{label['for']}\"> {' '.join(label.get_text().split())[:40]!r}")
    assert not wrong, "\n".join(wrong)


def test_every_aria_reference_and_id_is_sound(site):
    wrong = []
    for path, page in html_pages(site):
        ids = [element["id"] for element in page.find_all(id=True)]
        wrong += [f"{path}: id \"{id_}\" twice" for id_ in sorted({i for i in ids if ids.count(i) > 1})]
        known = set(ids)
        for attribute in ID_REFERENCES:
            for element in page.find_all(attrs={attribute: True}):
                wrong += [f"{path}: {attribute}=\"{ref}\" names no element"
                          for ref in element[attribute].split() if ref not in known]
    assert not wrong, "\n".join(wrong)


def test_every_dialog_has_a_name_in_the_language_of_its_page(site):
    from laeken.interface import interface_strings

    for path, page in html_pages(site):
        if page.select_one('meta[http-equiv="refresh"]'):
            continue  # a redirect (a theme's latest publication...): no interface
        lang = page.html["lang"]
        dialogs = page.select('[role="dialog"], [role="alertdialog"], dialog')
        for dialog in dialogs:
            name = dialog.get("aria-label") or " ".join(
                page.find(id=ref).get_text(" ", strip=True) for ref in dialog.get("aria-labelledby", "").split())
            assert name.strip(), f"{path}: a dialog without a name: {str(dialog)[:120]}"
        search = page.select_one(".md-search")
        assert search is not None and search in dialogs, f"{path}: no search dialog"
        assert search["aria-label"] == interface_strings(site.root / "docs", lang)["search_dialog"], path



def test_heading_permalinks_are_titled_in_the_language_of_their_page(site):
    from laeken.interface import interface_strings

    titles = {lang: interface_strings(site.root / "docs", lang)["permalink_title"] for lang in ("fr", "nl")}
    seen = set()
    for path, page in html_pages(site):
        for link in page.select("a.headerlink"):
            lang = page.html["lang"]
            assert link.get("title") == titles[lang], f"{path}: {link}"
            seen.add(lang)
    assert seen == {"fr", "nl"}

def nu_validator_missing() -> bool:
    return shutil.which("java") is None or not VNU_JAR.is_file()


def test_nu_validator_finds_no_error_of_ours(site):
    java = shutil.which("java")
    if nu_validator_missing():
        message = (f"the W3C Nu validator needs Java and its jar ({VNU_JAR}): `make test` installs "
                   "them (Debian's default-jre-headless; `npm install --prefix .cache/node vnu-jar`)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    process = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--verbose", "--format", "json",
                              "--skip-non-html", str(site.dir)], capture_output=True, text=True, timeout=600)
    assert process.returncode in (0, 1), process.stderr[-2000:]
    checked = {Path(line).relative_to(site.dir).as_posix() for line in process.stdout.split("\n") if line.strip()}
    assert checked == set(html_paths(site))  # --verbose names every page it read
    messages = json.loads(process.stderr)["messages"]  # the report is written there
    ours = [m for m in messages
            if not any(m["message"].startswith(text) and markup in m.get("extract", "") for text, markup in MATERIALS_OWN)]
    assert not ours, "\n".join(
        f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} {' '.join(m.get('extract', '').split())[:100]}"
        for m in ours)
