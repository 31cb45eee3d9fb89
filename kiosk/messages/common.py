"""Messages shared by every area."""

MESSAGES = {
    "common.unexpected": (
        "Đã có lỗi xảy ra. Xin vui lòng nhờ cán bộ hỗ trợ.",
        "Something went wrong. Please ask staff for help.",
    ),
    "common.no_font": (
        "Máy thiếu phông chữ tiếng Việt nên chưa in được. Xin vui lòng báo kỹ thuật viên.",
        "This kiosk lacks a Vietnamese font, so it cannot print. Please call a technician.",
    ),
    "common.offline": (
        "Mất kết nối mạng. Hồ sơ của bạn vẫn được lưu an toàn và sẽ được gửi khi có mạng.",
        "The network is down. Your dossier is kept safely and will be sent when it is back.",
    ),
    "common.config_invalid": (
        "Cấu hình máy không hợp lệ. Xin vui lòng báo kỹ thuật viên.",
        "This kiosk's configuration is not valid. Please call a technician.",
    ),
    "common.disk_full": (
        "Bộ nhớ của máy đã đầy. Xin vui lòng báo cán bộ; dữ liệu đã nhập không bị mất.",
        "The kiosk's storage is full. Please tell staff; nothing you entered is lost.",
    ),
}
