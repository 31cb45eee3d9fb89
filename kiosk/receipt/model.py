"""Receipt and slip content: what a tracking receipt and an information slip say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk import tracking
from kiosk.logs import get_logger, mask_id
from kiosk.vntime import VN_TZ

log = get_logger(__name__)


@dataclass(frozen=True)
class Receipt:
    tracking_code: str
    agency_name: str
    agency_address: str
    agency_phone: str
    ask_where: str  # e.g. "Bộ phận Một cửa, quầy số 3"
    procedure_name: str
    procedure_code: str
    applicant_name: str
    applicant_id: str  # full number; only its masked form is printed or put in the QR
    documents: tuple[str, ...]
    received_at: datetime  # timezone-aware
    appointment: date
    fee_vnd: int
    kiosk_id: str
    officer_name: str | None = None  # set when staff assisted
    officer_id: str | None = None
    queued_offline: bool = False
    queued_reason: str = "network"  # why it waits (kiosk.delivery): "network" | "central"
    next_steps: str | None = None  # overrides the standard "what happens next" line
    logo_path: str | None = None  # agency logo (PNG/JPEG, greys or colour): printed dithered
    fee_text: str = ""  # the catalog's words for the fee (kiosk.catalog.facts), printed over fee_vnd

    @property
    def masked_id(self) -> str:
        return mask_id(self.applicant_id)

    @property
    def job_id(self) -> str:
        return "R-" + (tracking.normalize(self.tracking_code) or self.tracking_code)


@dataclass(frozen=True)
class InfoSlip:
    """A printed information slip ("where to apply", procedure details); text already in one language."""

    title: str
    sections: tuple[tuple[str, str], ...]  # (heading, body)
    agency_name: str = ""
    agency_address: str = ""
    agency_phone: str = ""
    qr_url: str | None = None  # e.g. the procedure's public page
    qr_caption: str = ""
    footer: str = ""


def sample_receipt(now: datetime | None = None) -> Receipt:
    """The standard receipt used by ``kiosk receipt render --sample``, tests and the benchmark."""
    received = (now or datetime(2026, 11, 23, 10, 45, tzinfo=VN_TZ)).astimezone(VN_TZ)
    return Receipt(
        tracking_code="K7M4Q-X9T2" + tracking.check_symbol("K7M4QX9T2"),
        agency_name="UBND phường Hoàn Kiếm – Bộ phận Một cửa (mẫu)",
        agency_address="Số 1 phố Mẫu, phường Hoàn Kiếm, thành phố Hà Nội",
        agency_phone="024 3999 0000",
        ask_where="Quầy số 3, Bộ phận Một cửa",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        applicant_name="Nguyễn Thị Hoàng Ánh",
        applicant_id="001203004567",
        documents=(
            "Tờ khai đăng ký khai sinh",
            "Giấy chứng sinh (bản chính)",
            "Giấy chứng nhận kết hôn của cha mẹ (bản sao)",
        ),
        received_at=received,
        appointment=(received + timedelta(days=2)).date(),
        fee_vnd=0,
        kiosk_id="demo-kiosk-01",
    )


@dataclass(frozen=True)
class HandoverSlip:
    tracking_code: str
    queue_number: str  # "Q-017" (central) or "<kiosk>-003" (local)
    local_number: bool  # the kiosk's own number: the central was not reached
    queued_offline: bool  # the dossier still waits in the kiosk's outbox
    where: str  # "Bộ phận Một cửa": where to take the slip
    agency_name: str
    agency_address: str
    procedure_name: str
    procedure_code: str
    applicant_id: str  # full number; only its masked form is printed
    handed_over_at: datetime  # timezone-aware
    qr_text: str  # the signed receipt QR of the dossier
    lang: str = "vi"

    @property
    def job_id(self) -> str:
        return "H-" + (tracking.normalize(self.tracking_code) or self.tracking_code)
