"""Messages of the kiosk's trust path: bounded and signed calls to the central, and input that
is refused before it is parsed (nesting depth, impossible dates)."""

MESSAGES = {
    "central.deadline": (
        "Hệ thống trung tâm không trả lời trong {deadline_s} giây. Máy sẽ thử lại sau; dữ liệu không bị mất.",
        "The central system did not answer within {deadline_s} seconds. The kiosk will try again later; "
        "nothing is lost.",
    ),
    "central.too_large": (
        "Câu trả lời nhận được quá lớn, không phải của hệ thống trung tâm. Xin báo kỹ thuật viên kiểm tra mạng.",
        "The answer received is too large to be the central's. Please ask a technician to check the network.",
    ),
    "central.insecure_url": (
        "Địa chỉ hệ thống trung tâm phải bắt đầu bằng https://. Xin báo kỹ thuật viên sửa cấu hình.",
        "The central's address must start with https://. Please ask a technician to fix the configuration.",
    ),
    "provisioning.insecure_url": (
        "Địa chỉ hệ thống trung tâm phải là https:// (http chỉ dùng cho máy này khi chạy thử). "
        "Xin kiểm tra lại địa chỉ hoặc mã QR đăng ký.",
        "The central's address must be https:// (plain http only for this machine, in the demo). "
        "Please check the address or the enrollment QR.",
    ),
    "provisioning.central_key_mismatch": (
        "Khóa của hệ thống trung tâm không khớp với dấu vân tay đã nhập: có thể không phải hệ thống trung tâm "
        "của đơn vị. Máy chưa được đăng ký; xin kiểm tra lại với quản trị hệ thống.",
        "The central's key does not match the fingerprint given: this may not be your agency's central. "
        "The kiosk was not enrolled; please check with the central's administrator.",
    ),
    "staff.central_untrusted": (
        "Không xác thực được câu trả lời của hệ thống trung tâm, nên chưa thể đăng nhập. "
        "Xin báo kỹ thuật viên kiểm tra mạng.",
        "The central's answer could not be verified, so sign-in is refused. "
        "Please ask a technician to check the network.",
    ),
    "staff.storage_full": (
        "Bộ nhớ của máy đã đầy nên chưa đăng nhập được. Xin báo kỹ thuật viên giải phóng bộ nhớ.",
        "The kiosk's storage is full, so sign-in cannot be recorded. Please ask a technician to free space.",
    ),
    "staff.storage_error": (
        "Không ghi được dữ liệu đăng nhập trên máy. Xin báo kỹ thuật viên.",
        "The kiosk could not record the sign-in. Please ask a technician.",
    ),
    "input.too_deep": (
        "Tệp {what} có cấu trúc lồng nhau quá sâu ({depth} cấp, tối đa {limit}); đây không phải tệp hợp lệ. "
        "Xin dùng tệp do hệ thống trung tâm cấp.",
        "The file {what} is nested too deeply ({depth} levels, at most {limit}); it is not a valid file. "
        "Please use the file issued by the central.",
    ),
    "provisioning.config_too_deep": (
        "Tệp cấu hình bị từ chối: cấu trúc lồng nhau quá sâu, không phải tệp do hệ thống trung tâm cấp.",
        "Configuration refused: it is nested far too deeply to be one issued by the central.",
    ),
    "card.bad_qr_date": (
        "Ngày trên mã QR của thẻ không hợp lệ. Xin ông/bà vui lòng đặt thẻ lên đầu đọc hoặc nhập dòng MRZ "
        "ở mặt sau thẻ.",
        "A date in the card's QR code is not possible. Please place the card on the reader or type "
        "the MRZ lines from the back of the card.",
    ),
}
