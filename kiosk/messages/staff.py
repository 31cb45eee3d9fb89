"""Messages of supervised mode (staff sign-in, unlock, assisted help, staff menu)."""

MESSAGES = {
    "staff.wrong_pin": (
        "Mã PIN không đúng. Còn {attempts_left} lần thử.",
        "Wrong PIN. {attempts_left} tries left.",
    ),
    "staff.locked": (
        "Thẻ cán bộ này đang bị khóa do nhập sai mã PIN nhiều lần. Xin nhờ cán bộ giám sát mở khóa, hoặc thử lại sau {locked_until}.",
        "This staff card is locked after too many wrong PINs. Ask a supervisor to unlock it, or try again after {locked_until}.",
    ),
    "staff.expired": (
        "Thẻ cán bộ đã hết hạn hoặc đã bị thu hồi. Xin liên hệ bộ phận quản lý để cấp thẻ mới.",
        "This staff card has expired or was withdrawn. Ask the administrator for a new card.",
    ),
    "staff.unknown": (
        "Hệ thống không có tài khoản cán bộ này.",
        "The central system has no such staff account.",
    ),
    "staff.central_unreachable_no_cache": (
        "Không kết nối được hệ thống trung tâm và máy chưa có dữ liệu đăng nhập ngoại tuyến của cán bộ này. Xin thử lại khi có mạng.",
        "The central system cannot be reached and this kiosk has no offline sign-in for this staff member. Try again when the network is back.",
    ),
    "staff.invalid": (
        "Đây không phải là thẻ cán bộ hợp lệ.",
        "This is not a valid staff card.",
    ),
    "staff.credential_invalid": (
        "Đây không phải là thẻ cán bộ hợp lệ.",
        "This is not a valid staff card.",
    ),
    "staff.pin_format": (
        "Mã PIN gồm từ 4 đến 8 chữ số.",
        "The PIN has 4 to 8 digits.",
    ),
    "staff.not_supervisor": (
        "Chỉ cán bộ giám sát của cùng cơ quan mới được mở khóa.",
        "Only a supervisor of the same agency can unlock.",
    ),
    "staff.central_error": (
        "Hệ thống trung tâm trả lời không như mong đợi. Xin thử lại.",
        "The central system gave an unexpected answer. Please try again.",
    ),
    "staff.bad_id": (
        "Mã cán bộ phải có từ 1 đến 64 ký tự, không có dấu chấm.",
        "A staff ID has 1 to 64 characters and no dots.",
    ),
    "staff.bad_role": (
        "Vai trò phải là officer, supervisor hoặc technician.",
        "The role must be officer, supervisor or technician.",
    ),
    "staff.bad_id_card": (
        "Số căn cước gồm 12 chữ số (chứng minh nhân dân cũ: 9 chữ số).",
        "An ID card number has 12 digits (9 for the old ID card).",
    ),
    "staff.bad_name": ("Tên cán bộ không được để trống.", "The staff name must not be empty."),
    "staff.no_pin": (
        "Chưa nhận được mã PIN từ đầu vào chuẩn.",
        "No PIN was given on standard input.",
    ),
    "staff.not_signed_in": (
        "Cần cán bộ đăng nhập để làm việc này.",
        "A staff member must sign in to do this.",
    ),
    "staff.not_allowed": (
        "Vai trò của bạn không được làm việc này.",
        "Your role does not allow this.",
    ),
    "staff.timeout": (
        "Phiên làm việc của cán bộ đã kết thúc do không có thao tác.",
        "The staff session ended after a period without activity.",
    ),
    "staff.assisted_by": ("Cán bộ hỗ trợ: {name} ({staff_id})", "Assisted by {name} ({staff_id})"),
    "staff.in_control_staff": (
        "Cán bộ {name} ({staff_id}) đang thao tác",
        "Officer {name} ({staff_id}) is in control",
    ),
    "staff.in_control_citizen": ("Ông/bà đang thao tác", "You are in control"),
    "staff.reason_required": ("Xin nhập lý do.", "Please give a reason."),
    "staff.report_no_data": (
        "Chưa có số liệu cho ngày này.",
        "No figures for this day yet.",
    ),
}
