"""Fixture content written into a copy of the site, as a coordinator would add it.

Behaviour is tested on these (a second, complete analysis; a detailed return in French only;
a French-only page; a Dutch page out of date), never on whatever `docs/` holds today. Some
titles hold `: ? « »`, typed with ordinary spaces: pages show them set the French way. The
same content is what next year's publication looks like: tests/test_next_year.py adds it to
a copy of the repository and runs the content tests there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ANALYSIS = "2021-logement"  # a complete analysis, French and Dutch
RETURN = "2021-retour-virtualisation"  # a detailed return on 2020, in French only
FOLLOWED = "2020-virtualisation"
PARTLY_TRANSLATED = "2021-retour-maraudes"  # a return whose presentation only is translated
FRENCH_ONLY_PAGE = "analyses/2021-retour-virtualisation/les-services-ont-repondu"
ANALYSIS_SECTORS = ("service-social", "maison-de-jeunes")
ANALYSIS_THEMES = ("non-recours", "savoir-de-terrain")
ANALYSIS_CHAPTERS = ("les-constats", "les-reponses")
EASY_READ = f"analyses/{ANALYSIS}/facile"  # its easy-read page, in French and Dutch


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def add_analysis(root: Path) -> None:
    """A complete analysis, French and Dutch: presentation, two chapters, sector sections."""
    folder = root / "docs" / "analyses" / ANALYSIS
    write(folder / "index.fr.md", """
        ---
        title: "Se loger à Laeken : une recherche sans fin ?"
        year: 2021
        published: 2021-12
        authors:
          - Coordination sociale de Laeken
        kind: analysis
        summary: >-
          Les services de Laeken voient les familles chercher un logement pendant des mois,
          et le travail social suivre ces recherches.
        themes: [non-recours, savoir-de-terrain]
        ---

        Chercher un logement occupe désormais une grande partie des rendez-vous.

        Ce texte rassemble ce que les services ont vu pendant l’année.
        """)
    write(folder / "index.nl.md", """
        ---
        title: "Wonen in Laken: een eindeloze zoektocht?"
        summary: >-
          De diensten van Laken zien gezinnen maandenlang een woning zoeken, en het sociaal
          werk die zoektocht volgen.
        ---

        Een woning zoeken neemt voortaan een groot deel van de afspraken in.

        Deze tekst brengt samen wat de diensten dit jaar hebben gezien.
        """)
    write(folder / "les-constats.fr.md", """
        ---
        order: 1
        themes: [non-recours]
        ---

        # Les constats : « logement » d’abord { #les-constats }

        ## A) Service social { #service-social data-sector="service-social" }

        Au service social, les demandes de logement arrivent chaque semaine.

        Les familles attendent une réponse du CPAS pendant des mois.

        ## B) Maison de jeunes { #maison-de-jeunes data-sector="maison-de-jeunes" }

        À la maison de jeunes, les adolescents parlent de leur chambre partagée.
        """)
    write(folder / "les-constats.nl.md", """
        ---
        order: 1
        ---

        # De vaststellingen: eerst „huisvesting” { #les-constats }

        ## A) Sociale dienst { #service-social data-sector="service-social" }

        Bij de sociale dienst komen er elke week vragen over huisvesting binnen.

        De gezinnen wachten maandenlang op een antwoord van het OCMW.

        ## B) Jeugdhuis { #maison-de-jeunes data-sector="maison-de-jeunes" }

        In het jeugdhuis praten de jongeren over hun gedeelde kamer.
        """)
    write(folder / "les-reponses.fr.md", """
        ---
        order: 2
        themes: [fracture-numerique]
        ---

        # Les réponses { #les-reponses }

        Les services se passent les adresses des propriétaires qui acceptent de louer.

        ## Ce qui manque { #ce-qui-manque }

        Il manque surtout du temps pour accompagner chaque visite.

        ## C) EPN { #epn data-sector="epn" }

        Dans les EPN du quartier, les animateurs aident les familles à chercher un logement en
        ligne. Ils remplissent avec elles les formulaires des agences et des sociétés de logement
        social ([voir le glossaire](../../glossaire.md)). Certaines familles reviennent chaque
        semaine, parce que les annonces disparaissent en quelques heures et qu’il faut écrire
        vite, avant les autres candidats. Les animateurs voient aussi des propriétaires qui ne
        répondent qu’aux lettres sans faute, et ils relisent alors ces lettres avec les familles,
        phrase par phrase, pendant de longues heures.

        Un second paragraphe, qui n’est pas cité.
        """)
    write(folder / "les-reponses.nl.md", """
        ---
        order: 2
        ---

        # De antwoorden { #les-reponses }

        De diensten geven elkaar de adressen door van eigenaars die willen verhuren.

        ## Wat ontbreekt { #ce-qui-manque }

        Het ontbreekt vooral aan tijd om elk bezoek te begeleiden.

        ## C) EPN { #epn data-sector="epn" }

        In de EPN's van de wijk helpen de begeleiders gezinnen om online een woning te zoeken.
        Ze vullen samen met hen de formulieren in van de agentschappen en de sociale
        huisvestingsmaatschappijen ([zie de woordenlijst](../../glossaire.md)). Sommige gezinnen
        komen elke week terug, omdat de advertenties binnen enkele uren verdwijnen en men snel
        moet schrijven, voor de andere kandidaten. De begeleiders zien ook eigenaars die alleen
        op foutloze brieven antwoorden, en dan lezen ze die brieven samen met de gezinnen na,
        zin per zin, urenlang.

        Een tweede alinea, die niet geciteerd wordt.
        """)
    add_easy_read(root)


def add_easy_read(root: Path) -> None:
    """The analysis's easy-read page, written in each language (not a translation)."""
    folder = root / "docs" / "analyses" / ANALYSIS
    write(folder / "facile.fr.md", """
        # Facile à lire : chercher un logement { #facile-a-lire }

        ## Ce que nous avons vu { #ce-que-nous-avons-vu }

        Beaucoup de familles cherchent un logement.
        Elles cherchent pendant des mois.
        Le CPAS (centre public d’action sociale) les aide.

        ## Ce que nous pensons { #ce-que-nous-pensons }

        Il faut plus de temps pour aider les familles.
        """)
    write(folder / "facile.nl.md", """
        # Makkelijk lezen: een woning zoeken { #facile-a-lire }

        ## Wat hebben we gezien? { #ce-que-nous-avons-vu }

        Veel gezinnen zoeken een huis.
        Ze zoeken maanden lang.
        Het OCMW (openbaar centrum voor maatschappelijk welzijn) helpt hen.

        ## Wat denken we? { #ce-que-nous-pensons }

        We hebben meer tijd nodig om gezinnen te helpen.
        """)


def add_return(root: Path) -> None:
    """A detailed return on the 2020 analysis, written in French and not translated yet."""
    folder = root / "docs" / "analyses" / RETURN
    write(folder / "index.fr.md", f"""
        ---
        title: "Retour sur la virtualisation : un an après"
        year: 2021
        published: 2021-06
        authors:
          - Coordination sociale de Laeken
        kind: return
        follows: {FOLLOWED}
        summary: Un an après, les services reviennent sur la virtualisation.
        themes: [virtualisation]
        ---

        Un an après, la Coordination sociale de Laeken a revu les services rencontrés.
        """)
    write(root / "docs" / f"{FRENCH_ONLY_PAGE}.fr.md", """
        ---
        order: 1
        themes: [fracture-numerique]
        ---

        # Les services ont répondu { #les-services-ont-repondu }

        ## A) EPN { #epn data-sector="epn" }

        Les animateurs des EPN ont ouvert des heures de permanence pour les formulaires.
        """)


def add_partly_translated_return(root: Path) -> None:
    """A detailed return whose presentation is translated and whose chapter is not yet."""
    folder = root / "docs" / "analyses" / PARTLY_TRANSLATED
    write(folder / "index.fr.md", f"""
        ---
        title: Retour sur les maraudes
        year: 2021
        authors: [Coordination sociale de Laeken]
        kind: return
        follows: {FOLLOWED}
        summary: Un retour détaillé sur les rencontres de 2020.
        themes: [savoir-de-terrain]
        ---

        Le texte d’ouverture du retour.
        """)
    write(folder / "index.nl.md", """
        ---
        title: Terugkoppeling over de maraudes
        summary: Een gedetailleerde terugkoppeling.
        ---

        De openingstekst van de terugkoppeling.
        """)
    write(folder / "premier-chapitre.fr.md", """
        ---
        order: 1
        ---

        # Premier chapitre { #premier-chapitre }

        Un paragraphe.
        """)


def add_next_year(root: Path) -> None:
    """Next year's publication: a complete analysis and a French-only return on 2020."""
    add_analysis(root)
    add_return(root)


def make_dutch_outdated(root: Path, page: str = f"analyses/{ANALYSIS}/les-reponses") -> None:
    """Change the French original of a translated page after its translation was marked."""
    french = root / "docs" / f"{page}.fr.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase ajoutée après la traduction.\n",
                      encoding="utf-8")


def tool(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the coordinators' tool (scripts/analyses.py) of a copy, as a coordinator would."""
    return subprocess.run([sys.executable, "scripts/analyses.py", *args], cwd=root, capture_output=True, text=True)


def mark_translations(root: Path) -> None:
    """Mark every Dutch page of the fixture analysis up to date, as the translator would."""
    folder = root / "docs" / "analyses" / ANALYSIS
    for dutch in sorted(folder.glob("*.nl.md")):
        if dutch.name.startswith("facile."):
            continue  # written in Dutch, not translated: nothing to mark
        process = tool(root, "translations", "--mark", f"analyses/{ANALYSIS}/{dutch.name.removesuffix('.nl.md')}")
        assert process.returncode == 0, process.stdout + process.stderr


def record_addresses(root: Path) -> None:
    """Record the new published addresses the way `publish` does: a strict build writes the
    manifest of every address, then laeken.permalinks.record_new adds the new ones to
    docs/_data/permalinks.yml (publish also makes the PDFs, which the record does not need)."""
    from conftest import build
    from laeken.permalinks import record_new, write_record

    manifest = root / "permalinks-manifest.json"
    build(root, env={"PERMALINKS_MANIFEST": str(manifest), "SITE_DRAFTS": "false"})
    text, _ = record_new(root, json.loads(manifest.read_text(encoding="utf-8")))
    if text:
        write_record(root, text)
    manifest.unlink()


def publish_next_year(root: Path) -> None:
    """Add next year's content to a copy, mark its translations, record its addresses."""
    add_next_year(root)
    mark_translations(root)
    record_addresses(root)
