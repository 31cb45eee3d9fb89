"""The kiosk's screens, and how other areas plug theirs in.

Add a screen
    Write ``class MyScreen(ui.screens.base.Screen)`` with ``screen_id = "my_screen"``; build
    widgets in ``__init__(self, shell)``, set texts in ``retranslate()`` (``self.m(code)``; the
    words go in ``kiosk/messages/screens.py``, Vietnamese and English), arrange for orientation in
    ``relayout(portrait)``. Give the module ``register(registry)`` calling
    ``registry.add(ScreenSpec("my_screen", MyScreen))`` (``replace=True`` to replace a
    foundation screen such as "submit") and add the module to ``SCREEN_MODULES`` in
    :mod:`ui.screens.registry`. ``in_session=False`` for screens that never show a citizen's
    data. Extra states for ``kiosk screenshots``: ``registry.add_capture(Capture(name, fn))``.

What a screen may use (``self.shell``, see :class:`ui.screens.base.Shell`)
    ``navigate(id)``, ``back()``, ``finish()``; ``session`` (``data`` dict, ``ref``,
    ``register_wipe(fn)``: called at the end of every session); ``overlay.show_card(widget,
    name)`` / ``close_card()`` (staff sign-in goes here); ``status.set("central", "ok")``,
    ``status.set_outbox(n)``; ``prefs.language`` for domain messages (``shell.message(code)``);
    ``controller.clock.configure(timeout_s, warning_s)`` (staff sessions).

Privacy
    Session screens are thrown away and rebuilt at the end of every session, after their
    ``wipe()`` runs. Mark labels and item models that show a citizen's data with
    :func:`ui.wipe.mark_session_data` so the wipe clears them even on screens that survive.
    Keep nothing personal in module globals or class attributes.

Staff exit
    Ctrl+Alt+Shift+X opens the exit pad; :class:`kiosk.app_state.exit_guard.ExitGuard`
    checks the code. Staff sign-in replaces the check by setting
    ``window.exit_guard.authorizer = lambda entered: ...``.
"""
