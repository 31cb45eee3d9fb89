"""HID keyboard-wedge scanners on Linux, read straight from evdev and grabbed exclusively.

A wedge scanner is a keyboard: left alone, its keystrokes land in whatever text field has
focus. :class:`HidScanner` opens ``/dev/input/eventN`` and calls ``EVIOCGRAB`` so its keys
reach only us, turns key events into text with :class:`KeyDecoder` (US layout, Shift, and
Alt + keypad digits for scanners set to send non-ASCII characters as code points), and ends a
scan on Enter (or Tab). Needs read access to the device (udev rule / ``input`` group).

Where the device cannot be read directly (no permission, another OS), the UI can fall back
on :class:`BurstDetector`: a scanner types far faster and more evenly than a person, so a
burst of keys a few milliseconds apart ending in Enter is a scan, anything slower is typing.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time

from devices.errors import DeviceError
from devices.scanner.base import MAX_SCAN_BYTES, ErrorCallback, ScanCallback, ScanEvent

log = logging.getLogger(__name__)

try:
    from evdev import InputDevice, ecodes
except ImportError:  # pragma: no cover - not Linux
    InputDevice = None  # type: ignore[misc,assignment]
    ecodes = None  # type: ignore[assignment]

# US layout: key name -> (plain, shifted)
_ROWS = {
    "1": ("1", "!"), "2": ("2", "@"), "3": ("3", "#"), "4": ("4", "$"), "5": ("5", "%"),
    "6": ("6", "^"), "7": ("7", "&"), "8": ("8", "*"), "9": ("9", "("), "0": ("0", ")"),
    "MINUS": ("-", "_"), "EQUAL": ("=", "+"), "LEFTBRACE": ("[", "{"), "RIGHTBRACE": ("]", "}"),
    "SEMICOLON": (";", ":"), "APOSTROPHE": ("'", '"'), "GRAVE": ("`", "~"), "BACKSLASH": ("\\", "|"),
    "COMMA": (",", "<"), "DOT": (".", ">"), "SLASH": ("/", "?"), "SPACE": (" ", " "),
    "KPMINUS": ("-", "-"), "KPPLUS": ("+", "+"), "KPASTERISK": ("*", "*"), "KPSLASH": ("/", "/"),
    "KPDOT": (".", "."),
}  # fmt: skip
_KP_DIGITS = {f"KP{d}": d for d in "0123456789"}


def _keymap() -> tuple[dict[int, tuple[str, str]], dict[int, str], set[int], set[int], set[int]]:
    if ecodes is None:
        return {}, {}, set(), set(), set()
    keys: dict[int, tuple[str, str]] = {}
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        keys[ecodes.ecodes[f"KEY_{c}"]] = (c.lower(), c)
    for name, pair in _ROWS.items():
        keys[ecodes.ecodes[f"KEY_{name}"]] = pair
    kp = {ecodes.ecodes[f"KEY_{k}"]: d for k, d in _KP_DIGITS.items()}
    shift = {ecodes.KEY_LEFTSHIFT, ecodes.KEY_RIGHTSHIFT}
    alt = {ecodes.KEY_LEFTALT, ecodes.KEY_RIGHTALT}
    end = {ecodes.KEY_ENTER, ecodes.KEY_KPENTER, ecodes.KEY_TAB}
    return keys, kp, shift, alt, end


KEYS, KEYPAD, SHIFT, ALT, END = _keymap()


class KeyDecoder:
    """Key events (code, value: 1 down, 0 up, 2 repeat) in, complete scans out. Pure."""

    def __init__(self, max_len: int = MAX_SCAN_BYTES):
        self.max_len = max_len
        self._buf: list[str] = []
        self._shift = False
        self._caps = False
        self._alt = False
        self._alt_digits = ""
        self._overflow = False

    def feed(self, code: int, value: int) -> tuple[str, bool] | None:
        """The scan (text, truncated) when ``code`` ends one, else None."""
        if code in SHIFT:
            self._shift = value != 0
            return None
        if code in ALT:
            if value == 0:
                self._alt = False
                if self._alt_digits:
                    self._put(_alt_char(self._alt_digits))
                self._alt_digits = ""
            else:
                self._alt = True
            return None
        if value != 1:  # key up and auto-repeat carry nothing
            return None
        if ecodes is not None and code == ecodes.KEY_CAPSLOCK:
            self._caps = not self._caps
            return None
        if code in END:
            text, cut = "".join(self._buf), self._overflow
            self._buf, self._overflow = [], False
            return (text, cut) if text or cut else None
        if self._alt and code in KEYPAD:
            self._alt_digits = (self._alt_digits + KEYPAD[code])[-7:]
            return None
        if code in KEYPAD:
            self._put(KEYPAD[code])
        elif code in KEYS:
            plain, shifted = KEYS[code]
            upper = self._shift != (self._caps and plain.isalpha())
            self._put(shifted if upper else plain)
        return None

    def _put(self, ch: str) -> None:
        if len(self._buf) >= self.max_len:
            self._overflow = True
            return
        self._buf.append(ch)


def _alt_char(digits: str) -> str:
    n = int(digits)
    if digits.startswith("0") and n < 256:
        return bytes([n]).decode("cp1252", errors="replace")  # Windows "Alt+0nnn": ANSI code page
    try:
        return chr(n) if 0 < n < 0x110000 else "\ufffd"
    except ValueError:
        return "\ufffd"


class HidScanner:
    driver = "hid-evdev"

    def __init__(self, path: str, grab: bool = True):
        self.path = path
        self.name = path
        self.grab = grab
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback | None = None) -> None:
        if InputDevice is None:
            raise DeviceError("evdev is not available on this system", code="scanner.device_unavailable")
        if self._thread is not None:
            raise RuntimeError("scanner already started")
        try:
            dev = InputDevice(self.path)
        except OSError as e:
            raise DeviceError(
                f"{e.__class__.__name__}: {self.path}", code="scanner.device_unavailable"
            ) from None
        if self.grab:
            try:
                dev.grab()  # EVIOCGRAB: the scanner's keys reach nobody else
            except OSError as e:
                dev.close()
                raise DeviceError(
                    f"cannot grab {self.path}: {e.strerror}", code="scanner.device_busy"
                ) from None
        self._stop.clear()
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, args=(dev, on_scan, on_error), name="scanner-hid")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._wake_w >= 0:
            os.write(self._wake_w, b"x")
        t, self._thread = self._thread, None
        if t is not None and t is not threading.current_thread():
            t.join(5)
        for fd in (self._wake_r, self._wake_w):
            if fd >= 0:
                os.close(fd)
        self._wake_r = self._wake_w = -1

    def _run(self, dev: InputDevice, on_scan: ScanCallback, on_error: ErrorCallback | None) -> None:
        decoder = KeyDecoder()
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([dev.fd, self._wake_r], [], [], 1.0)
                if dev.fd not in ready:
                    continue
                for ev in dev.read():
                    if ev.type != ecodes.EV_KEY:
                        continue
                    done = decoder.feed(ev.code, ev.value)
                    if done is not None:
                        text, cut = done
                        on_scan(ScanEvent(text.encode("utf-8"), "hid", time.monotonic(), cut))
        except OSError as e:  # unplugged
            log.warning("hid_scanner_lost error=%s", e.__class__.__name__)
            if on_error is not None:
                on_error(DeviceError(f"{e.__class__.__name__}", code="scanner.device_unavailable"))
        finally:
            try:
                if self.grab:
                    dev.ungrab()
            except OSError:
                pass
            dev.close()


class BurstDetector:
    """Tells a scanner's keystroke burst from a person typing. Pure; times in seconds.

    Feed every printable key with :meth:`key` and Enter with :meth:`enter`. A scan is at
    least ``min_len`` keys, each within ``max_gap`` of the previous, ending in Enter within
    ``max_gap`` too: :meth:`enter` then returns ``(True, text)`` (the UI swallows those keys).
    Otherwise it returns ``(False, keys)``: they were typing, to be passed on. :meth:`pending` says
    whether the keys so far could still be a scan (the UI holds them back meanwhile and
    releases them via :meth:`expire` once a gap shows they were typed by hand).
    """

    def __init__(self, max_gap: float = 0.035, min_len: int = 6):
        self.max_gap = max_gap
        self.min_len = min_len
        self._chars: list[str] = []
        self._last: float | None = None

    def key(self, ch: str, t: float) -> str:
        """Add a key; returns keys that are now known to be typing (to pass on), else ''."""
        released = self.expire(t)
        self._chars.append(ch)
        self._last = t
        return released

    def expire(self, t: float) -> str:
        """Keys held back that turned out to be typing (a gap longer than ``max_gap``)."""
        if self._last is not None and t - self._last > self.max_gap and self._chars:
            text = "".join(self._chars)
            self._chars, self._last = [], None
            return text
        return ""

    def pending(self) -> bool:
        return bool(self._chars)

    def enter(self, t: float) -> tuple[bool, str]:
        """(True, scan text) for a scanner's burst; (False, keys held back) for typing."""
        typed = self.expire(t)
        if typed:
            return False, typed
        text = "".join(self._chars)
        self._chars, self._last = [], None
        return len(text) >= self.min_len, text
