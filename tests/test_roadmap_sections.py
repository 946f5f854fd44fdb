"""The four sections every roadmap carries (if refused, money help, apply online, notices) as typed values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from generator.build import make_kit
from generator.config import Settings
from generator.load.package import read_labels
from generator.model.entities import Project
from generator.model.facts import ApplyOnline, IfRefused, MoneyHelp, Notice, current_notices
from generator.render.language import Kit
from generator.render.roadmap import roadmap_page

TEXT = {"nl": "x", "de": "x", "fr": "x", "en": "x"}


def test_if_refused_reads_decisions_objection_and_contacts() -> None:
    raw = {
        "decisions": {"text": TEXT, "source": "a", "confidence": "high"},
        "objection": {
            "authority": "raad-van-state",
            "details": {"text": TEXT, "source": ["a", "b"], "confidence": "medium"},
            "deadline": {"status": "known", "max": 6, "unit": "weeks", "source": "a", "confidence": "high"},
        },
        "next_stops": {"text": TEXT, "source": "b", "confidence": "high"},
        "contacts": ["solvit-nl"],
    }
    refused = IfRefused.of(raw)
    assert refused.objection.authority == "raad-van-state"
    assert refused.objection.details.source == ("a", "b")
    assert refused.objection.deadline.max == 6 and refused.objection.deadline.unit == "weeks"
    assert refused.contacts == ("solvit-nl",)
    assert IfRefused.of({**raw, "contacts": []}).contacts == ()


def test_money_help_and_apply_online() -> None:
    help_ = MoneyHelp.of({"status": "none-found", "items": [{"text": TEXT, "source": "a", "confidence": "low"}]})
    assert help_.status == "none-found" and help_.items[0].confidence == "low"
    online = ApplyOnline.of(
        {
            "status": "available",
            "services": [{"authority": "cibg", "url": "https://x.test/", "text": TEXT, "source": "a",
                          "confidence": "high"}],
        }
    )  # fmt: skip
    assert online.services[0].cited.source == ("a",) and online.note is None
    paper = ApplyOnline.of({"status": "not-available", "note": {"text": TEXT, "source": "a", "confidence": "high"}})
    assert paper.services == () and paper.note is not None


def _notice(start: str, until: str) -> Notice:
    return Notice.of(
        {"authority": "cibg", "text": TEXT, "from": start, "until": until, "source": "a", "confidence": "high"}
    )


def test_notice_is_shown_only_between_its_dates() -> None:
    notice = _notice("2026-12-01", "2026-12-31")
    assert not notice.current("2026-11-30")  # not yet started
    assert notice.current("2026-12-01") and notice.current("2026-12-31")
    assert not notice.current("2027-01-01")  # ended


def test_notice_given_by_month_runs_the_whole_month() -> None:
    notice = _notice("2026-12", "2027-01")
    assert notice.current("2026-12-01") and notice.current("2027-01-31")
    assert not notice.current("2026-11-30") and not notice.current("2027-02-01")


def test_current_notices_drops_past_and_future_ones() -> None:
    past, now, future = (
        _notice("2026-01-01", "2026-02-01"),
        _notice("2026-12-01", "2027-01-01"),
        _notice("2027-03-01", "2027-04-01"),
    )
    assert current_notices((past, now, future), "2026-12-06") == (now,)


def test_every_real_roadmap_carries_the_four_sections(real_project: Project) -> None:
    assert len(real_project.roadmaps) >= 35
    for roadmap in real_project.roadmaps:
        assert roadmap.if_refused is not None, roadmap.key
        assert roadmap.money_help is not None and roadmap.money_help.items, roadmap.key
        assert roadmap.apply_online is not None, roadmap.key
        for contact in roadmap.if_refused.contacts:
            assert contact in real_project.authorities, (roadmap.key, contact)


# ---- the roadmap page ----


ANCHORS = ["{ #after }", "{ #if-refused }", "{ #money-help }", "{ #apply-online }", "{ #notices }", "{ #help }"]


_KITS: dict[dt.date | None, Kit] = {}


def _page(project: Project, settings: Settings, key: str, lang: str, built: dt.date | None = None) -> str:
    """One roadmap page's Markdown (a kit per build date, reused: its template environment is costly to make)."""
    if built not in _KITS:
        _KITS[built] = make_kit(settings, 0)
        if built is not None:
            _KITS[built].built = built
    roadmap = next(r for r in project.roadmaps if r.key == key)
    return roadmap_page(roadmap, _KITS[built].language(lang, project), project).markdown


@pytest.mark.parametrize("lang", ["nl", "de", "fr", "en"])
def test_sections_stand_between_after_recognition_and_help(
    lang: str, real_project: Project, settings: Settings
) -> None:
    for roadmap in real_project.roadmaps:
        markdown = _page(real_project, settings, roadmap.key, lang)
        positions = [markdown.index(anchor) for anchor in ANCHORS]
        assert positions == sorted(positions), roadmap.key


def test_physiotherapist_page_shows_the_sections_with_citations(real_project: Project, settings: Settings) -> None:
    markdown = _page(real_project, settings, "physiotherapist/nl-to-de-nw", "en")
    section = markdown[markdown.index("{ #if-refused }") : markdown.index("{ #help }")]
    assert "## If your application is refused { #if-refused }" in markdown
    assert "### Possible decisions" in section and "### Objection and appeal" in section
    assert "| Time limit to object or appeal | up to 1 month" in section
    assert '<a href="#src-vwgo-74">' in section  # the objection's time limit is cited like every other fact
    assert "- [Zentralstelle für ausländisches Bildungswesen \\(ZAB\\)](https://www.kmk.org/zab/" in section
    assert "## Financial support { #money-help }" in section and "Anerkennungszuschuss" in section
    assert "[Go to the online application](https://europa.eu/youreurope/" in section
    assert "We know of no current notices from the authorities on this route." in section


def _with_notices(project: Project, key: str, notices: list[dict[str, object]]) -> Project:
    roadmaps = tuple(
        dataclasses.replace(r, notices=tuple(Notice.of(n) for n in notices)) if r.key == key else r
        for r in project.roadmaps
    )
    return dataclasses.replace(project, roadmaps=roadmaps)


def test_page_shows_current_notices_only(real_project: Project, settings: Settings) -> None:
    key = "nurse/be-to-nl"
    base = {"authority": "cibg", "source": "bigregister-automatisch", "confidence": "high"}
    project = _with_notices(
        real_project,
        key,
        [
            {**base, "text": {**TEXT, "en": "Ended notice."}, "from": "2026-01-01", "until": "2026-12-05"},
            {**base, "text": {**TEXT, "en": "Current notice."}, "from": "2026-12-01", "until": "2026-12-06"},
            {**base, "text": {**TEXT, "en": "Future notice."}, "from": "2026-12-07", "until": "2027-01-31"},
        ],
    )
    markdown = _page(project, settings, key, "en", built=dt.date(2026, 12, 6))
    section = markdown[markdown.index("{ #notices }") : markdown.index("{ #help }")]
    assert "Current notice." in section
    assert "Applies from 1 December 2026 to 6 December 2026." in section
    assert '<a href="#src-bigregister-automatisch">' in section
    assert "Ended notice." not in markdown and "Future notice." not in markdown
    assert "no current notices" not in section
    later = _page(project, settings, key, "en", built=dt.date(2026, 12, 7))
    assert "Current notice." not in later and "Future notice." in later


def test_new_labels_exist_in_every_language_with_the_same_placeholders() -> None:
    labels = read_labels()
    for key in ("if_refused", "objection_deadline", "notices_none", "notice_dates", "online_service"):
        texts = {lang: labels[lang][key] for lang in ("nl", "de", "fr", "en")}
        fields = {lang: set(re.findall(r"{(\\w+)}", text)) for lang, text in texts.items()}
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)


def test_factsheet_shows_the_sections_and_only_current_notices(real_project: Project, settings: Settings) -> None:
    import calendar

    from generator.render import factsheets

    key = "nurse/be-to-nl"
    base = {"authority": "cibg", "source": "bigregister-automatisch", "confidence": "high"}
    project = _with_notices(
        real_project,
        key,
        [
            {**base, "text": {**TEXT, "en": "Current notice."}, "from": "2026-12-01", "until": "2026-12-31"},
            {**base, "text": {**TEXT, "en": "Future notice."}, "from": "2027-01-01", "until": "2027-01-31"},
        ],
    )
    roadmap = next(r for r in project.roadmaps if r.key == key)
    kit = make_kit(settings, 0)
    epoch = str(calendar.timegm(dt.date(2026, 12, 6).timetuple()))
    html = factsheets.html(factsheets.Sheet(roadmap, ("en",)), project, kit, epoch)
    assert "If your application is refused:" in html and "up to 6 weeks" in html
    assert "Financial support:</b> We found no financial support for this route." in html
    assert ">www.bigregister.nl</a>" in html
    assert "Current notice." in html and "Future notice." not in html
