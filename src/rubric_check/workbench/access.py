"""Who may use the workbench: the checks every request passes before a page or a file is served.

The workbench holds reports a body has not published yet, so it is closed by default:
- it binds 127.0.0.1 and answers only to a Host naming it (a web page cannot re-point its own name at
  the workbench — DNS rebinding — and read it);
- each launch makes a random token; the browser it opens gets it once in the address and keeps it in
  a cookie for this port only (``SameSite=Strict``, ``HttpOnly``), and every request must carry it;
- a request another site's page makes is refused by its Origin (or ``Sec-Fetch-Site``); one that
  changes data must also carry the token in a header, which only the workbench's own pages can read;
- on an office server (``--host 0.0.0.0``) a password, from the configuration or the environment,
  is asked once per browser instead of the token in the address.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")  # as a Host header names this machine
TOKEN_HEADER = "X-Rubric-Check-Token"
TOKEN_PARAMETER = "token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Access:
    """The launch's token and the names it answers to."""

    host: str
    port: int
    password: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def local(self) -> bool:
        return is_loopback(self.host)

    @property
    def cookie(self) -> str:
        """Cookies are shared by every port of a host: the port in the name keeps two launches apart."""
        return f"rubric_check_{self.port}"

    def url(self, host: str | None = None) -> str:
        """The address the browser is opened with (the token in it on a local launch)."""
        shown = host or ("127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host)
        shown = f"[{shown}]" if ":" in shown else shown
        base = f"http://{shown}:{self.port}/"
        return f"{base}?{TOKEN_PARAMETER}={self.token}" if self.password is None else base

    def host_allowed(self, host_header: str) -> bool:
        """A local launch answers only to its own names; an office server to any name (the password
        guards it, and a rebound name cannot present the cookie of the server's real name)."""
        if not self.local:
            return True
        return host_header.lower() in {f"{name}:{self.port}" for name in LOOPBACK_NAMES}

    def token_matches(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode("utf-8"), self.token.encode("utf-8"))

    def password_matches(self, value: str | None) -> bool:
        return (
            self.password is not None
            and value is not None
            and hmac.compare_digest(value.encode("utf-8"), self.password.encode("utf-8"))
        )


def same_origin(origin: str | None, host_header: str) -> bool:
    """``origin`` (a request's Origin or Referer) is this server as the browser addressed it."""
    if origin is None:
        return False
    return origin == f"http://{host_header}" or origin.startswith(f"http://{host_header}/")


def cross_site(origin: str | None, fetch_site: str | None, host_header: str) -> bool:
    """A request another site's page made: a foreign Origin, or the browser saying so."""
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    return origin is not None and origin != "null" and not same_origin(origin, host_header)
