"""Run by the SYSTEM python3 (pyatspi is a Debian package): what a screen reader sees.

Commands on stdin, one JSON object a line; answers on stdout, one JSON line each:
  {"cmd": "wait_app", "name": "kiosk", "timeout": 20}
  {"cmd": "dump", "name": "kiosk"}        interactive, really visible controls
  {"cmd": "dump", "name": "kiosk", "everything": true}   and every named object (pictures, words)
  {"cmd": "act", "name": "kiosk", "control": "Tìm thủ tục", "action": 0}   default action
  {"cmd": "focused", "name": "kiosk"}
Keep this file free of project imports: it runs outside the venv.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "text",
    "password text",
    "entry",
    "combo box",
    "list item",
    "menu item",
    "link",
    "slider",
    "spin button",
    "page tab",
}


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def extents(acc):
    try:
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return [e.x, e.y, e.width, e.height]
    except Exception:  # noqa: BLE001 - not a component
        return None


def _inter(a, b):
    x = max(a[0], b[0])
    y = max(a[1], b[1])
    r = min(a[0] + a[2], b[0] + b[2])
    bt = min(a[1] + a[3], b[1] + b[3])
    return [x, y, max(0, r - x), max(0, bt - y)]


def walk(acc, clip, out, path, modal_seen=False, everything=False):
    try:
        _walk(acc, clip, out, path, everything)
    except Exception:  # noqa: BLE001 - the object went away (or did not answer) while walking
        return


def _walk(acc, clip, out, path, everything):
    role = acc.getRoleName()
    states = acc.getState()
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    ext = extents(acc)
    if ext is not None and ext[2] > 0 and ext[3] > 0:
        # Qt says "showing" for widgets scrolled out of their viewport: intersect with ancestors.
        clip = _inter(clip, ext) if role not in ("application",) else clip
        if clip[2] <= 0 or clip[3] <= 0:
            return
    # everything: also what a screen reader reads without acting on it (pictures, words).
    if role in INTERACTIVE or (everything and (acc.name or acc.description)):
        try:
            action = acc.queryAction()
            actions = [action.getName(i) for i in range(action.nActions)]
        except NotImplementedError:
            actions = []
        out.append(
            {
                "name": acc.name,
                "role": role,
                "description": acc.description,
                "actions": actions,
                "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
                "focused": states.contains(pyatspi.STATE_FOCUSED),
                "checked": states.contains(pyatspi.STATE_CHECKED),
                "sensitive": states.contains(pyatspi.STATE_SENSITIVE),
                "extents": ext,
                "path": path,
            }
        )
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:  # noqa: BLE001 - fewer children than counted: the page changed
            continue
        if child is not None:
            walk(child, clip, out, path + [i], everything=everything)


def dump(app, everything=False):
    out = []
    for i in range(app.childCount):
        win = app.getChildAtIndex(i)
        if win is None:
            continue
        walk(win, [-100000, -100000, 200000, 200000], out, [i], everything=everything)
    return out


def by_path(app, path):
    acc = app
    for i in path:
        acc = acc.getChildAtIndex(i)
    return acc


def focused(app):
    found = []

    def rec(acc, depth=0):
        if depth > 60 or found:
            return
        try:
            st = acc.getState()
        except Exception:  # noqa: BLE001
            return
        if st.contains(pyatspi.STATE_FOCUSED) and acc.getRoleName() not in ("frame", "filler", "application"):
            found.append({"name": acc.name, "role": acc.getRoleName()})
            return
        for i in range(acc.childCount):
            c = acc.getChildAtIndex(i)
            if c is not None:
                rec(c, depth + 1)

    rec(app)
    return found[0] if found else None


def main():
    # libatspi gives an application 0.8 s to answer a call: a kiosk building its next screen on
    # a loaded machine takes longer, and the walk failed with "Did not receive a reply" while
    # the kiosk was well. A test waits on its own deadlines; a dead kiosk is seen by the test.
    pyatspi.setTimeout(20000, 20000)
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["cmd"] == "wait_app":
                deadline = time.monotonic() + req.get("timeout", 20)
                app = find_app(req["name"])
                while app is None and time.monotonic() < deadline:
                    time.sleep(0.2)  # polling the registry: no signal to wait on from here
                    app = find_app(req["name"])
                res = {"ok": app is not None}
            elif req["cmd"] in ("dump", "act", "focused") and find_app(req["name"]) is None:
                res = {"ok": False, "error": "absent"}  # the registry missed it, or it is gone
            elif req["cmd"] == "dump":
                res = {"ok": True, "controls": dump(find_app(req["name"]), req.get("everything", False))}
            elif req["cmd"] == "act":
                acc = by_path(find_app(req["name"]), req["path"])
                acc.queryAction().doAction(req.get("action", 0))
                res = {"ok": True}
            elif req["cmd"] == "focused":
                res = {"ok": True, "focused": focused(find_app(req["name"]))}
            else:
                res = {"ok": False, "error": "unknown command"}
        except Exception as e:  # noqa: BLE001 - report to the test, keep serving
            res = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        print(json.dumps(res, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
