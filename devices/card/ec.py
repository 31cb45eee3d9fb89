"""Elliptic-curve point arithmetic for PACE's generic mapping (G' = s·G + H).

The ``cryptography`` package does ECDH only on a curve's standard generator and returns an
x-coordinate; PACE needs points added and multiplied on a mapped generator, so this small,
constant-structure (not constant-time: the values are ephemeral and single-use) Jacobian
implementation does it. Curves: the PACE standardized domain parameters we support.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[int, int] | None  # None = the point at infinity


@dataclass(frozen=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    g: tuple[int, int]
    n: int

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    def on_curve(self, pt: Point) -> bool:
        if pt is None:
            return False
        x, y = pt
        return 0 <= x < self.p and 0 <= y < self.p and (y * y - x * x * x - self.a * x - self.b) % self.p == 0

    # -- Jacobian coordinates ----------------------------------------------------------------

    def _double(self, P: tuple[int, int, int]) -> tuple[int, int, int]:
        X, Y, Z = P
        p = self.p
        if Y == 0 or Z == 0:
            return (0, 1, 0)
        S = 4 * X * Y * Y % p
        M = (3 * X * X + self.a * pow(Z, 4, p)) % p
        X3 = (M * M - 2 * S) % p
        Y3 = (M * (S - X3) - 8 * pow(Y, 4, p)) % p
        Z3 = 2 * Y * Z % p
        return (X3, Y3, Z3)

    def _add(self, P: tuple[int, int, int], Q: tuple[int, int, int]) -> tuple[int, int, int]:
        if P[2] == 0:
            return Q
        if Q[2] == 0:
            return P
        p = self.p
        X1, Y1, Z1 = P
        X2, Y2, Z2 = Q
        Z1s, Z2s = Z1 * Z1 % p, Z2 * Z2 % p
        U1, U2 = X1 * Z2s % p, X2 * Z1s % p
        S1, S2 = Y1 * Z2s * Z2 % p, Y2 * Z1s * Z1 % p
        if U1 == U2:
            return self._double(P) if S1 == S2 else (0, 1, 0)
        H, R = (U2 - U1) % p, (S2 - S1) % p
        H2 = H * H % p
        H3 = H * H2 % p
        X3 = (R * R - H3 - 2 * U1 * H2) % p
        Y3 = (R * (U1 * H2 - X3) - S1 * H3) % p
        Z3 = H * Z1 * Z2 % p
        return (X3, Y3, Z3)

    def _affine(self, P: tuple[int, int, int]) -> Point:
        if P[2] == 0:
            return None
        zi = pow(P[2], -1, self.p)
        return (P[0] * zi * zi % self.p, P[1] * zi * zi * zi % self.p)

    def add(self, a: Point, b: Point) -> Point:
        if a is None:
            return b
        if b is None:
            return a
        return self._affine(self._add((a[0], a[1], 1), (b[0], b[1], 1)))

    def mul(self, k: int, pt: Point) -> Point:
        if pt is None or k % self.n == 0:
            return None
        k %= self.n
        R = (0, 1, 0)
        Q = (pt[0], pt[1], 1)
        for bit in bin(k)[2:]:
            R = self._double(R)
            if bit == "1":
                R = self._add(R, Q)
        return self._affine(R)

    # -- encodings ---------------------------------------------------------------------------

    def encode(self, pt: Point) -> bytes:
        """Uncompressed X9.62 point: 04 ‖ x ‖ y."""
        if pt is None:
            raise ValueError("cannot encode the point at infinity")
        return b"\x04" + pt[0].to_bytes(self.size, "big") + pt[1].to_bytes(self.size, "big")

    def decode(self, data: bytes) -> tuple[int, int]:
        if len(data) != 1 + 2 * self.size or data[0] != 0x04:
            raise ValueError("not an uncompressed point of this curve")
        pt = (int.from_bytes(data[1 : 1 + self.size], "big"), int.from_bytes(data[1 + self.size :], "big"))
        if not self.on_curve(pt):
            raise ValueError("point not on the curve")
        return pt


def _h(s: str) -> int:
    return int(s, 16)


# ICAO 9303 Part 11 §9.5.1 standardized domain parameters (the ones PACE cards use most)
CURVES: dict[int, Curve] = {
    12: Curve(
        "secp256r1",
        _h("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF"),
        _h("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC"),
        _h("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B"),
        (
            _h("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"),
            _h("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5"),
        ),
        _h("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"),
    ),
    13: Curve(
        "brainpoolP256r1",
        _h("A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377"),
        _h("7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9"),
        _h("26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6"),
        (
            _h("8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262"),
            _h("547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997"),
        ),
        _h("A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7"),
    ),
}
