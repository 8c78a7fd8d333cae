"""Issuing: what goes into the record, durability, no duplicates, and surviving module removal."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.certificates.conftest import Issued, load_module
from tests.conftest import ModuleFactory
from vrlearn.certificates import activity
from vrlearn.certificates.issuing import CertificateIssuer, MissingLearnerName
from vrlearn.certificates.verify import Verdict, verify_text
from vrlearn.modules.content_hash import module_content_sha256
from vrlearn.records import RecordsStore, migrations
from vrlearn.records.profile import LearnerProfile


def test_the_record_holds_everything_the_certificate_states(issued: Issued) -> None:
    r = issued.certificate.signed.record
    assert (r.learner_name, r.learner_role, r.learner_registration) == (
        "Siân Ŵyn-Łukasiewicz",
        "Occupational therapist",
        "OT12345",
    )
    assert (r.module_id, r.module_title, r.module_version) == (
        "stroke-basics",
        "Stroke basics",
        "1.0.0",
    )
    assert r.module_sha256 == module_content_sha256(issued.module.folder)
    assert r.learning_outcomes == ("Describe what a test module is.",)
    assert r.cpd_minutes == 20 and r.score_percent is None
    assert r.active_minutes_method == activity.METHOD
    local, utc = datetime.fromisoformat(r.completed_local), datetime.fromisoformat(r.completed_utc)
    assert local.utcoffset() is not None and utc.utcoffset() == timedelta(0) and local == utc
    assert r.issuer_fingerprint == issued.issuer.signing_key().fingerprint
    assert verify_text(issued.certificate.signed.token(), issued.issuer.trusted()).trusted


def test_the_completion_time_keeps_its_local_offset(
    store: RecordsStore, issuer: CertificateIssuer, make_module: ModuleFactory
) -> None:
    module = load_module(make_module("fit-notes"))
    learner = store.save_learner("Zoë Ó Briain", "Physiotherapist")
    summer = datetime(2025, 6, 2, 14, 5, 9, tzinfo=timezone(timedelta(hours=1)))
    r = issuer.issue(learner, module, now=summer).signed.record
    assert r.completed_local == "2025-06-02T14:05:09+01:00"
    assert r.completed_utc == "2025-06-02T13:05:09+00:00"


def test_issuing_is_durable_and_survives_reopening(issued: Issued, tmp_path: Path) -> None:
    issued.store.close()
    raw = json.loads((tmp_path / "data" / "records" / "certificates.json").read_bytes())
    [doc] = raw["certificates"].values()
    assert doc["certificate_id"] == issued.certificate.certificate_id
    with RecordsStore.open(tmp_path / "data" / "records") as again:
        [kept] = CertificateIssuer(again, issued.keys_dir).all()
        assert kept.signed == issued.certificate.signed
        assert again.check().ok
        assert again.check().certificates == 1


def test_completing_again_gives_the_same_certificate(issued: Issued) -> None:
    again = issued.issuer.issue(issued.learner, issued.module)
    assert again.certificate_id == issued.certificate.certificate_id
    assert len(issued.issuer.all()) == 1


def test_a_new_module_version_gets_its_own_certificate(issued: Issued) -> None:
    manifest = issued.module.folder / "module.toml"
    manifest.write_text(manifest.read_text().replace('version = "1.0.0"', 'version = "1.1.0"'))
    updated = load_module(issued.module.folder)
    second = issued.issuer.issue(issued.learner, updated)
    assert second.certificate_id != issued.certificate.certificate_id
    assert second.signed.record.module_version == "1.1.0"
    assert second.signed.record.module_sha256 != issued.certificate.signed.record.module_sha256
    assert [s.signed.record.module_version for s in issued.issuer.all()] == ["1.0.0", "1.1.0"]


def test_no_learner_name_no_certificate(issued: Issued) -> None:
    nameless = LearnerProfile(issued.learner.learner_id, name="  ", role="Physiotherapist")
    with pytest.raises(MissingLearnerName):
        issued.issuer.issue(nameless, issued.module)


def test_the_certificate_survives_the_module_being_removed(issued: Issued, tmp_path: Path) -> None:
    shutil.rmtree(issued.module.folder)
    issued.store.close()
    with RecordsStore.open(tmp_path / "data" / "records") as again:
        issuer = CertificateIssuer(again, issued.keys_dir)
        [kept] = issuer.all()
        assert kept.signed.record.module_title == "Stroke basics"
        assert kept.signed.record.learning_outcomes == ("Describe what a test module is.",)
        result = verify_text(kept.signed.token(), issuer.trusted())
        assert result.verdict is Verdict.VALID and result.trusted


def test_the_certificate_keeps_the_name_it_was_issued_to(issued: Issued) -> None:
    issued.store.save_learner(
        "Siân Jones", "Occupational therapist", learner_id=issued.learner.learner_id
    )
    [kept] = issued.issuer.all()
    assert kept.signed.record.learner_name == "Siân Ŵyn-Łukasiewicz"


def test_reflections_are_saved_durably_and_not_signed(issued: Issued, tmp_path: Path) -> None:
    cid = issued.certificate.certificate_id
    issued.issuer.save_reflection(cid, "Ask about work early.", "I add work to every goal plan.")
    issued.store.close()
    with RecordsStore.open(tmp_path / "data" / "records") as again:
        [kept] = CertificateIssuer(again, issued.keys_dir).all()
        assert kept.reflection.learned == "Ask about work early."
        assert kept.reflection.practice == "I add work to every goal plan."
        assert kept.signed == issued.certificate.signed
        CertificateIssuer(again, issued.keys_dir).save_reflection(cid, "Edited.", "")
        [edited] = CertificateIssuer(again, issued.keys_dir).all()
        assert edited.reflection.learned == "Edited." and edited.reflection.practice == ""
    with pytest.raises(ValueError, match="no certificate"):
        with RecordsStore.open(tmp_path / "data" / "records") as again:
            again.save_reflection("VRL-0000-0000-0000-0000", "x", "y")


def test_find_accepts_ids_as_people_type_them(issued: Issued) -> None:
    cid = issued.certificate.certificate_id
    assert issued.issuer.find(cid.lower().replace("-", " ")) == issued.certificate
    assert issued.issuer.find("VRL-0000-0000-0000-0000") is None
    assert issued.issuer.find("nonsense") is None


def test_version_2_records_are_updated_with_an_empty_certificates_file(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    with RecordsStore.open(folder) as store:
        store.save_learner("Sam Taylor", "Physiotherapist")
    (folder / "certificates.json").unlink()
    (folder / "certificates.json.bak").unlink()
    meta = json.loads((folder / "store.json").read_bytes())
    meta["meta"]["1"]["schema_version"] = 2
    meta["meta"]["1"]["files"] = ["learners.json"]
    (folder / "store.json").write_text(json.dumps(meta))
    (folder / "store.json.bak").unlink()
    with RecordsStore.open(folder) as store:
        assert store.notices == []
        assert store.schema_version == migrations.SCHEMA_VERSION == 3
        assert store.certificates() == []
        assert store.check().ok
    assert (folder / "certificates.json").exists()


# ---------------------------------------------------------------------- activity and score

T0 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


def stamp(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat(timespec="seconds")


def test_active_time_counts_gaps_between_recorded_moments_capped_at_10_minutes() -> None:
    progress = {
        "viewed": {
            "p1": {"first_viewed": stamp(0), "last_viewed": stamp(0)},
            "p2": {"first_viewed": stamp(4), "last_viewed": stamp(30)},  # a 26-minute gap: 10
            "p3": {"first_viewed": stamp(34), "last_viewed": stamp(34)},
        },
        "videos": {"v1": {"updated": stamp(3 * 24 * 60)}},  # three days later: 10 minutes
    }
    attempts = [{"started": stamp(3 * 24 * 60 + 2), "submitted": stamp(3 * 24 * 60 + 9)}]
    # gaps: 4 + 10 + 4 + 10 + 2 + 7 = 37 minutes
    assert activity.active_minutes(progress, attempts) == 37
    assert activity.active_minutes(None, []) == 0
    assert activity.active_minutes({"viewed": {"p": {"first_viewed": "garbage"}}}, []) == 0


def test_the_score_is_the_best_passing_percentage() -> None:
    attempts = {
        "quiz": [
            {"passed": False, "correct": 3, "total": 10},
            {"passed": True, "correct": 8, "total": 10},
            {"passed": True, "correct": 2, "total": 3},  # 66 %
        ]
    }
    assert activity.best_score(attempts) == 80
    two_quizzes = {
        "a": [{"passed": True, "correct": 9, "total": 10}],
        "b": [{"passed": True, "correct": 7, "total": 10}],
    }
    assert activity.best_score(two_quizzes) == 80  # the mean of 90 and 70
    assert activity.best_score({"quiz": [{"passed": False, "correct": 9, "total": 10}]}) is None
    assert activity.best_score({}) is None


def test_the_certificate_uses_the_quiz_and_page_records(
    store: RecordsStore, issuer: CertificateIssuer
) -> None:
    from tests.ui.quiz_helpers import copy_bundled

    content = store.records_dir.parent.parent / "bundled"
    content.mkdir()
    module = load_module(copy_bundled(content))
    learner = store.save_learner("Sam Taylor", "Physiotherapist")
    [quiz] = module.quizzes
    store.submit_attempt(learner.learner_id, module.id, quiz.id, {
        "attempt_id": "a1", "seed": 1, "algorithm": 1, "answers": {}, "correct": 7, "total": 8,
        "passed": True, "started": stamp(0), "submitted": stamp(6),
    })  # fmt: skip
    r = issuer.issue(learner, module).signed.record
    assert r.score_percent == 87
    assert r.active_minutes == 6


def test_certificates_are_in_records_backups(issued: Issued, tmp_path: Path) -> None:
    from vrlearn.records import create_backup, restore_backup

    cid = issued.certificate.certificate_id
    issued.issuer.save_reflection(cid, "Learned.", "Practice.")
    info = create_backup(issued.store, tmp_path / "backup.zip")
    issued.store.close()
    fresh = tmp_path / "elsewhere" / "records"
    restore_backup(fresh, info.archive)
    with RecordsStore.open(fresh) as again:
        [kept] = CertificateIssuer(again, tmp_path / "elsewhere" / "keys").all()
        assert kept.signed == issued.certificate.signed
        assert kept.reflection.learned == "Learned."
        assert again.check().ok


def test_the_records_check_reports_a_damaged_certificate(issued: Issued) -> None:
    from vrlearn.records.layout import CERTIFICATES, CERTIFICATES_TABLE

    table = issued.store.database(CERTIFICATES.name).table(CERTIFICATES_TABLE)
    with issued.store.batch(CERTIFICATES.name):
        table.update({"learner_id": "nobody", "envelope": {}})
    problems = " ".join(issued.store.check().problems)
    assert "unknown learner" in problems and "no signed record" in problems
