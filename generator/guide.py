"""The guide: a question flow (roadmaps/guide/flow.yaml) checked as a graph and rendered as static pages.

Every state is a page whose path holds the answers so far (guide/<profession>/<origin>/<destination>/<mode>/), so
the guide works without JavaScript, with the back button, offline, and every state can be shared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator import catalogue_pages, schema
from generator.config import Settings
from generator.diagnostics import Diagnostic, error, has_errors
from generator.formatting import fold, page_link
from generator.load import Document, JsonPath, load_file
from generator.model import Authority, Project, Text
from generator.render import Language, Page, _render, cite
from generator.validate import Inputs, check_translations

FLOW_FILE = Path("guide/flow.yaml")  # inside roadmaps/
ROOT = "guide"
SCRIPT = "assets/guide-filter.js"
NEEDED = ("profession", "origin", "destination")


# ---- the flow as data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    id: str
    label: Text
    next: str
    set: dict[str, str] = field(default_factory=dict)
    place: str = ""
    at: JsonPath = ()


@dataclass(frozen=True)
class Question:
    id: str
    title: Text
    answers: tuple[Answer, ...]
    intro: Text | None = None
    professions: bool = False
    next: str = ""
    at: JsonPath = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str
    data: dict[str, Any]
    at: JsonPath = ()


@dataclass(frozen=True)
class Flow:
    doc: Document
    start: str
    places: dict[str, dict[str, Any]]
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]

    def pos(self, at: JsonPath) -> tuple[int, int]:
        return self.doc.pos(at)

    def answers(self, question: Question, professions: Sequence[tuple[str, Text]]) -> tuple[Answer, ...]:
        if question.professions:
            return tuple(Answer(pid, name, question.next, {"profession": pid}) for pid, name in professions)
        return question.answers

    def label(self, answer: Answer) -> Text:
        return answer.label or self.places.get(answer.place, {}).get("label", {})

    def edges(self, node: str) -> Iterator[tuple[str, JsonPath]]:
        """(target, where it is named) for every way out of a node."""
        if node in self.questions:
            question = self.questions[node]
            if question.professions:
                yield question.next, (*question.at, "next")
            for answer in question.answers:
                yield answer.next, (*answer.at, "next")
        elif node in self.outcomes and "otherwise" in self.outcomes[node].data:
            yield self.outcomes[node].data["otherwise"], (*self.outcomes[node].at, "otherwise")


def _answer(raw: dict[str, Any], at: JsonPath) -> Answer:
    return Answer(raw["id"], raw.get("label", {}), raw["next"], dict(raw.get("set", {})), raw.get("place", ""), at)


def _question(raw: dict[str, Any], at: JsonPath) -> Question:
    answers = tuple(_answer(a, (*at, "answers", j)) for j, a in enumerate(raw.get("answers", [])))
    return Question(
        raw["id"], raw["title"], answers, raw.get("intro"), bool(raw.get("professions")), raw.get("next", ""), at
    )


def parse(doc: Document) -> Flow:
    """The flow from a schema-valid document (first definition wins for duplicate ids)."""
    data = doc.data
    questions: dict[str, Question] = {}
    for i, raw in enumerate(data["questions"]):
        questions.setdefault(raw["id"], _question(raw, ("questions", i)))
    outcomes: dict[str, Outcome] = {}
    for i, raw in enumerate(data["outcomes"]):
        outcomes.setdefault(raw["id"], Outcome(raw["id"], raw["kind"], raw, ("outcomes", i)))
    return Flow(doc, data["start"], dict(data.get("places", {})), questions, outcomes)


# ---- walking every path ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    """One state of the guide: the answers given so far and the question or outcome they lead to."""

    segments: tuple[str, ...]
    node: str
    state: tuple[tuple[str, str], ...] = ()
    trail: tuple[tuple[str, Answer], ...] = ()  # (question id, answer) in the order given
    roadmap: str = ""  # for a roadmap outcome: the roadmap key
    via: str = ""  # the roadmap outcome that sent this path to a referral
    missing: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return "/".join((ROOT, *self.segments, "index.md"))

    @property
    def values(self) -> dict[str, str]:
        return dict(self.state)

    def after(self, question: Question, answer: Answer) -> Visit:
        state = {**self.values, **answer.set}
        return Visit(
            (*self.segments, answer.id), answer.next, tuple(state.items()), (*self.trail, (question.id, answer))
        )


def roadmap_key(values: dict[str, str]) -> str:
    return f"{values['profession']}/{values['origin'].lower()}-to-{values['destination'].lower()}"


def _end(flow: Flow, visit: Visit, roadmaps: set[str]) -> Visit:
    outcome = flow.outcomes[visit.node]
    if outcome.kind != "roadmap":
        return visit
    missing = tuple(k for k in NEEDED if k not in visit.values)
    if not missing and roadmap_key(visit.values) in roadmaps:
        return replace(visit, roadmap=roadmap_key(visit.values))
    return replace(visit, node=outcome.data["otherwise"], via=outcome.id, missing=missing)


def walk(
    flow: Flow, professions: Sequence[tuple[str, Text]], roadmaps: set[str], visit: Visit | None = None
) -> Iterator[Visit]:
    """Every state reachable from the start, parents before children (the flow must be acyclic)."""
    visit = visit or Visit((), flow.start)
    if visit.node in flow.outcomes:
        yield _end(flow, visit, roadmaps)
        return
    question = flow.questions[visit.node]
    yield visit
    for answer in flow.answers(question, professions):
        yield from walk(flow, professions, roadmaps, visit.after(question, answer))


# ---- checks ----------------------------------------------------------------------------------------------------


def _ids(flow: Flow) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for key in ("questions", "outcomes"):
        for i, raw in enumerate(flow.doc.data[key]):
            if raw["id"] in seen:
                at = (key, i, "id")
                yield error(flow.doc.path, flow.pos(at), "duplicate-id", f"id '{raw['id']}' is used twice in the flow")
            seen.add(raw["id"])
    for question in flow.questions.values():
        answers = [a.id for a in question.answers]
        for answer in question.answers:
            if answers.count(answer.id) > 1 and answers.index(answer.id) != answer.at[-1]:
                message = f"answer id '{answer.id}' is used twice in question '{question.id}'"
                yield error(flow.doc.path, flow.pos((*answer.at, "id")), "duplicate-id", message)


def _targets(flow: Flow) -> Iterator[Diagnostic]:
    nodes = set(flow.questions) | set(flow.outcomes)
    named = [(flow.start, ("start",), "the start")]
    for node in [*flow.questions, *flow.outcomes]:
        named += [(target, at, f"'{node}'") for target, at in flow.edges(node)]
    for target, at, owner in named:
        if target not in nodes:
            message = f"{owner} leads to '{target}', which is no question or outcome of the flow"
            yield error(flow.doc.path, flow.pos(at), "flow-unknown-target", message)
    for outcome in flow.outcomes.values():
        other = flow.outcomes.get(outcome.data.get("otherwise", ""))
        if other is not None and other.kind != "referral":
            at = (*outcome.at, "otherwise")
            message = f"'{outcome.id}' must fall back to a referral outcome, not to '{other.id}'"
            yield error(flow.doc.path, flow.pos(at), "flow-unknown-target", message)


def _references(flow: Flow, inputs: Inputs) -> Iterator[Diagnostic]:
    codes, authorities = inputs.ids("jurisdictions", "code"), inputs.ids("authorities")
    for question in flow.questions.values():
        for answer in question.answers:
            if answer.place and answer.place not in flow.places:
                message = f"answer '{answer.id}' names place '{answer.place}', which is not in `places`"
                yield error(flow.doc.path, flow.pos((*answer.at, "place")), "flow-unknown-target", message)
            for key in ("origin", "destination"):
                if key in answer.set and answer.set[key] not in codes:
                    message = f"{key} '{answer.set[key]}' is not in roadmaps/registry/jurisdictions.yaml"
                    yield error(flow.doc.path, flow.pos((*answer.at, "set", key)), "unknown-jurisdiction", message)
    for outcome in flow.outcomes.values():
        for i, ref in enumerate(outcome.data.get("contacts", [])):
            if ref not in authorities:
                message = f"outcome '{outcome.id}' names authority '{ref}', which is not in roadmaps/registry/authorities.yaml"
                yield error(flow.doc.path, flow.pos((*outcome.at, "contacts", i)), "unknown-authority", message)


def _reachable(flow: Flow) -> set[str]:
    seen, todo = set(), [flow.start]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += [target for target, _ in flow.edges(node)]
    return seen


def _unreachable(flow: Flow) -> Iterator[Diagnostic]:
    seen = _reachable(flow)
    for kind, nodes in (("question", flow.questions), ("outcome", flow.outcomes)):
        for node in nodes.values():
            if node.id not in seen:
                message = f"{kind} '{node.id}' cannot be reached from the start ('{flow.start}')"
                yield error(flow.doc.path, flow.pos((*node.at, "id")), "flow-unreachable", message)


def _cycles(flow: Flow, node: str, trail: tuple[str, ...] = ()) -> Iterator[Diagnostic]:
    for target, at in flow.edges(node):
        if target in trail or target == node:
            loop = " → ".join([*trail[trail.index(target) :], node, target] if target in trail else [node, target])
            message = f"'{node}' leads back to '{target}', which comes before it: {loop}"
            yield error(flow.doc.path, flow.pos(at), "flow-cycle", message)
        else:
            yield from _cycles(flow, target, (*trail, node))


def _paths(flow: Flow, inputs: Inputs, roadmaps: set[str]) -> Iterator[Diagnostic]:
    professions = [(pid, {}) for pid in sorted(inputs.ids("professions")) if isinstance(pid, str)]
    reached, reported = set(), set()
    for visit in walk(flow, professions, roadmaps):
        reached.add(visit.roadmap)
        if visit.missing and visit.via not in reported:
            reported.add(visit.via)
            at = (*flow.outcomes[visit.via].at, "id")
            message = (
                f"the path {'/'.join(visit.segments)} reaches roadmap outcome '{visit.via}' "
                f"without an answer that sets {', '.join(visit.missing)}"
            )
            yield error(flow.doc.path, flow.pos(at), "flow-dead-end", message)
    roadmap_outcome = next((o for o in flow.outcomes.values() if o.kind == "roadmap"), None)
    at = (*roadmap_outcome.at, "id") if roadmap_outcome else ("start",)
    for key in sorted(roadmaps - reached):
        message = f"roadmap {key} is reached by no path of the guide"
        yield error(flow.doc.path, flow.pos(at), "flow-roadmap-unreached", message)


def check_document(doc: Document, settings: Settings, inputs: Inputs) -> list[Diagnostic]:
    """Schema, translations, then the graph: targets, reachability, cycles, dead ends, every roadmap reached."""
    diagnostics = list(schema.check(doc, "flow.schema.json", settings.schemas_dir))
    diagnostics += check_translations(doc, settings.required_languages)
    if has_errors(diagnostics):
        return diagnostics
    flow = parse(doc)
    diagnostics += [*_ids(flow), *_targets(flow), *_references(flow, inputs)]
    if not has_errors(diagnostics):
        diagnostics += [*_unreachable(flow), *_cycles(flow, flow.start)]
    if not has_errors(diagnostics):
        diagnostics += _paths(flow, inputs, _roadmap_keys(inputs))
    return sorted(set(diagnostics))


def _roadmap_keys(inputs: Inputs) -> set[str]:
    from generator.validate import roadmap_key as key

    return {key(doc.data) for doc in inputs.roadmaps}


def check_file(path: Path, settings: Settings, inputs: Inputs) -> list[Diagnostic]:
    doc, diagnostics = load_file(path, settings.root)
    return diagnostics if doc is None else check_document(doc, settings, inputs)


def check(settings: Settings, inputs: Inputs) -> list[Diagnostic]:
    return check_file(settings.roadmaps_dir / FLOW_FILE, settings, inputs)


def load(settings: Settings) -> Flow:
    """The flow of a project that has passed `check`."""
    doc, _ = load_file(settings.roadmaps_dir / FLOW_FILE, settings.root)
    assert doc is not None
    return parse(doc)


# ---- pages -----------------------------------------------------------------------------------------------------


def professions_of(project: Project, lang: str) -> list[tuple[str, Text]]:
    return [(p.id, p.name) for p in project.professions.values()]


def titles(project: Project, lang: str, page: str) -> list[dict[str, Any]]:
    """Every name of every profession (official, synonym, former; all languages), A–Z, each a link."""
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for profession in project.professions.values():
        names = [{"title": n, "language": code, "kind": "name"} for code, n in profession.name.items()]
        for item in [*names, *profession.titles]:
            key = (fold(item["title"]), profession.id)
            if key not in entries or (entries[key]["former"] and item["kind"] != "former"):
                entries[key] = {
                    "title": item["title"],
                    "lang": item["language"],
                    "former": item["kind"] == "former",
                    "profession": profession.name[lang],
                    "href": page_link(page, f"{ROOT}/{profession.id}/index.md"),
                }
    for other in project.catalogue.values():  # no full roadmap: the answer ends on its catalogue page
        if other.id not in project.professions:  # its name only: the A–Z page has all its titles
            entries[(fold(other.name[lang]), other.id)] = {
                "title": other.name[lang],
                "lang": lang,
                "former": False,
                "profession": other.name[lang],
                "href": page_link(page, catalogue_pages.profession_path(other.id)),
            }
    return [entries[k] for k in sorted(entries)]


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
    markdown = _render(
        "guide-question.md.j2",
        title=question.title[lang.lang],
        intro=lang.t(question.intro) if question.intro else "",
        answers=answers,
        titles=titles(project, lang.lang, visit.path) if question.professions else [],
        az=page_link(visit.path, catalogue_pages.AZ),
        script=page_link(visit.path, SCRIPT),
        filter_count=escape(lang.labels["guide_filter_count"]),
        **_common(flow, visit, lang),
    )
    return Page(visit.path, markdown)


def _refs(*facts: dict[str, Any]) -> list[str]:
    refs: list[str] = []
    for fact in facts:
        value = fact.get("source", [])
        refs += [r for r in (value if isinstance(value, list) else [value]) if r not in refs]
    return refs


def outcome_page(flow: Flow, visit: Visit, project: Project, lang: Language) -> Page:
    roadmap = next(r for r in project.roadmaps if r.key == visit.roadmap)
    temporary = visit.values.get("mode") == "temporary"
    shown = [roadmap.data["summary"]]
    if temporary:
        shown += [roadmap.data["temporary"]["details"], roadmap.data["temporary"]["renewal"]]
    cited = _refs(*shown)
    numbers = {sid: i + 1 for i, sid in enumerate(roadmap.sources)}
    names = _names(flow, visit, lang.lang)
    markdown = _render(
        "guide-outcome.md.j2",
        r=roadmap,
        d=roadmap.data,
        title=lang.label("guide_result", profession=roadmap.profession.name[lang.lang], **names),
        subtitle=lang.label("subtitle", **names),
        temporary=temporary,
        cite=cite(roadmap.sources, lang),
        project=project,
        sources=[(numbers[s], roadmap.sources[s]) for s in sorted(cited, key=numbers.__getitem__)],
        roadmap_href=page_link(visit.path, f"roadmaps/{roadmap.key}.md"),
        gips_href=page_link(visit.path, "grensinfopunten.md"),
        **_common(flow, visit, lang),
    )
    return Page(visit.path, markdown)


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
    markdown = _render(
        "guide-referral.md.j2",
        title=outcome.data["title"][lang.lang],
        text=lang.t(outcome.data["text"]),
        subtitle=lang.label("subtitle", **names) if all(names.values()) else "",
        deciders=[(project.jurisdictions[code], a) for code, a in deciders(project, profession, destination).items()],
        gips=_nearby(project, profession, destination),
        contacts=[project.authorities[a] for a in outcome.data.get("contacts", [])],
        gips_href=page_link(visit.path, "grensinfopunten.md"),
        catalogue_href=page_link(visit.path, catalogue_pages.profession_path(profession)) if profession else "",
        catalogue_name=project.catalogue[profession].name[lang.lang] if profession else "",
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
            {"label": Markup(escape(lang.label("guide_every_profession"))), "next": question.next, "set": {}}
        ]
        nodes.append({"id": question.id, "title": lang.t(question.title), "answers": answers, "kind": "question"})
    markdown = _render(
        "guide-graph.md.j2",
        L=lang,
        flow=flow,
        nodes=nodes,
        counts=counts,
        start=flow.start,
        reached=sorted({v.roadmap for v in all_visits if v.roadmap}),
    )
    return Page(f"{ROOT}/graph.md", markdown)


def pages(flow: Flow, project: Project, lang: str) -> list[Page]:
    language = Language(lang, project)
    every = visits(flow, project)
    return [*(page_for(flow, v, project, language) for v in every), graph_page(flow, project, language, every)]
