"""The coordinators' tool speaks French, argparse's own words included, and runs however it is
started: with the system's Python it re-runs itself in the project's .venv, or says in French
which command sets the project up."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import analyses
from fixtures import tool as run

CATALOGUE = yaml.safe_load((Path(analyses.SCRIPTS) / "argparse.fr.yml").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sr]")


def argparse_texts() -> list[str]:
    """Every English text this Python's argparse passes through gettext (`_` or `ngettext`)."""
    texts = []
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            first = node.args[0] if node.args else None  # ngettext: the singular names the plural pair
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                texts.append(first.value)
    return texts


def english_phrases() -> set[str]:
    """The words of argparse's texts between their placeholders, leaving out those that are
    French too ("options", "argument")."""
    french = " ".join(" ".join(value) if isinstance(value, list) else value for value in CATALOGUE.values())
    phrases = set()
    for text in argparse_texts():
        for piece in PLACEHOLDER.split(text):
            if re.search(r"[a-z]{2,}", piece) and piece.strip() not in french:
                phrases.add(piece.strip())
    return phrases


def assert_french(output: str) -> None:
    assert "Traceback" not in output
    phrases = english_phrases()
    for line in output.splitlines():
        found = [phrase for phrase in phrases if phrase in line]
        assert not found, f"English argparse words {found} in: {line!r}"


def test_the_catalogue_has_french_for_every_text_of_this_pythons_argparse():
    missing = [text for text in argparse_texts() if text not in CATALOGUE]
    assert not missing, f"add to scripts/argparse.fr.yml: {missing}"
    for english, french in CATALOGUE.items():
        forms = french if isinstance(french, list) else [french]
        for form in forms:  # the same placeholders, or the message breaks at run time
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(english)), english


def test_the_english_phrases_are_found_where_argparse_is_not_translated():
    """The check itself: argparse's untranslated help is caught."""
    for english in ("usage: x [-h]", "  -h, --help  show this help message and exit",
                    "x: error: the following arguments are required: ANNÉE"):
        with pytest.raises(AssertionError):
            assert_french(english)


def test_every_help_is_in_french(site_copy):
    for command in [[], *([name] for name in analyses.commands_by_name())]:
        process = run(site_copy, *command, "--help")
        assert process.returncode == 0, process.stderr
        assert process.stdout.startswith("utilisation : python3 scripts/analyses.py")
        assert "afficher cette aide et quitter" in process.stdout
        assert_french(process.stdout + process.stderr)


@pytest.mark.parametrize("args", [
    [],
    ["inconnue"],
    ["new", "2021"],
    ["new", "2021", "x", "--title", "T", "--kind", "autre"],
    ["check", "--inconnue"],
    ["check", "en-trop"],
    ["import", "chapitre.docx", "--into"],
    ["publish", "--out"],
])
def test_every_usage_error_is_in_french(site_copy, args):
    process = run(site_copy, *args)
    assert process.returncode == 2
    assert process.stderr.startswith("utilisation : python3 scripts/analyses.py")
    assert "Commande mal écrite : " in process.stderr and "--help" in process.stderr
    assert_french(process.stdout + process.stderr)


def outside_python() -> str:
    """The Python the project's .venv was made from: the system's, outside the .venv."""
    return str(Path(sys.base_prefix) / "bin" / "python3")


def python3_on_path() -> str:
    """`python3` as a coordinator types it, the project's .venv left out of PATH."""
    venv_bin = str(Path(sys.prefix) / "bin")
    path = os.pathsep.join(folder for folder in os.environ["PATH"].split(os.pathsep) if folder != venv_bin)
    return shutil.which("python3", path=path)


@pytest.mark.parametrize("python", [
    "python3 on PATH",
    "system Python without site-packages",  # `-S`: only the re-run in .venv can import yaml and MkDocs
])
def test_the_system_python_reruns_the_tool_in_the_projects_environment(site_copy, python):
    command = [python3_on_path()] if python == "python3 on PATH" else [outside_python(), "-S"]
    (site_copy / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    for args in (["--help"], ["check", "--no-build"]):
        direct = run(site_copy, *args)
        started_outside = subprocess.run([*command, "scripts/analyses.py", *args], cwd=site_copy,
                                         capture_output=True, text=True)
        assert "Traceback" not in started_outside.stderr
        assert (started_outside.returncode, started_outside.stdout) == (direct.returncode, direct.stdout)


@pytest.mark.parametrize("with_makefile", [False, True])
def test_without_an_environment_it_says_in_french_how_to_set_the_project_up(site_copy, with_makefile):
    if with_makefile:
        shutil.copy2(Path(analyses.ROOT) / "Makefile", site_copy / "Makefile")
    before = sorted(path.name for path in site_copy.iterdir())
    process = subprocess.run([outside_python(), "-S", "scripts/analyses.py", "check"], cwd=site_copy,
                             capture_output=True, text=True)
    assert process.returncode == 1
    assert process.stdout == "" and "Traceback" not in process.stderr
    assert process.stderr.startswith("Problème : l’outil ne peut pas démarrer : MkDocs")
    setup = "make serve" if with_makefile and shutil.which("make") else \
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
    assert f"\n    {setup}\n" in process.stderr
    assert f"dans le dossier {site_copy.resolve()}" in process.stderr and "Relancez ensuite votre commande" in process.stderr
    assert sorted(path.name for path in site_copy.iterdir()) == before


def test_a_broken_environment_is_tried_once_then_explained(site_copy, tmp_path):
    """A .venv whose Python lacks MkDocs: one re-run, no loop, and how to repair it."""
    calls = tmp_path / "calls.log"
    fake = site_copy / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text(f'#!/bin/sh\necho run >> "{calls}"\nexec "{outside_python()}" -S "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    process = subprocess.run([outside_python(), "-S", "scripts/analyses.py", "check"], cwd=site_copy,
                             capture_output=True, text=True, timeout=60)
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert "l’environnement du projet (.venv) est incomplet" in process.stderr
    assert ".venv/bin/python -m pip install -r requirements.txt" in process.stderr
    assert calls.read_text(encoding="utf-8").splitlines() == ["run"]


def test_plural_texts_take_the_french_plural():
    french = analyses.ArgparseInFrench(CATALOGUE)
    english = ("expected %s argument", "expected %s arguments")
    assert [french.ngettext(*english, n) % n for n in (0, 1, 2)] == ["0 valeur attendue", "1 valeur attendue", "2 valeurs attendues"]
    assert french.ngettext("unknown %s thing", "unknown %s things", 2) == "unknown %s things"  # not in the catalogue


def test_every_option_that_takes_a_value_shows_a_french_placeholder(monkeypatch):
    """argparse would show `--title TITLE`, from the English name of the value."""
    for name in ("_", "ngettext"):  # parser() puts argparse in French: undone after the test
        monkeypatch.setattr(argparse, name, getattr(argparse, name))
    commands = next(action for action in analyses.parser()._actions if isinstance(action, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        for action in command._actions:
            if action.option_strings and action.nargs != 0 and action.help != argparse.SUPPRESS:
                assert action.metavar or action.choices, f"{name} {action.option_strings[0]}"
                assert action.metavar != action.dest.upper(), f"{name} {action.option_strings[0]}: {action.metavar}"
