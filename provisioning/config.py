"""Signed configuration: verify, check, apply atomically, keep the last good one.

A configuration comes from the central (``GET <central>/kiosk/config``) or on a technician's
USB stick (``kiosk provision apply-config FILE``) as a signed envelope (see
:func:`provisioning.signing.sign_document`, kind ``kiosk-config``) whose payload is
``{"kiosk_id", "version", "issued_at", "config": {<TOML tables>}}``.

It is refused — with the reason in plain words, written to the audit log — when it is
unsigned, signed by anyone but the central this kiosk enrolled with, meant for another
kiosk, older than the one in force (no rollback), a different file under the same version,
or not valid against the configuration schema (the ``validator`` the caller gives; the CLI
passes :func:`kiosk.config.parse_config`, keeping this package free of ``kiosk``).

Files under ``<data>/provisioning/config/``:

* ``versions/v<N>-<hash>/`` — one folder per applied configuration: ``signed.json`` (the
  envelope as received), ``config.toml`` (its tables, the file the kiosk loads) and
  ``meta.json``;
* ``current`` and ``previous`` — symbolic links to the version in force and the last good one.

A new version's folder is written and fsynced completely, then ``current`` is switched to it
by renaming a new link over the old one (one atomic step): a crash leaves either the old or
the new configuration in force, never a mixture.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.b64 import b64url_decode
from common.durable import atomic_write, read_json
from common.limits import TooDeep, check_depth
from provisioning.audit import AuditSink
from provisioning.errors import Refused
from provisioning.signing import DocumentRejected, canonical_json, open_document

KIND = "kiosk-config"
APPROVAL_KIND = "kiosk-trust-approval"
# Settings that decide whom the kiosk trusts: where its central is, and the certificates it
# checks ID cards against (and any [trust] table). The central's signature on a configuration
# is not enough to change them; an administrator's separate approval must come with it.
TRUST_KEYS = ("central.url", "devices.csca_dir", "trust")
Validator = Callable[[dict[str, Any]], object]


@dataclass(frozen=True)
class Trust:
    """What a signed configuration is checked against (the central's key, this kiosk, the
    configuration schema) and where a refusal is recorded."""

    central_public_key: bytes
    kiosk_id: str
    validator: Validator
    audit: AuditSink


def _dig(config: dict[str, Any], dotted: str) -> Any:
    node: Any = config
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def trust_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """The trust settings ``new`` sets to something else than ``old`` does.

    Leaving one out is no change: the kiosk then falls back to what it enrolled with (its
    central) or trusts less (no CSCA folder). With no configuration in force yet there is
    nothing to compare with: the first one comes from the central the kiosk just enrolled with.
    """
    if old is None:
        return []
    return [k for k in TRUST_KEYS if _dig(new, k) is not None and _dig(new, k) != _dig(old, k)]


def approval_payload(kiosk_id: str, version: int, config: dict[str, Any], approved_by: str) -> dict[str, Any]:
    """What an administrator's approval of a trust change signs: this exact configuration."""
    return {
        "kiosk_id": kiosk_id,
        "version": version,
        "config_sha256": hashlib.sha256(canonical_json(config)).hexdigest(),
        "approved_by": approved_by,
    }


@dataclass(frozen=True)
class AppliedConfig:
    kiosk_id: str
    version: int
    issued_at: float
    sha256: str
    source: str  # "central" | "file:<name>" | …
    applied_at: float
    changed: bool = True


def config_dir(data_dir: Path) -> Path:
    d = data_dir / "provisioning" / "config"
    d.mkdir(parents=True, exist_ok=True)
    return d


def active_config_path(data_dir: Path) -> Path:
    """The TOML file of the configuration in force (``KIOSK_CONFIG`` may point here)."""
    return config_dir(data_dir) / "current" / "config.toml"


def _link(data_dir: Path, which: str) -> Path:
    return config_dir(data_dir) / which


def _target(data_dir: Path, which: str) -> Path | None:
    link = _link(data_dir, which)
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if (target / "signed.json").exists() and (target / "meta.json").exists() else None


def _point(data_dir: Path, which: str, version_dir: Path) -> None:
    """Switch ``which`` to ``version_dir`` in one atomic rename of a new symbolic link."""
    link = _link(data_dir, which)
    tmp = link.with_name(f".{which}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version_dir, link.parent), tmp)
    os.replace(tmp, link)
    dir_fd = os.open(link.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _config_in_force(data_dir: Path) -> dict[str, Any] | None:
    """The tables of the configuration in force (verified when it was applied)."""
    target = _target(data_dir, "current")
    if target is None:
        return None
    try:
        doc = read_json(target / "signed.json")
        config = json.loads(b64url_decode(doc["payload"])).get("config")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return config if isinstance(config, dict) else None


def current(data_dir: Path) -> AppliedConfig | None:
    target = _target(data_dir, "current")
    if target is None:
        return None
    return AppliedConfig(**read_json(target / "meta.json"))


def current_version(data_dir: Path) -> int:
    c = current(data_dir)
    return c.version if c else 0


def _refuse(audit: AuditSink, reason: str, why: str, **fields: Any) -> Refused:
    audit("config_refused", {"reason": reason, "why": why, **fields})
    return Refused(why, code=f"provisioning.config_{reason}")


def verify_config(
    doc: Any,
    trust: Trust,
    *,
    source: str,
    have_version: int,
    have_sha256: str | None = None,
    have_config: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], int, str]:
    """Check a signed configuration; return (payload, version, sha256) or raise :class:`Refused`.

    ``have_config``: the tables in force; a change of their trust settings (:data:`TRUST_KEYS`)
    needs the envelope's ``approval``, an administrator's separately signed approval of exactly
    this configuration."""
    try:
        check_depth(doc, "configuration")  # before anything walks it recursively
    except TooDeep as e:
        raise _refuse(trust.audit, "too_deep", f"configuration refused: {e}", source=source) from None
    try:
        payload = open_document(doc, trust.central_public_key, KIND)
    except DocumentRejected as e:
        raise _refuse(trust.audit, e.reason, f"configuration refused: {e.message}", source=source) from None
    target = payload.get("kiosk_id")
    version = payload.get("version")
    config = payload.get("config")
    if target != trust.kiosk_id:
        raise _refuse(
            trust.audit,
            "other_kiosk",
            f"configuration refused: it is for kiosk {target!r}, this kiosk is {trust.kiosk_id!r}",
            source=source,
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse(
            trust.audit, "malformed", "configuration refused: no valid version number", source=source
        )
    if not isinstance(config, dict):
        raise _refuse(
            trust.audit, "malformed", "configuration refused: no configuration tables", source=source
        )
    digest = hashlib.sha256(canonical_json(payload)).hexdigest()
    if version < have_version:
        raise _refuse(
            trust.audit,
            "rollback",
            f"configuration refused: version {version} is older than version {have_version} in force"
            " (going back is not allowed)",
            source=source,
            version=version,
            have=have_version,
        )
    if version == have_version and have_sha256 is not None and digest != have_sha256:
        raise _refuse(
            trust.audit,
            "version_reused",
            f"configuration refused: version {version} is already in force with different contents",
            source=source,
            version=version,
        )
    kiosk_section = config.get("kiosk") if isinstance(config.get("kiosk"), dict) else None
    if kiosk_section is not None and kiosk_section.get("id") not in (None, trust.kiosk_id):
        raise _refuse(
            trust.audit,
            "other_kiosk",
            f"configuration refused: its [kiosk] id is {kiosk_section.get('id')!r}, this kiosk is {trust.kiosk_id!r}",
            source=source,
        )
    changed = trust_changes(have_config, config) if version != have_version else []
    if changed:
        _check_approval(doc, trust, version, config, changed, source)
    try:
        trust.validator(config)
    except Exception as e:  # noqa: BLE001 - the validator's own error is the reason we show
        raise _refuse(
            trust.audit, "invalid", f"configuration refused: {e}", source=source, version=version
        ) from None
    return payload, version, digest


def _check_approval(
    doc: Any, trust: Trust, version: int, config: dict[str, Any], changed: list[str], source: str
) -> None:
    what = ", ".join(changed)
    approval = doc.get("approval") if isinstance(doc, dict) else None
    if approval is None:
        raise _refuse(
            trust.audit,
            "trust_change_unapproved",
            f"configuration refused: it changes {what} and carries no administrator's approval of that change",
            source=source,
            version=version,
            changed=changed,
        )
    try:
        granted = open_document(approval, trust.central_public_key, APPROVAL_KIND)
    except DocumentRejected as e:
        raise _refuse(
            trust.audit,
            "trust_change_unapproved",
            f"configuration refused: approval of {what}: {e.message}",
            source=source,
        ) from None
    expected = approval_payload(trust.kiosk_id, version, config, str(granted.get("approved_by", "")))
    if {k: granted.get(k) for k in expected} != expected or not granted.get("approved_by"):
        raise _refuse(
            trust.audit,
            "trust_change_unapproved",
            f"configuration refused: the approval of {what} is for another configuration",
            source=source,
            version=version,
        )


def apply_signed_config(data_dir: Path, doc: Any, trust: Trust, *, source: str) -> AppliedConfig:
    """Verify and apply a signed configuration atomically; the one in force becomes ``previous``."""
    have = current(data_dir)
    payload, version, digest = verify_config(
        doc,
        trust,
        source=source,
        have_version=have.version if have else 0,
        have_sha256=have.sha256 if have else None,
        have_config=_config_in_force(data_dir),
    )
    if have is not None and have.version == version:
        return AppliedConfig(**{**have.__dict__, "changed": False})
    applied = AppliedConfig(
        kiosk_id=trust.kiosk_id,
        version=version,
        issued_at=float(payload.get("issued_at") or 0),
        sha256=digest,
        source=source,
        applied_at=time.time(),
    )
    vdir = config_dir(data_dir) / "versions" / f"v{version}-{digest[:12]}"
    vdir.mkdir(parents=True, exist_ok=True)
    atomic_write(vdir / "signed.json", json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    atomic_write(vdir / "config.toml", to_toml(payload["config"]).encode("utf-8"))
    atomic_write(vdir / "meta.json", json.dumps(applied.__dict__).encode())
    old = _target(data_dir, "current")
    if old is not None:
        _point(data_dir, "previous", old)
    _point(data_dir, "current", vdir)
    _prune(data_dir)
    trust.audit("config_applied", {"version": version, "source": source, "sha256": digest})
    return applied


def _prune(data_dir: Path) -> None:
    """Keep the versions ``current`` and ``previous`` point to; remove older ones."""
    keep = {t for t in (_target(data_dir, "current"), _target(data_dir, "previous")) if t is not None}
    versions = config_dir(data_dir) / "versions"
    for d in versions.iterdir() if versions.exists() else []:
        if d.resolve() not in keep and d.is_dir():
            for f in d.iterdir():
                f.unlink()
            d.rmdir()


def load_in_force(data_dir: Path, trust: Trust) -> dict[str, Any] | None:
    """The configuration in force, verified again (a file edited on disk is not trusted).

    If ``current`` no longer verifies, ``current`` is switched back to the last good
    ``previous`` and that one is used.
    """
    for which in ("current", "previous"):
        target = _target(data_dir, which)
        if target is None:
            continue
        try:
            payload, _v, _h = verify_config(
                json.loads((target / "signed.json").read_text(encoding="utf-8")),
                trust,
                source=f"disk:{which}",
                have_version=0,
            )
        except (Refused, ValueError):
            trust.audit("config_on_disk_bad", {"which": which})
            continue
        if which == "previous":
            _point(data_dir, "current", target)
            trust.audit("config_restored_last_good", {"version": payload["version"]})
        # The TOML is derived from the verified envelope: rewrite it if it was touched.
        toml_text = to_toml(payload["config"])
        if (target / "config.toml").read_text(encoding="utf-8") != toml_text:
            atomic_write(target / "config.toml", toml_text.encode("utf-8"))
            trust.audit("config_toml_rewritten", {"version": payload["version"]})
        config: dict[str, Any] = payload["config"]
        return config
    return None


# ---------------------------------------------------------------- TOML (the subset configs use)


def _toml_key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() and k.isascii() else json.dumps(k)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    raise ValueError(f"cannot write {type(v).__name__} to TOML")


def to_toml(config: dict[str, Any]) -> str:
    """Tables of scalars and lists (``None`` values are left out: absent means default)."""
    lines = [
        "# Written by the kiosk from the configuration the central signed (current.json); edits are overwritten.",
        "",
    ]
    top = {k: v for k, v in config.items() if not isinstance(v, dict) and v is not None}
    for k, v in top.items():
        lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
    for name, table in config.items():
        if not isinstance(table, dict):
            continue
        lines.append(f"\n[{_toml_key(name)}]")
        for k, v in table.items():
            if v is not None:
                lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
    return "\n".join(lines) + "\n"
