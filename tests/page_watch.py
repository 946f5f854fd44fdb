"""What must never happen on a page in Chromium: a dialog, an uncaught error, a Content-Security-Policy violation, a
console error or a failed request. Material's language selector asks for `sitemap.xml` next to each alternate link,
which does not exist there (and from file:// is refused); those requests are the one known, harmless exception."""

from __future__ import annotations

from typing import Any

# Records every policy violation in the page, from its first script on.
VIOLATIONS = """document.addEventListener('securitypolicyviolation', e => {
  (window.__violations = window.__violations || []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});"""


def _known(text: str) -> bool:
    return "sitemap.xml" in text or text.startswith("Failed to load resource")  # failed requests: see on_response


def watch(page: Any) -> list[str]:
    """Start watching `page` (before it loads); the returned list fills with every problem."""
    problems: list[str] = []

    def on_dialog(dialog: Any) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def on_response(response: Any) -> None:
        if response.status >= 400 and not response.url.endswith("sitemap.xml"):
            problems.append(f"{response.status}: {response.url}")

    def on_failure(request: Any) -> None:
        # ERR_ABORTED: the page itself stopped the request, as when the test goes to the next page while the last one
        # still fetches its icon; a missing or refused file fails with its own error (FILE_NOT_FOUND, BLOCKED_BY_…)
        if not request.url.endswith("sitemap.xml") and request.failure != "net::ERR_ABORTED":
            problems.append(f"failed: {request.url} ({request.failure})")

    page.add_init_script(VIOLATIONS)
    page.on("dialog", on_dialog)
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" and not _known(m.text) else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failure)
    return problems


def violations(page: Any) -> list[str]:
    return [str(v) for v in page.evaluate("window.__violations || []")]
