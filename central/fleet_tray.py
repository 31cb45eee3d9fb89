"""What a kiosk's heartbeat says of its document tray, and the alerts it raises.

Two figures come from the kiosk (numbers and codes only, ``provisioning/tray_record.py`` and
``kiosk/monitoring/tray_contrast.py``): the standing of the technician's tray check for the
camera in use (a blank A4 sheet's contrast, kept), and the edge contrast of the documents
citizens laid on the tray over the last days. A pale tray fails citizen after citizen at
the camera step; the fleet page and the supervisors' agency page say so, with what to do.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Standing = Literal["pass", "warn", "fail", "unchecked", "other_camera", "simulated"]
InUse = Literal["too_few", "ok", "low", "pale"]


class TrayInUse(BaseModel):
    model_config = ConfigDict(extra="ignore")
    days: int = Field(0, ge=0, le=366)
    count: int = Field(0, ge=0)
    no_outline: int = Field(0, ge=0)
    median_delta_e: float | None = Field(None, ge=0, le=1000)
    under_fail: float | None = Field(None, ge=0, le=1)
    under_warn: float | None = Field(None, ge=0, le=1)
    standing: InUse = "too_few"


class TrayHealth(BaseModel):
    """The heartbeat's ``tray`` block. Unknown keys are dropped."""

    model_config = ConfigDict(extra="ignore")
    standing: Standing
    delta_e: float | None = Field(None, ge=0, le=1000)
    checked_at: float | None = None
    in_use: TrayInUse = TrayInUse()


# (code, level, Vietnamese, English): the tray check's standing
_CHECK_ALERTS: dict[str, tuple[str, Literal["warn", "alert"], str, str]] = {
    "fail": (
        "tray_failed",
        "alert",
        "Khay tài liệu không đạt kiểm tra (ΔE {delta_e}): lót tấm nền mờ màu tối rồi kiểm tra lại",
        "Tray check failed (ΔE {delta_e}): lay a dark matte mat and check again",
    ),
    "warn": (
        "tray_low",
        "warn",
        "Giấy trắng nổi kém trên khay (ΔE {delta_e}): nên lót tấm nền màu tối hơn",
        "White paper stands out poorly from the tray (ΔE {delta_e}): a darker mat is advised",
    ),
    "unchecked": (
        "tray_unchecked",
        "warn",
        "Khay tài liệu chưa được kiểm tra: đặt tờ A4 trắng lên khay và chạy kiểm tra khay",
        "Document tray never checked: lay a blank A4 sheet on it and run the tray check",
    ),
    "other_camera": (
        "tray_other_camera",
        "warn",
        "Khay được kiểm tra với camera khác: kiểm tra lại với camera này",
        "Tray checked with another camera: check it again with this one",
    ),
}


def tray_alerts(
    tray: dict[str, Any] | None, kiosk_id: str
) -> list[tuple[str, Literal["warn", "alert"], str, str]]:
    """The alerts a heartbeat's ``tray`` block raises (none from a kiosk that sends none)."""
    if not tray:
        return []
    out = []
    found = _CHECK_ALERTS.get(str(tray.get("standing")))
    if found is not None:
        code, level, vi, en = found
        delta_e = tray.get("delta_e")
        out.append((code, level, vi.format(delta_e=delta_e), en.format(delta_e=delta_e)))
    use = tray.get("in_use") or {}
    if use.get("standing") in ("low", "pale"):
        median, count = use.get("median_delta_e"), use.get("count")
        out.append(
            (
                "tray_in_use_poor",
                "alert" if use["standing"] == "pale" else "warn",
                f"Giấy tờ trên ki-ốt {kiosk_id} nổi kém trên khay: ΔE trung vị {median} qua {count}"
                " lần chụp — lót tấm nền mờ màu tối",
                f"Documents on kiosk {kiosk_id} stand out poorly from its tray: median ΔE {median}"
                f" over {count} captures — lay a dark mat",
            )
        )
    return out
