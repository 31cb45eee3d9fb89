"""What each frame of the tenth document set shows: a deterministic function of (seed, index).

Kinds follow a 40-frame quota (cards 14, passports 3, receipts 5, forms 12, negatives 6) dealt
by largest deficit, and conditions cycle with a stride prime to both 40 and their own count,
so any prefix of the plan is balanced in kinds and in conditions alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONDITIONS: tuple[str, ...] = (
    "ceiling_panels",  # the office's LED ceiling panels, camera straight down
    "window_sun",  # afternoon sun through the window blinds, sky light from beside
    "desk_lamp",  # a warm spot lamp off to one side, hot spot and fall-off
    "ring_light",  # the camera's own ring light: glare on laminate and glossy paper
    "sky_photo",  # lit only by a photographed sky (environment map) and a dim panel
    "tilted_camera",  # the camera bracket knocked: 15-28 degrees off vertical
    "curled_paper",  # paper curled, folded or dog-eared; cards slightly bowed
    "held_in_hand",  # held up by a hand between the camera and the tray
    "clutter",  # pens, a phone, a cup, coins and a queue ticket on the tray
    "dim_evening",  # low light: long exposure gain, sensor noise
    "overexposed",  # auto-exposure overshoot on a pale counter
    "stream_blocky",  # frames from a low-bitrate H.264-like stream
)

KINDS: tuple[str, ...] = ("id_card", "licence", "passport", "receipt", "a4", "a5", "none")
_QUOTA: dict[str, int] = {
    "id_card": 8,
    "licence": 6,
    "passport": 3,
    "receipt": 5,
    "a4": 7,
    "a5": 5,
    "none": 6,
}
_CYCLE = sum(_QUOTA.values())
_STRIDE = 5  # prime to len(CONDITIONS) = 12: every condition once per 12 frames


def _kind_cycle() -> tuple[str, ...]:
    counts = dict.fromkeys(_QUOTA, 0)
    order: list[str] = []
    for i in range(_CYCLE):
        deficit = {k: _QUOTA[k] * (i + 1) / _CYCLE - counts[k] for k in _QUOTA}
        kind = max(_QUOTA, key=lambda k: (deficit[k], -KINDS.index(k)))
        counts[kind] += 1
        order.append(kind)
    return tuple(order)


_KIND_CYCLE = _kind_cycle()


@dataclass(frozen=True)
class FramePlan:
    seed: int
    index: int
    condition: str
    kind: str

    @property
    def name(self) -> str:
        return f"tenth-{self.index:04d}-{self.kind}_{self.condition}"

    def rng(self) -> np.random.Generator:
        return np.random.default_rng([10_010, self.seed, self.index])


def plan(seed: int, index: int) -> FramePlan:
    # The seed turns both wheels so two seeds do not pair the same kinds with the same conditions.
    kind = _KIND_CYCLE[(index + seed * 7) % _CYCLE]
    condition = CONDITIONS[(index * _STRIDE + seed) % len(CONDITIONS)]
    return FramePlan(seed=seed, index=index, condition=condition, kind=kind)
