"""Factsheets: every roadmap as a printable A4 PDF in every language, plus two-language sheets for advisers.

Plan the sheets → HTML (factsheet_html) → PDF (factsheet_pdf, cached in .build/pdf-cache/) → files that the build
writes into .build/docs/<lang>/factsheets/, so MkDocs publishes them with the site.

Two-language sheets: the client's language on the left, the language of the destination's authorities on the right,
for every official language of the origin (the client's) and of the destination (the adviser's and the forms') that
differ and that the site has. So NL → DE-NW gives nl+de, NL → BE-FR nl+fr, BE → NL fr+nl and de+nl, DE → NL de+nl,
and NL → BE-FL none (both sides speak Dutch).

Page limits: 3 A4 pages per language (a one-language sheet 3, a two-language sheet 6). They follow from the content: at
9.5pt, with every fact kept, the longest roadmaps (nurse and physiotherapist NL → BE-*) fill about 2.5 pages, which
leaves half a page per language for new sections. The limit stays a gate (factsheet-too-long), so no sheet grows past
it without notice.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import LANGUAGE_NAMES, Settings
from generator.model import paths
from generator.model.entities import Project, Roadmap
from generator.render import factsheet as factsheet_html
from generator.render.language import Kit, Language, Page

FOLDER = "factsheets"
INDEX = f"{FOLDER}/index.md"  # the download page of each language, beside its PDFs
PAGES_PER_LANGUAGE = 3  # see the module docstring: decided from the longest sheets at 9.5pt


@dataclass(frozen=True)
class Sheet:
    roadmap: Roadmap
    langs: tuple[str, ...]  # one language, or (client, adviser)

    @property
    def name(self) -> str:
        """Unique among all sheets, e.g. physiotherapist-nl-to-de-nw.nl or physiotherapist-nl-to-de-nw.nl-de."""
        return f"{self.roadmap.key.replace('/', '-')}.{'-'.join(self.langs)}"

    @property
    def pdf(self) -> str:
        """The file name; in a language's folder, a one-language sheet needs no language in its name."""
        return f"{self.roadmap.key.replace('/', '-') if len(self.langs) == 1 else self.name}.pdf"

    @property
    def file(self) -> str:
        """Path inside docs/<lang>/ (and so inside site/<lang>/)."""
        return f"{FOLDER}/{self.pdf}"

    @property
    def max_pages(self) -> int:
        return PAGES_PER_LANGUAGE * len(self.langs)


def pairs(roadmap: Roadmap, languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(client, adviser) language pairs that make sense for this route; see the module docstring."""
    return [
        (client, adviser)
        for client in roadmap.origin.official_languages
        for adviser in roadmap.destination.official_languages
        if client != adviser and client in languages and adviser in languages
    ]


def plan(project: Project, settings: Settings) -> list[Sheet]:
    sheets = [Sheet(r, (lang,)) for r in project.roadmaps for lang in settings.languages]
    return sheets + [Sheet(r, pair) for r in project.roadmaps for pair in pairs(r, settings.languages)]


def pair_links(roadmap: Roadmap, L: Language) -> list[tuple[str, str]]:
    """(link text, file name) of this roadmap's two-language sheets that this language's site carries."""
    return [
        (L.label("fs_pair_link", left=LANGUAGE_NAMES[pair[0]], right=LANGUAGE_NAMES[pair[1]]), Sheet(roadmap, pair).pdf)
        for pair in pairs(roadmap, L.kit.settings.languages)
        if L.lang in pair
    ]


def page_url(settings: Settings, roadmap: Roadmap, lang: str) -> str:
    """The live page of a roadmap in one language: what the QR code and the printed link lead to."""
    return f"{settings.site_url}/{lang}/{paths.roadmap_url(roadmap.key)}" if settings.site_url else ""


def index_page(project: Project, L: Language) -> Page:
    """factsheets/index.md: every sheet this language's site carries, with download links."""
    sheets, lang = plan(project, L.kit.settings), L.lang
    return Page(
        INDEX,
        L.render(
            "factsheets.md.j2",
            project=project,
            L=L,
            sheets=[s for s in sheets if s.langs == (lang,)],
            pairs=[s for s in sheets if len(s.langs) > 1 and lang in s.langs],
            names=LANGUAGE_NAMES,
        ),
    )


def html(sheet: Sheet, project: Project, kit: Kit, epoch: str) -> str:
    """The HTML of one sheet."""
    built = factsheet_html.build_date(epoch)
    sides = [
        factsheet_html.side(
            sheet.roadmap, project, kit.language(lang, project), page_url(kit.settings, sheet.roadmap, lang), built
        )
        for lang in sheet.langs
    ]
    return factsheet_html.document(sheet.roadmap, project, sides, built, epoch, kit)
