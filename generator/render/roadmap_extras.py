"""What issue #7 adds to every roadmap page: the cost breakdown, the timeline picture and the JSON-LD front matter.

Kept apart from render.py, which only merges `context()` into the roadmap template's variables.
"""

from __future__ import annotations

from typing import Any

from generator.model.entities import Roadmap
from generator.render import costs, seo, timeline
from generator.render.language import Language


def context(roadmap: Roadmap, lang: Language, title: str) -> dict[str, Any]:
    return {
        "ct": costs.cost_time(roadmap),
        "cost_words": costs.money_words,
        "time_words": costs.time_words,
        "timeline": timeline.svg(roadmap, lang),
        "jsonld": seo.roadmap_jsonld(roadmap, lang, title),
    }
