"""The area's commands: same code paths as the app, non-zero exits with clear messages."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main
from kiosk.submission import Applicant, Submission
from kiosk.tracking import display, new_tracking_code


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    # The in-process sandbox logs through structlog, whose unconfigured default prints to
    # stdout; the command's own output is the last line.
    lines = [ln for ln in out.splitlines() if ln.strip()]
    return code, (lines[-1] if lines and argv[-1] == "--json" else out), err


def test_procedures_search_and_show(capsys):
    code, out, _ = run(capsys, "procedures", "search", "dang", "ky", "ket", "hon", "--json")
    assert code == 0 and json.loads(out)[0]["code"] == "marriage_registration"
    code, out, _ = run(capsys, "procedures", "show", "birth_registration", "--lang", "en")
    assert code == 0 and "Birth registration" in out and "[from the ID chip]" in out
    code, out, _ = run(capsys, "procedures", "search", "xyzzy", "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "catalog.no_match"


def test_procedures_where_answers_and_asks(capsys):
    code, out, _ = run(
        capsys, "procedures", "where", "birth_registration", "--fact", "mother_residence=Lang Son", "--json"
    )
    data = json.loads(out)
    assert code == 0 and data["outcome"] == "need_answer" and data["question"]["fact"] == "father_residence"
    code, out, _ = run(
        capsys,
        "procedures",
        "where",
        "birth_registration",
        "--fact",
        "mother_residence=Lang Son",
        "--fact",
        "father_residence=Lạng Sơn",
        "--lang",
        "en",
    )
    assert code == 0 and out.startswith("This cannot be filed in Bac Giang ward")
    code, out, _ = run(capsys, "procedures", "where", "birth_registration", "--fact", "colour=blue", "--json")
    assert code == 1 and "mother_residence" in json.loads(out)["error"]["message"]
    code, out, _ = run(
        capsys, "procedures", "where", "birth_registration", "--fact", "mother_residence=Atlantis"
    )
    assert code == 1


def test_track_against_a_running_central(capsys, central_client, sandbox):
    sub = Submission(
        procedure_code="certified_copy",
        tracking_code=new_tracking_code(),
        kiosk_id="test-kiosk",
        applicant=Applicant("001203004567", "Vũ Thị Em"),
        attributes={"document_title": "Học bạ", "pages": "4", "copies": "1"},
    )
    central_client.submit(sub)
    code, out, _ = run(capsys, "track", display(sub.tracking_code).lower(), "--url", sandbox.url, "--json")
    data = json.loads(out)
    assert code == 0 and data["state"] == "received" and data["history"][0]["state"] == "received"
    assert "Vũ Thị Em" not in out

    code, out, _ = run(capsys, "track", "0000000000", "--url", sandbox.url, "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "central.not_found"
    code, _, err = run(capsys, "track", "ABCDE-12345", "--url", sandbox.url, "--lang", "en")
    assert code == 1 and "not valid" in err and "Traceback" not in err


def test_track_with_no_central_reachable(capsys):
    code, out, _ = run(capsys, "track", "0000000000", "--url", "http://127.0.0.1:9/", "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "central.offline"


def test_track_in_the_demo_profile_uses_the_local_sandbox(capsys):
    code, out, _ = run(capsys, "track", "0000000000", "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "central.not_found"


# A terminal's Ctrl-C: SIGINT at its default disposition and unblocked, whatever the test runner
# inherited (a job started in the background by a non-interactive shell ignores SIGINT, and an
# ignored signal stays ignored across exec: the sandbox would never see the Ctrl-C).
_AS_FROM_A_TERMINAL = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT]); os.execv(sys.executable, sys.argv[1:])"
)


def test_kiosk_sandbox_command_serves_until_interrupted(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    import requests

    from tests.conftest import repo_root

    command = [sys.executable, "-m", "kiosk", "sandbox", "--port", "0", "--data", str(tmp_path / "sb")]
    proc = subprocess.Popen(
        [sys.executable, "-c", _AS_FROM_A_TERMINAL, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=repo_root(),
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()  # blocks until the command has bound its port
        url = first.split()[2]
        assert url.startswith("http://127.0.0.1:")
        r = requests.get(url + "discovery.json", timeout=10)
        assert r.status_code == 200 and "x_onestop" in r.json()
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        try:
            # a generous bound: it only tells a hang from a stop on a loaded CI machine
            code = proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the central child too: nothing left running
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"kiosk sandbox did not stop on Ctrl-C within 60 s; its stderr:\n{err[-4000:]}")
        assert code in (0, 130)  # 130: interrupted, as after Ctrl-C


def test_the_installed_kiosk_program_passes_sandbox_to_the_central(capfd):
    """``kiosk sandbox …`` through the console script (ui/launch.py), not only ``python -m kiosk``."""
    from ui.launch import main

    assert main(["sandbox", "staff", "--help"]) == 0
    out = capfd.readouterr().out
    assert "usage: central staff" in out and "add" in out
