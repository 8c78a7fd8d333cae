"""Certificate ids (80 random bits, readable) and the canonical JSON that signatures cover."""

from __future__ import annotations

import pytest

from vrlearn.certificates.canonical import CanonicalError, canonical_json
from vrlearn.certificates.ids import (
    ALPHABET,
    ID_BITS,
    is_certificate_id,
    new_certificate_id,
    normalise_certificate_id,
)


def test_ids_are_readable_and_carry_80_random_bits() -> None:
    ids = {new_certificate_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert ID_BITS >= 80
    for cid in list(ids)[:50]:
        assert is_certificate_id(cid), cid
        prefix, *groups = cid.split("-")
        assert prefix == "VRL" and [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
    # every character position takes many values: the ids are not mostly fixed
    for position in range(4, len("VRL-XXXX-XXXX-XXXX-XXXX")):
        if position % 5 == 3:
            continue
        assert len({cid[position] for cid in ids}) > 20


def test_ids_typed_by_people_are_understood() -> None:
    cid = "VRL-7K3M-9Q2X-PT4D-H8WE"
    assert normalise_certificate_id("vrl 7k3m 9q2x pt4d h8we") == cid
    assert normalise_certificate_id("7K3M9Q2XPT4DH8WE") == cid
    assert normalise_certificate_id("VRL-1I0O-9Q2X-PT4D-H8WE") == "VRL-1100-9Q2X-PT4D-H8WE"
    assert normalise_certificate_id("VRL-7K3M-9Q2X-PT4D") is None
    assert normalise_certificate_id("VRL-7K3M-9Q2X-PT4D-H8WU") is None  # U is not used


def test_canonical_json_is_sorted_compact_utf8() -> None:
    value = {"b": [1, True, None], "a": "Siân Ŵyn-Łukasiewicz", "c": {"z": 1, "y": ""}}
    assert canonical_json(value) == (
        '{"a":"Siân Ŵyn-Łukasiewicz","b":[1,true,null],"c":{"y":"","z":1}}'.encode()
    )


@pytest.mark.parametrize(
    "bad",
    [{"score": 90.5}, {"x": float("nan")}, {1: "key"}, {"x": b"bytes"}, {"x": "\udc80"}],
    ids=["float", "nan", "int key", "bytes", "lone surrogate"],
)
def test_values_without_one_canonical_form_are_refused(bad: object) -> None:
    with pytest.raises(CanonicalError):
        canonical_json(bad)
