"""A roadmap names each authority in full (with its translation) once, then by its short name."""

from __future__ import annotations

from generator.build import make_kit
from generator.config import Settings
from generator.model.entities import Project
from generator.render import formatting as fmt
from generator.render.roadmap import roadmap_page


def test_full_name_and_translation_once_then_short_name(settings: Settings, real_project: Project) -> None:
    kit = make_kit(settings, 0)
    checked, short_mentions = 0, 0
    for roadmap in real_project.roadmaps:
        for lang in settings.languages:
            markdown = roadmap_page(roadmap, kit.language(lang, real_project), real_project).markdown
            for authority in {s.authority.id: s.authority for s in roadmap.steps}.values():
                if not authority.short or authority.short in authority.name:
                    continue
                if authority.name_language == lang or lang not in authority.translation:
                    continue
                full = fmt.md_escape(f"{authority.name} ({authority.short}) ({authority.translation[lang]})")
                assert markdown.count(str(full)) == 1, (roadmap.key, lang, authority.id)
                short_mentions += f">{fmt.md_escape(authority.short)}</abbr>" in markdown
                checked += 1
    assert checked > 50
    assert short_mentions > checked / 2
