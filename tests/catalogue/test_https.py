"""HTTPS: certificates are checked against the system's trust store (through truststore), so a
certificate the laptop trusts works and one it does not is refused with a plain message."""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.catalogue.conftest import package_like
from tests.catalogue.loopback import LoopbackServer, Route
from vrlearn.catalogue import CatalogueError, download_package, fetch_catalogue


def self_signed(folder: Path) -> Path:
    """A certificate for 127.0.0.1, as an organisation's own root would be: PEM with its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "VR Learn test catalogue")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )  # fmt: skip
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = folder / "certificate.pem"
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (folder / "key.pem").write_bytes(private)
    return pem


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[tuple[LoopbackServer, Path]]:
    pem = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem, tmp_path / "key.pem")
    with LoopbackServer(tls=context) as server:
        yield server, pem


def serve_catalogue(server: LoopbackServer, body: bytes) -> str:
    server.routes["/p.vrmod"] = Route(body=body)
    entry = {
        "id": "stroke-basics",
        "version": "1.0.0",
        "title": "Stroke basics",
        "size": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
        "url": "p.vrmod",
    }
    server.routes["/catalogue.json"] = Route(body=json.dumps({"format": 1, "modules": [entry]})
                                             .encode())  # fmt: skip
    return server.url("/catalogue.json")


def test_a_certificate_the_system_does_not_trust_is_refused_plainly(
    https_server: tuple[LoopbackServer, Path], tmp_path: Path
) -> None:
    server, _pem = https_server
    url = serve_catalogue(server, package_like(10_000))
    with pytest.raises(CatalogueError, match="secure connection could not be checked .* IT"):
        fetch_catalogue(url, tmp_path / "cache.json")


def test_a_certificate_the_system_trusts_works_for_feed_and_download(
    https_server: tuple[LoopbackServer, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, pem = https_server
    body = package_like(200_000)
    url = serve_catalogue(server, body)
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))  # the system trust store, as OpenSSL reads it
    catalogue = fetch_catalogue(url, tmp_path / "cache.json")
    (entry,) = catalogue.entries
    assert entry.url.startswith("https://127.0.0.1:")
    assert download_package(entry, tmp_path / "downloads").read_bytes() == body
