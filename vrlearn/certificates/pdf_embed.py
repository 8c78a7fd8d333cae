"""How a signed certificate travels inside its own PDF, and how it is found again.

The renderer puts the signed record into the PDF twice:

1. **XMP metadata** (the primary copy): the document's XMP packet, which Qt writes as an
   uncompressed metadata stream, holds the token (see `envelope`) in a VR Learn property::

       <vrlearn:signedCertificate>VRL1.<record>.<signature>.<key></vrlearn:signedCertificate>

   beside the usual title, creator and keywords. `pdfinfo -meta FILE.pdf` shows it, and the
   token is plain ASCII, so it can be found in the file's bytes without a PDF library.
2. **An attached file** `VRL-XXXX-XXXX-XXXX-XXXX.json` holding the envelope JSON, which PDF
   readers list among the document's attachments (Flate-compressed, as Qt writes it).

`extract_signed_texts(pdf_bytes)` returns every copy it finds, the metadata's first, then the
attachment's (inflating the file's compressed streams, within size limits); the checker insists
that they all verify and are the same certificate, so swapping one copy is caught. A PDF that
was printed to a file, scanned, or saved again by another program usually keeps neither; then
the QR code on the page still verifies.
"""

from __future__ import annotations

import re
import zlib
from datetime import datetime
from html import escape

__all__ = [
    "ATTACHMENT_MIME",
    "EmbedError",
    "attachment_name",
    "extract_signed_texts",
    "xmp_packet",
]

ATTACHMENT_MIME = "application/json"
NAMESPACE = "urn:vrlearn:certificate:1#"
MAX_STREAMS = 2000
MAX_INFLATED = 8 * 1024 * 1024
MAX_ENVELOPE = 2 * 1024 * 1024

_XMP_TOKEN = re.compile(
    rb"<vrlearn:signedCertificate>\s*(VRL1C?\.[A-Za-z0-9_.\-\s]{1,1000000}?)\s*"
    rb"</vrlearn:signedCertificate>"
)
_STREAM = re.compile(rb"stream\r?\n")
_ENVELOPE_MARK = b'"vrlearn-signed-certificate"'


class EmbedError(ValueError):
    """No signed record could be taken out of the file; the message says why."""


def attachment_name(certificate_id: str) -> str:
    return f"{certificate_id}.json"


def xmp_packet(
    *, token: str, certificate_id: str, title: str, created: datetime, producer: str
) -> bytes:
    """The document's XMP metadata, carrying the signed token."""
    if not re.fullmatch(r"VRL1C?\.[A-Za-z0-9_.\-]+", token):
        raise ValueError("not a certificate token")
    stamp = created.isoformat(timespec="seconds")
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:vrlearn="{NAMESPACE}">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(producer)}</rdf:li></rdf:Seq></dc:creator>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdf:Keywords>certificate of completion; CPD; {escape(certificate_id)}</pdf:Keywords>
   <xmp:CreatorTool>{escape(producer)}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <vrlearn:certificateId>{escape(certificate_id)}</vrlearn:certificateId>
   <vrlearn:signedCertificate>{token}</vrlearn:signedCertificate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")


def extract_signed_texts(data: bytes) -> list[str]:
    """Every distinct signed certificate (token or envelope JSON text) embedded in a PDF.

    Raises EmbedError saying why nothing was found: not a PDF, or a PDF without a record.
    """
    if not data.lstrip()[:5] == b"%PDF-":
        raise EmbedError("the file is not a PDF (it does not start with %PDF-)")
    found: list[str] = []
    for match in _XMP_TOKEN.finditer(data):
        token = re.sub(r"\s+", "", match.group(1).decode("ascii"))
        if token not in found:
            found.append(token)
    for stream in _inflated_streams(data):
        if _ENVELOPE_MARK in stream and len(stream) <= MAX_ENVELOPE:
            text = stream.decode("utf-8", errors="replace")
            if text not in found:
                found.append(text)
    if found:
        return found
    truncated = b"%%EOF" not in data[-2048:]
    reason = "the PDF has no VR Learn certificate record embedded in it"
    if truncated:
        reason += " (and the file looks cut short: it has no end-of-file marker)"
    else:
        reason += (
            "; it may be a printout saved as PDF, a scan, or a copy saved again by another "
            "program. Check the QR code on the certificate instead"
        )
    raise EmbedError(reason)


def _inflated_streams(data: bytes) -> list[bytes]:
    """The decompressed contents of the file's Flate streams (bounded in number and size)."""
    out: list[bytes] = []
    for count, match in enumerate(_STREAM.finditer(data)):
        if count >= MAX_STREAMS:
            break
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        try:
            inflater = zlib.decompressobj()
            out.append(inflater.decompress(data[start:end], MAX_INFLATED))
        except zlib.error:
            continue
    return out
