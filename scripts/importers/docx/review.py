"""The review list: everything the conversion did or left out, one line each, in French."""

from __future__ import annotations

from importers.markdown import WIDTH, one_line


def n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def quote(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return f"« {text if len(text) <= limit else text[: limit - 1].rstrip() + '…'} »"


class Review:
    """The converter's part that writes the review list from what the other parts counted."""

    def changes(self) -> list[str]:
        lines: list[str] = []
        c = self.counts.get
        if self.headings:
            lines.append(
                f"{n(len(self.headings), 'titre repris', 'titres repris')}, chacun avec un identifiant : c'est l'adresse "
                "permanente de la section, à vérifier avant publication puis à ne plus changer."
            )
            for word_level, level, text, slug, sector in self.headings:
                name = "Titre (style « Titre »)" if word_level == 0 else f"Titre de niveau {word_level}"
                if level == 1:
                    lines.append(f"{name} {quote(text)} → titre du chapitre : # … {{ #{slug} }}")
                elif sector:
                    lines.append(
                        f"{name} {quote(text)} → {'#' * level} … {{ #{slug} data-sector=\"{sector}\" }} : "
                        f"section du secteur « {sector} » (docs/_data/sectors.yml), à vérifier"
                    )
                else:
                    lines.append(f"{name} {quote(text)} → {'#' * level} … {{ #{slug} }}")
            previous = 0
            for _, level, text, _, _ in self.headings:
                if previous and level > previous + 1:
                    lines.append(
                        f"Le titre {quote(text)} (niveau {level}) suit un titre de niveau {previous} : un niveau est sauté."
                    )
                previous = level
        else:
            lines.append(
                "Aucun titre trouvé : dans Word, appliquez les styles « Titre 1 », « Titre 2 »… aux titres "
                "(sinon le site ne peut pas les reconnaître)."
            )
        for text in self.bold_paragraphs[:5]:
            lines.append(
                f"Le paragraphe {quote(text)} est tout en gras : si c'est un titre, appliquez-lui un style "
                "« Titre » dans Word, ou écrivez-le « ## … » dans le Markdown."
            )
        if c("paragraph"):
            lines.append(
                f"{n(c('paragraph'), 'paragraphe repris', 'paragraphes repris')}, lignes coupées vers "
                f"{WIDTH} caractères (le texte n'est pas modifié)."
            )
        formats = [f"{label} ({c(key)})" for key, label in (("strong", "gras"), ("em", "italique")) if c(key)]
        if formats:
            lines.append("Mises en forme gardées : " + ", ".join(formats) + ".")
        kinds = [text for text in (
            c("ul") and n(c("ul"), "liste à puces", "listes à puces"),
            c("ol") and n(c("ol"), "liste numérotée", "listes numérotées") + " (le site recalcule les numéros)",
        ) if text]
        if kinds:
            lines.append("Reprises : " + " et ".join(kinds) + ", avec leurs sous-niveaux.")
        if c("quote"):
            lines.append(f"{n(c('quote'), 'citation reprise', 'citations reprises')} (style « Citation ») en bloc de citation (>).")
        for text, href in self.links:
            lines.append(f"Lien {quote(text)} → {href}")
        for text, href in self.unsafe_links:
            lines.append(
                f"Le lien {quote(text)} vers {quote(href, 40)} n'est pas repris (adresse refusée sur le site : "
                "seules http, https, mailto, ftp et tel sont acceptées) : gardé comme texte simple."
            )
        for text in self.lost_links:
            lines.append(
                f"Le lien interne {quote(text)} pointait vers un signet Word qui n'est pas un titre : gardé comme texte simple."
            )
        notes = c("footnote", 0) + c("endnote", 0)
        if notes:
            line = (
                f"{n(notes, 'note reprise', 'notes reprises')} en notes Markdown ([^1]"
                + (f" à [^{notes}]" if notes > 1 else "")
                + "), leur texte en fin de chapitre."
            )
            if c("endnote"):
                line += f" Dont {c('endnote')} note(s) de fin, numérotées avec les notes de bas de page."
            lines.append(line)
        lines.extend(self.image_lines)
        lines.extend(self.tables)
        if self.underlined:
            examples = ", ".join(quote(text, 30) for text in self.underlined[:3])
            lines.append(
                f"Soulignement retiré ({len(self.underlined)}, par ex. {examples}) : sur le web, un texte souligné "
                "passe pour un lien. Mettez en gras ou en italique si l'insistance compte."
            )
        if c("strike"):
            lines.append(f"Texte barré gardé tel quel ({c('strike')}) : est-ce voulu dans la version publiée ?")
        if c("break"):
            lines.append(
                f"{n(c('break'), 'retour à la ligne forcé', 'retours à la ligne forcés')} (Maj+Entrée) dans un paragraphe : "
                + ("gardé" if c("break") == 1 else "gardés") + " comme <br>."
            )
        if c("tab"):
            lines.append(f"{n(c('tab'), 'tabulation remplacée', 'tabulations remplacées')} par une espace.")
        if c("toc"):
            lines.append("Table des matières de Word retirée : le site affiche la sienne.")
        if c("subtitle"):
            lines.append("Le sous-titre (style « Sous-titre ») est gardé comme paragraphe ordinaire.")
        if c("checkbox"):
            lines.append(f"Cases à cocher remplacées par ☐ ou ☒ ({c('checkbox')}).")
        return lines
