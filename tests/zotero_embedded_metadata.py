"""How Zotero names the authors of a page it saves: a port, for the tests, of what its
"Embedded Metadata" translator and the code around it do with the head's tags.

Ported from (line for line where it matters, with JavaScript's quirks):
- zotero/translators, "Embedded Metadata.js": getContent, addHighwireMetadata (the Highwire
  authors replace the RDF ones when there are any) and processHighwireCreators (split at
  `;`, at `,` only for one tag with words on both sides, skip punctuation and repeats,
  ZU.cleanAuthor with useComma when the name holds a comma, fixCase on personal names);
- zotero/translators, "RDF.js": handleCreators for DC.creator given as text (the fallback
  when there is no citation_author);
- zotero/utilities, utilities.js: cleanAuthor;
- zotero/utilities, utilities_item.js: itemToAPIJSON, which the translation server and the
  connector use to save an item: a creator without a first name is saved as one field,
  `{"name": ...}` (an empty creator is dropped, as translate.js's _itemDone does).
fixCase (a name all in capitals or all in lower case, re-cased by ZU.capitalizeTitle) is
not ported: the port stops when a name would need it.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

ALL_CAPS = "A-Z\u0400-\u042f"  # with Cyrillic
ALL_CAPS_RE = re.compile(f"^[{ALL_CAPS}]+$")
INITIAL_RE = re.compile(f"^-?[{ALL_CAPS}]$")
DASHES = "\u002D\u00AD\u2010-\u2015\u2212\u2E3A\u2E3B"


def _meta_values(soup: BeautifulSoup, name: str) -> list[str]:
    """getContent(doc, name) (not strict): `content` (or `contents`) of each <meta> directly
    under <head> or <body> whose name ends with `name`, in document order."""
    values = []
    for parent in (soup.html.find("head", recursive=False), soup.html.find("body", recursive=False)):
        for meta in parent.find_all("meta", recursive=False) if parent else []:
            if meta.get("name", "").endswith(name):
                values += [meta[attribute] for attribute in ("content", "contents") if meta.has_attr(attribute)]
    return values


def _meta_text(soup: BeautifulSoup, name: str) -> str | None:
    """getContentText(doc, name): the first `html>head>meta[name$=name]`'s content."""
    for meta in soup.html.head.find_all("meta", recursive=False):
        if meta.get("name", "").endswith(name):
            return meta.get("content") or meta.get("contents")
    return None


def _last_index_of(text: str, search: str, position: int) -> int:
    """JavaScript's String.prototype.lastIndexOf(search, position)."""
    position = min(max(position, 0), len(text))
    return text.rfind(search, 0, position + len(search))


def _is_letter(char: str) -> bool:
    return bool(re.match(r"[^\W\d_]", char))


def clean_author(author: str, creator_type: str, use_comma: bool) -> dict:
    """ZU.cleanAuthor: {"firstName", "lastName", "creatorType"}; firstName None when absent."""
    author = re.sub(r"^[\s\u00A0.,/\[\]:]+", "", author)
    author = re.sub(r"[\s\u00A0.,/\[\]:]+$", "", author)
    author = re.sub(r"[\s\u00A0]+", " ", author, count=1)
    first = None
    if use_comma:
        author = re.sub(r"\.([^ ])", r". \1", author, count=1)  # spaces after periods
        names = re.split(r"[,\u060C] ?", author)
        if len(names) > 1:
            last, first = names[0], names[1]
        else:
            last = author
    else:
        # Cut at the last space whose next word starts with a letter ("Name [Country]").
        space = len(author)
        while True:
            space = _last_index_of(author, " ", space - 1)
            last = author[space + 1:]
            first = author[:max(space, 0)]
            # JavaScript tests `lastName[0]`: undefined for "", read as the text "undefined".
            if _is_letter(last[0] if last else "u") or space <= 0:
                break
    if first and ALL_CAPS_RE.match(first) and len(first) < 4 and (len(first) == 1 or last.upper() != last):
        first = " ".join(f"{letter}." for letter in first)  # initials
    if first:
        first = re.sub(r"^[\s.]+", "", first)
        first = re.sub(r"[\s,]+$", "", first)
        first = re.sub(rf"\s*([{DASHES}])\s*", "-", first, count=1)
        names = re.split(r"(?:[\s.]+|(?=-))", first)
        first = "".join(name + ("." if INITIAL_RE.match(name) else "") + " " for name in names)
        first = first.replace(" -", "-").strip()
    return {"firstName": first, "lastName": last, "creatorType": creator_type}


def _fix_case(name: str) -> str:
    if name.upper() == name or name.lower() == name:
        raise NotImplementedError(f"fixCase would re-case {name!r}: ZU.capitalizeTitle is not ported")
    return name


def process_highwire_creators(values: list[str], role: str, language: str | None) -> list[dict]:
    """processHighwireCreators."""
    creators_found, last_creator = [], None
    for value in values:
        creators = re.split(r"\s*;\s*", value)
        if len(creators) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", creators[0])
            two_word_name = (len(by_comma) == 2 and language in ("es", "spa", "Spanish", "español")
                             and len(by_comma[0].split(" ")) == 2)
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] and not two_word_name:
                creators = by_comma
        for creator in creators:
            creator = creator.strip()
            if not creator or not re.search(r"[^\s,\-.;]", creator):
                continue  # only punctuation
            if last_creator and creator == last_creator:
                continue  # repeated
            last_creator = creator
            cleaned = clean_author(creator, role, "," in creator)
            if cleaned["firstName"]:
                cleaned["firstName"] = _fix_case(cleaned["firstName"])
                cleaned["lastName"] = _fix_case(cleaned["lastName"])
            creators_found.append(cleaned)
    return creators_found


def _rdf_creators(soup: BeautifulSoup) -> list[dict]:
    """RDF.js handleCreators for DC.creator / dc.creator as text."""
    values = [meta["content"] for meta in soup.find_all("meta")
              if meta.get("content") and re.fullmatch(r"(?i)dc[.:_]creator", meta.get("name", ""))]
    return [clean_author(value, "author", "," in value) for value in values]


def _api_json(creators: list[dict]) -> list[dict]:
    """itemToAPIJSON's creators."""
    saved = []
    for creator in creators:
        if not creator.get("firstName") and not creator.get("lastName"):
            continue
        if not creator.get("firstName") or creator.get("fieldMode") == 1:
            saved.append({"name": creator["lastName"], "creatorType": creator["creatorType"] or "author"})
        else:
            saved.append({"firstName": creator["firstName"], "lastName": creator["lastName"],
                          "creatorType": creator["creatorType"] or "author"})
    return saved


def zotero_creators(html_text: str) -> list[dict]:
    """The creators Zotero saves for a page: `{"name"}` for one field (an institution),
    `{"firstName", "lastName"}` for a person's two."""
    soup = BeautifulSoup(html_text, "html.parser")
    authors = _meta_values(soup, "citation_author") or _meta_values(soup, "citation_authors")
    editors = _meta_values(soup, "citation_editor") or _meta_values(soup, "citation_editors")
    language = _meta_text(soup, "citation_language")
    creators = process_highwire_creators(authors, "author", language) + process_highwire_creators(editors, "editor", language)
    return _api_json(creators or _rdf_creators(soup))
