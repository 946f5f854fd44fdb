"""The printable "What to prepare" checklist per roadmap and language, and its mailto link."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.build import make_kit
from generator.config import Settings
from generator.model import paths
from generator.model.entities import Project
from generator.render import checklist
from generator.render.language import Kit


@pytest.fixture(scope="module")
def kit(settings: Settings) -> Kit:
    return make_kit(settings, 0)


def test_mailto_has_no_recipient_and_round_trips_any_text() -> None:
    body = 'Stap 1: a & b = c?\r\n[ ] Diploma (kopie) #1 %20 <x> "q" ü →\r\nbcc: someone@example.org'
    link = checklist.mailto("Wat u klaarlegt: a → b", body)
    assert link.startswith("mailto:?subject=")  # no address: the reader's own mail program chooses
    assert not re.search(r"[\s()<>\"#\[\]]", link)  # nothing that could end the Markdown link or the URL early
    parts = urlsplit(link)
    assert parts.path == "" and set(parse_qs(parts.query)) == {"subject", "body"}
    query = dict(p.split("=", 1) for p in parts.query.split("&"))  # exactly two parameters: no injected header
    assert unquote(query["body"]) == body
    assert unquote(query["subject"]) == "Wat u klaarlegt: a → b"


def test_checklist_page_lists_documents_as_tick_boxes(kit: Kit, real_project: Project) -> None:
    roadmap = next(r for r in real_project.roadmaps if r.key == "physiotherapist/nl-to-de-nw")
    L = kit.language("en", real_project)
    page = checklist.checklist_page(roadmap, L)
    assert page.path == paths.checklist_page(roadmap.key) == "checklists/physiotherapist/nl-to-de-nw.md"
    boxes = [line for line in page.markdown.splitlines() if line.startswith("- [ ] ")]
    documents = sum(len(s.documents) for s in roadmap.steps)
    assert len(boxes) == documents + len(roadmap.costs) + 1  # + the language proof
    for step in roadmap.steps:
        assert f"## Step {step.number}: " in page.markdown
        assert f"**Fee:** {checklist.amount_text(L, step.fee)}" in page.markdown.replace("\\", "")
    assert "](../../roadmaps/physiotherapist/nl-to-de-nw.md)" in page.markdown
    assert "<script" not in page.markdown


def test_mail_body_holds_the_same_list(kit: Kit, real_project: Project) -> None:
    roadmap = next(r for r in real_project.roadmaps if r.key == "nurse/be-to-nl")
    L = kit.language("nl", real_project)
    page = checklist.checklist_page(roadmap, L)
    link = re.search(r"\((mailto:[^)]*)\)", page.markdown)
    assert link is not None
    body = unquote(dict(p.split("=", 1) for p in urlsplit(link.group(1)).query.split("&"))["body"])
    for step in roadmap.steps:
        for doc in step.documents:
            assert f"[ ] {' '.join(doc.text['nl'].split())}" in body
    assert "https://grensroutes.example.org/nl/roadmaps/nurse/be-to-nl/" in body
    assert body.count("\r\n") > 5 and "\n" not in body.replace("\r\n", "")


def test_inferred_fee_reads_probably_on_the_checklist(kit: Kit, real_project: Project) -> None:
    roadmap = next(r for r in real_project.roadmaps if r.key == "physiotherapist/nl-to-be-fr")
    page = checklist.checklist_page(roadmap, kit.language("en", real_project))
    assert "**Fee:** probably free — ask FOD Volksgezondheid" in page.markdown


def test_every_roadmap_and_language_has_a_checklist_linked_from_its_page(kit: Kit, real_project: Project) -> None:
    from generator.render.roadmap import roadmap_page

    for lang in ("nl", "de", "fr", "en"):
        L = kit.language(lang, real_project)
        pages = checklist.pages(real_project, L)
        assert len(pages) == len(real_project.roadmaps)
        roadmap = real_project.roadmaps[0]
        markdown = roadmap_page(roadmap, L, real_project).markdown
        assert f"](../../checklists/{roadmap.key}.md)" in markdown
