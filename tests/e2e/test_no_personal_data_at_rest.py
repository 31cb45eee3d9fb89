"""Nothing personal in clear at rest: after a citizen's session with a printed receipt, and
after a reset, a search of every file under the kiosk's dirs (data, home/state, cache, tmp)
finds no name, ID number or address of the citizen, in any of the encodings a file could hold
them in. The central is down during the session, so the dossier waits in the outbox (encrypted)."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest

from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from tests.clear_text import clear_text_in
from tests.e2e.conftest import Citizen, OfflineCentral, birth_registration, kiosk_window
from tests.peers.printer_server import PrinterServer
from tests.peers.swtpm import start_swtpm, write_tpm_config

pytestmark = pytest.mark.qt
MOTHER = SAMPLE_PEOPLE[1]
CHILD = "Lê Minh An"


def _fold(text: str) -> str:
    """Vietnamese without diacritics ("Trần Thị" → "Tran Thi"), as ASCII-only code might write it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _needles() -> dict[bytes, str]:
    words = {
        "id": MOTHER.personal_number,
        "name": MOTHER.full_name,
        "child": CHILD,
        "residence": MOTHER.place_of_residence,
    }
    if MOTHER.old_id:
        words["old_id"] = MOTHER.old_id
    found: dict[bytes, str] = {}
    for what, word in words.items():
        for variant in {
            word,
            word.upper(),
            _fold(word),
            _fold(word).upper(),
            unicodedata.normalize("NFD", word),
        }:
            for enc in ("utf-8", "utf-16-le"):
                found[variant.encode(enc)] = f"{what} ({enc})"
    return found


def _search(roots: list[Path]) -> list[str]:
    return clear_text_in(roots, _needles(), names=[MOTHER.personal_number])


@pytest.mark.parametrize("key_store", ["file", "tpm"])
def test_no_name_or_id_in_clear_after_a_session_a_printed_receipt_and_a_reset(
    qtbot,
    tmp_path: Path,
    isolated_kiosk_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    key_store: str,
    offline_central: OfflineCentral,
):
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    for d in (home, tmp):
        d.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    roots = [isolated_kiosk_env, home, tmp]
    if key_store == "tpm":
        # the kiosk's keys sealed in a (software) TPM, whose state lives outside the kiosk's dirs
        swtpm = start_swtpm(tmp_path / "swtpm")
        request.addfinalizer(swtpm.stop)
        monkeypatch.setenv("KIOSK_CONFIG", str(write_tpm_config(tmp_path / "kiosk.toml", swtpm.tcti)))

    with PrinterServer() as printer:
        w = kiosk_window(qtbot, offline_central.kiosk_settings("K-E2E-PII", printer.uri))
        c = Citizen(w, qtbot)
        code = birth_registration(
            c,
            present_card=lambda: w.services.scanner.deliver(qr_text(MOTHER), "sim"),
            photograph=("birth_notice",),
        )
        printer.wait_pages(1, timeout=20)  # the receipt came out
        assert w.services.outbox_state(code) in ("queued", "sending")
        # After the session and the printed receipt: nothing in clear anywhere on the kiosk
        assert _search(roots) == []

        offline_central.come_back()  # the network returns
        qtbot.waitUntil(lambda: w.services.outbox_state(code) == "accepted", timeout=60_000)
        # The search does find what is there: the central keeps the dossier in its database
        assert any("child" in hit for hit in _search([offline_central.data]))
    if key_store == "tpm":
        assert sorted(p.suffix for p in (isolated_kiosk_env / "keys").iterdir()) == [".json", ".tpm", ".tpm"]
    from kiosk.provision import audit_sink, outbox_export
    from provisioning.reset import decommission

    w.close()
    report = decommission(
        isolated_kiosk_env,
        link=None,
        outbox_export=lambda: outbox_export(isolated_kiosk_env),
        audit=audit_sink(isolated_kiosk_env),
        offline=True,
    )
    assert report.files_wiped > 0
    assert _search(roots) == []
    assert sorted(p.name for p in isolated_kiosk_env.iterdir()) == ["decommissioned.json"]
