"""The ninth document set's frame plan: which condition and which kind each frame shows.

The plan is a pure function of (seed, index). Conditions repeat in blocks of 14, each shuffled
by the seed; kinds are dealt by smooth weighted round robin (every kind as evenly spread as its
share allows) from a rotation the seed picks. Every prefix of the set is balanced: a render cut
short is still a fair set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: What a document camera above a one-stop-shop counter meets, one entry per situation.
CONDITIONS: tuple[str, ...] = (
    "tray_ceiling",  # the tray under the office's ceiling panels, camera straight down
    "tilted_camera",  # the camera arm knocked or mounted askew: 15-30 degrees of tilt
    "window_sun",  # low sun through the counter's window: hard shadows of the mullions
    "desk_lamp",  # a warm desk lamp beside the tray, dark surroundings
    "ring_light_glare",  # a ring light round the lens: its reflection on laminate and gloss
    "dim_evening",  # late afternoon, lights off at the far end: underexposed and noisy
    "overexposed",  # auto-exposure fooled by a dark counter: highlights clipped
    "clutter",  # pens, a phone, a cup, coins and a queue ticket on the tray
    "curled_folded",  # sheets that were folded in a pocket, rolled receipts, sagging forms
    "hand_held",  # the citizen holds the document up under the camera
    "hand_on_document",  # the citizen's hand still presses the document flat
    "busy_surface",  # no tray: a patterned counter (marble, planks, a carpet runner)
    "person_shadow",  # the citizen leans over the counter and shades part of the tray
    "low_bitrate_stream",  # the camera's H.264 stream at a low bitrate, upscaled
)

#: Kinds per 40 frames: 6 negatives (15 %); of the 34 documents 14 cards (41 %), 3 passports
#: (9 %), 5 receipts (15 %), 12 forms (35 %).
KIND_SHARES: dict[str, int] = {
    "none": 6,
    "id_card": 8,
    "licence": 6,
    "passport": 3,
    "receipt": 5,
    "a4": 7,
    "a5": 5,
}


def _round_robin(shares: dict[str, int]) -> tuple[str, ...]:
    """Smooth weighted round robin: each kind's count in any prefix is within one of its share."""
    total = sum(shares.values())
    credit = dict.fromkeys(shares, 0)
    order = []
    for _ in range(total):
        for k, w in shares.items():
            credit[k] += w
        best = max(credit, key=lambda k: credit[k])
        credit[best] -= total
        order.append(best)
    return tuple(order)


KIND_BLOCK: tuple[str, ...] = _round_robin(KIND_SHARES)

#: What a negative frame shows instead of a document.
NEGATIVE_SUBJECTS: tuple[str, ...] = (
    "empty_tray",
    "phone",
    "hand",
    "wallet",
    "cup_and_coins",
    "pens_and_ticket",
)


@dataclass(frozen=True)
class FramePlan:
    seed: int
    index: int
    condition: str
    kind: str

    @property
    def name(self) -> str:
        return f"ninth-{self.index:04d}-{self.kind}-{self.condition}"

    def rng(self, stream: int = 0) -> np.random.Generator:
        """The frame's own random stream: the same frame whatever else was rendered."""
        return np.random.default_rng([self.seed, self.index, stream, 9])


def _block_order(seed: int, what: int, block: int, size: int) -> np.ndarray:
    return np.random.default_rng([seed, what, block, 9]).permutation(size)


def plan(seed: int, index: int) -> FramePlan:
    start = int(np.random.default_rng([seed, 1, 9]).integers(len(KIND_BLOCK)))
    conditions = _block_order(seed, 2, index // len(CONDITIONS), len(CONDITIONS))
    return FramePlan(
        seed=seed,
        index=index,
        condition=CONDITIONS[int(conditions[index % len(CONDITIONS)])],
        kind=KIND_BLOCK[(start + index) % len(KIND_BLOCK)],
    )
