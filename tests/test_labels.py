"""UI strings exist in every language, with the same placeholders."""

from __future__ import annotations

import re

from generator.render.language import Kit


def test_every_label_in_every_language(kit: Kit) -> None:
    table = kit.labels
    assert sorted(table) == ["de", "en", "fr", "nl"]
    keys = set(table["en"])
    for lang, strings in table.items():
        assert set(strings) == keys, (lang, sorted(set(strings) ^ keys))
        for key, text in strings.items():
            assert text.strip(), (lang, key)
            assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", table["en"][key])), (lang, key)
