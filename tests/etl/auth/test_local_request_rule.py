"""Which requests count as "this machine" while no account exists (etl.auth.network): only a browser
on the server, talking directly to a loopback-only server. Before: any proxied request was local behind
the shipped nginx config, an unset address counted as local, and so did any host name starting "127."."""

from __future__ import annotations

import pytest

from etl.auth.network import is_local_request, is_loopback_address

LOCAL = {"host": "127.0.0.1:8501", "user-agent": "Mozilla/5.0"}


@pytest.mark.parametrize(("address", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.53", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("LOCALHOST", True), ("127.foo", False), ("127.0.0.1.evil.example", False), ("0.0.0.0", False), ("::", False),
    ("", False), (None, False), ("10.0.0.5", False), ("::ffff:10.0.0.5", False), ("localhost.evil.example", False),
])
def test_loopback_addresses(address: str | None, loopback: bool) -> None:
    assert is_loopback_address(address) is loopback


@pytest.mark.parametrize(("address", "headers", "peer", "local"), [
    ("127.0.0.1", LOCAL, None, True),
    ("localhost", {"Host": "localhost:8501"}, None, True),
    ("::1", {"host": "[::1]:8501"}, None, True),
    # behind the shipped nginx config: the server listens on 127.0.0.1, the visitor is elsewhere
    ("127.0.0.1", {**LOCAL, "x-forwarded-for": "203.0.113.9"}, None, False),
    ("127.0.0.1", {**LOCAL, "X-Forwarded-For": "127.0.0.1"}, None, False),  # even a "local" claim
    ("127.0.0.1", {**LOCAL, "forwarded": "for=203.0.113.9"}, None, False),
    ("127.0.0.1", {**LOCAL, "x-real-ip": "203.0.113.9"}, None, False),
    ("127.0.0.1", {**LOCAL, "Via": "1.1 proxy"}, None, False),
    ("127.0.0.1", LOCAL, "203.0.113.9", False),  # the peer Streamlit saw is not this machine
    ("127.0.0.1", LOCAL, "127.0.0.2", True),
    # `streamlit run` without an address listens everywhere
    (None, LOCAL, None, False), ("", LOCAL, None, False), ("0.0.0.0", LOCAL, None, False),
    ("127.foo", LOCAL, None, False),
    # a page on another site whose name resolves to 127.0.0.1 (DNS rebinding)
    ("127.0.0.1", {"host": "evil.example:8501"}, None, False),
    ("127.0.0.1", {"user-agent": "no host header"}, None, False),
    # no request at all (an in-process run): nothing is shown to anyone
    (None, {}, None, True),
])
def test_local_requests(address: str | None, headers: dict[str, str], peer: str | None, local: bool) -> None:
    assert is_local_request(address, headers, peer) is local
