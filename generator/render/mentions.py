"""An authority's full name once per page, its short name after that.

A roadmap names the same authority in many places (the overview, each step, costs, language, contacts, "ask …"
for every unknown fact); written out in full with its translation each time, a long German or French name filled
several lines of a phone's screen up to eight times. The first mention on the page gives the full name, the short
name and the translation; later mentions give the short name, with the full name as its `<abbr>` title.
Templates render top to bottom, so "first" is the first in reading order.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.model.entities import Authority
from generator.render import formatting as fmt
from generator.render.language import Language


class OncePerPage(Language):
    """`Language` for one page: `authority` (and the "ask …" of unknown facts) names each authority in full once."""

    def __init__(self, lang: Language) -> None:
        super().__init__(lang.lang, lang.project, lang.kit)
        self._named: set[str] = set()

    def _again(self, authority: Authority) -> Markup | None:
        """The later mention, or None if this is the first."""
        if authority.id not in self._named:
            self._named.add(authority.id)
            return None
        if not authority.short or authority.short == authority.name:
            return fmt.md_escape(authority.name)
        return Markup(f'<abbr title="{escape(authority.name)}">{fmt.md_escape(authority.short)}</abbr>')

    def authority(self, authority: Authority, translate: bool = True) -> Markup:
        again = self._again(authority)
        return super().authority(authority, translate) if again is None else again

    def ask_authority(self, authority_id: str) -> Markup:
        again = self._again(self.project.authorities[authority_id])
        if again is None:
            return super().ask_authority(authority_id)
        before, after = self.label("ask", who="\0").split("\0")  # md_escape trims: keep the spaces around
        return Markup(
            f"{fmt.md_escape(self.label('not_known'))} {fmt.md_escape(before)}{' ' if before.endswith(' ') else ''}"
            f"{again}{' ' if after.startswith(' ') else ''}{fmt.md_escape(after)}"
        )
