"""The central's own Ed25519 signing key (sandbox): signs staff credentials, kiosk
configurations and remote commands, so kiosks can verify them offline.

Kept in ``<sandbox data>/central_ed25519.pem`` (0600). Kiosks learn the public key at
enrollment (or, in the demo profile, from ``GET /discovery``).
"""

from __future__ import annotations

from pathlib import Path

from central.blobstore import private_dir
from provisioning.keys import KioskKey, load_or_create_kiosk_key


def central_signing_key(data_dir: Path) -> KioskKey:
    # Same key handling as the kiosk's: one Ed25519 file with tight permissions, in its own
    # folder (0700 like every directory of the central's data).
    return load_or_create_kiosk_key(private_dir(data_dir / "central"))
