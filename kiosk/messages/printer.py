"""Printer and receipt messages: (Vietnamese, English)."""

MESSAGES = {
    # printer conditions (codes from devices/printer/status.py and base.py)
    "printer.ready": ("Máy in sẵn sàng.", "The printer is ready."),
    "printer.unknown": (
        "Máy in không báo được trạng thái (in vào tệp).",
        "The printer cannot report its state (printing to a file).",
    ),
    "printer.near_end": (
        "Giấy in sắp hết. Xin cán bộ thay cuộn giấy mới.",
        "The paper roll is nearly empty. Staff: please load a new roll.",
    ),
    "printer.paper_end": ("Máy in đã hết giấy.", "The printer is out of paper."),
    "printer.cover_open": ("Nắp máy in đang mở.", "The printer cover is open."),
    "printer.offline": (
        "Máy in không phản hồi (tắt, mất kết nối hoặc đang lỗi).",
        "The printer does not answer (off, disconnected or stopped).",
    ),
    "printer.unreachable": ("Không kết nối được máy in.", "Cannot connect to the printer."),
    "printer.error": (
        "Máy in báo lỗi (dao cắt hoặc cơ khí). Xin báo kỹ thuật viên.",
        "The printer reports an error (cutter or mechanism). Please call a technician.",
    ),
    "printer.interrupted": (
        "Mất kết nối máy in khi đang in. Giấy biên nhận được giữ lại để in lại.",
        "The printer connection broke while printing. The receipt is kept for reprinting.",
    ),
    "printer.bad_uri": ("Cấu hình máy in không hợp lệ.", "The printer setting is not valid."),
    "printer.already_printed": (
        "Giấy này đã được in; dùng chức năng in lại nếu cần.",
        "This was already printed; use reprint if another copy is needed.",
    ),
    "printer.job_unknown": ("Không tìm thấy lệnh in.", "No such print job."),
    "printer.job_gone": (
        "Bản in đã được xoá theo thời hạn lưu; hãy in từ hồ sơ.",
        "The print image was removed after its retention period; print it from the dossier.",
    ),
    # what the citizen is told when the receipt could not be printed
    "printer.citizen_held": (
        "Hồ sơ của ông/bà đã được tiếp nhận an toàn. Máy in tạm thời chưa in được giấy biên nhận; "
        "cán bộ sẽ in và trao cho ông/bà. Ông/bà có thể chụp mã QR trên màn hình.",
        "Your dossier has been received safely. The printer cannot print your receipt just now; "
        "staff will print it and hand it to you. You may photograph the QR code on the screen.",
    ),
    "printer.staff_held": (
        "Có {count} giấy biên nhận chờ in. Nạp giấy / đóng nắp rồi chọn In lại.",
        "{count} receipt(s) waiting. Load paper / close the cover, then choose Resume.",
    ),
    "printer.test_ok": ("Đã in trang thử.", "Test receipt printed."),
    # receipt and slip labels
    "receipt.title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "RECEIPT AND APPOINTMENT SLIP"),
    "receipt.tracking": ("Mã hồ sơ (tạm thời)", "Tracking code (provisional)"),
    "receipt.tracking_note": (
        "Đọc mã này khi hỏi về hồ sơ. Mã chính thức sẽ được báo khi cơ quan vào sổ.",
        "Quote this code when you ask. The official dossier number follows when the agency registers the file.",
    ),
    "receipt.procedure": ("Thủ tục", "Procedure"),
    "receipt.applicant": ("Người nộp", "Applicant"),
    "receipt.id_number": ("Số định danh", "ID number"),
    "receipt.documents": ("Giấy tờ đã nhận", "Documents received"),
    "receipt.received": ("Tiếp nhận lúc", "Received"),
    "receipt.appointment": ("Hẹn trả kết quả", "Result due"),
    "receipt.fee": ("Lệ phí", "Fee"),
    "receipt.free": ("Miễn phí", "Free of charge"),
    "receipt.channel": ("Hình thức", "Channel"),
    "receipt.self_service": ("Tự nộp tại kiosk {kiosk}", "Self-service at kiosk {kiosk}"),
    "receipt.assisted": ("Cán bộ hỗ trợ: {name} ({id})", "Assisted by {name} ({id})"),
    "receipt.ask": ("Cần hỏi, xin liên hệ", "Questions? Ask at"),
    "receipt.phone": ("Điện thoại", "Phone"),
    "receipt.next": ("Tiếp theo", "What happens next"),
    "receipt.next_text": (
        "Cán bộ sẽ kiểm tra hồ sơ và báo cho ông/bà nếu cần bổ sung. Quét mã QR bằng điện thoại "
        "hoặc tại kiosk để xem hồ sơ đang ở đâu. Khi nhận kết quả, mang theo giấy này và thẻ căn cước.",
        "Staff will check your dossier and tell you if anything is missing. Scan the QR code with "
        "a phone or at any kiosk to see where your file is. Bring this slip and your ID card to "
        "collect the result.",
    ),
    "receipt.next_offline": (
        "Mạng đang gián đoạn: hồ sơ đã được lưu an toàn trên kiosk và sẽ tự động gửi khi có mạng. "
        "Mã hồ sơ trên giấy này vẫn có hiệu lực.",
        "The network is down: your dossier is saved safely on the kiosk and will be sent "
        "automatically. The tracking code on this slip is valid.",
    ),
    "receipt.scan": ("Quét mã để xem tình trạng hồ sơ", "Scan to see where your file is"),
    "receipt.reprint": ("BẢN IN LẠI", "REPRINT"),
    "receipt.offline": ("CHỜ GỬI – MẤT MẠNG", "WAITING TO SEND – NETWORK DOWN"),
    "receipt.offline_central": (
        "CHỜ GỬI – CHƯA KẾT NỐI ĐƯỢC HỆ THỐNG",
        "WAITING TO SEND – CENTRAL UNREACHABLE",
    ),
    "receipt.next_offline_central": (
        "Chưa kết nối được hệ thống trung tâm: hồ sơ đã được lưu an toàn trên kiosk và sẽ tự động "
        "gửi khi kết nối lại được. Mã hồ sơ trên giấy này vẫn có hiệu lực.",
        "The central system cannot be reached: your dossier is saved safely on the kiosk and will "
        "be sent automatically once it can be. The tracking code on this slip is valid.",
    ),
    "receipt.qr_invalid": (
        "Mã QR này không phải giấy biên nhận của kiosk.",
        "This QR code is not a kiosk receipt.",
    ),
    "receipt.qr_forged": (
        "Chữ ký trên giấy biên nhận không hợp lệ: giấy có thể bị sửa hoặc giả.",
        "The receipt's signature does not match: it may have been altered or forged.",
    ),
}
