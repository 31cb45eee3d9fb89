"""``kiosk devices read-card``: the simulated reader (demo profile) and the real one over vpcd."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from devices.card.personalise import mrz_text
from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from kiosk.cli import main

AN = SAMPLE_PEOPLE[0]


def run(capsys, *argv: str) -> tuple[int, dict]:
    rc = main(["devices", "read-card", "--json", *argv])
    out = capsys.readouterr().out
    return rc, json.loads(out)


def test_read_with_the_qr_prints_every_field_and_writes_the_face(capsys, tmp_path):
    face = tmp_path / "face.jpg"
    rc, d = run(capsys, "--cccd-qr", qr_text(AN), "--face-out", str(face))
    assert rc == 0
    assert d["full_name"] == "Nguyễn Văn An" and (d["surname"], d["given_names"]) == ("NGUYEN", "VAN AN")
    assert (d["document_number"], d["personal_number"]) == ("088012345", "001088012345")
    assert (d["birth_date"], d["expiry_date"], d["sex"]) == ("1988-03-12", "2028-03-12", "M")
    assert (d["nationality"], d["issuing_state"]) == ("VNM", "VNM")
    assert d["face_image"]["format"] == "jpeg" and face.read_bytes()[:3] == b"\xff\xd8\xff"
    assert d["face_image"]["bytes"] == face.stat().st_size
    assert d["dg13"]["ethnicity"] == "Kinh" and d["dg13"]["spouse_name"] == "Phạm Thị Thu"
    assert d["verification"]["level"] == "verified" and d["verification"]["source"] == "simulated"


def test_read_with_typed_mrz_and_with_fields(capsys):
    rc, d = run(capsys, "--reader", "sim:2", "--mrz", mrz_text(SAMPLE_PEOPLE[2]))
    assert rc == 0 and d["full_name"] == "Lê Hoàng Minh Đức" and d["expiry_date"] is None
    rc, d = run(
        capsys,
        "--reader",
        "sim:3",
        "--document-number",
        "307001122",
        "--birth",
        "070601",
        "--expiry",
        "320601",
    )
    assert rc == 0 and d["dg13"]["ethnicity"] == "Tày"


def test_read_with_the_can_on_a_pace_card(capsys):
    rc, d = run(capsys, "--reader", "sim:1", "--can", "482913")
    assert rc == 0 and d["verification"]["access"] == "PACE" and d["full_name"] == "Trần Thị Bích Ngọc"
    rc, d = run(capsys, "--reader", "sim:1", "--can", "111111")
    assert rc != 0 and d["error"]["code"] == "card.wrong_key"


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--document-number", "088012345", "--birth", "880312", "--expiry", "280313"], "card.wrong_key"),
        (["--cccd-qr", "not a qr"], "card.bad_qr"),
        (["--mrz", "IDVNM"], "card.bad_mrz"),
        (["--can", "123456"], "card.access_unsupported"),
        ([], "card.need_key"),
        (["--mrz", mrz_text(AN), "--can", "123456"], "card.need_key"),
        (["--document-number", "088012345"], "card.bad_mrz"),
    ],
)
def test_errors_are_json_with_a_code_and_nonzero_exit(capsys, argv, code):
    rc, d = run(capsys, *argv)
    assert rc != 0 and d["error"]["code"] == code and d["error"]["message"]


def test_vietnamese_message(capsys):
    main(["devices", "read-card", "--json", "--lang", "vi", "--cccd-qr", "x"])
    assert "mã QR" in json.loads(capsys.readouterr().out)["error"]["message"]


def test_qr_only_when_there_is_no_reader(capsys):
    rc, d = run(capsys, "--reader", "no such reader", "--cccd-qr", qr_text(AN), "--allow-qr-only")
    if "error" in d:  # pcscd down on this machine: the same fallback must apply
        pytest.fail(f"no fallback: {d}")
    assert rc == 0 and (d["verification"]["level"], d["verification"]["source"]) == ("unverified", "qr")
    assert d["full_name"] == "Nguyễn Văn An" and d["dg13"]["issue_date"] == "2021-05-10"
    assert d["face_image"] is None and d["expiry_date"] is None and d["surname"] == "NGUYEN"


@pytest.fixture
def pcscd():
    from tests.peers.pcscd import ensure_pcscd

    handle = ensure_pcscd()
    yield handle
    handle.release()


@pytest.mark.pcsc
def test_real_reader_through_the_console_script(pcscd, tmp_path):
    from cryptography.hazmat.primitives import serialization

    from tests.peers.vcard import READER, VirtualCard, personalise

    test_card = personalise()
    csca = tmp_path / "csca"
    csca.mkdir()
    (csca / "test.pem").write_bytes(test_card.pki.csca_cert.public_bytes(serialization.Encoding.PEM))
    k = test_card.key
    argv = ["devices", "read-card", "--json", "--reader", READER, "--csca-dir", str(csca)]
    argv += ["--document-number", k.document_number, "--birth", k.birth, "--expiry", k.expiry]
    with VirtualCard(test_card.files, k):
        proc = subprocess.run(
            [sys.executable, "-m", "kiosk", *argv], capture_output=True, text=True, timeout=60
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    d = json.loads(proc.stdout)
    assert d["verification"]["level"] == "verified" and d["full_name"] == test_card.person.full_name


def test_every_card_error_code_and_way_on_has_words_in_both_languages():
    import re
    from pathlib import Path

    from devices.card import errors
    from kiosk.messages import catalog

    codes = {c.code for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.CardError)}
    ways = {
        c.way_on for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.CardError)
    }
    root = Path(errors.__file__).parent
    for path in [*root.glob("*.py"), Path(__file__).parents[3] / "kiosk/commands/card_cmd.py"]:
        codes |= set(re.findall(r'code="(card\.[a-z_.]+)"', path.read_text()))
    ways |= {"reinsert", "rescan_qr", "type_mrz", "ask_staff", "wait"}
    cat = catalog()
    missing = sorted(c for c in codes | {f"card.way.{w}" for w in ways} if c not in cat)
    assert not missing
    assert all(vi and en and vi != en for vi, en in (cat[c] for c in codes))
