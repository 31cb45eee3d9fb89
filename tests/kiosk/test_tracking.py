"""Tracking codes: the check symbol catches every single error and every neighbour swap."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from kiosk.tracking import ALPHABET, display, is_valid, new_tracking_code, normalize


def test_new_codes_are_valid_and_readable():
    for _ in range(200):
        code = new_tracking_code()
        assert len(code) == 10 and is_valid(code)
        assert not set(code) & set("ILOU")


@given(st.integers(0, 2**45 - 1), st.integers(0, 9), st.integers(1, 31))
def test_every_single_substitution_is_caught(seed: int, pos: int, delta: int):
    rnd = random.Random(seed)
    body = "".join(rnd.choice(ALPHABET) for _ in range(9))
    from kiosk.tracking import check_symbol

    code = body + check_symbol(body)
    wrong = list(code)
    wrong[pos] = ALPHABET[(ALPHABET.index(code[pos]) + delta) % 32]
    assert not is_valid("".join(wrong))


def test_every_adjacent_swap_is_caught():
    for _ in range(500):
        code = new_tracking_code()
        for i in range(9):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                assert not is_valid(swapped)


def test_typing_is_forgiving():
    code = new_tracking_code()
    typed = display(code).lower().replace("0", "o").replace("1", "l")
    assert normalize(typed) == code and is_valid(typed)
    assert display(code) == f"{code[:5]}-{code[5:]}"


def test_garbage_is_not_a_code():
    assert normalize("hello") is None
    assert not is_valid("UUUUUUUUUU")
    assert not is_valid("")
