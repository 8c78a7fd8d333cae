"""Certificates of completion: issuing, signing, verifying, and the CPD log.

Pure Python below the line; rendering (PDF, print) uses QtGui only, never widgets::

    issuer = CertificateIssuer(store, paths.keys_dir)
    stored = issuer.issue(learner, module)          # signed and kept (durable) when it returns
    stored.signed.token()                           # the record + signature, for the PDF
    verify_file(Path("cert.pdf"), issuer.trusted()) # -> Verification (VALID/TAMPERED/UNREADABLE)

    from vrlearn.certificates.render import write_certificate_pdf   # QtGui
    write_certificate_pdf(stored.signed, Path("cert.pdf"))

Modules: `ids` (readable random ids), `record` (what a certificate states), `canonical` (the
signed bytes), `keys` and `trust` (this installation's key, the keys it trusts), `envelope`
(signed forms: envelope JSON, token, compact token), `verify`, `pdf_embed` (the record inside
the PDF), `activity` (measured time, score), `issuing`, `cpd_log` (CSV); with QtGui: `fonts`,
`text_fit`, `qr`, `render`, `cpd_pdf`; `self_check` for `vrlearn self-test`.
"""

from .envelope import SignedCertificate
from .issuing import CertificateError, CertificateIssuer, MissingLearnerName
from .keys import InstallationKey, SigningKeyError
from .record import CertificateRecord
from .stored import Reflection, StoredCertificate
from .verify import Verdict, Verification, verify_bytes, verify_file, verify_text

__all__ = [
    "CertificateError",
    "CertificateIssuer",
    "CertificateRecord",
    "InstallationKey",
    "MissingLearnerName",
    "Reflection",
    "SignedCertificate",
    "SigningKeyError",
    "StoredCertificate",
    "Verdict",
    "Verification",
    "verify_bytes",
    "verify_file",
    "verify_text",
]
