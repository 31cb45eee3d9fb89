from __future__ import annotations

from kiosk.speech.privacy import audible
from kiosk.speech.scripts import utterance


def _lines():
    return [
        utterance("Đã đọc thẻ.", "vi"),
        utterance("Họ và tên: Nguyễn Văn An", "vi", personal=True),
        utterance("Số định danh: 001234567890", "vi", personal=True),
        utterance("Chạm Tiếp tục", "vi"),
    ]


def test_open_speaker_never_says_personal_data() -> None:
    said = audible(_lines(), private=False, lang="vi")
    joined = " ".join(said)
    assert "Nguyễn" not in joined and "không không một" not in joined
    assert said == ["Đã đọc thẻ.", "Đã đọc thẻ của ông bà.", "Chạm Tiếp tục"]


def test_headphones_hear_everything() -> None:
    said = audible(_lines(), private=True, lang="vi")
    assert "Họ và tên: Nguyễn Văn An" in said
    assert "Số định danh: không không một, hai ba bốn, năm sáu bảy, tám chín không" in said
