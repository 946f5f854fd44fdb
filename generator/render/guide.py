"""The guide's pages: one static page per state of the question flow, plus an outline of the flow for maintainers."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from generator.model import paths
from generator.model.entities import Authority, Project, Text
from generator.model.facts import Cited
from generator.render import catalogue as catalogue_pages
from generator.render import grammar, guide_index, guide_titles, related
from generator.render import titles as every_title
from generator.render.formatting import md_escape, page_link
from generator.render.language import Language, Page, cite
from generator.resolve.flow import ROOT, Flow, Visit, walk

SCRIPT = "assets/guide-filter.js"


def professions_of(project: Project, lang: str) -> list[tuple[str, Text]]:
    return [(p.id, p.name) for p in project.professions.values()]


def _trail(flow: Flow, visit: Visit, lang: Language) -> list[dict[str, Any]]:
    rows = []
    for depth, (qid, answer) in enumerate(visit.trail):
        asked = "/".join((ROOT, *visit.segments[:depth], "index.md"))
        rows.append(
            {
                "question": lang.t(flow.questions[qid].title),
                "answer": lang.t(flow.label(answer)),
                "href": page_link(visit.path, asked),
            }
        )
    return rows


def _names(flow: Flow, visit: Visit, lang: str) -> dict[str, str]:
    """What the person answered for origin and destination, in their words (e.g. 'Brussels' → Flemish Community)."""
    names = {"origin": "", "destination": ""}
    for _, answer in visit.trail:
        names |= {key: flow.label(answer)[lang] for key in answer.set if key in names}
    return names


def _common(flow: Flow, visit: Visit, lang: Language) -> dict[str, Any]:
    return {
        "L": lang,
        "trail": _trail(flow, visit, lang),
        "restart": page_link(visit.path, f"{ROOT}/index.md"),
        "graph": page_link(visit.path, f"{ROOT}/graph.md"),
    }


def question_page(flow: Flow, visit: Visit, project: Project, lang: Language) -> Page:
    question = flow.questions[visit.node]
    answers = []
    for answer in flow.answers(question, professions_of(project, lang.lang)):
        place = flow.places.get(answer.place, {})
        answers.append(
            {
                "label": lang.t(flow.label(answer)),
                "href": page_link(visit.path, "/".join((ROOT, *visit.segments, answer.id, "index.md"))),
                "towns": ", ".join(place.get("towns", [])),
                "hint": lang.t(place["hint"]) if "hint" in place else "",
            }
        )
    listed = every_title.entries(project, lang, visit.path) if question.professions else []
    markdown = lang.render(
        "guide-question.md.j2",
        title=question.title[lang.lang],
        intro=lang.t(question.intro) if question.intro else "",
        answers=answers,
        titles=listed,
        letters=guide_index.letters(guide_index.parts_of(listed), visit.path),
        az=page_link(visit.path, catalogue_pages.AZ),
        script=page_link(visit.path, SCRIPT),
        titles_script=guide_titles.FILE,
        filter_counts={
            category: escape(text) for category, text in grammar.plural_forms(lang.labels, "guide_filter_count").items()
        },
        **_common(flow, visit, lang),
    )
    return Page(visit.path, markdown)


def _refs(*facts: Cited) -> list[str]:
    refs: list[str] = []
    for fact in facts:
        refs += [r for r in fact.source if r not in refs]
    return refs


def outcome_page(flow: Flow, visit: Visit, project: Project, lang: Language) -> Page:
    roadmap = next(r for r in project.roadmaps if r.key == visit.roadmap)
    temporary = visit.values.get("mode") == "temporary"
    shown = [roadmap.summary]
    if temporary:
        shown += [roadmap.temporary.details, roadmap.temporary.renewal]
    cited = _refs(*shown)
    numbers = {sid: i + 1 for i, sid in enumerate(roadmap.sources)}
    names = _names(flow, visit, lang.lang)
    markdown = lang.render(
        "guide-outcome.md.j2",
        r=roadmap,
        title=lang.label("guide_result", **grammar.route_names(roadmap, lang.lang)),
        subtitle=lang.label("subtitle", **names),
        temporary=temporary,
        cite=cite(roadmap.sources, lang),
        project=project,
        sources=[
            (numbers[s], roadmap.sources[s])
            for s in sorted((s for s in cited if s in numbers), key=numbers.__getitem__)
        ],
        roadmap_href=page_link(visit.path, paths.roadmap_page(roadmap.key)),
        checklist_href=page_link(visit.path, paths.checklist_page(roadmap.key)),
        gips_href=page_link(visit.path, "grensinfopunten.md"),
        done_as=_done_as(project, roadmap.profession.id, roadmap.destination.code, visit.path, lang),
        **_common(flow, visit, lang),
    )
    return Page(visit.path, markdown)


def _done_as(project: Project, profession: str, destination: str, page: str, lang: Language) -> Markup | None:
    """Where the catalogue names nobody for this profession in the destination: the related profession that does
    the work there, linked, and who decides (the catalogue's row says the same)."""
    if profession not in project.catalogue or destination not in project.jurisdictions:
        return None
    jurisdiction = project.jurisdictions[destination]
    return related.in_destination(lang, project.catalogue[profession], project, jurisdiction, page)


def deciders(project: Project, profession: str, destination: str) -> dict[str, list[Authority]]:
    """Who decides where: the authorities in the destination's country named by the roadmaps there."""
    found: dict[str, list[Authority]] = {}
    for roadmap in project.roadmaps:
        if roadmap.profession.id != profession or destination not in ("", roadmap.destination.code):
            continue
        for step in roadmap.steps:
            authority = step.authority
            if authority.jurisdiction.country == roadmap.destination.country:
                bucket = found.setdefault(roadmap.destination.code, [])
                bucket += [authority] if authority not in bucket else []
    return found


def _nearby(project: Project, profession: str, destination: str) -> list[Any]:
    gips = [
        g
        for r in project.roadmaps
        if r.profession.id == profession and r.destination.code == destination
        for g in r.grensinfopunten
    ]
    return list({g.id: g for g in gips}.values()) or list(project.grensinfopunten.values())


def referral_page(flow: Flow, visit: Visit, project: Project, lang: Language) -> Page:
    outcome, values = flow.outcomes[visit.node], visit.values
    profession, destination = values.get("profession", ""), values.get("destination", "")
    names = _names(flow, visit, lang.lang)
    markdown = lang.render(
        "guide-referral.md.j2",
        title=(outcome.title or {}).get(lang.lang, ""),
        text=lang.t(outcome.text),
        subtitle=lang.label("subtitle", **names) if all(names.values()) else "",
        deciders=[(project.jurisdictions[code], a) for code, a in deciders(project, profession, destination).items()],
        gips=_nearby(project, profession, destination),
        contacts=[project.authorities[a] for a in outcome.contacts],
        gips_href=page_link(visit.path, "grensinfopunten.md"),
        catalogue_href=page_link(visit.path, catalogue_pages.profession_path(profession)) if profession else "",
        catalogue_name=project.catalogue[profession].name[lang.lang] if profession else "",
        done_as=_done_as(project, profession, destination, visit.path, lang),
        **_common(flow, visit, lang),
    )
    return Page(visit.path, markdown)


def visits(flow: Flow, project: Project) -> list[Visit]:
    roadmaps = {r.key for r in project.roadmaps}
    return list(walk(flow, professions_of(project, ""), roadmaps))


def page_for(flow: Flow, visit: Visit, project: Project, lang: Language) -> Page:
    if visit.node in flow.questions:
        return question_page(flow, visit, project, lang)
    if visit.roadmap:
        return outcome_page(flow, visit, project, lang)
    return referral_page(flow, visit, project, lang)


def titles_scripts(flow: Flow, project: Project, lang: Language, every: list[Visit]) -> list[Page]:
    """For each question about the profession: the script with every title, which its filter loads on demand."""
    asked = [v for v in every if v.node in flow.questions and flow.questions[v.node].professions]
    return [guide_titles.page(every_title.entries(project, lang, v.path), lang, v.path) for v in asked]


def graph_page(flow: Flow, project: Project, lang: Language, all_visits: list[Visit]) -> Page:
    """For maintainers: the flow as an outline generated from the data, and how many pages it makes."""
    counts = {
        "questions": sum(v.node in flow.questions for v in all_visits),
        "roadmaps": sum(bool(v.roadmap) for v in all_visits),
        "referrals": sum(v.node in flow.outcomes and not v.roadmap for v in all_visits),
    }
    nodes = []
    for question in flow.questions.values():
        answers = [{"label": lang.t(flow.label(a)), "next": a.next, "set": a.set} for a in question.answers] or [
            {"label": md_escape(lang.label("guide_every_profession")), "next": question.next, "set": {}}
        ]
        nodes.append({"id": question.id, "title": lang.t(question.title), "answers": answers, "kind": "question"})
    markdown = lang.render(
        "guide-graph.md.j2",
        L=lang,
        flow=flow,
        nodes=nodes,
        counts=counts,
        start=flow.start,
        reached=sorted({v.roadmap for v in all_visits if v.roadmap}),
    )
    return Page(f"{ROOT}/graph.md", markdown)


def pages(flow: Flow, project: Project, language: Language) -> list[Page]:
    every = visits(flow, project)
    index = guide_index.pages(lambda page: every_title.entries(project, language, page), language, f"{ROOT}/index.md")
    return [
        *(page_for(flow, v, project, language) for v in every),
        *titles_scripts(flow, project, language, every),
        *index,
        graph_page(flow, project, language, every),
    ]
