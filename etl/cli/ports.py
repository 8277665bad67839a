"""Which port ``liandong serve`` can listen on, decided before it prints an address.

Streamlit, asked for a port another program holds, prints its own English "Port 8501 is not
available" after ``serve`` has already printed a URL that leads to that other program. So the port is
tried first: if it is taken, the next free one is used and the user is told so (and how to choose).
"""

from __future__ import annotations

import errno
import os
import socket

#: How many ports after the requested one are tried.
TRIES = 20


def port_is_free(address: str, port: int) -> bool:
    """Whether a server could listen on ``address:port`` now (bound the way Streamlit's server binds)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        if os.name != "nt":  # as Tornado does: a port left in TIME_WAIT by a stopped server is free
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES) or getattr(exc, "winerror", None) in (10048, 10013):
                return False
            raise
    return True


def free_port_from(address: str, port: int, tries: int = TRIES) -> int | None:
    """``port`` if free, else the first free one of the next ``tries``; None if all are taken."""
    for candidate in range(port, min(port + tries + 1, 65536)):
        if port_is_free(address, candidate):
            return candidate
    return None
