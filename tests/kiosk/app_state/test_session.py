from __future__ import annotations

from kiosk.app_state.session import Session


def test_end_runs_every_wipe_even_when_one_fails_and_clears_data():
    s = Session()
    s.start()
    ref = s.ref
    s.data["citizen_id"] = "001203004567"
    cleared = []
    s.register_wipe(lambda: cleared.append("a"), name="a")

    def broken() -> None:
        raise RuntimeError("boom 001203004567")

    s.register_wipe(broken, name="broken")
    s.register_wipe(lambda: cleared.append("c"), name="c")
    report = s.end("finish")
    assert cleared == ["a", "c"]
    assert report.failed == ("broken",)
    assert report.session_ref == ref and report.ran == 3
    assert s.data == {} and not s.active and s.ref == ""


def test_wipes_persist_across_sessions_until_unregistered():
    s = Session()
    calls = []
    unregister = s.register_wipe(lambda: calls.append(1))
    for _ in range(2):
        s.start()
        s.end("finish")
    unregister()
    s.start()
    s.end("finish")
    assert calls == [1, 1]


def test_each_session_gets_a_new_random_reference():
    s = Session()
    refs = set()
    for _ in range(20):
        s.start()
        refs.add(s.ref)
        s.end("finish")
    assert len(refs) == 20


def test_wipe_failure_log_has_no_exception_message(tmp_path):
    from kiosk.logs import configure_logging

    path = configure_logging(directory=tmp_path)
    s = Session()
    s.start()

    def broken() -> None:
        raise ValueError("Nguyễn Văn A 001203004567")

    s.register_wipe(broken)
    s.end("timeout")
    text = path.read_text(encoding="utf-8")
    assert "session_wipe_failed" in text and "ValueError" in text
    assert "Nguyễn" not in text and "001203004567" not in text
