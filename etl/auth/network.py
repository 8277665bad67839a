"""Which requests count as "this machine": the rule behind "no account means localhost only".

While no account exists, the dashboard shows everything, administration included, to whoever it
treats as local. That must be a browser on the server itself talking to a server that listens on the
loopback interface, directly: not a request that came through a reverse proxy (which connects from
127.0.0.1 on behalf of anyone), not a server listening on every interface (an unset address
included), not a host name that merely starts with "127.".
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

#: Headers a reverse proxy adds; a request carrying any of them came from somewhere else.
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto",
                 "x-forwarded-server", "via")


def is_loopback_address(address: str | None) -> bool:
    """``localhost`` or a loopback IP literal (127.0.0.0/8, ::1); anything else, None and "" are not."""
    if not address:
        return False
    text = address.strip().strip("[]").lower()
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    """The name part of a Host header: ``127.0.0.1:8501`` → 127.0.0.1, ``[::1]:8501`` → ::1."""
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_local_request(server_address: str | None, headers: Mapping[str, str], peer: str | None) -> bool:
    """Whether a request may be served as the local administrator while no account exists.

    ``headers`` are the request's (empty when no browser is connected at all, as in an in-process
    ``AppTest`` run: nothing is shown to anyone then); ``peer`` is the connection's address as the
    server saw it (Streamlit reports None for 127.0.0.1 and ::1).
    """
    if not headers:
        return True
    lowered = {key.lower(): value for key, value in headers.items()}
    if not is_loopback_address(server_address):
        return False
    if any(name in lowered for name in PROXY_HEADERS):
        return False
    if peer is not None and not is_loopback_address(peer):
        return False
    # A page on another site can point its own host name at 127.0.0.1 (DNS rebinding); its requests then
    # carry that name.
    return is_loopback_address(_host_name(lowered.get("host", "")))
