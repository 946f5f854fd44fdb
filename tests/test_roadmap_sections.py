"""The four sections every roadmap carries (if refused, money help, apply online, notices) as typed values."""

from __future__ import annotations

from generator.model.entities import Project
from generator.model.facts import ApplyOnline, IfRefused, MoneyHelp, Notice, current_notices

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
            assert contact in roadmap.authorities, (roadmap.key, contact)
