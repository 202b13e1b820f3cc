"""`translations`: the state of the Dutch translation of each page; starting one; marking one up to date."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from laeken.analyses import TRANSLATED_FIELDS
from laeken.drafts import DRAFT_FIELD
from laeken.easy_read import is_easy_read
from laeken.languages import SOURCE_LANGUAGE
from laeken.pages import FRONT_MATTER, read_page
from laeken.translations import (HASH_FIELD, PARAGRAPHS_FIELD, changed_paragraphs, paragraph_fingerprints,
                                 paragraphs, source_hash, translation_status)

from commands.common import Problem, UsageProblem, docs_dir

TARGET_LANGUAGE = "nl"
NBSP = "\u00a0"
STATUS_NAMES = {
    "up-to-date": "traduite, à jour",
    "outdated": "À METTRE À JOUR (le français a changé)",
    "missing": "MANQUANTE",
    "unmarked": "commencée, pas encore marquée traduite (brouillon)",
}
KEPT_FIELDS = ("order",)  # read from French, but kept in the Dutch file as the existing pages do
COMMAND = "python3 scripts/analyses.py translations"
# At the top of a page written by --start (a presentation page has a title and a summary in
# its header, a chapter has none); --mark takes it away (Markdown would keep the comment in the page).
START_NOTE = (f"<!-- À traduire{NBSP}: le titre et le résumé ci-dessus, chaque titre en gardant son {{ #identifiant }},\n"
              "     et chaque paragraphe français ci-dessous par un paragraphe néerlandais (un pour un). -->\n")
CHAPTER_START_NOTE = (f"<!-- À traduire{NBSP}: chaque titre en gardant son {{ #identifiant }}, et chaque paragraphe\n"
                      "     français ci-dessous par un paragraphe néerlandais (un pour un). -->\n")


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "translations", help="état des traductions néerlandaises",
        description="Affiche, pour chaque page, si sa traduction néerlandaise existe et si elle est à jour par "
                    "rapport au français ; pour une page à mettre à jour, les paragraphes (§) qui ont changé.")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--start", metavar="PAGE",
                        help="commencer la traduction de PAGE (chemin sous docs/) : écrit la page néerlandaise, "
                             "avec les mêmes titres et le texte français à remplacer ; c’est un brouillon jusqu’à --mark")
    action.add_argument("--mark", metavar="PAGE", help="marquer la traduction de PAGE (chemin sous docs/) comme à jour")


def french_pages(root: Path) -> list[Path]:
    docs = docs_dir(root)
    # Easy-read pages are written in each language, not translated (laeken/easy_read.py).
    return sorted(p for p in docs.rglob(f"*.{SOURCE_LANGUAGE}.md")
                  if "_data" not in p.relative_to(docs).parts and not is_easy_read(p))


def _page_path(root: Path, argument: str) -> Path:
    """PAGE as given (docs/a-propos.md, a-propos, analyses/x/y.nl.md...) -> the French file,
    checked to be a page under docs/."""
    docs = docs_dir(root).resolve()
    example = "par exemple analyses/2020-virtualisation/sur-le-terrain"
    if Path(argument).is_absolute() or ".." in Path(argument).parts or "\\" in argument:
        raise UsageProblem(f"«{NBSP}{argument}{NBSP}»{NBSP}: donnez le chemin de la page sous docs/, sans «{NBSP}..{NBSP}» "
                           f"ni chemin absolu, {example}.")
    text = argument.removeprefix("docs/").removesuffix(".md").removesuffix(f".{TARGET_LANGUAGE}").removesuffix(f".{SOURCE_LANGUAGE}")
    french = (docs / f"{text}.{SOURCE_LANGUAGE}.md").resolve()
    if not french.is_relative_to(docs) or "_data" in french.relative_to(docs).parts or not french.is_file():
        raise Problem(
            f"La page «{NBSP}{argument}{NBSP}» n’existe pas en français (cherchée{NBSP}: docs/{text}.{SOURCE_LANGUAGE}.md). "
            f"Donnez son chemin sous docs/, {example}."
        )
    if is_easy_read(french):
        raise Problem(f"«{NBSP}{argument}{NBSP}» est une page Facile à lire{NBSP}: elle ne se traduit pas, chaque langue a "
                      f"son propre texte. Écrivez directement {french.name.replace(f'.{SOURCE_LANGUAGE}.', f'.{TARGET_LANGUAGE}.')} "
                      f"(voir GUIDE.md, «{NBSP}Écrire une page Facile à lire{NBSP}»).")
    return french


def _translated(french: Path) -> Path:
    return french.with_name(french.name.replace(f".{SOURCE_LANGUAGE}.md", f".{TARGET_LANGUAGE}.md"))


def _write(path: Path, text: str) -> None:
    """All or nothing: a half-written page never replaces a whole one."""
    partial = path.with_name(path.name + ".partiel")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def update_front_matter(path: Path, values: dict, remove: tuple = ()) -> None:
    """Set some `name: value` lines of a page's front matter and remove others, leaving every
    other line as it is; the note written by --start goes too."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    block = (match.group("yaml") or "") if match else ""
    for name in remove:
        block = re.sub(rf"^{re.escape(name)}:.*\n", "", block, flags=re.MULTILINE)
    for name, value in values.items():
        line = yaml.safe_dump({name: value}, allow_unicode=True, width=1_000_000).rstrip("\n")
        pattern = re.compile(rf"^{re.escape(name)}:.*$", re.MULTILINE)
        block = pattern.sub(lambda _: line, block) if pattern.search(block) else block + line + "\n"
    body = text[match.end():] if match else "\n" + text
    for note in (START_NOTE, CHAPTER_START_NOTE):
        body = body.replace(note, "", 1)
    _write(path, f"---\n{block}---\n" + body)


def start(root: Path, french: Path) -> Path:
    """Write the Dutch page to translate: the translated fields, the same headings with the
    same ids and the French paragraphs to replace, one for one; a draft until marked."""
    dutch = _translated(french)
    if dutch.exists():
        raise Problem(f"{dutch.relative_to(root)} existe déjà{NBSP}: rien n’a été modifié. Quand la traduction est faite{NBSP}: "
                      f"{COMMAND} --mark {_page_name(root, french)}")
    meta, body = read_page(french)
    fields = {name: meta[name] for name in (*TRANSLATED_FIELDS, *KEPT_FIELDS) if name in meta}
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100) if fields else ""
    note = START_NOTE if "title" in fields else CHAPTER_START_NOTE
    text = f"---\n{front}{DRAFT_FIELD}: true  # brouillon jusqu’à «{NBSP}translations --mark{NBSP}»\n---\n{note}{body}"
    _write(dutch, text)
    return dutch


def _page_name(root: Path, french: Path) -> str:
    return str(french.relative_to(docs_dir(root).resolve())).removesuffix(f".{SOURCE_LANGUAGE}.md")


def run(args, root: Path) -> int:
    root = root.resolve()
    if args.start:
        french = _page_path(root, args.start)
        dutch = start(root, french)
        fields = "titre et résumé dans l’en-tête, " if "title" in read_page(dutch)[0] else ""
        print(f"{dutch.relative_to(root)} est prête à traduire{NBSP}: {fields}chaque titre (en gardant "
              "son identifiant) et chaque paragraphe, un paragraphe néerlandais pour un paragraphe français.")
        print(f"C’est un brouillon{NBSP}: le site la montre avec un bandeau, la publication montre le français à sa place. "
              f"Quand elle est traduite{NBSP}: {COMMAND} --mark {_page_name(root, french)}")
        return 0
    if args.mark:
        french = _page_path(root, args.mark)
        dutch = _translated(french)
        if not dutch.exists():
            raise Problem(f"{dutch.relative_to(root)} n’existe pas{NBSP}: il n’y a pas encore de traduction à marquer. "
                          f"Pour la commencer{NBSP}: {COMMAND} --start {_page_name(root, french)}")
        untranslated = paragraphs(read_page(french)[1])
        if untranslated and paragraphs(read_page(dutch)[1]) == untranslated:
            raise Problem(f"{dutch.relative_to(root)}{NBSP}: rien n’a été marqué, la page n’est pas encore traduite — ses "
                          f"paragraphes sont encore le texte français. Remplacez chacun par sa traduction néerlandaise, "
                          f"puis relancez{NBSP}: {COMMAND} --mark {_page_name(root, french)}")
        update_front_matter(dutch, {HASH_FIELD: source_hash(french), PARAGRAPHS_FIELD: paragraph_fingerprints(french)},
                            remove=(DRAFT_FIELD,))
        print(f"{dutch.relative_to(root)} est marquée à jour par rapport au français (et n’est plus un brouillon).")
        return 0
    rows = []
    for french in french_pages(root):
        status = translation_status(french, TARGET_LANGUAGE)
        page = _page_name(root, french)
        detail = ""
        if status == "outdated":
            changed = changed_paragraphs(french, _translated(french))
            if changed:
                detail = f" — paragraphes modifiés en français{NBSP}: {', '.join(f'§{n}' for n in changed)}"
            elif changed == []:
                detail = " — le titre, le résumé ou un titre de section a changé (aucun paragraphe)"
            else:
                detail = " — marquée avant le suivi des paragraphes : relisez tout le français"
        elif status == "missing":
            detail = f" — pour la commencer{NBSP}: {COMMAND} --start {page}"
        rows.append((page, STATUS_NAMES[status] + detail, status))
    width = max((len(page) for page, _, _ in rows), default=4)
    print(f"{'page'.ljust(width)}  néerlandais")
    for page, shown, _ in rows:
        print(f"{page.ljust(width)}  {shown}")
    todo = [row for row in rows if row[2] != "up-to-date"]
    print(f"\n{len(rows) - len(todo)} page(s) traduite(s) et à jour, {len(todo)} à traduire, à finir ou à mettre à jour.")
    if todo:
        print(f"Une fois une traduction faite ou revue{NBSP}: {COMMAND} --mark PAGE")
    return 0
