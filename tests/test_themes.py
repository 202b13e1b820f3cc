"""Themes and sectors: stable pages in both languages, tags on analysis pages, feeds, JSON."""

from __future__ import annotations

import json
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
        targets = {urlsplit(urljoin(f"http://site/{prefix}secteurs/{sector}/", a["href"])) for a in page.select("article li a")}
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
