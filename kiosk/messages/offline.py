"""Messages of the offline cache, the outbox and the audit log (codes raised by ``offline_cache``)."""

MESSAGES = {
    "offline.error": (
        "Lỗi bộ nhớ lưu trữ của máy. Xin vui lòng báo cán bộ.",
        "The kiosk's local storage failed. Please tell staff.",
    ),
    "offline.schema_too_new": (
        "Dữ liệu trên máy được tạo bởi phiên bản phần mềm mới hơn. Xin vui lòng báo kỹ thuật viên cài đúng phiên bản.",
        "The data on this kiosk was written by a newer software version. Please ask a technician to install it.",
    ),
    "offline.corrupt": (
        "Cơ sở dữ liệu trên máy bị hỏng. Xin vui lòng báo kỹ thuật viên khôi phục bản sao lưu.",
        "The kiosk's database is damaged. Please ask a technician to restore a backup.",
    ),
    "offline.disk_full": (
        "Bộ nhớ của máy đã đầy nên chưa lưu được. Dữ liệu đã lưu trước đó không bị mất. Xin vui lòng báo cán bộ.",
        "The kiosk's storage is full, so this could not be saved. Nothing saved before is lost. Please tell staff.",
    ),
    "offline.locked": (
        "Dữ liệu đang được một chương trình khác sử dụng. Xin thử lại sau giây lát.",
        "The data is in use by another program. Please try again in a moment.",
    ),
    "offline.not_found": (
        "Không tìm thấy hồ sơ này trên máy.",
        "This dossier was not found on the kiosk.",
    ),
    "offline.invalid_state": (
        "Không thể thực hiện thao tác này với hồ sơ ở trạng thái hiện tại.",
        "This cannot be done with the dossier in its current state.",
    ),
    "offline.decrypt_failed": (
        "Không đọc được dữ liệu đã mã hoá (sai khoá hoặc dữ liệu bị thay đổi). Xin vui lòng báo kỹ thuật viên.",
        "Encrypted data could not be read (wrong key or altered data). Please call a technician.",
    ),
    "offline.personal_data": (
        "Không được ghi dữ liệu cá nhân vào nhật ký kiểm tra.",
        "Personal data must not be written to the audit log.",
    ),
    "offline.bad_key": (
        "Khoá mã hoá dữ liệu của máy không hợp lệ. Xin vui lòng báo kỹ thuật viên.",
        "The kiosk's data encryption key is not valid. Please call a technician.",
    ),
    "offline.closed": (
        "Bộ nhớ lưu trữ đã đóng.",
        "The local store is closed.",
    ),
    # Outbox states as staff and citizens see them.
    "offline.state.queued": ("Đang chờ gửi", "Waiting to be sent"),
    "offline.state.sending": ("Đang gửi", "Sending"),
    "offline.state.accepted": ("Đã tiếp nhận", "Received by the agency"),
    "offline.state.rejected": ("Bị từ chối", "Refused by the agency"),
    "offline.state.needs-staff": ("Cần cán bộ xử lý", "Needs staff"),
    "offline.id_pending": (
        "Đã tiếp nhận, đang chờ mã hồ sơ",
        "Received, request ID pending",
    ),
    "offline.saved": (
        "Hồ sơ của ông/bà đã được lưu an toàn trên máy và sẽ được gửi tự động.",
        "Your dossier is safely saved on the kiosk and will be sent automatically.",
    ),
    "offline.queue_waiting": (
        "{pending} hồ sơ đang chờ gửi; hồ sơ cũ nhất chờ {age}.",
        "{pending} dossiers waiting to be sent; the oldest has waited {age}.",
    ),
    "offline.audit_ok": (
        "Nhật ký kiểm tra nguyên vẹn ({entries} mục).",
        "The audit log is intact ({entries} entries).",
    ),
    "offline.audit_broken": (
        "Nhật ký kiểm tra đã bị thay đổi: {problem}",
        "The audit log has been tampered with: {problem}",
    ),
    "offline.export_warning": (
        "Thư mục xuất chứa dữ liệu cá nhân chưa mã hoá: chỉ chuyển tay cho cơ quan và xoá sau khi giao.",
        "The export folder holds personal data in clear: hand it only to the agency and delete it afterwards.",
    ),
}
