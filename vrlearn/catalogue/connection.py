"""The HTTP client for the catalogue and for downloads: urllib3, proxies, the OS trust store.

Why urllib3 (2.x): it is the well-kept engine under `requests` (so it is on most Python
installs anyway), has no dependencies of its own, streams a body in chunks we choose (we hash
while writing), and separates the connect timeout from the read timeout, which is exactly the
"stalled" test a resumable download needs. `requests` adds nothing we use; `httpx` brings five
more packages. It is imported only here, and this module only when the learner asks for the
catalogue or a download, never at start-up.

Managed NHS laptops: the standard proxy settings are honoured (`HTTPS_PROXY`, `HTTP_PROXY`,
`NO_PROXY`, and on Windows the system proxy from the registry, via `urllib.request.getproxies`),
and certificates are checked against the operating system's trust store through `truststore`
(a small pure-Python package), so a TLS-inspecting firewall whose root certificate the trust
has installed on its laptops works as it does in the browser. Without `truststore` (it needs
Python 3.10+), Python's default certificates are used.
"""

from __future__ import annotations

import logging
import re
import ssl
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import urllib3

__all__ = ["USER_AGENT", "client_for", "describe_failure"]

log = logging.getLogger(__name__)


def _user_agent() -> str:
    from vrlearn import __version__

    return f"VR-Learn/{__version__}"


USER_AGENT = _user_agent()


def client_for(url: str) -> urllib3.PoolManager:
    """A connection pool for `url`, through the proxy the system names for it (if any)."""
    import urllib3

    context = _ssl_context()
    proxy = _proxy_for(url)
    if proxy is None:
        return urllib3.PoolManager(ssl_context=context, num_pools=2, maxsize=1)
    log.info("Using the proxy %s for %s", _without_password(proxy), urlsplit(url).hostname)
    return urllib3.ProxyManager(proxy, ssl_context=context, num_pools=2, maxsize=1)


def _proxy_for(url: str) -> str | None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy:
        return None
    if urllib.request.proxy_bypass(host):
        return None
    if "://" not in proxy:
        proxy = f"http://{proxy}"
    return proxy


def _without_password(proxy: str) -> str:
    parts = urlsplit(proxy)
    if parts.password is None:
        return proxy
    return proxy.replace(f":{parts.password}@", ":***@", 1)


def _ssl_context() -> ssl.SSLContext:
    try:
        import truststore
    except ImportError:
        return ssl.create_default_context()
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def describe_failure(error: Exception) -> str:
    """A plain reason for a urllib3 failure to connect or to read, for a message to the learner."""
    import urllib3.exceptions as errors

    reason: BaseException = error
    if isinstance(error, errors.MaxRetryError) and error.reason is not None:
        reason = error.reason
    if isinstance(reason, errors.NameResolutionError):
        return "the server's name could not be found (is this laptop online?)"
    if isinstance(reason, errors.ProxyError):
        return f"the proxy server did not let the request through ({_inner(reason)})"
    if isinstance(reason, errors.SSLError):
        return (
            "the secure connection could not be checked (a certificate problem: "
            f"{_inner(reason)}); the network may need a certificate installed by IT"
        )
    if isinstance(reason, errors.NewConnectionError):  # a subclass of ConnectTimeoutError
        return f"could not connect to the server ({_inner(reason)})"
    if isinstance(reason, errors.ConnectTimeoutError):
        return "the server did not answer in time"
    if isinstance(reason, errors.ReadTimeoutError):
        return "the server stopped sending"
    if isinstance(reason, errors.ResponseError):
        return "the server sent too many redirects"
    if isinstance(reason, errors.ProtocolError):
        return "the connection was closed before the server answered"
    return _inner(reason)


def _inner(error: BaseException) -> str:
    """The OS's words for an error urllib3 wrapped, e.g. "connection refused"."""
    text = str(error)
    match = re.search(r"\[Errno -?\d+\] (.+?)\)?$", text)
    if match:
        return match.group(1).rstrip(").'\"").lower()
    # urllib3 wraps OS errors as "<...Connection object at 0x...>: Failed to establish ..."
    if ": " in text and text.startswith(("<", "HTTP")):
        text = text.split(": ", 1)[1]
    return text or type(error).__name__
