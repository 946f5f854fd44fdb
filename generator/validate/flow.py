"""The guide's flow checked as a graph: ids, targets, references, reachability, cycles, dead ends, coverage."""

from __future__ import annotations

from collections.abc import Iterator

from generator.config import Settings
from generator.diagnostics import Diagnostic, error, has_errors
from generator.load.documents import Document, JsonPath
from generator.load.inputs import Inputs
from generator.model import paths
from generator.resolve.flow import Flow, parse, walk
from generator.validate import schema
from generator.validate.documents import check_translations


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
    named: list[tuple[str, JsonPath, str]] = [(flow.start, ("start",), "the start")]
    for node in [*flow.questions, *flow.outcomes]:
        named += [(target, at, f"'{node}'") for target, at in flow.edges(node)]
    for target, at, owner in named:
        if target not in nodes:
            message = f"{owner} leads to '{target}', which is no question or outcome of the flow"
            yield error(flow.doc.path, flow.pos(at), "flow-unknown-target", message)
    for outcome in flow.outcomes.values():
        other = flow.outcomes.get(outcome.otherwise)
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
        for i, ref in enumerate(outcome.contacts):
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
    professions: list[tuple[str, dict[str, str]]] = [(pid, {}) for pid in sorted(inputs.ids("professions"))]
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
    return {paths.roadmap_key(str(d.data.get("profession")), str(d.data.get("origin")), str(d.data.get("destination"))) for d in inputs.roadmaps}


def check(settings: Settings, inputs: Inputs) -> list[Diagnostic]:
    """The flow loaded with the inputs (a missing or unreadable file was reported when it was read)."""
    return [] if inputs.flow is None else check_document(inputs.flow, settings, inputs)
