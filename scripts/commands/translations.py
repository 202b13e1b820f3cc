"""`translations`: the state of the Dutch translation of each page, and marking one up to date."""

from __future__ import annotations

import re
from pathlib import Path

from laeken.languages import SOURCE_LANGUAGE
from laeken.pages import FRONT_MATTER
from laeken.translations import HASH_FIELD, source_hash, translation_status

from commands.common import Problem, docs_dir

STATUS_NAMES = {
    "up-to-date": "traduite, à jour",
    "outdated": "À METTRE À JOUR (le français a changé)",
    "missing": "MANQUANTE",
    "unmarked": "traduite, jamais marquée à jour",
}




def add_parser(commands) -> None:
    parser = commands.add_parser("translations", help="état des traductions néerlandaises", description="Affiche, pour chaque page, si sa traduction néerlandaise existe et si elle est à jour par rapport au français.")
    parser.add_argument("--mark", metavar="PAGE", help="marquer la traduction de PAGE (chemin sous docs/) comme à jour")


def french_pages(root: Path) -> list[Path]:
    docs = docs_dir(root)
    return sorted(p for p in docs.rglob(f"*.{SOURCE_LANGUAGE}.md") if "_data" not in p.relative_to(docs).parts)


def _page_path(root: Path, argument: str) -> Path:
    """PAGE as given (docs/a-propos.md, a-propos, analyses/x/y.nl.md...) -> the French file."""
    docs = docs_dir(root)
    text = argument.removeprefix("docs/").removesuffix(".md").removesuffix(".nl").removesuffix(".fr")
    french = docs / f"{text}.{SOURCE_LANGUAGE}.md"
    if not french.exists():
        raise Problem(
            f"La page « {argument} » n'existe pas en français (cherchée : {french.relative_to(root)}). "
            "Donnez son chemin sous docs/, par exemple analyses/2020-virtualisation/sur-le-terrain."
        )
    return french


def set_front_matter_field(path: Path, name: str, value: str) -> None:
    """Set one `name: value` line of a page's front matter, leaving every other line as it is."""
    text = path.read_text(encoding="utf-8")
    line = f"{name}: {value}"
    match = FRONT_MATTER.match(text)
    if match:
        block = match.group("yaml") or ""
        pattern = re.compile(rf"^{re.escape(name)}:.*$", re.MULTILINE)
        block = pattern.sub(line, block) if pattern.search(block) else block + line + "\n"
        new_text = f"---\n{block}---\n" + text[match.end():]
    else:
        new_text = f"---\n{line}\n---\n\n" + text
    partial = path.with_suffix(".md.partiel")
    partial.write_text(new_text, encoding="utf-8")
    partial.replace(path)


def run(args, root: Path) -> int:
    if args.mark:
        french = _page_path(root, args.mark)
        dutch = french.with_name(french.name.replace(".fr.md", ".nl.md"))
        if not dutch.exists():
            raise Problem(f"{dutch.relative_to(root)} n'existe pas : il n'y a pas encore de traduction à marquer.")
        set_front_matter_field(dutch, HASH_FIELD, source_hash(french))
        print(f"{dutch.relative_to(root)} est marquée à jour par rapport au français.")
        return 0
    rows = []
    for french in french_pages(root):
        status = translation_status(french, "nl")
        page = str(french.relative_to(docs_dir(root))).removesuffix(".fr.md")
        rows.append((page, status))
    width = max(len(page) for page, _ in rows)
    print(f"{'page'.ljust(width)}  néerlandais")
    for page, status in rows:
        print(f"{page.ljust(width)}  {STATUS_NAMES[status]}")
    todo = [row for row in rows if row[1] in ("missing", "outdated")]
    print(f"\n{len(rows) - len(todo)} page(s) traduite(s), {len(todo)} à traduire ou à mettre à jour.")
    if todo:
        print("Une fois une traduction faite ou revue : python scripts/analyses.py translations --mark PAGE")
    return 0
