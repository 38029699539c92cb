"""The browser itself, as the site sees it (NAV-01..04): the identification
(user agent) it sends, read from the page, and what it says of the browser."""
from __future__ import annotations

import re


class Navigateur:
    def __init__(self, ui):
        self.ui = ui

    def identification(self) -> str:
        """The user agent the page sees (``navigator.userAgent``): an engine
        fact, read for evidence, never used to drive the page."""
        self.ui.goto("/")
        return self.ui.evaluate("navigator.userAgent")


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
