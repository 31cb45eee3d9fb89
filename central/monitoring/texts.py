"""Every word of the monitoring pages, Vietnamese first, English second."""

from __future__ import annotations

from kiosk.messages import text as message_text

T: dict[str, tuple[str, str]] = {
    "title": ("Kết quả phục vụ", "Service results"),
    "staff_title": ("Kết quả phục vụ — theo ki-ốt và thủ tục", "Service results — by kiosk and procedure"),
    "range": ("Từ {start} đến {end}", "From {start} to {end}"),
    "other_lang": ("English", "Tiếng Việt"),
    "print": ("Bản in", "Print view"),
    "csv": ("Tải CSV", "Download CSV"),
    "json": ("Tải JSON", "Download JSON"),
    "by_period": ("Theo {period}", "By {period}"),
    "day": ("ngày", "day"),
    "week": ("tuần", "week"),
    "month": ("tháng", "month"),
    "sessions": ("Lượt sử dụng ki-ốt", "Kiosk sessions"),
    "started": ("Bắt đầu nộp hồ sơ", "Started a submission"),
    "submitted": ("Nộp xong", "Submitted"),
    "completion_rate": ("Tỷ lệ nộp xong", "Completion rate"),
    "abandoned": ("Bỏ dở", "Abandoned"),
    "abandoned_by_step": ("Bỏ dở ở bước nào", "Where citizens gave up"),
    "submit_median_s": ("Thời gian nộp (trung vị)", "Time to submit (median)"),
    "submit_p90_s": ("Thời gian nộp (90% xong trong)", "Time to submit (90% within)"),
    "assisted_share": ("Có cán bộ hỗ trợ", "Helped by staff"),
    "help_requests": ("Lượt nhờ cán bộ", "Requests for staff help"),
    "help_median_wait_s": ("Thời gian chờ cán bộ (trung vị)", "Wait for staff (median)"),
    "satisfaction": ("Hài lòng", "Satisfied"),
    "ratings": ("Lượt đánh giá", "Ratings"),
    "reasons": ("Lý do được chọn khi đánh giá", "Reasons given with ratings"),
    "answer": ("Trả lời của cơ quan", "The agency's answer"),
    "no_answer": ("Chưa có trả lời", "No answer yet"),
    "dossiers_due": ("Hồ sơ đến hạn", "Dossiers due"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "on_time_share": ("Giải quyết đúng hạn", "Decided on time"),
    "dossiers_received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "more_documents": ("Phải bổ sung giấy tờ", "Needed more documents"),
    "period": ("Kỳ", "Period"),
    "kiosk": ("Ki-ốt", "Kiosk"),
    "procedure": ("Thủ tục", "Procedure"),
    "total": ("Cả kỳ", "Whole range"),
    "withheld": ("ẩn", "hidden"),
    "chart_completion": ("Tỷ lệ nộp xong hồ sơ tại ki-ốt", "Share of kiosk submissions completed"),
    "chart_satisfaction": ("Tỷ lệ hài lòng (2 mặt cười cao nhất)", "Satisfied (two best faces)"),
    "chart_steps": ("Số người bỏ dở, theo bước", "Citizens who gave up, by step"),
    "chart_dossiers": ("Hồ sơ đến hạn: đúng hạn / trễ hạn", "Dossiers due: on time / late"),
    "minutes": ("{n} phút", "{n} min"),
    "seconds": ("{n} giây", "{n} s"),
    "none": ("chưa có", "none yet"),
    "weakest": ("Bước yếu nhất", "Weakest step"),
    "trays": ("Khay tài liệu cần xử lý", "Document trays that need attention"),
    "trays_why": (
        "Giấy tờ không nổi trên khay thì camera không nhận ra: người dân phải bấm “Chụp ngay” hoặc nhờ cán bộ.",
        "Documents that do not stand out from the tray are not found by the camera: citizens must"
        " press “Take it now” or ask staff.",
    ),
    "no_agency": (
        "Không có cơ quan với mã này. Xin kiểm tra lại đường dẫn.",
        "No agency has this code. Check the address.",
    ),
    "bad_range": (
        "Khoảng thời gian không hợp lệ: '{field}' phải là ngày YYYY-MM-DD, 'from' trước 'to', tối đa 3 năm.",
        "Invalid range: '{field}' must be a date YYYY-MM-DD, 'from' before 'to', at most 3 years.",
    ),
    "note": (
        "Số liệu ẩn danh: ki-ốt không gửi tên, số định danh hay nội dung hồ sơ; mỗi lượt dùng có một mã "
        "ngẫu nhiên, thời điểm chỉ tính theo ngày. Số nhỏ hơn 5 được ẩn (ghi “ẩn”), cùng mọi tỷ lệ tính "
        "trên dưới 5 trường hợp và số có thể dùng để suy ra một số bị ẩn. Biểu đồ vẽ sẵn trên máy chủ (matplotlib), không cần JavaScript.",
        "Anonymous figures: kiosks send no names, ID numbers or dossier contents; each session has a "
        "random id and only its day is kept. Counts under 5 are withheld (shown “hidden”), as is every rate "
        "computed over fewer than 5 cases and any count that would let one work out a hidden one. Charts are drawn on the server (matplotlib); no JavaScript.",
    ),
    "definitions": (
        "Tỷ lệ nộp xong = nộp xong / bắt đầu nộp. Thời gian nộp tính từ lần chạm đầu đến khi in biên nhận. "
        "Hài lòng = chọn mặt cười 4 hoặc 5 / số lượt đánh giá. Đúng hạn: hồ sơ đến hạn trong kỳ (theo ngày "
        "hẹn trả) có kết quả trước hoặc đúng ngày hẹn.",
        "Completion rate = submitted / started. Time to submit runs from the first touch to the receipt. "
        "Satisfied = face 4 or 5 / ratings. On time: dossiers due in the period (appointment date) "
        "decided on or before that date.",
    ),
    "answer_saved": ("Đã đăng câu trả lời.", "The answer is published."),
    "answer_form": ("Trả lời lý do này (công khai)", "Answer this reason (public)"),
    "answer_vi": ("Trả lời (tiếng Việt)", "Answer (Vietnamese)"),
    "answer_en": ("Trả lời (tiếng Anh, không bắt buộc)", "Answer (English, optional)"),
    "month_label": ("Tháng (YYYY-MM)", "Month (YYYY-MM)"),
    "publish": ("Đăng", "Publish"),
}
STEP_TEXT: dict[str, tuple[str, str]] = {
    "submit": ("Chọn thủ tục", "Choose the procedure"),
    "submit_where": ("Nơi nộp", "Where to apply"),
    "submit_identify": ("Xác thực danh tính", "Identify"),
    "submit_form": ("Điền thông tin", "Fill in the form"),
    "submit_documents": ("Chụp giấy tờ", "Photograph the papers"),
    "submit_review": ("Kiểm tra lại", "Review"),
}


def t(key: str, lang: str, **values: object) -> str:
    vi, en = T[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def reason_text(reason: str, lang: str) -> str:
    """The words the citizen tapped on the kiosk (the domain's message catalog)."""
    return message_text(f"wizard.rate.reason.{reason}", lang)


def pair(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    vi, en = table.get(key, (key, key))
    return vi if lang == "vi" else en
