"""Unit tests of scripts/laeken/interface.py: our interface strings, in both languages."""

from __future__ import annotations

import pytest

from laeken.errors import ContentError
from fixtures import write
from laeken.interface import interface_strings


def test_interface_strings_need_both_languages(tmp_path):
    write(tmp_path / "_data/interface.yml", "hello:\n  fr: Bonjour\n")
    with pytest.raises(ContentError, match="`hello` n’a pas de version nl"):
        interface_strings(tmp_path, "fr")
