"""What a user agent says of the browser (NAV-01..04): its family and major
version, as the guide names browsers."""
from __future__ import annotations

import re


def famille_et_version(user_agent: str) -> tuple[str | None, str | None]:
    """('Internet Explorer', '11'), ('Firefox', '17'), ('Safari', '6'),
    ('Chrome', '57') — the browser and its major version in a user agent."""
    ua = user_agent or ""
    if m := re.search(r"MSIE (\d+)", ua):
        return "Internet Explorer", m.group(1)
    if "Trident/" in ua and (m := re.search(r"rv:(\d+)", ua)):
        return "Internet Explorer", m.group(1)
    if m := re.search(r"Firefox/(\d+)", ua):
        return "Firefox", m.group(1)
    if m := re.search(r"(?:Chrome|Chromium)/(\d+)", ua):
        return "Chrome", m.group(1)
    if "Safari/" in ua and (m := re.search(r"Version/(\d+)", ua)):
        return "Safari", m.group(1)
    return None, None
