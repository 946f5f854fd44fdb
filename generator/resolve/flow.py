"""The guide's question flow as a graph: parsed from its document, and every path walked.

Every state is a page whose path holds the answers so far (guide/<profession>/<origin>/<destination>/<mode>/), so
the guide works without JavaScript, with the back button, offline, and every state can be shared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from generator.load.documents import Document, JsonPath
from generator.model import paths
from generator.model.entities import Text

ROOT = "guide"
NEEDED = ("profession", "origin", "destination")


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
    kind: str  # roadmap or referral
    title: Text | None = None
    text: Text | None = None
    contacts: tuple[str, ...] = ()  # authority ids
    otherwise: str = ""  # a roadmap outcome: the referral shown when the route has no roadmap
    at: JsonPath = ()

    @classmethod
    def of(cls, raw: dict[str, Any], at: JsonPath) -> Outcome:
        contacts = tuple(raw.get("contacts", ()))
        return cls(raw["id"], raw["kind"], raw.get("title"), raw.get("text"), contacts, raw.get("otherwise", ""), at)


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
        elif node in self.outcomes and self.outcomes[node].otherwise:
            yield self.outcomes[node].otherwise, (*self.outcomes[node].at, "otherwise")


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
        outcomes.setdefault(raw["id"], Outcome.of(raw, ("outcomes", i)))
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
    return paths.roadmap_key(values["profession"], values["origin"], values["destination"])


def _end(flow: Flow, visit: Visit, roadmaps: set[str]) -> Visit:
    outcome = flow.outcomes[visit.node]
    if outcome.kind != "roadmap":
        return visit
    missing = tuple(k for k in NEEDED if k not in visit.values)
    if not missing and roadmap_key(visit.values) in roadmaps:
        return replace(visit, roadmap=roadmap_key(visit.values))
    return replace(visit, node=outcome.otherwise, via=outcome.id, missing=missing)


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
