"""The printable staff card: the signed credential as a QR code, with the holder's name, ID,
role, agency and expiry in Vietnamese and English (Pillow, a font covering Vietnamese)."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from kiosk.fonts import print_font
from kiosk.staff.credential import StaffCredential

ROLE_WORDS = {
    "officer": ("Cán bộ một cửa", "Officer"),
    "supervisor": ("Cán bộ giám sát", "Supervisor"),
    "technician": ("Kỹ thuật viên", "Technician"),
}
# ID-1 card size (85.6 × 54 mm) at 300 dpi
WIDTH, HEIGHT = 1011, 638


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return print_font("bold" if bold else "regular", size)


def render_card(cred: StaffCredential, credential_text: str) -> Image.Image:
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH, 90), fill=(160, 20, 30))
    draw.text((30, 22), "THẺ CÁN BỘ · STAFF CARD", font=_font(40, True), fill="white")
    qr = segno.make(credential_text, error="m", micro=False)
    box = HEIGHT - 150
    modules = qr.symbol_size(scale=1, border=2)[0]
    scale = max(1, box // modules)  # whole pixels per module: no resampling blur
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=2)
    buf.seek(0)
    code = Image.open(buf).convert("RGB")
    side = code.width
    img.paste(code, (WIDTH - side - 20 - (box - side) // 2, 110 + (box - side) // 2))
    role_vi, role_en = ROLE_WORDS.get(cred.role, (cred.role, cred.role))
    y = 120
    for text, size, bold in (
        (cred.name, 38, True),
        (f"Mã / ID: {cred.staff_id}", 30, False),
        (f"{role_vi} / {role_en}", 30, False),
        (f"Cơ quan / Agency: {cred.agency}", 28, False),
        (f"Hết hạn / Expires: {cred.expires_at.date().isoformat()}", 28, False),
    ):
        room = WIDTH - box - 20 - 30 - 20
        font = _font(size, bold)
        while size > 14 and draw.textlength(text, font=font) > room:
            size -= 2
            font = _font(size, bold)
        draw.text((30, y), text, font=font, fill="black")
        y += max(size, 28) + 26
    return img


def save_card(cred: StaffCredential, credential_text: str, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    render_card(cred, credential_text).save(out, format="PNG", dpi=(300, 300))
    return out


def report_image(text: str, width_px: int = 576) -> Image.Image:
    """The end-of-day report as a 1-bit raster for the receipt printer (80 mm: 576 dots)."""
    font = _font(22)
    lines: list[str] = []
    probe = ImageDraw.Draw(Image.new("1", (1, 1)))
    for raw in text.splitlines():
        words, line = raw.split(" "), ""
        for w in words:
            candidate = f"{line} {w}" if line else w
            if probe.textlength(candidate, font=font) <= width_px - 16:
                line = candidate
            else:
                lines.append(line)
                line = w
        lines.append(line)
    img = Image.new("1", (width_px, 30 * len(lines) + 40), 1)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((8, 20 + 30 * i), line, font=font, fill=0)
    return img
