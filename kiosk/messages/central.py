"""Messages of the central area: reaching the central, tracking, catalog and jurisdiction."""

MESSAGES = {
    "central.error": (
        "Không làm việc được với hệ thống trung tâm. Xin vui lòng nhờ cán bộ hỗ trợ.",
        "Could not work with the central system. Please ask staff for help.",
    ),
    "central.bad_answer": (
        "Hệ thống trung tâm trả lời không đúng mẫu. Máy sẽ thử lại sau; nếu vẫn vậy, xin báo kỹ thuật viên.",
        "The central system's answer was not in the expected form. The kiosk will try again later; if it persists, please call a technician.",
    ),
    "central.offline": (
        "Chưa kết nối được với hệ thống trung tâm. Hồ sơ vẫn được lưu trên máy và sẽ được gửi khi có mạng.",
        "The central system cannot be reached. Your dossier is kept on this kiosk and will be sent later.",
    ),
    "central.server_error": (
        "Hệ thống trung tâm đang bận hoặc gặp sự cố. Máy sẽ tự gửi lại sau.",
        "The central system is busy or having trouble. The kiosk will try again later.",
    ),
    "central.auth": (
        "Máy chưa được hệ thống trung tâm chấp nhận (khóa truy cập). Xin báo kỹ thuật viên.",
        "The central does not accept this kiosk's credentials. Please call a technician.",
    ),
    "central.rejected": (
        "Hệ thống trung tâm không nhận hồ sơ: {reasons}",
        "The central system refused the dossier: {reasons}",
    ),
    "central.not_found": (
        "Không tìm thấy hồ sơ với mã này. Xin kiểm tra lại mã trên biên nhận.",
        "No dossier has this code. Please check the code on your receipt.",
    ),
    "central.bad_tracking_code": (
        "Mã theo dõi không đúng. Xin nhập lại đúng như trên biên nhận (10 ký tự, ví dụ K7M4Q-X9T2R).",
        "That tracking code is not valid. Type it as printed on the receipt (10 symbols, e.g. K7M4Q-X9T2R).",
    ),
    "central.idempotency_conflict": (
        "Hồ sơ này đã được gửi với nội dung khác. Xin nhờ cán bộ kiểm tra.",
        "This dossier was already sent with different content. Please ask staff to check.",
    ),
    "central.extension_unavailable": (
        "Hệ thống trung tâm chưa hỗ trợ chức năng này.",
        "The central system does not offer this function.",
    ),
    "central.no_central": (
        "Máy chưa được cấu hình địa chỉ hệ thống trung tâm ([central] url).",
        "No central is configured for this kiosk ([central] url).",
    ),
    "catalog.unknown_procedure": (
        "Không có thủ tục mã {procedure}. Hãy tìm bằng lệnh: kiosk procedures search …",
        "There is no procedure with code {procedure}. Search with: kiosk procedures search …",
    ),
    "catalog.invalid": (
        "Danh mục thủ tục trên máy bị hỏng; máy dùng bản có sẵn. Xin báo kỹ thuật viên.",
        "The kiosk's procedure catalog is damaged; the built-in copy is used. Please call a technician.",
    ),
    "catalog.no_match": (
        "Không tìm thấy thủ tục phù hợp với “{query}”. Hãy thử từ khác, ví dụ “khai sinh”.",
        "No procedure matches “{query}”. Try other words, for example “birth”.",
    ),
    "jurisdiction.bad_fact": (
        "Thông tin “{fact}” không hợp lệ: {why}",
        "The answer for “{fact}” is not valid: {why}",
    ),
    "jurisdiction.unknown_place": (
        "Không tìm thấy địa danh “{place}”. Hãy nhập tên xã/phường hoặc tỉnh/thành phố (sau sắp xếp 2025).",
        "No place called “{place}”. Enter a commune/ward or a province (after the 2025 reorganisation).",
    ),
    "jurisdiction.unknown_site": (
        "Không xác định được đơn vị hành chính của điểm tiếp nhận {site}.",
        "The administrative unit of service point {site} is unknown.",
    ),
}
