"""Themes and sectors: stable pages in both languages, tags on analysis pages, feeds, JSON."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from laeken.analyses import load_analyses
from laeken.typography import typeset
from laeken.vocabulary import load_vocabulary
from conftest import ROOT, build, language_of

SITE_URL = "https://analyses.coordination-sociale-laeken.be/"
ANALYSIS = "analyses/2020-virtualisation/"
CHAPTER = ANALYSIS + "virtualisation-sur-le-terrain/"
SECTORS_2020 = ("epn", "ecole-de-devoirs", "sante-mentale", "maison-medicale")


@pytest.fixture(scope="module")
def vocabularies():
    return {kind: load_vocabulary(ROOT / "docs", kind) for kind in ("themes", "sectors")}


def resolve(real_site, page_path, href):
    """The built file and fragment a link of a page leads to (None if it leaves the site)."""
    target = urlsplit(urljoin("http://site/" + page_path, href))
    if target.netloc != "site":
        return None
    path = target.path.lstrip("/")
    file = real_site.dir / path / "index.html" if path.endswith("/") or not path else real_site.dir / path
    return file, target.fragment


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_every_slug_has_its_page_and_every_link_on_them_resolves(real_site, vocabularies, prefix):
    from bs4 import BeautifulSoup

    for kind, folder in (("themes", "themes"), ("sectors", "secteurs")):
        assert vocabularies[kind]
        index = real_site.html(prefix + folder + "/")
        linked = {urlsplit(urljoin(f"http://site/{prefix}{folder}/", a["href"])).path for a in index.select("article a[href]")}
        for slug in vocabularies[kind]:
            path = f"{prefix}{folder}/{slug}/"
            assert f"/{path}" in linked, f"{path} is not listed on its index"
            page = real_site.html(path)
            assert page.html["lang"] == (prefix.rstrip("/") or "fr")
            lang = prefix.rstrip("/") or "fr"
            assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == typeset(vocabularies[kind][slug][lang]["name"], lang)
            for link in page.select("article a[href]"):
                resolved = resolve(real_site, path, link["href"])
                if resolved is None:
                    continue
                file, fragment = resolved
                assert file.is_file(), (path, link["href"])
                if fragment and file.suffix == ".html":
                    target = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
                    assert target.find(id=fragment) is not None, (path, link["href"])


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_the_2020_sector_sections_are_on_their_sector_pages(real_site, prefix):
    for sector in SECTORS_2020:
        page = real_site.html(f"{prefix}secteurs/{sector}/")
        targets = {urlsplit(urljoin(f"http://site/{prefix}secteurs/{sector}/", a["href"])) for a in page.select("article .dossier-title a")}
        assert any(t.path == f"/{prefix}{CHAPTER}" and t.fragment == sector for t in targets), sector
        assert page.find(id="2020-virtualisation") is not None


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_search_finds_theme_and_sector_pages_but_not_their_lists(real_site, prefix):
    """Their lists repeat titles that search finds on the chapters themselves."""
    index = json.loads((real_site.dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert "secteurs/epn/" in locations and "themes/virtualisation/" in locations
    assert not [location for location in locations if location.startswith(("secteurs/", "themes/")) and "#" in location]
    assert f"{CHAPTER}#epn" in locations  # the section itself is found on its chapter
    # The headings stay on the page (and in its table of contents), without the marker.
    page = real_site.html(f"{prefix}secteurs/epn/")
    heading = page.find(id="2020-virtualisation")
    assert heading.name == "h3" and not [name for name in heading.attrs if name.startswith("data-search")]
    assert page.select_one('.md-sidebar--secondary a[href="#2020-virtualisation"]') is not None


def test_a_theme_or_sector_with_nothing_tagged_still_has_its_page(real_site, vocabularies):
    analyses = load_analyses(real_site.root / "docs")
    tagged_sectors = {sector for a in analyses for c in a.chapters for _, _, sector in c.sections("fr")}
    tagged = {"themes": {slug for slug in vocabularies["themes"] if any(tagged_with(a, slug) for a in analyses)},
              "sectors": tagged_sectors}
    for kind, folder in (("themes", "themes"), ("sectors", "secteurs")):
        for slug in vocabularies[kind]:
            for prefix, text in (("", "Aucun texte publié"), ("nl/", "nog geen gepubliceerde tekst")):
                page = real_site.html(f"{prefix}{folder}/{slug}/")
                assert (text in page.select_one("article").get_text()) == (slug not in tagged[kind]), (prefix, slug)


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("nl/", "nl")])
def test_analysis_pages_show_their_themes_and_sectors(site, vocabularies, prefix, lang):
    def tags(path):
        """(target, label) of the tags of a page; the labels in the language of the text around."""
        found = site.html(prefix + path).select_one("article p.page-tags")
        names = {f"/{prefix}{folder}/{slug}/": typeset(entry[language_of(found)]["name"], language_of(found)) if found else None
                 for kind, folder in (("themes", "themes"), ("sectors", "secteurs")) for slug, entry in vocabularies[kind].items()}
        links = found.select("a") if found else []
        targets = [urlsplit(urljoin("http://site/" + prefix + path, a["href"])).path for a in links]
        return [(target, a.get_text()) for target, a in zip(targets, links)], [(target, names[target]) for target in targets]

    def check(path, themes, sectors):
        shown, named = tags(path)
        assert shown == named, path  # each named as its vocabulary names it
        assert [target for target, _ in shown] == [f"/{prefix}themes/{slug}/" for slug in themes] + [
            f"/{prefix}secteurs/{slug}/" for slug in sectors], path

    for analysis in load_analyses(site.root / "docs"):
        presentation = f"analyses/{analysis.folder}/"
        sectors = list(dict.fromkeys(s for c in analysis.chapters for _, _, s in c.sections(lang)))
        check(presentation, analysis.meta.get("themes") or [], sectors)
        for chapter in analysis.chapters:
            check(presentation + chapter.slug + "/", chapter.themes, list(dict.fromkeys(s for _, _, s in chapter.sections(lang))))
    chapter = site.html(prefix + CHAPTER).select("article p.page-tags a")
    assert len(chapter) == 6 + 4 and len(site.html(prefix + ANALYSIS).select("article p.page-tags a")) == 8 + 4  # 2020


def build_output_after(site_copy, page, old, new) -> str:
    """Change a page of a copy of the site, build it, and return what the failed build said."""
    path = site_copy / "docs/analyses/2020-virtualisation" / page
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    process = build(site_copy, check=False)
    assert process.returncode != 0
    return process.stdout + process.stderr


def test_an_unknown_theme_fails_with_file_slug_and_known_slugs(site_copy):
    output = build_output_after(site_copy, "sur-le-terrain.fr.md", "themes: [savoir-de-terrain", "themes: [savoirs-du-terrain")
    assert "sur-le-terrain.fr.md" in output and "thème inconnu `savoirs-du-terrain`" in output
    assert "connus : crise-sanitaire, enfants-et-demarches" in output


def test_an_unknown_sector_fails_with_file_line_and_known_slugs(site_copy):
    page = site_copy / "docs/analyses/2020-virtualisation/virtualisation-sur-le-terrain.nl.md"
    line = next(n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if 'data-sector="epn"' in text)
    output = build_output_after(site_copy, page.name, 'data-sector="epn"', 'data-sector="epns"')
    assert f"virtualisation-sur-le-terrain.nl.md:{line}: secteur inconnu `epns`" in output
    assert "connus : ecole-de-devoirs, epn, maison-de-jeunes" in output


def tagged_with(analysis, theme):
    return theme in (analysis.meta.get("themes") or []) or any(theme in c.themes for c in analysis.chapters)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_feeds_parse_and_list_every_analysis_newest_first_with_absolute_urls(real_site, vocabularies, lang):
    import feedparser

    prefix = "" if lang == "fr" else "nl/"
    analyses = load_analyses(real_site.root / "docs")
    feed = feedparser.parse((real_site.dir / f"atom-{lang}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.get("language") == lang
    assert [e.link for e in feed.entries] == [f"{SITE_URL}{prefix}analyses/{a.folder}/" for a in analyses]
    for entry, analysis in zip(feed.entries, analyses):
        assert entry.title == typeset(analysis.field("title", lang), entry.title_detail.language)
        assert entry.published.startswith(str(analysis.meta.get("published", analysis.year)))
    for theme in vocabularies["themes"]:
        themed = feedparser.parse((real_site.dir / f"atom-{lang}-{theme}.xml").read_bytes())
        assert not themed.bozo
        assert [e.link for e in themed.entries] == [
            f"{SITE_URL}{prefix}analyses/{a.folder}/" for a in analyses if tagged_with(a, theme)], theme
    page = real_site.html(prefix + CHAPTER)
    feeds = [link["href"] for link in page.select('head link[rel="alternate"][type="application/atom+xml"]')]
    assert feeds and (real_site.dir / urlsplit(urljoin("http://site/" + prefix + CHAPTER, feeds[0])).path.lstrip("/")).is_file()
    theme_page = real_site.html(prefix + "themes/fracture-numerique/")
    theme_feeds = [urljoin(f"http://site/{prefix}themes/fracture-numerique/", link["href"])
                   for link in theme_page.select('head link[rel="alternate"][type="application/atom+xml"]')]
    assert f"http://site/atom-{lang}-fracture-numerique.xml" in theme_feeds


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_json_matches_its_documented_schema_and_describes_every_analysis(real_site, lang):
    import jsonschema

    schema = json.loads((ROOT / "docs/assets/analyses.schema.json").read_text(encoding="utf-8"))
    data = json.loads((real_site.dir / f"analyses-{lang}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    prefix = "" if lang == "fr" else "nl/"
    analyses = load_analyses(real_site.root / "docs")
    assert [a["id"] for a in data["analyses"]] == [a.folder for a in analyses]
    for described, analysis in zip(data["analyses"], analyses):
        url = f"{SITE_URL}{prefix}analyses/{analysis.folder}/"
        assert described["url"] == url and described["title"] == analysis.field("title", lang)
        assert described["themes"] == list(analysis.meta.get("themes") or [])
        assert [c["url"] for c in described["chapters"]] == [f"{url}{c.slug}/" for c in analysis.chapters]
        for chapter, chapter_data in zip(analysis.chapters, described["chapters"]):
            assert [(s["id"], s["sector"], s["url"]) for s in chapter_data["sections"]] == [
                (section_id, sector, f"{url}{chapter.slug}/#{section_id}") for section_id, _, sector in chapter.sections(lang)]
        assert {t["slug"] for t in data["themes"]} >= set(described["themes"])
    the_2020 = next(a for a in data["analyses"] if a["id"] == "2020-virtualisation")
    sectors = [s["sector"] for chapter in the_2020["chapters"] for s in chapter["sections"] if s["sector"]]
    assert sectors == list(SECTORS_2020)
    assert all(t["url"].startswith(SITE_URL) for t in data["themes"] + data["sectors"])
    assert (real_site.dir / "assets/analyses.schema.json").is_file()
    about = real_site.html(prefix + "a-propos/")
    hrefs = {urlsplit(urljoin(f"http://site/{prefix}a-propos/", a["href"])).path for a in about.select("#flux-et-donnees ~ ul a")}
    assert f"/analyses-{lang}.json" in hrefs and f"/atom-{lang}.xml" in hrefs


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_feeds_and_json_on_a_fixture_site_hold_each_analysis(fixture_site, vocabularies, lang):
    """With more than one analysis, a return, and a page in French only."""
    from fixtures import ANALYSIS, RETURN

    test_feeds_parse_and_list_every_analysis_newest_first_with_absolute_urls(fixture_site, vocabularies, lang)
    test_json_matches_its_documented_schema_and_describes_every_analysis(fixture_site, lang)
    data = json.loads((fixture_site.dir / f"analyses-{lang}.json").read_text(encoding="utf-8"))
    assert {ANALYSIS, RETURN, "2020-virtualisation"} <= {a["id"] for a in data["analyses"]}


# --- Dossiers: excerpts quoted from the built text, newest first ------------------------------


def words(text: str) -> str:
    """Text with its line breaks and spaces made single, no-break spaces kept (French spacing)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def term_pages(vocabularies, prefix):
    return [f"{prefix}{folder}/{slug}/" for kind, folder in (("themes", "themes"), ("sectors", "secteurs"))
            for slug in vocabularies[kind]]


def local_path(site, absolute):
    """The site path of one of the site's absolute URLs."""
    assert absolute.startswith(SITE_URL), absolute
    return absolute[len(SITE_URL):]


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("nl/", "nl")])
def test_dossiers_quote_the_first_paragraph_of_each_tagged_text_newest_first(site, vocabularies, prefix, lang):
    from bs4 import BeautifulSoup
    from laeken.interface import interface_by_language

    ui = interface_by_language(site.root / "docs")[lang]
    order = [a.folder for a in load_analyses(site.root / "docs")]
    quoted = 0
    for path in term_pages(vocabularies, prefix):
        page = site.html(path)
        article = page.select_one("article")
        folders = [h3["id"] for h3 in article.select("h3")]
        assert folders == sorted(folders, key=order.index), path  # newest first
        years = [int(h3.get_text().split("·")[0]) for h3 in article.select("h3")]
        count = article.select("p")[1].get_text() if years else ""
        if years:
            key = "dossier_count_one" if len(years) == 1 else "dossier_count_many"
            assert words(count) == words(typeset(ui[key].format(count=len(years), year=min(years)), lang)), path
        for entry in article.select(".dossier-entry"):
            quote = entry.select_one("blockquote")
            assert quote is not None, (path, entry)
            quoted += 1
            source = entry.select_one(".dossier-source a")
            assert source.get_text().replace("\u00a0", " ").startswith("§ ")
            # The § link and the quotation's cite lead to the same paragraph, which exists.
            file, fragment = resolve(site, path, source["href"])
            cited = local_path(site, quote["cite"])
            assert urljoin("http://site/" + path, source["href"]) == "http://site/" + cited, path
            chapter = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            paragraph = chapter.find(id=fragment)
            assert paragraph is not None and paragraph.name == "p" and fragment == f"p{source.get_text()[2:].strip()}"
            # The first numbered paragraph of the page, or of the tagged section.
            title_target = urlsplit(urljoin("http://site/" + path, entry.select_one(".dossier-title a")["href"]))
            start = chapter.find(id=title_target.fragment) if title_target.fragment else chapter.select_one("article")
            first = start.find_next(lambda tag: tag.name == "p" and (tag.get("id") or "").startswith("p")
                                    and tag["id"][1:].isdigit())
            assert first is paragraph, (path, fragment)
            # Its start, as built (glossary terms and all), in its language, at most ~60 words
            # unless it is the whole paragraph, cut at a sentence's end.
            excerpt, whole = words(quote.get_text()), words(paragraph.get_text())
            assert excerpt and whole.startswith(excerpt), (path, excerpt, whole)
            assert excerpt == whole or (len(excerpt.split()) <= 60 and excerpt[-1] in ".!?…»"), (path, excerpt)
            assert str(quote.p.decode_contents()).count("glossary-term") == str(paragraph.decode_contents()).count(
                "glossary-term") or excerpt != whole
            assert quote.find(id=True) is None  # the chapter's ids stay on the chapter
            assert language_of(quote) == language_of(paragraph), path
            notice = entry.select_one(".dossier-notice")
            if language_of(paragraph) != lang:
                assert quote["lang"] == language_of(paragraph) and notice is not None
                assert words(notice.get_text()) == words(typeset(ui["dossier_excerpt_untranslated"], lang))
            else:
                assert notice is None and not quote.get("lang")
    assert quoted


def test_a_long_first_paragraph_is_cut_at_a_sentence_end_in_both_languages(fixture_site):
    from fixtures import ANALYSIS, RETURN

    for prefix in ("", "nl/"):
        page = fixture_site.html(f"{prefix}secteurs/epn/")
        quote = next(q for q in page.select("blockquote") if f"/{ANALYSIS}/les-reponses/" in q["cite"])
        chapter = fixture_site.html(f"{prefix}analyses/{ANALYSIS}/les-reponses/")
        paragraph = chapter.find(id=urlsplit(quote["cite"]).fragment)
        excerpt, whole = words(quote.get_text()), words(paragraph.get_text())
        assert excerpt != whole and whole.startswith(excerpt) and excerpt.endswith(".")
        assert 30 < len(excerpt.split()) <= 60
        # Its link, written relative to the chapter, leads to the same page from the theme page.
        link = quote.select_one('a[href*="glossaire"]')
        assert urlsplit(urljoin(f"http://site/{prefix}secteurs/epn/", link["href"])).path == f"/{prefix}glossaire/"
        # The return's chapter is in French only: in Dutch, its excerpt is the French text, so marked.
        french = next(q for q in page.select("blockquote") if f"/{RETURN}/" in q["cite"])
        assert french.get("lang") == ("fr" if prefix else None)
        assert (french.find_previous_sibling("p", class_="dossier-notice") is not None) == bool(prefix)
        assert quote.get("lang") is None


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_every_link_of_the_fixture_dossiers_resolves(fixture_site, vocabularies, prefix):
    test_every_slug_has_its_page_and_every_link_on_them_resolves(fixture_site, vocabularies, prefix)


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_nothing_of_the_dossiers_is_in_the_search_index(fixture_site, vocabularies, prefix):
    index = json.loads((fixture_site.dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: words(doc["text"]) for doc in index["docs"]}
    checked = 0
    for path in term_pages(vocabularies, prefix):
        location = path.removeprefix(prefix)
        for quote in fixture_site.html(path).select("article blockquote"):
            excerpt = words(quote.get_text())[:40]
            assert excerpt not in texts.get(location, ""), path
            assert not [loc for loc, text in texts.items() if loc.startswith(location) and excerpt in text], path
            # Search finds it on its own page.
            assert any(excerpt in text for loc, text in texts.items() if not loc.startswith(("themes/", "secteurs/")))
            checked += 1
        for field in fixture_site.html(path).select(".dossier-share input"):
            assert field["value"] not in texts.get(location, "")
    assert checked


def latest_target(site, prefix, folder, slug):
    page = site.dir / prefix / folder / slug / "derniere" / "index.html"
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.select_one('meta[http-equiv="refresh"]')["content"].split("url=", 1)[1]
    link = soup.select_one("body a")["href"]
    assert refresh == link and soup.html["lang"] == (prefix.rstrip("/") or "fr")
    return urljoin(f"http://site/{prefix}{folder}/{slug}/derniere/", link)


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_the_latest_address_leads_to_the_newest_publication(site, vocabularies, prefix):
    for kind, folder in (("themes", "themes"), ("sectors", "secteurs")):
        for slug in vocabularies[kind]:
            target = latest_target(site, prefix, folder, slug)
            page = site.html(f"{prefix}{folder}/{slug}/")
            first = page.select_one(".dossier-entry .dossier-title a")
            expected = urljoin(f"http://site/{prefix}{folder}/{slug}/", first["href"]) if first else \
                f"http://site/{prefix}{folder}/{slug}/"
            assert target == expected, (prefix, slug)
            file, fragment = resolve(site, f"{prefix}{folder}/{slug}/derniere/", target)
            assert file.is_file()
            # The share block gives this address, the page's own, the JSON (and a theme's feed).
            values = [field["value"] for field in page.select(".dossier-share input")]
            for field in page.select(".dossier-share input"):
                assert field.has_attr("readonly") and page.select_one(f'label[for="{field["id"]}"]').get_text(strip=True)
                local = site.dir / local_path(site, field["value"])
                assert (local / "index.html").is_file() if field["value"].endswith("/") else local.is_file()
            assert f"{SITE_URL}{prefix}{folder}/{slug}/derniere/" in values
            assert f"{SITE_URL}analyses-{prefix.rstrip('/') or 'fr'}.json" in values
            assert (f"{SITE_URL}atom-{prefix.rstrip('/') or 'fr'}-{slug}.xml" in values) == (kind == "themes")


def test_the_latest_address_follows_a_new_publication(site_copy):
    """The site as it is, then with one more analysis on the digital divide and the EPN."""
    from conftest import BuiltSite
    from fixtures import ANALYSIS, add_analysis

    def newest(root, theme):
        return next(a.folder for a in load_analyses(root / "docs") if tagged_with(a, theme))

    build(site_copy)
    before = {prefix: latest_target(BuiltSite(site_copy, ""), prefix, "themes", "fracture-numerique") for prefix in ("", "nl/")}
    old_newest = newest(site_copy, "fracture-numerique")
    add_analysis(site_copy)
    build(site_copy)
    built = BuiltSite(site_copy, "")
    for prefix in ("", "nl/"):
        after = latest_target(built, prefix, "themes", "fracture-numerique")
        assert f"/{prefix}analyses/{newest(site_copy, 'fracture-numerique')}/" in after
        assert f"/{prefix}analyses/{old_newest}/" in before[prefix]
        if newest(site_copy, "fracture-numerique") == ANALYSIS:  # unless the site already holds a newer one
            assert after != before[prefix] and urlsplit(after).path == f"/{prefix}analyses/{ANALYSIS}/les-reponses/"
            assert urlsplit(latest_target(built, prefix, "secteurs", "epn")).path == f"/{prefix}analyses/{ANALYSIS}/les-reponses/"


def test_the_latest_addresses_are_recorded_and_published_in_both_languages(real_site, vocabularies):
    """Recorded with every published address (permalinks.yml): each build checks they exist."""
    import yaml

    record = yaml.safe_load((real_site.root / "docs/_data/permalinks.yml").read_text(encoding="utf-8"))
    for kind, folder in (("themes", "themes"), ("sectors", "secteurs")):
        for slug in vocabularies[kind]:
            assert f"/{folder}/{slug}/derniere/" in record, slug
            for prefix in ("", "nl/"):
                assert (real_site.dir / prefix / folder / slug / "derniere" / "index.html").is_file()
