"""The kiosk's configuration: one TOML file, validated against a typed schema on load.

A bad file never produces a traceback: :class:`ConfigError` names the file, the key and
what was expected, in words a technician can act on. No file at all means the demo
profile (simulated devices, a local sandbox central).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from common.limits import TooDeep, loads_toml
from common.urls import InsecureUrl, check_central_url
from kiosk.paths import default_config_path


class _Section(BaseModel):
    # Unknown keys are errors: a typo must not silently fall back to a default.
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskSection(_Section):
    id: str = Field(
        "demo-kiosk-01", min_length=1, max_length=64, description="this kiosk's ID at the central"
    )
    agency_code: str = Field(
        "DEMO", min_length=1, max_length=32, description="code of the agency this kiosk serves"
    )
    default_language: Literal["vi", "en"] = "vi"
    languages: list[Literal["vi", "en"]] = ["vi", "en"]
    fullscreen: bool = True
    enabled_procedures: list[str] | None = Field(None, description="procedure codes offered; all when absent")


class CentralSection(_Section):
    url: str | None = Field(
        None, description="base URL of the Open311 central; absent = local sandbox (demo)"
    )
    api_key: str | None = Field(
        None, description="kiosk API key (until the kiosk is enrolled with a key pair)"
    )
    connect_timeout_s: Annotated[float, Field(gt=0, le=60)] = 3.0
    read_timeout_s: Annotated[float, Field(gt=0, le=300)] = 15.0
    call_deadline_s: Annotated[float, Field(gt=0, le=600)] = Field(
        30.0, description="total seconds one call to the central may take, answer included"
    )
    max_response_bytes: Annotated[int, Field(ge=1024, le=1024 * 1024 * 1024)] = Field(
        16 * 1024 * 1024, description="largest answer the kiosk reads from the central (bytes)"
    )
    ca_bundle: str | None = Field(
        None, description="PEM file of the CAs trusted for the central's certificate; absent = system store"
    )
    sandbox_port: Annotated[int, Field(ge=0, le=65535)] = 0

    @field_validator("url")
    @classmethod
    def _central_url(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            return check_central_url(v)
        except InsecureUrl as e:
            raise ValueError(f"{v!r} {e}") from None  # the key is named by the caller

    @field_validator("ca_bundle")
    @classmethod
    def _ca_bundle(cls, v: str | None) -> str | None:
        if v is not None and not Path(v).is_file():
            raise ValueError(
                f"{v!r} is not a file (a PEM bundle of the CAs that sign the central's certificate)"
            )
        return v


class DevicesSection(_Section):
    card_reader: str = Field(
        "sim", description="'sim', 'auto' (first contactless reader) or a reader-name substring"
    )
    printer: str = Field(
        "sim://",
        description="sim://, usb://VID:PID, serial:///dev/ttyUSB0?baudrate=…, tcp://host:9100, file:///path",
    )
    printer_width_mm: Literal[58, 80] = 80
    scanner: str = Field(
        "sim",
        description="'sim', 'none', hid:/dev/input/eventN, serial:///dev/ttyACM0?baudrate=…&terminator=CR",
    )
    camera: str = Field(
        "sim", description="'sim', a device index ('0') or a video file / image-sequence pattern"
    )
    csca_dir: str | None = Field(None, description="folder of trusted CSCA certificates (PEM/DER)")


class SessionSection(_Section):
    inactivity_timeout_s: Annotated[int, Field(ge=15, le=3600)] = 120
    warning_s: Annotated[int, Field(ge=5, le=300)] = 20
    staff_timeout_s: Annotated[int, Field(ge=15, le=3600)] = 90


class OfflineSection(_Section):
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 30
    draft_grace_hours: Annotated[int, Field(ge=1, le=720)] = 24
    sync_interval_s: Annotated[float, Field(gt=0, le=3600)] = 5.0
    sync_concurrency: Annotated[int, Field(ge=1, le=8)] = Field(
        3, description="dossiers in flight at once while the outbox drains (1 = strictly one by one)"
    )


class StaffSection(_Section):
    offline_verifier_days: Annotated[int, Field(ge=0, le=90)] = 7
    lock_minutes: Annotated[int, Field(ge=1, le=10080)] = 30


class ProvisioningSection(_Section):
    heartbeat_interval_s: Annotated[int, Field(ge=10, le=86400)] = 60


class UiSection(_Section):
    agency_name: str | None = Field(
        None, max_length=120, description="office name on the attract screen, as written in Vietnamese"
    )
    counter: str | None = Field(
        None,
        max_length=12,
        pattern=r"^[0-9A-Za-z][0-9A-Za-z .-]*$",
        description="the counter where staff take questions and finish handed-over dossiers, as its sign"
        " shows it (e.g. 3 or B2): named on the screens and slips ('counter 3'); absent = the one-stop"
        " counter, unnumbered",
    )
    text_scale: Literal[100, 150, 200] = Field(100, description="text size (percent) a session starts with")
    high_contrast: bool = Field(False, description="start every session in the high-contrast theme")
    exit_code: str | None = Field(
        None,
        pattern=r"^[0-9]{6,12}$",
        description="6-12 digits staff type after Ctrl+Alt+Shift+X to close the kiosk; absent = no exit "
        "(the demo profile accepts 000000)",
    )
    error_screen_s: Annotated[int, Field(ge=5, le=300)] = Field(
        20, description="seconds the 'something went wrong' screen stays before the attract screen"
    )


Placement = Literal["below-right", "below-left", "below", "right", "left", "platform"]
PICTURE_SUFFIXES = (".svg", ".png", ".gif", ".apng", ".webp", ".jpg", ".jpeg")


def _picture_file(v: str | None, what: str) -> str | None:
    if v is None:
        return v
    path = Path(v)
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        raise ValueError(
            f"{v!r} is not a picture this kiosk shows ({', '.join(PICTURE_SUFFIXES)}): give an illustration of {what}"
        )
    if not path.is_file():
        raise ValueError(
            f"{v!r} is not a file: give the path of an illustration of {what}, or remove the key"
        )
    return str(path)


class GuideSection(_Section):
    """Where this hardware model's devices are, for the pictures that show a citizen where the
    card, the QR and the paper go (ui/widgets/placement.py)."""

    card_reader: Placement = Field(
        "below-right", description="where the chip card reader is, seen from the citizen facing the screen"
    )
    scanner: Placement = Field("right", description="where the QR scanner is, seen from the citizen")
    camera: Placement = Field("platform", description="where the document camera's platform is")
    card_reader_picture: str | None = Field(
        None,
        description="SVG/PNG/GIF/APNG of placing the card on this model's reader; absent = drawn by the kiosk",
    )
    scanner_picture: str | None = Field(
        None, description="SVG/PNG/GIF/APNG of holding the card's QR to this model's scanner; absent = drawn"
    )
    camera_picture: str | None = Field(
        None, description="SVG/PNG/GIF/APNG of laying the paper under this model's camera; absent = drawn"
    )
    can_corner: Literal["bottom-right", "bottom-left", "top-right", "top-left"] = Field(
        "bottom-right",
        description="where the 6-digit card access number (CAN) is printed on the card's front; the default "
        "is an assumption (bottom right) not yet checked against the card specification",
    )
    motion: bool = Field(
        False, description="play supplied animations (GIF/APNG) as loops; false = their first frame, still"
    )

    @field_validator("card_reader_picture")
    @classmethod
    def _reader_picture(cls, v: str | None) -> str | None:
        return _picture_file(v, "placing the card on the reader")

    @field_validator("scanner_picture")
    @classmethod
    def _scanner_picture(cls, v: str | None) -> str | None:
        return _picture_file(v, "holding the QR to the scanner")

    @field_validator("camera_picture")
    @classmethod
    def _camera_picture(cls, v: str | None) -> str | None:
        return _picture_file(v, "laying the paper under the camera")


class SecuritySection(_Section):
    key_store: Literal["auto", "tpm", "file"] = Field(
        "auto",
        description="where the kiosk's secrets live: 'tpm' (sealed in a TPM 2.0), 'file' (0600 files, the "
        "demo profile) or 'auto' (the TPM when one answers at tpm_tcti); chosen once, at the first start",
    )
    tpm_tcti: str = Field(
        "device:/dev/tpmrm0",
        min_length=1,
        max_length=200,
        description="how to reach the TPM: 'device:/dev/tpmrm0', 'swtpm:host=127.0.0.1,port=2321', …",
    )
    tpm_pcrs: list[Annotated[int, Field(ge=0, le=23)]] = Field(
        [7],
        max_length=24,
        description="PCRs (SHA-256 bank) the sealed secrets are bound to; [7] = Secure Boot policy; "
        "[] = not bound to the boot state",
    )
    tpm_max_tries: Annotated[int, Field(ge=1, le=1000)] = Field(
        10, description="wrong offline staff PINs (all staff together) before the TPM locks the PIN check"
    )
    tpm_recovery_s: Annotated[int, Field(ge=1, le=86400)] = Field(
        600, description="seconds after which the TPM forgives one wrong PIN"
    )


class SpeechSection(_Section):
    enabled: bool = Field(
        True, description="voice guidance on (a citizen still turns it on with the Listen button)"
    )
    engine: Literal["speechd", "none"] = Field(
        "speechd", description="QtTextToSpeech engine: 'speechd' (speech-dispatcher + espeak-ng) or 'none'"
    )
    voice_vi: str | None = Field(
        None, description="voice name for Vietnamese; absent = the engine's vi_VN default"
    )
    voice_en: str | None = Field(None, description="voice name for English; absent = the engine's en default")
    rate: Annotated[float, Field(ge=-1.0, le=1.0)] = Field(0.0, description="-1.0 slowest … 1.0 fastest")
    slow_rate: Annotated[float, Field(ge=-1.0, le=1.0)] = Field(
        -0.4, description="rate when a citizen asks for slower"
    )
    volumes: tuple[float, float, float] = Field(
        (0.4, 0.7, 1.0), description="the three volume steps (0.0-1.0); each session starts on the middle one"
    )
    handset: bool = Field(False, description="a private handset is fitted: personal data may be spoken")
    speech_timeout_factor: Annotated[float, Field(ge=1.0, le=5.0)] = Field(
        2.0, description="inactivity timeouts are this many times longer once a citizen uses speech"
    )


class LoggingSection(_Section):
    level: Literal["debug", "info", "warning", "error"] = "info"


class KioskConfig(_Section):
    kiosk: KioskSection = KioskSection()
    central: CentralSection = CentralSection()
    devices: DevicesSection = DevicesSection()
    session: SessionSection = SessionSection()
    offline: OfflineSection = OfflineSection()
    staff: StaffSection = StaffSection()
    provisioning: ProvisioningSection = ProvisioningSection()
    ui: UiSection = UiSection()
    guide: GuideSection = GuideSection()
    security: SecuritySection = SecuritySection()
    speech: SpeechSection = SpeechSection()
    logging: LoggingSection = LoggingSection()

    @property
    def is_demo(self) -> bool:
        """No central configured: simulated devices and a local sandbox."""
        return self.central.url is None


@dataclass(frozen=True)
class ConfigProblem:
    key: str  # dotted path, e.g. "devices.printer_width_mm"
    message: str  # what is expected, in plain words


class ConfigError(Exception):
    """The configuration file cannot be used. ``str()`` is a message for a technician."""

    def __init__(self, path: Path | None, problems: list[ConfigProblem]):
        self.path = path
        self.problems = problems
        where = str(path) if path else "configuration"
        lines = [f"{where}: {p.key}: {p.message}" if p.key else f"{where}: {p.message}" for p in problems]
        super().__init__("\n".join(lines))


def _problems_from(error: ValidationError) -> list[ConfigProblem]:
    problems = []
    for e in error.errors():
        key = ".".join(str(p) for p in e["loc"])
        if e["type"] == "extra_forbidden":
            msg = "unknown key (check its spelling; see `kiosk config example`)"
        elif e["type"] == "missing":
            msg = "required key is missing"
        elif e["type"] == "value_error" and "error" in e.get("ctx", {}):
            msg = str(e["ctx"]["error"])  # our validators' own words, which show the value
        else:
            got = e.get("input")
            shown = repr(got) if not isinstance(got, dict) else "a table"
            msg = f"{e['msg']} (found {shown})"
        problems.append(ConfigProblem(key, msg))
    return problems


def parse_config(data: dict[str, Any], path: Path | None = None) -> KioskConfig:
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError(path, _problems_from(e)) from None


def load_config(path: Path | None = None, *, required: bool = False) -> KioskConfig:
    """Load and validate the configuration.

    With no ``path``, ``KIOSK_CONFIG`` or the platform default is used; a missing default
    file means the demo profile. An explicitly named file must exist.
    """
    explicit = path is not None
    path = path or default_config_path()
    if not path.exists():
        if explicit or required:
            raise ConfigError(path, [ConfigProblem("", "file not found")])
        return KioskConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(
            path, [ConfigProblem("", f"cannot be read ({e.__class__.__name__}: {e})")]
        ) from None
    try:
        data = loads_toml(text, "the file")
    except TooDeep as e:
        raise ConfigError(path, [ConfigProblem("", f"{e}; a kiosk configuration nests 2 levels")]) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(path, [ConfigProblem("", f"is not valid TOML: {e}")]) from None
    return parse_config(data, path)


EXAMPLE = """\
# Kiosk configuration. Every key is optional; absent keys take the defaults shown.

[kiosk]
id = "demo-kiosk-01"
agency_code = "DEMO"
default_language = "vi"          # "vi" or "en"
languages = ["vi", "en"]
fullscreen = true

[central]
# url = "https://central.example.gov.vn/open311/v2"   # absent: a local sandbox is started
# api_key = "…"
# ca_bundle = "/etc/kiosk/central-ca.pem"               # absent: the system's trust store
connect_timeout_s = 3.0
read_timeout_s = 15.0
call_deadline_s = 30.0           # a whole call, answer included
max_response_bytes = 16777216    # largest answer read from the central

[devices]
card_reader = "sim"              # "sim", "auto" or part of the reader's name
printer = "sim://"               # usb://VID:PID, serial:///dev/ttyUSB0?baudrate=19200, tcp://10.0.0.5:9100, file:///tmp/out.bin
printer_width_mm = 80            # 58 or 80
scanner = "sim"                  # "sim", "none", hid:/dev/input/event5, serial:///dev/ttyACM0?baudrate=9600&terminator=CR
camera = "sim"                   # "sim", "0" (device index) or a video file

[session]
inactivity_timeout_s = 120
warning_s = 20
staff_timeout_s = 90

[offline]
retention_days = 30
draft_grace_hours = 24
sync_interval_s = 5.0
sync_concurrency = 3             # dossiers in flight at once when a backlog drains

[staff]
offline_verifier_days = 7
lock_minutes = 30

[provisioning]
heartbeat_interval_s = 60

[ui]
# agency_name = "Bộ phận Một cửa UBND phường Ba Đình"
# counter = "3"                  # where staff take over: "Mang phiếu này đến Quầy số 3, Bộ phận Một cửa"
text_scale = 100                 # 100, 150 or 200 (percent)
high_contrast = false
# exit_code = "482913"           # staff exit: Ctrl+Alt+Shift+X, then this code; absent = no exit
error_screen_s = 20

[guide]
# Where this hardware model's devices are, seen from the citizen facing the screen:
# "below-right", "below-left", "below", "right", "left" or "platform" (below the screen).
card_reader = "below-right"
scanner = "right"
camera = "platform"
# card_reader_picture = "/etc/kiosk/guide/reader.svg"   # the integrator's own (SVG, PNG, GIF, APNG)
# scanner_picture = "/etc/kiosk/guide/scanner.gif"
# camera_picture = "/etc/kiosk/guide/camera.png"
can_corner = "bottom-right"      # where the 6-digit CAN is printed on the card's front (assumed)
motion = false                   # true: supplied GIF/APNG loops play; false: their first frame

[security]
key_store = "auto"               # "tpm", "file" (demo) or "auto": a TPM when one answers
tpm_tcti = "device:/dev/tpmrm0"  # or "swtpm:host=127.0.0.1,port=2321"
tpm_pcrs = [7]                   # secrets unseal only in this boot state (7: Secure Boot policy)
tpm_max_tries = 10               # wrong offline staff PINs before the TPM locks the check
tpm_recovery_s = 600             # the TPM forgives one wrong PIN per this many seconds
[speech]
enabled = true
engine = "speechd"               # "speechd" (speech-dispatcher + espeak-ng) or "none"
# voice_vi = "Vietnamese"        # absent: the engine's default voice for vi_VN
rate = 0.0                       # -1.0 … 1.0
slow_rate = -0.4                 # when the citizen asks for slower speech
volumes = [0.4, 0.7, 1.0]        # three steps; each session starts on the middle one
handset = false                  # true: a private handset is fitted (personal data may be spoken)
speech_timeout_factor = 2.0      # timeouts are longer once a citizen listens

[logging]
level = "info"
"""
