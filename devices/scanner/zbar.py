"""A thin zbar binding for QR codes in binary mode, on top of pyzbar's ctypes wrapper.

pyzbar's ``decode()`` lets zbar guess a character set (it mangles UTF-8 Vietnamese when
the code carries no ECI marker) and reads the payload with ``string_at``, which stops at
the first NUL byte. Here the scanner is set to ``ZBAR_CFG_BINARY`` (zbar ≥ 0.23: value 4,
right after ``ZBAR_CFG_ASCII``) so zbar hands back the raw bytes, which are read with their
length; the caller decodes UTF-8 itself.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np
from pyzbar import wrapper as zw

ZBAR_CFG_BINARY = 4  # zbar.h enum zbar_config_e (0.23+): ENABLE, ADD_CHECK, EMIT_CHECK, ASCII, BINARY
_FOURCC_Y800 = ord("Y") | ord("8") << 8 | ord("0") << 16 | ord("0") << 24


@dataclass(frozen=True)
class RawSymbol:
    data: bytes
    points: tuple[tuple[int, int], ...]  # outline in the scanned image's pixels


def scan_qr(gray: np.ndarray) -> list[RawSymbol]:
    """Every QR code zbar finds in an 8-bit greyscale image, as raw bytes."""
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError("scan_qr needs an 8-bit greyscale image")
    gray = np.ascontiguousarray(gray)
    h, w = gray.shape
    scanner = zw.zbar_image_scanner_create()
    try:
        zw.zbar_image_scanner_set_config(scanner, zw.ZBarSymbol.NONE, zw.ZBarConfig.CFG_ENABLE, 0)
        zw.zbar_image_scanner_set_config(scanner, zw.ZBarSymbol.QRCODE, zw.ZBarConfig.CFG_ENABLE, 1)
        zw.zbar_image_scanner_set_config(scanner, zw.ZBarSymbol.QRCODE, ZBAR_CFG_BINARY, 1)
        image = zw.zbar_image_create()
        try:
            zw.zbar_image_set_format(image, _FOURCC_Y800)
            zw.zbar_image_set_size(image, w, h)
            buf = gray.ctypes.data_as(ctypes.c_void_p)
            zw.zbar_image_set_data(image, buf, gray.size, None)
            if zw.zbar_scan_image(scanner, image) < 0:
                return []
            out = []
            symbol = zw.zbar_image_first_symbol(image)
            while symbol:
                n = zw.zbar_symbol_get_data_length(symbol)
                data = ctypes.string_at(zw.zbar_symbol_get_data(symbol), n)
                k = zw.zbar_symbol_get_loc_size(symbol)
                pts = tuple(
                    (int(zw.zbar_symbol_get_loc_x(symbol, i)), int(zw.zbar_symbol_get_loc_y(symbol, i)))
                    for i in range(k)
                )
                out.append(RawSymbol(data, pts))
                symbol = zw.zbar_symbol_next(symbol)
            return out
        finally:
            zw.zbar_image_destroy(image)
    finally:
        zw.zbar_image_scanner_destroy(scanner)
