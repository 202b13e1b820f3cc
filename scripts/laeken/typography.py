"""French typography: the no-break spaces that French sets around its high punctuation,
put in when the site is built, so that authors type ordinary spaces.

Before `; ! ?` a narrow no-break space (U+202F); before `:` and inside « » a no-break space
(U+00A0): the Imprimerie nationale's usage, which French word processors follow. Where
the author left a space (ordinary, no-break or narrow, or several), it becomes that one
space; a missing space is added only inside « » (guillemets are French quotes, never
code), never before `; : ! ?`, where "10:30", "https://" or "1:2" would be broken.

Only French text changes: an element marked `lang="nl"` keeps its text as written (Dutch
sets no such space), an element marked `lang="fr"` inside a Dutch page gets French rules.
Attributes, comments, `code`, `pre`, `kbd`, `samp`, `script`, `style`, `textarea`, `svg`
and `math` are left as they are. The rules see across inline tags (`<em>mot</em> :`), never
across a paragraph, a line break or a button.

Cheap enough for every page (a fifth of a millisecond): the HTML is not parsed. A search
finds what is left whole (code, scripts, comments), another the tags that set a language
(the element's end found by counting its tags); in the French text between, a plain search
finds the marks, and only the few with a space before them, or guillemets, are looked at
(never inside a tag: after a mark in text, the next of `<` and `>` is `<`).
"""

from __future__ import annotations

import bisect
import functools
import re

NARROW_NBSP = "\u202f"  # before ; ! ?
NBSP = "\u00a0"  # before : and inside « »

# A space as it may be written: ordinary, no-break or narrow, or as a character reference.
_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;|&#160;|&#x0*a0;|&#8239;|&#x202f;)"
# Elements inside a line of text: the rules see across their tags.
_INLINE = ("a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark",
           "q", "s", "small", "span", "strong", "sub", "sup", "time", "u")
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_INLINE_TAG = rf"</?(?:{'|'.join(_INLINE)})(?=[\s/>]){_ATTRIBUTES}>"
# Elements left as they are, whole: their text is not prose.
_KEPT = ("script", "style", "textarea", "code", "pre", "kbd", "samp", "svg", "math")
# After these, the text goes on on the same line (`<code>x</code> : y`); after any other
# tag, a space that starts the text is no space the reader sees, and stays as it is.
_SAME_LINE_BEFORE = tuple(f"</{name}>" for name in (*_INLINE, "code", "kbd", "samp", "svg", "math"))


# Plain text: a gap of spaces before the mark (one at least before ; : ! ?), after «.
_TEXT_RULES = re.compile(
    rf"(?P<before>{_SPACE}+)(?P<mark>[;!?:])|(?P<close_gap>{_SPACE}*)(?P<close>»)|(?P<open>«)(?P<after>{_SPACE}*)",
    re.IGNORECASE,
)
_GAP_PART = re.compile(rf"{_INLINE_TAG}|{_SPACE}", re.IGNORECASE)


def _one_space(gap: str, space: str, keep: str, add: bool = False) -> str:
    """The gap's tags kept and its spaces made one `space`, where the author's first
    (keep="first") or last (keep="last") space was; with `add`, a gap without a space gets
    one (at its start for "first", at its end for "last")."""
    parts = _GAP_PART.findall(gap)
    spaces = [i for i, part in enumerate(parts) if not part.startswith("<")]
    if not spaces:
        return (space + gap if keep == "first" else gap + space) if add else gap
    kept = spaces[0] if keep == "first" else spaces[-1]
    return "".join(space if i == kept else part for i, part in enumerate(parts) if i == kept or part.startswith("<"))


def _apply(match: re.Match) -> str:
    if match.group("open"):
        return match.group("open") + _one_space(match.group("after"), NBSP, "first", add=True)
    if match.group("mark"):
        mark = match.group("mark")
        return _one_space(match.group("before"), NARROW_NBSP if mark in ";!?" else NBSP, "last") + mark
    return _one_space(match.group("close_gap"), NBSP, "last", add=True) + match.group("close")


def french_text(text: str) -> str:
    """Plain French text set the French way."""
    return _TEXT_RULES.sub(_apply, text)


def is_french(lang: str | None) -> bool:
    return bool(lang) and lang.split("-")[0].lower() == "fr"


def typeset(text: str, lang: str | None) -> str:
    """Text in `lang` as the site shows it: set the French way if French, as written otherwise."""
    return french_text(text) if is_french(lang) else text


# --- HTML -------------------------------------------------------------------------------------

# Elements left as they are, whole, and comments. (Every pattern the whole page is searched
# with starts with a fixed character or word, which Python's regex engine looks for fast.)
# (Tags as written here, in lower case; the element's text up to its end tag, in the "unrolled
# loop" form, three times faster than `.*?` here.)
_KEPT_OR_COMMENT = re.compile(rf"<(?:({'|'.join(_KEPT)})(?=[\s/>]){_ATTRIBUTES}>[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*>"
                              r"|!--.*?-->)", re.DOTALL)
# A `lang` attribute (as HTML is written here: in lower case), and the tag that holds it.
_LANG = re.compile(r"""lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*)({_ATTRIBUTES})>")
_FRENCH_LANG = re.compile(r"""lang=["']?fr(?![a-z])""")  # (a fixed start: found fast)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# The marks, found first (with str.find, four times faster here than a regex); the few in
# text with a space before them are set. (Guillemets written as character references,
# `&laquo;`, which no importer writes, are left as they are.)
_MARKS = ";:!?«»"
_SPACES = " \t\r\n\u00a0\u202f"
_SPACES_OR_GAP_END = _SPACES + ";>"  # a gap ends with a space, a character reference or a tag
_SPACE_REFERENCE = re.compile(r"&(?:nbsp|#160|#x0*a0|#8239|#x202f);", re.IGNORECASE)
_INLINE_TAG_RE = re.compile(_INLINE_TAG, re.IGNORECASE)
_GAP_AFTER = re.compile(rf"(?:{_SPACE}|{_INLINE_TAG})*", re.IGNORECASE)
_IN_TEXT = re.compile(r"[^<>]*(?:<|\Z)")  # not inside a tag: the next of < and > is <


@functools.lru_cache(maxsize=None)
def _tags_named(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>]){_ATTRIBUTES}>", re.IGNORECASE)


def _element_end(html: str, name: str, start: int) -> int:
    """Where the element whose start tag ends at `start` closes (its end tag's position)."""
    depth = 1
    for tag in _tags_named(name).finditer(html, start):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.start()
        elif not tag.group().endswith("/>"):
            depth += 1
    return len(html)


def _gap_before(html: str, position: int, floor: int) -> int:
    """Where the spaces and inline tags just before `position` start (not before `floor`)."""
    while position > floor:
        char = html[position - 1]
        if char in _SPACES:
            position -= 1
            continue
        if char == ";":  # a space written as a character reference?
            start, pattern = html.rfind("&", max(floor, position - 10), position), _SPACE_REFERENCE
        elif char == ">":  # an inline element's tag?
            start, pattern = html.rfind("<", floor, position), _INLINE_TAG_RE
        else:
            break
        if start < 0 or not pattern.fullmatch(html, start, position):
            break
        position = start
    return position


def _line_start(html: str, position: int) -> bool:
    """Whether `position` starts a line of text (after a tag other than an inline element's
    end, or at the start): the reader sees no space there."""
    before = html[max(0, position - 10):position]
    return position == 0 or before.endswith(">") and not before.endswith(_SAME_LINE_BEFORE)


def _marks(html: str) -> list[int]:
    """Where the marks are in `html`, in order."""
    positions = []
    for mark in _MARKS:
        position = html.find(mark)
        while position >= 0:
            positions.append(position)
            position = html.find(mark, position + 1)
    return sorted(positions)


def _may_change(html: str, position: int) -> bool:
    """Whether the mark at `position` could be set otherwise than it is. False when, read as
    French text, it stays as written: no space before it; or in a tag; or the one space it
    should have, the right one, is there. The full pass (french_html) may see less of a gap
    than this glance, when an element that sets a language starts or ends inside it: the
    gap's one space must then be next to the mark, in what both see."""
    mark = html[position]
    if mark in ";:!?" and (position == 0 or html[position - 1] not in _SPACES_OR_GAP_END):
        return False  # most marks: URLs, times, character references, scripts
    if not _IN_TEXT.match(html, position + 1):
        return False  # in an attribute
    if mark == "«":
        gap = _GAP_AFTER.match(html, position + 1).group()
        return not gap.startswith(NBSP) or _one_space(gap, NBSP, "first") != gap
    begin = _gap_before(html, position, 0)
    gap = html[begin:position]
    space = NARROW_NBSP if mark in ";!?" else NBSP
    if "<" in gap:
        return not gap.endswith(space) or html[begin - 1:begin] == "«" or _one_space(gap, space, "last") != gap
    if _line_start(html, begin):
        return False
    if mark == "»" and html[begin - 1:begin] == "«":
        return True  # the guillemet's space is the opening one's: `«\u00a0»` gets two
    return _one_space(gap, space, "last", add=mark == "»") != gap


def _set_french(html: str, start: int, stop: int, marks: list[int], out: list[str]) -> bool:
    """The French text of html[start:stop] (tags and text, no kept element) set, into `out`;
    `marks`: where the marks of `html` are. Whether anything was set."""
    last = start
    for position in marks[bisect.bisect_left(marks, start):bisect.bisect_left(marks, stop)]:
        if position < last:
            continue  # in the spaces after a « already set
        text, end = html[position], position + 1
        if text in ";:!?" and (position == start or html[position - 1] not in _SPACES_OR_GAP_END):
            continue  # no space before it: most marks (URLs, times, character references)
        if not _IN_TEXT.match(html, end, stop):
            continue  # in an attribute
        if text == "«":
            gap = _GAP_AFTER.match(html, end, stop)
            out += [html[last:end], _one_space(gap.group(), NBSP, "first", add=True)]
            last = gap.end()
            continue
        begin = max(_gap_before(html, position, start), last)
        if _line_start(html, begin):
            continue
        gap = html[begin:position]
        if text in ";!?":
            new = _one_space(gap, NARROW_NBSP, "last")
        elif text == ":":
            new = _one_space(gap, NBSP, "last")
        else:  # a closing guillemet
            new = _one_space(gap, NBSP, "last", add=True)
        out += [html[last:begin], new]
        last = position
    out.append(html[last:stop])
    return last != start


def french_html(html: str, lang: str, settled: tuple[int, int] | None = None) -> str:
    """HTML (a page, or part of one, whose text is in `lang` unless an element says
    otherwise) with its French text set the French way; everything else byte for byte.
    `settled`: a span of `html` already set (a page's content, set before the template
    wrapped it): its marks are left as they are, which saves most of a page's work."""
    if not is_french(lang) and not any(html[found.start() - 1].isspace() for found in _FRENCH_LANG.finditer(html)):
        return html  # a Dutch page without a French passage (hreflang= is no language of the text)
    marks = _marks(html)
    if settled is not None:
        marks = marks[:bisect.bisect_left(marks, settled[0])] + marks[bisect.bisect_left(marks, settled[1]):]
    if not any(_may_change(html, position) for position in marks):
        return html  # most pages, once their content is set: whatever the language or element
    out: list[str] = []
    frames = [(len(html), is_french(lang))]  # elements that set a language: (where they end, French?)
    changed = False

    def text(start: int, end: int) -> None:
        """Text and tags, in the language of the elements around them."""
        nonlocal changed
        while start < end:
            while frames[-1][0] <= start:
                frames.pop()
            stop = min(end, frames[-1][0])
            if frames[-1][1]:
                changed = _set_french(html, start, stop, marks, out) or changed
            else:
                out.append(html[start:stop])
            start = stop

    def tags_and_text(start: int, end: int) -> None:
        """Text and tags, among them tags that set a language."""
        for value in _LANG.finditer(html, start, end):
            if html[value.start() - 1] not in " \t\r\n":  # hreflang=, data-lang=
                continue
            tag_start = html.rfind("<", start, value.start())
            tag = _TAG.match(html, tag_start) if tag_start >= 0 else None
            if tag is None or tag.end() <= value.start():
                continue  # not in a tag
            text(start, tag.end())
            start = tag.end()
            name = tag.group(1).lower()
            if name not in _VOID and not tag.group(2).endswith("/"):
                while frames[-1][0] <= tag_start:
                    frames.pop()
                frames.append((_element_end(html, name, start), is_french(next(filter(None, value.groups()), ""))))
        text(start, end)

    position = 0
    for kept in _KEPT_OR_COMMENT.finditer(html):
        tags_and_text(position, kept.start())
        out.append(kept.group())
        position = kept.end()
    tags_and_text(position, len(html))
    return "".join(out) if changed else html
