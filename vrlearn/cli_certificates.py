"""`vrlearn certificates ...` and `vrlearn keys ...`: certificates and signing keys from a shell.

    vrlearn certificates list [--json]
    vrlearn certificates export ID -o FILE.pdf|FILE.json
    vrlearn certificates verify FILE.pdf|FILE.json|QRTEXT|- [--json]
    vrlearn certificates cpd-log -o FILE.csv|FILE.pdf [--all-learners]
    vrlearn keys export [-o FILE]
    vrlearn keys trust FILE [--label TEXT]
    vrlearn keys list

Exit codes: `verify` answers 0 VALID (trusted key), 3 valid signature but untrusted issuer,
1 TAMPERED, 2 UNREADABLE (see `certificates.verify`). The other commands answer 0 when done,
1 when the certificate asked for does not exist, and 2 when they could not do their job (the
records or the keys could not be read or written, VR Learn is open on the same data folder).
Commands that read the records take the data folder's lock, like `vrlearn records`; `verify`
and `keys` do not need it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from vrlearn.paths import AppPaths

if TYPE_CHECKING:
    from vrlearn.certificates.issuing import CertificateIssuer

__all__ = ["add_parsers", "cmd_certificates", "cmd_keys"]

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_FAILED = 2


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `certificates` and `keys` commands to the main parser."""
    certificates = commands.add_parser("certificates", help="certificates of completion")
    actions = certificates.add_subparsers(dest="certificates_command", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="list every certificate: id, date, module, learner")
    listing.add_argument("--json", action="store_true", help="print JSON")
    export = actions.add_parser("export", help="save a certificate as PDF (or its signed JSON)")
    export.add_argument("id", metavar="ID", help="the certificate id, e.g. VRL-7K3M-9Q2X-PT4D-H8WE")
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE",
        help="FILE.pdf for the certificate, FILE.json for the signed record",
    )  # fmt: skip
    verify = actions.add_parser(
        "verify",
        help="check a certificate: exit 0 valid (trusted), 3 valid but untrusted issuer, "
        "1 tampered, 2 unreadable",
    )
    verify.add_argument(
        "input", metavar="FILE.pdf|FILE.json|QRTEXT|-",
        help="a certificate PDF or JSON file, the text of its QR code, or - to read stdin",
    )  # fmt: skip
    verify.add_argument("--json", action="store_true", help="print the verdict as JSON")
    cpd = actions.add_parser("cpd-log", help="export the CPD log as CSV or as a PDF table")
    cpd.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv|FILE.pdf")
    cpd.add_argument(
        "--all-learners", action="store_true",
        help="every learner's certificates (default: the current learner's)",
    )  # fmt: skip

    keys = commands.add_parser("keys", help="this installation's certificate signing key")
    key_actions = keys.add_subparsers(dest="keys_command", metavar="ACTION")
    key_actions.required = True
    key_export = key_actions.add_parser(
        "export", help="write this installation's public key (PEM) for an organisation to trust"
    )
    key_export.add_argument("-o", "--output", type=Path, metavar="FILE",
                            help="write to FILE instead of printing it")  # fmt: skip
    trust = key_actions.add_parser("trust", help="trust another installation's public key")
    trust.add_argument("file", type=Path, metavar="FILE", help="a key from `vrlearn keys export`")
    trust.add_argument("--label", default="", help="whose key it is (shown when verifying)")
    key_actions.add_parser("list", help="list the keys this installation trusts")


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"vrlearn: {message}", file=sys.stderr)
    return code


@contextmanager
def _issuer(paths: AppPaths) -> Iterator[CertificateIssuer]:
    """The certificate service over the records, holding the data folder's lock."""
    from vrlearn.certificates.issuing import CertificateIssuer
    from vrlearn.instance_lock import InstanceLock
    from vrlearn.records import RecordsStore

    with InstanceLock(paths.lock_file):
        store = RecordsStore.open(paths.records_dir)
        try:
            for notice in store.notices:
                print(f"notice: {notice}", file=sys.stderr)
            yield CertificateIssuer(store, paths.keys_dir)
        finally:
            store.close()


def cmd_certificates(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.certificates.issuing import CertificateError
    from vrlearn.certificates.keys import SigningKeyError
    from vrlearn.certificates.render import RenderError
    from vrlearn.instance_lock import DataFolderInUse
    from vrlearn.records import RecordsError

    action = CERTIFICATE_ACTIONS[args.certificates_command]
    try:
        return action(args, paths)
    except (
        CertificateError,
        DataFolderInUse,
        RecordsError,
        RenderError,
        SigningKeyError,
        OSError,
    ) as error:
        return _fail(str(error))


def certificates_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.certificates import wording

    with _issuer(paths) as issuer:
        certificates = issuer.all()
    if args.json:
        rows = [
            {**s.signed.record.to_dict(), "reflection": s.reflection.as_text() or None}
            for s in certificates
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    for stored in certificates:
        r = stored.signed.record
        date = wording.short_date(r.completed_at)
        print(
            f"{r.certificate_id}\t{date}\t{r.module_title} ({r.module_version})\t{r.learner_name}"
        )
    if not certificates:
        print("No certificates yet.", file=sys.stderr)
    return EXIT_OK


def certificates_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.atomic_file import write_file_atomically

    with _issuer(paths) as issuer:
        stored = issuer.find(args.id)
    if stored is None:
        return _fail(f"there is no certificate {args.id!r} in these records", EXIT_NOT_FOUND)
    output: Path = args.output
    if output.suffix.lower() == ".json":
        write_file_atomically(output, stored.signed.envelope_json().encode("utf-8"))
    else:
        from vrlearn.certificates.fonts import ensure_gui
        from vrlearn.certificates.render import save_certificate_pdf

        ensure_gui()
        save_certificate_pdf(stored.signed, output)
    print(f"Certificate {stored.certificate_id} saved to {output}")
    return EXIT_OK


def certificates_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.certificates.trust import trusted_labels
    from vrlearn.certificates.verify import verify_bytes, verify_file, verify_text

    trusted = trusted_labels(paths.keys_dir)
    given: str = args.input
    if given == "-":
        result = verify_bytes(sys.stdin.buffer.read(), trusted)
    elif given.lstrip().startswith(("VRL1", "{")) and not _is_file(given):
        result = verify_text(given, trusted)
    else:
        result = verify_file(Path(given), trusted)  # or says why the file cannot be read
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(result.lines()))
    return result.exit_code


def certificates_cpd_log(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.atomic_file import write_file_atomically
    from vrlearn.certificates.cpd_log import cpd_csv_bytes, cpd_rows

    with _issuer(paths) as issuer:
        learner = issuer.store.current_learner()
        certificates = issuer.all()
    if not args.all_learners and learner is not None:
        certificates = [s for s in certificates if s.learner_id == learner.learner_id]
    rows = cpd_rows(certificates)
    output: Path = args.output
    if output.suffix.lower() == ".csv":
        payload = cpd_csv_bytes(rows)
    elif output.suffix.lower() == ".pdf":
        from vrlearn.certificates.cpd_pdf import cpd_log_pdf_bytes
        from vrlearn.certificates.fonts import ensure_gui

        ensure_gui()
        name = "All learners" if args.all_learners or learner is None else learner.name
        payload = cpd_log_pdf_bytes(
            rows,
            learner=name,
            role="" if args.all_learners or learner is None else learner.role,
            registration=""
            if args.all_learners or learner is None
            else learner.registration_number,
        )
    else:
        return _fail("the CPD log is written as FILE.csv or FILE.pdf")
    write_file_atomically(output, payload)
    print(f"CPD log with {len(rows)} activities saved to {output}")
    return EXIT_OK


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a QR code's text is far longer than any file name
        return False


CERTIFICATE_ACTIONS: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
    "list": certificates_list,
    "export": certificates_export,
    "verify": certificates_verify,
    "cpd-log": certificates_cpd_log,
}


def cmd_keys(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.certificates.keys import SigningKeyError

    try:
        return KEY_ACTIONS[args.keys_command](args, paths)
    except (SigningKeyError, OSError) as error:
        return _fail(str(error))


def keys_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.atomic_file import write_file_atomically
    from vrlearn.certificates.issuing import installation_key
    from vrlearn.certificates.keys import exported_public_key, format_fingerprint

    key = installation_key(paths.keys_dir)
    if key.notice:
        print(f"notice: {key.notice}", file=sys.stderr)
    text = exported_public_key(key.public_key, label=str(paths.data_dir))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_file_atomically(args.output, text.encode("ascii"))
    print(f"Public key {format_fingerprint(key.fingerprint)} written to {args.output}")
    return EXIT_OK


def keys_trust(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.certificates.keys import fingerprint, format_fingerprint, load_public_key_file
    from vrlearn.certificates.trust import TrustedKeys

    key = load_public_key_file(args.file)
    trust = TrustedKeys(paths.keys_dir)
    known = fingerprint(key) in trust
    entry = trust.add(key, args.label or f"trusted from {args.file.name}")
    state = "was already trusted" if known else "is now trusted"
    print(f"Key {format_fingerprint(entry.fingerprint)} ({entry.label}) {state}.")
    return EXIT_OK


def keys_list(_args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.certificates.keys import format_fingerprint
    from vrlearn.certificates.trust import TrustedKeys

    trust = TrustedKeys(paths.keys_dir)
    if trust.problem:
        print(f"warning: {trust.problem}", file=sys.stderr)
    for key in trust.all():
        print(f"{format_fingerprint(key.fingerprint)}\t{key.label}\t{key.added}")
    return EXIT_OK


KEY_ACTIONS: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
    "export": keys_export,
    "trust": keys_trust,
    "list": keys_list,
}
