"""When two records are one person: the same email, or the same LinkedIn address.

An import skips a person whom a contact file already holds by these keys
(`exchange/people.py`); `playbook check` warns of two contact files that share one
(`plans/followup_checks.py`). One definition, so both agree on who is who.
"""

from __future__ import annotations

import re
import urllib.parse


def web_address(text: str) -> str:
    """`www.linkedin.com/in/x` → `https://www.linkedin.com/in/x`; other text unchanged."""
    text = text.strip()
    has_scheme = re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE)
    if text and not has_scheme and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", text):
        return "https://" + text
    return text


def email_key(email: str) -> str:
    return email.strip().casefold()


def linkedin_key(url: str) -> str:
    """`https://uk.linkedin.com/in/Jane-Doe/?x=1` → `linkedin.com/in/jane-doe`."""
    parts = urllib.parse.urlsplit(web_address(url))
    host = (parts.hostname or "").lower()
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = urllib.parse.unquote(parts.path).rstrip("/").casefold()
    return f"{host}{path}" if host else ""
