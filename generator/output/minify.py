"""Our stylesheets and scripts as the site serves them: minified by rcssmin and rjsmin. Their comments explain the
code to maintainers and were about a third of what a first visit downloads of them; the served files leave them out,
with the spaces the browser does not need. Licence notices (`/*! … */`) stay."""

from __future__ import annotations

import rcssmin
import rjsmin


def served(name: str, data: bytes) -> bytes:
    """What the site serves for the asset `name`: stylesheets and scripts minified, everything else as it is."""
    if name.endswith(".css"):
        return str(rcssmin.cssmin(data.decode("utf-8"), keep_bang_comments=True)).encode("utf-8")
    if name.endswith(".js"):
        return str(rjsmin.jsmin(data.decode("utf-8"), keep_bang_comments=True)).encode("utf-8")
    return data
