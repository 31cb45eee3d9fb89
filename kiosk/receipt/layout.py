"""The Pillow layout engine of receipts and slips: styles per head width, text lines, wrapping, fitting."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from devices.printer import raster
from kiosk.fonts import print_font as font
from kiosk.logs import get_logger

log = get_logger(__name__)


@dataclass(frozen=True)
class Style:
    body: int
    small: int
    title: int
    code_max: int
    margin: int
    qr_dots: int  # target QR module size


def style_for(width_dots: int) -> Style:
    if width_dots <= 384:
        return Style(body=24, small=20, title=25, code_max=64, margin=6, qr_dots=5)
    return Style(body=28, small=23, title=30, code_max=84, margin=14, qr_dots=6)


@dataclass(frozen=True)
class TextLine:
    """Where one line of text was drawn (tests compare it with the printed image)."""

    text: str
    kind: str
    size: int
    x: int
    y: int


@dataclass
class Flow:
    width: int
    margin: int
    ops: list[Callable[[ImageDraw.ImageDraw, Image.Image, int], None]] = field(default_factory=list)
    heights: list[int] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)

    @property
    def inner(self) -> int:
        return self.width - 2 * self.margin

    def _add(self, h: int, op: Callable[[ImageDraw.ImageDraw, Image.Image, int], None]) -> None:
        self.ops.append(op)
        self.heights.append(h)

    def space(self, h: int) -> None:
        self._add(h, lambda d, im, y: None)

    def rule(self, thick: int = 2, dashed: bool = False) -> None:
        def op(d: ImageDraw.ImageDraw, _im: Image.Image, y: int) -> None:
            x0, x1 = self.margin, self.width - self.margin
            if dashed:
                for x in range(x0, x1, 12):
                    d.rectangle((x, y + 6, min(x + 6, x1), y + 6 + thick - 1), fill=0)
            else:
                d.rectangle((x0, y + 6, x1, y + 6 + thick - 1), fill=0)

        self._add(12 + thick, op)

    def text(
        self, s: str, kind: str, size: int, *, align: str = "left", indent: int = 0, hang: int = 0
    ) -> None:
        """A wrapped paragraph. ``hang``: extra indent of the 2nd+ lines (lists)."""
        f = font(kind, size)
        lines = wrap(nfc(s), f, self.inner - indent, self.inner - indent - hang)
        lh = line_height(f, size)
        for i, line in enumerate(lines):
            x_off = indent + (hang if i else 0)
            self._line(line, f, kind, size, lh, align, x_off)

    def label_value(self, label: str, value: str, size: int) -> None:
        """``Label: value`` with the label bold, the value wrapping under itself."""
        bf, rf = font("bold", size), font("regular", size)
        lab = nfc(label) + ": "
        lw = int(bf.getlength(lab))
        if lw > self.inner * 3 // 5:
            self.text(nfc(label) + ":", "bold", size)
            self.text(value, "regular", size)
            return
        lines = wrap(nfc(value), rf, self.inner - lw, self.inner)
        lh = line_height(rf, size)
        for i, line in enumerate(lines):
            if i == 0:  # the label takes no height of its own: it shares the first value line
                self._line(lab.rstrip(), bf, "bold", size, 0, "left", 0)
            self._line(line, rf, "regular", size, lh, "left", lw if i == 0 else 0)

    def _line(
        self, s: str, f: ImageFont.FreeTypeFont, kind: str, size: int, lh: int, align: str, x_off: int
    ) -> None:
        if not s.strip():
            self.space(lh)
            return
        w = int(f.getlength(s))
        if align == "center":
            x = self.margin + (self.inner - w) // 2
        elif align == "right":
            x = self.width - self.margin - w
        else:
            x = self.margin + x_off

        def op(d: ImageDraw.ImageDraw, _im: Image.Image, y: int) -> None:
            d.text((x, y), s, font=f, fill=0)
            self.lines.append(TextLine(s, kind, size, x, y))

        self._add(lh, op)

    def banner(self, s: str, size: int) -> None:
        """White text on a black band (reprint / offline markings), wrapped to the paper: a
        marking wider than the head ("WAITING TO SEND – CENTRAL UNREACHABLE" at 58 mm) would
        otherwise lose its first and last letters off both edges."""
        f = font("bold", size)
        lh = line_height(f, size)
        pad = 8
        lines = wrap(nfc(s), f, self.inner - 2 * pad, self.inner - 2 * pad)
        h = lh * len(lines) + 12

        def op(d: ImageDraw.ImageDraw, _im: Image.Image, y: int) -> None:
            d.rectangle((self.margin, y, self.width - self.margin - 1, y + h - 1), fill=0)
            for i, line in enumerate(lines):
                x = self.margin + (self.inner - int(f.getlength(line))) // 2
                d.text((x, y + 6 + i * lh), line, font=f, fill=255)
                self.lines.append(TextLine(line, "banner", size, x, y + 6 + i * lh))

        self._add(h, op)

    def image(self, img: Image.Image) -> None:
        def op(_d: ImageDraw.ImageDraw, im: Image.Image, y: int) -> None:
            im.paste(img.convert("L"), ((self.width - img.width) // 2, y))

        self._add(img.height, op)

    def render(self) -> Image.Image:
        self.lines.clear()
        img = Image.new("L", (self.width, sum(self.heights) + 8), 255)
        d = ImageDraw.Draw(img)
        y = 4
        for op, h in zip(self.ops, self.heights, strict=True):
            op(d, img, y)
            y += h
        return img


def nfc(s: str) -> str:
    """Precomposed form: decomposed Vietnamese marks would be placed by the font's basic layout."""
    return unicodedata.normalize("NFC", s)


def line_height(f: ImageFont.FreeTypeFont, size: int) -> int:
    """One printed line of ``f``: its ascent and descent and a leading of an eighth of the size."""
    asc, desc = f.getmetrics()
    return asc + desc + max(2, size // 8)


def wrap(s: str, f: ImageFont.FreeTypeFont, first: int, rest: int) -> list[str]:
    """Greedy word wrap by pixel width; a word longer than a line is broken by characters."""
    out: list[str] = []
    for para in s.split("\n"):
        line = ""
        for word in (w for w in para.split(" ") if w):  # NBSP (U+00A0) keeps words together
            cand = f"{line} {word}" if line else word
            limit = first if not out else rest
            if f.getlength(cand) <= limit:
                line = cand
                continue
            if line:
                out.append(line)
                line = ""
            elif not out and first < rest and f.getlength(word) <= rest:
                out.append("")  # nothing fits beside the label: the value starts on the next line
            limit = first if not out else rest
            while f.getlength(word) > limit:
                cut = 1
                while cut < len(word) and f.getlength(word[: cut + 1]) <= limit:
                    cut += 1
                out.append(word[:cut])
                word = word[cut:]
                limit = rest
            line = word
        out.append(line)
    return out


def fit_size(s: str, kind: str, width: int, largest: int, smallest: int = 18) -> int:
    for size in range(largest, smallest - 1, -2):
        if font(kind, size).getlength(s) <= width:
            return size
    return smallest


def logo_image(path: str, max_width: int) -> Image.Image:
    """A logo scaled to ``max_width`` and dithered (Floyd–Steinberg), as 0/255 greys.

    Dithered here, before the receipt is thresholded, so its greys become dot patterns
    instead of black or white blobs; the final threshold leaves 0/255 pixels as they are.
    """
    with Image.open(path) as im:
        im.load()
        logo = im.copy()
    if logo.width > max_width:
        logo = logo.resize(
            (max_width, max(1, round(logo.height * max_width / logo.width))), Image.Resampling.LANCZOS
        )
    return raster.to_mono(logo, "dither").convert("L")
