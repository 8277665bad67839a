"""Setting a cookie from a Streamlit page: the only way it has is a script in the page.

Streamlit gives a script no HTTP response to add a ``Set-Cookie`` header to, so the cookie is written
by JavaScript and cannot be HttpOnly; what limits a stolen copy is the server side (a login cookie
stops working at logout, see ``etl.auth.sessions``). SameSite=Strict keeps it off cross-site requests,
Secure is added whenever the page came over HTTPS.
"""

from __future__ import annotations

import re

#: Cookie names and values here are base64url, digits, dots and hex only: nothing needs quoting.
_SAFE = re.compile(r"^[A-Za-z0-9_.-]*$")


def cookie_script(name: str, value: str, max_age: int) -> str:
    """A script that sets (or, with ``max_age`` 0, deletes) one cookie for the whole site."""
    if not _SAFE.match(name) or not _SAFE.match(value):
        raise ValueError("cookie names and values must be base64url, digits, dots or hex")
    return (f'<script>document.cookie = "{name}={value}; path=/; max-age={max_age}; '
            'SameSite=Strict" + (location.protocol === "https:" ? "; Secure" : "");</script>')
