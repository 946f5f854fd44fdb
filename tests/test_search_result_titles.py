"""Search result titles are HTML to the theme (it inserts them with innerHTML): the kind of page added to a shared
title is escaped like the title itself, so a label cannot add markup to the results. Fast: no build."""

from __future__ import annotations

from generator.output import search_titles

LABEL = '<img src=x onerror=alert(1)> "><script>alert(1)</script>'
SHOWN = "&lt;img src=x onerror=alert(1)&gt; &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_added_kind_is_escaped_and_adding_it_stays_idempotent() -> None:
    docs = [
        {"location": "catalogue/nurse/", "title": "Nurse &amp; carer"},
        {"location": "professions/nurse/", "title": "Nurse &amp; carer"},
        {"location": "professions/nurse/#costs", "title": "Costs"},
    ]
    kinds = {"catalogue": LABEL, "professions": "comparison"}
    once = search_titles.distinguish(docs, kinds)
    assert [d["title"] for d in once] == [f"Nurse &amp; carer — {SHOWN}", "Nurse &amp; carer — comparison", "Costs"]
    assert all("<" not in d["title"] for d in once)
    assert search_titles.distinguish(once, kinds) == once
