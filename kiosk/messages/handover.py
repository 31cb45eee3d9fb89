"""Messages of the hand-over to the counter (issue 19): the citizen asks staff to finish the
dossier; the kiosk sends what is entered and prints a slip with a queue number."""

MESSAGES = {
    "handover.action": ("Nhờ cán bộ hoàn thành", "Ask staff to finish"),
    "handover.ask.title": ("Nhờ cán bộ hoàn thành hồ sơ?", "Ask staff to finish this dossier?"),
    "handover.ask.body": (
        "Máy gửi những gì ông/bà đã khai và ảnh giấy tờ cho cán bộ, rồi in phiếu có số thứ tự. "
        "Cán bộ tại quầy làm nốt phần còn thiếu, ông/bà không phải khai lại.",
        "The kiosk sends what you entered and the photos to the staff, then prints a slip with a "
        "queue number. Staff at the counter finish the rest; you do not fill anything in again.",
    ),
    "handover.ask.stay": ("Tiếp tục tại máy này", "Continue here"),
    "handover.ask.confirm": ("Nhờ cán bộ hoàn thành", "Ask staff to finish"),
    "handover.failed": (
        "Chưa gửi được hồ sơ cho cán bộ. Mọi thông tin vẫn còn nguyên, xin ông/bà thử lại hoặc nhờ "
        "cán bộ hỗ trợ.",
        "The dossier could not be handed over yet. Everything you entered is kept; please try again "
        "or ask staff for help.",
    ),
    "handover.title": ("Mời ông/bà đến quầy", "Please go to the counter"),
    "handover.sending": ("Đang gửi hồ sơ cho cán bộ…", "Sending your dossier to the staff…"),
    "handover.queue": ("Số thứ tự của ông/bà", "Your queue number"),
    "handover.queue_local": (
        "Máy đang mất kết nối: đây là số của máy kiosk, quầy sẽ gọi số này.",
        "The kiosk is offline: this is the kiosk's own number, the counter will call it.",
    ),
    "handover.go": ("Mang phiếu này đến {where}.", "Take this slip to: {where}."),
    "handover.code": ("Mã tra cứu hồ sơ", "Tracking code"),
    "handover.sent": (
        "Hồ sơ đã được gửi đến cán bộ.",
        "Your dossier has been sent to the staff.",
    ),
    "handover.queued": (
        "Hồ sơ đã lưu an toàn trên máy, sẽ tự gửi đến cán bộ khi có kết nối.",
        "Your dossier is saved safely on the kiosk and reaches the staff once the connection is back.",
    ),
    "handover.printing": ("Đang in phiếu…", "Printing the slip…"),
    "handover.printed": ("Đã in phiếu. Xin ông/bà nhận phiếu.", "The slip is printed. Please take it."),
    "handover.not_printed": (
        "Máy chưa in được phiếu. Xin ông/bà ghi lại số thứ tự và mã tra cứu trên màn hình.",
        "The slip could not be printed. Please note the queue number and tracking code on the screen.",
    ),
    "handover.done": ("Xong", "Done"),
    # The slip
    "handover.slip.title": ("PHIẾU HẸN HOÀN THÀNH HỒ SƠ TẠI QUẦY", "COUNTER HAND-OVER SLIP"),
    "handover.slip.queue": ("Số thứ tự", "Queue number"),
    "handover.slip.local": (
        "Số của máy kiosk (chưa kết nối): quầy sẽ gọi số này.",
        "The kiosk's own number (not connected yet): the counter will call it.",
    ),
    "handover.slip.procedure": ("Thủ tục", "Procedure"),
    "handover.slip.id_number": ("Số định danh", "ID number"),
    "handover.slip.at": ("Nộp tại kiosk lúc", "Handed over at"),
    "handover.slip.state": (
        "Nộp tại máy kiosk, chờ cán bộ hoàn thành",
        "Submitted at the kiosk, waiting for staff at the counter",
    ),
    "handover.slip.scan": ("Quét mã để tra cứu hồ sơ", "Scan to follow your dossier"),
    # Tracking (kiosk.tracking_view): the two steps of a hand-over
    "track.step.needs_completion": (
        "Nộp tại máy kiosk, chờ cán bộ hoàn thành",
        "Submitted at the kiosk, waiting for staff at the counter",
    ),
    "track.step.completed": ("Cán bộ đã hoàn thành và tiếp nhận", "Completed and received by staff"),
    "track.state.needs_completion": (
        "Hồ sơ của ông/bà đang chờ cán bộ hoàn thành tại quầy.",
        "Your dossier is waiting for staff to finish it at the counter.",
    ),
    "track.state.completed": (
        "Hồ sơ của ông/bà đã được cán bộ hoàn thành và tiếp nhận.",
        "Staff have completed and received your dossier.",
    ),
    "track.do.counter": (
        "Mời ông/bà mang phiếu có số thứ tự đến quầy tiếp nhận.",
        "Please take the slip with your queue number to the counter.",
    ),
    "track.queued_here": (
        "Hồ sơ này đang chờ gửi từ máy kiosk (chưa có kết nối). Quầy vẫn gọi số thứ tự trên phiếu.",
        "This dossier is waiting on the kiosk to be sent (no connection yet). The counter will still "
        "call the number on the slip.",
    ),
}
