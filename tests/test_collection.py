"""Fixture sites: new analysis folders appear everywhere, newest first, and a missing Dutch
page falls back to French with a visible Dutch notice."""

from __future__ import annotations

import fixtures
from conftest import build, build_site, language_of
from laeken.analyses import load_analyses
from laeken.interface import interface_strings
from laeken.typography import typeset


def title(heading):
    return heading.get_text(strip=True).rstrip("¶")


def test_new_analysis_folders_appear_everywhere_newest_first(fixture_site):
    analyses = load_analyses(fixture_site.root / "docs")
    folders = [a.folder for a in analyses]
    assert {fixtures.ANALYSIS, fixtures.RETURN} < set(folders)
    assert [a.year for a in analyses] == sorted((a.year for a in analyses), reverse=True)

    for prefix, lang in (("", "fr"), ("nl/", "nl")):
        listing = fixture_site.html(prefix + "analyses/").select("article h2")
        assert [h["id"] for h in listing] == folders
        # Titles as the page sets them (French typography, in the language of each heading).
        assert [title(h) for h in listing] == [typeset(a.field("title", lang), language_of(h)) for a, h in zip(analyses, listing)]

        home = fixture_site.html(prefix)
        latest = home.select_one(".latest-analysis a")
        assert latest.get_text(strip=True) == typeset(analyses[0].field("title", lang), language_of(latest))
        assert latest["href"].endswith(f"analyses/{analyses[0].folder}/")
        menu = [a["href"] for a in home.select("nav.md-nav--primary a[href]")]
        first = {folder: next(i for i, href in enumerate(menu) if f"analyses/{folder}/" in href)
                 for folder in (fixtures.ANALYSIS, fixtures.RETURN, fixtures.FOLLOWED)}
        assert first[fixtures.RETURN] < first[fixtures.FOLLOWED] and first[fixtures.ANALYSIS] < first[fixtures.FOLLOWED]

    presentation = fixture_site.html(f"analyses/{fixtures.RETURN}/")
    assert presentation.select_one("article h1")["id"] == fixtures.RETURN.split("-", 1)[1]
    follows = presentation.select_one(f'article a[href$="{fixtures.FOLLOWED}/"]')
    assert follows is not None and "La virtualisation des services sociaux" in follows.get_text()
    chapters = presentation.select("#chapitres + ol a")
    assert [a.get_text() for a in chapters] == ["Les services ont répondu"]
    followed = fixture_site.html(f"analyses/{fixtures.FOLLOWED}/")
    assert followed.select_one(f'article a[href$="{fixtures.RETURN}/"]') is not None


def test_a_missing_dutch_page_falls_back_to_french_with_a_dutch_notice(fixture_site):
    page = fixture_site.html(f"nl/{fixtures.FRENCH_ONLY_PAGE}/")
    assert page.html["lang"] == "nl"
    notice = page.select_one(".translation-notice")
    assert notice is not None
    text = " ".join(notice.get_text(" ", strip=True).split())
    ui = interface_strings(fixture_site.root / "docs", "nl")
    assert ui["fallback_title"] in text and " ".join(ui["fallback_text"].split()) in text
    french_text = page.select_one('div[lang="fr"]')
    assert french_text is not None and "heures de permanence" in french_text.get_text()
    assert page.select_one(".translation-note") is None  # not claimed as a translation

    translated = fixture_site.html(f"nl/analyses/{fixtures.ANALYSIS}/les-constats/")
    assert translated.select_one(".translation-notice") is None
    french = fixture_site.html(f"{fixtures.FRENCH_ONLY_PAGE}/")
    assert french.select_one(".translation-notice") is None


def test_bad_analysis_metadata_fails_the_build_with_file_and_field(site_copy):
    fixtures.add_return(site_copy)
    index = site_copy / f"docs/analyses/{fixtures.RETURN}/index.fr.md"
    index.write_text(index.read_text(encoding="utf-8").replace(f"follows: {fixtures.FOLLOWED}\n", ""), encoding="utf-8")
    process = build(site_copy, check=False)
    assert process.returncode != 0
    output = process.stdout + process.stderr
    assert f"{fixtures.RETURN}/index.fr.md" in output
    assert "follows" in output


def test_the_menu_shows_the_latest_analyses_and_the_page_own_the_list_page_all(site_copy):
    """Pages must not grow with the years: each menu holds five analyses at most, plus the
    page's own; the list page is where every year is."""
    for year in range(1990, 1996):  # older than anything published: the real ones stay the latest
        folder = site_copy / f"docs/analyses/{year}-annee-{year}"
        folder.mkdir()
        (folder / "index.fr.md").write_text(
            f"---\ntitle: Analyse {year}\nyear: {year}\nauthors: [Coordination sociale de Laeken]\n"
            "kind: analysis\nsummary: Un résumé.\n---\n\nUne introduction.\n",
            encoding="utf-8",
        )
        (folder / "chapitre.fr.md").write_text(
            "---\norder: 1\n---\n\n# Un chapitre { #un-chapitre }\n\nUn paragraphe.\n", encoding="utf-8"
        )
    site = build_site(site_copy)
    analyses = load_analyses(site_copy / "docs")
    folders = [a.folder for a in analyses]

    def menu(url_path, lang="fr"):
        """The analyses in a page's menu, in its order (collapsed ones show their label only)."""
        labels = {f"{a.year} · {a.field('title', lang)}": a.folder for a in analyses}
        items = site.html(url_path).select("nav.md-nav--primary a.md-nav__link, nav.md-nav--primary label.md-nav__link")
        texts = [item.get_text(" ", strip=True) for item in items]
        return list(dict.fromkeys(labels[text] for text in texts if text in labels))

    latest = folders[:5]
    assert menu("") == latest
    assert menu("nl/analyses/", "nl") == latest
    oldest = folders[-1]
    assert menu(f"analyses/{oldest}/chapitre/") == [*latest, oldest]
    assert folders[-2] not in menu(f"analyses/{oldest}/chapitre/")
    listed = [h["id"] for h in site.html("analyses/").select("article h2")]
    assert listed == folders
