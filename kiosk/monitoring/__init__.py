"""Anonymous service monitoring on the kiosk: journey events and ratings, batched into the outbox.

- :mod:`kiosk.monitoring.schema` — the event model and its allow-list: the only fields an
  event can carry, each with a closed set of values (no free text, no identifiers).
- :mod:`kiosk.monitoring.recorder` — :class:`JourneyRecorder` follows the screen machine
  and turns one citizen's session into events (durations rounded, day only, random id).
- :mod:`kiosk.monitoring.batch` — one session's events become one outbox entry of kind
  ``monitoring``: the outbox's exactly-once path (idempotency key, crash recovery).

- :mod:`kiosk.monitoring.tray_contrast` — how far captured documents stood out from the
  tray (a rolling per-day ΔE histogram, numbers only), sent with the heartbeat.

No Qt here; the UI attaches a recorder to its screen machine and calls it for ratings.
"""

from kiosk.monitoring.batch import enqueue_events, events_of_batch
from kiosk.monitoring.recorder import JourneyRecorder
from kiosk.monitoring.schema import Event, EventError, make_event

__all__ = ["Event", "EventError", "JourneyRecorder", "enqueue_events", "events_of_batch", "make_event"]
