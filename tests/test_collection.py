"""Fixture sites: a new analysis folder appears everywhere, and a missing Dutch page falls
back to French with a visible Dutch notice."""

from __future__ import annotations

import textwrap

from conftest import build, build_site

NEW = "docs/analyses/2021-retour-maraudes"


def add_return_analysis(root):
    folder = root / NEW
    folder.mkdir()
    (folder / "index.fr.md").write_text(
        textwrap.dedent(
            """\
            ---
            title: Retour sur les maraudes
            year: 2021
            authors: [Coordination sociale de Laeken]
            kind: return
            follows: 2020-virtualisation
            summary: Un retour détaillé sur les rencontres de 2020.
            themes: [savoir-de-terrain]
            ---

            Le texte d’ouverture du retour.
            """
        ),
        encoding="utf-8",
    )
    (folder / "index.nl.md").write_text(
        "---\ntitle: Terugblik op de rondes\nsummary: Een gedetailleerde terugblik.\n---\n\n"
        "De openingstekst van de terugblik.\n",
        encoding="utf-8",
    )
    (folder / "premier-chapitre.fr.md").write_text(
        "---\norder: 1\n---\n\n# Premier chapitre { #premier-chapitre }\n\nUn paragraphe.\n",
        encoding="utf-8",
    )


def test_a_new_analysis_folder_appears_everywhere_newest_first(site_copy):
    add_return_analysis(site_copy)
    site = build_site(site_copy)

    listing = site.html("analyses/")
    titles = [h.get_text(strip=True).rstrip("¶") for h in listing.select("article h2")]
    assert titles == ["Retour sur les maraudes", "La virtualisation des services sociaux"]
    assert [h["id"] for h in listing.select("article h2")] == ["2021-retour-maraudes", "2020-virtualisation"]

    dutch_listing = site.html("nl/analyses/")
    assert dutch_listing.select("article h2")[0].get_text(strip=True).rstrip("¶") == "Terugblik op de rondes"

    home = site.html("")
    latest = home.select_one(".latest-analysis a")
    assert latest.get_text(strip=True) == "Retour sur les maraudes"
    assert latest["href"].endswith("analyses/2021-retour-maraudes/")

    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary label, nav.md-nav--primary a")]
    first_new = next(i for i, text in enumerate(nav) if "Retour sur les maraudes" in text)
    first_old = next(i for i, text in enumerate(nav) if "La virtualisation des services sociaux" in text)
    assert first_new < first_old

    presentation = site.html("analyses/2021-retour-maraudes/")
    assert presentation.select_one("article h1")["id"] == "retour-maraudes"
    follows = presentation.select_one('article a[href$="2020-virtualisation/"]')
    assert follows is not None and "La virtualisation des services sociaux" in follows.get_text()
    chapters = presentation.select("#chapitres + ol a")
    assert [a.get_text() for a in chapters] == ["Premier chapitre"]

    followed = site.html("analyses/2020-virtualisation/")
    assert followed.select_one('article a[href$="2021-retour-maraudes/"]') is not None


def test_a_missing_dutch_page_falls_back_to_french_with_a_dutch_notice(site_copy):
    add_return_analysis(site_copy)  # its chapter exists in French only
    site = build_site(site_copy)
    page = site.html("nl/analyses/2021-retour-maraudes/premier-chapitre/")
    assert page.html["lang"] == "nl"
    notice = page.select_one(".translation-notice")
    assert notice is not None
    text = notice.get_text(" ", strip=True)
    assert "nog niet vertaald" in text and "Franse originele tekst" in text
    french_text = page.select_one('div[lang="fr"]')
    assert french_text is not None and "Un paragraphe." in french_text.get_text()
    assert page.select_one(".translation-note") is None  # not claimed as a translation

    translated = site.html("nl/analyses/2021-retour-maraudes/")
    assert translated.select_one(".translation-notice") is None
    french = site.html("analyses/2021-retour-maraudes/premier-chapitre/")
    assert french.select_one(".translation-notice") is None


def test_bad_analysis_metadata_fails_the_build_with_file_and_field(site_copy):
    add_return_analysis(site_copy)
    index = site_copy / NEW / "index.fr.md"
    index.write_text(index.read_text(encoding="utf-8").replace("follows: 2020-virtualisation\n", ""), encoding="utf-8")
    process = build(site_copy, check=False)
    assert process.returncode != 0
    output = process.stdout + process.stderr
    assert "2021-retour-maraudes/index.fr.md" in output
    assert "follows" in output


def test_the_menu_shows_the_latest_analyses_and_the_page_own_the_list_page_all(site_copy):
    """Pages must not grow with the years: each menu holds five analyses at most, plus the
    page's own; the list page is where every year is."""
    for year in range(2014, 2020):
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

    def menu_years(url_path):
        menu = site.html(url_path).select_one("nav.md-nav--primary")
        return [a.get_text(" ", strip=True)[:4] for a in menu.select("a.md-nav__link, label.md-nav__link")
                if a.get_text(strip=True)[:4].isdigit()]

    latest = ["2020", "2019", "2018", "2017", "2016"]
    assert list(dict.fromkeys(menu_years(""))) == latest
    assert list(dict.fromkeys(menu_years("nl/analyses/"))) == latest
    oldest_chapter = "analyses/2014-annee-2014/chapitre/"
    assert list(dict.fromkeys(menu_years(oldest_chapter))) == [*latest, "2014"]
    assert "2015" not in menu_years(oldest_chapter)
    listed = [h["id"] for h in site.html("analyses/").select("article h2")]
    assert listed == ["2020-virtualisation", *[f"{year}-annee-{year}" for year in range(2019, 2013, -1)]]
