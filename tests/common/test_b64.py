from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.b64 import b64url_decode, b64url_encode


@given(st.binary(min_size=1, max_size=200))
def test_round_trip_without_padding(data: bytes):
    text = b64url_encode(data)
    assert "=" not in text and "+" not in text and "/" not in text
    assert b64url_decode(text) == data


@pytest.mark.parametrize("bad", ["", "ab=c", "a+b", "a/b", "ä", "ab cd"])
def test_strict(bad: str):
    with pytest.raises(ValueError):
        b64url_decode(bad)
