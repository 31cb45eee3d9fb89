"""Messages of the QR scanner and the document camera, Vietnamese first, English second."""

MESSAGES = {
    # scanned codes (kiosk.scan_routing)
    "scanner.unknown_code": (
        "Mã QR này không phải của hệ thống. Xin quét mã trên giấy biên nhận hoặc trên căn cước.",
        "This QR code is not one of ours. Please scan the code on your receipt or ID card.",
    ),
    "scanner.too_long": (
        "Mã quét được quá dài, không phải mã của hệ thống.",
        "The scanned code is too long to be one of ours.",
    ),
    "scanner.binary": (
        "Mã quét được chứa dữ liệu không đọc được.",
        "The scanned code contains unreadable data.",
    ),
    "scanner.control_chars": (
        "Mã quét được chứa ký tự không hợp lệ.",
        "The scanned code contains characters that are not allowed.",
    ),
    "scanner.empty": ("Không đọc được mã. Xin quét lại.", "Nothing was read. Please scan again."),
    "scanner.unreadable": (
        "Không đọc được mã. Xin quét lại.",
        "The code could not be read. Please scan again.",
    ),
    "scanner.bad_check_digit": (
        "Mã hồ sơ không đúng (sai ký tự kiểm tra). Xin kiểm tra lại giấy biên nhận.",
        "The tracking code is wrong (its check symbol does not match). Please check your receipt.",
    ),
    "scanner.malformed_cccd": (
        "Mã QR trên căn cước bị hỏng hoặc không đúng định dạng. Xin dùng đầu đọc thẻ chip.",
        "The ID card's QR code is damaged or malformed. Please use the chip card reader.",
    ),
    "scanner.malformed_staff": (
        "Mã cán bộ không hợp lệ.",
        "This staff code is not valid.",
    ),
    "scanner.malformed_enrollment": (
        "Mã đăng ký máy không hợp lệ.",
        "This kiosk enrollment code is not valid.",
    ),
    # scanner devices
    "scanner.image_unreadable": ("Không mở được ảnh.", "The image cannot be opened."),
    "scanner.image_too_large": ("Ảnh quá lớn.", "The image is too large."),
    "scanner.device_unavailable": (
        "Máy quét mã QR không hoạt động. Xin vui lòng báo cán bộ.",
        "The QR scanner is not working. Please tell staff.",
    ),
    "scanner.device_busy": (
        "Máy quét đang được chương trình khác sử dụng.",
        "The scanner is in use by another program.",
    ),
    "scanner.bad_setting": (
        "Cấu hình máy quét không hợp lệ. Xin vui lòng báo kỹ thuật viên.",
        "The scanner setting is not valid. Please call a technician.",
    ),
    # document camera
    "camera.unavailable": (
        "Camera chụp giấy tờ không hoạt động. Xin vui lòng báo cán bộ.",
        "The document camera is not working. Please tell staff.",
    ),
    "camera.ended": ("Camera đã dừng.", "The camera stopped."),
    "camera.no_document": (
        "Chưa thấy giấy tờ. Xin đặt giấy tờ vào khung.",
        "No document seen yet. Please place the document in the frame.",
    ),
    "camera.not_found_press": (
        "Máy chưa nhận ra giấy tờ. Nếu giấy tờ đã nằm dưới máy ảnh, xin bấm «Chụp ngay».",
        "The kiosk has not recognised a document. If it is already under the camera, please press “Take it now”.",
    ),
    "camera.one_at_a_time": (
        "Mỗi lần chỉ đặt một giấy tờ lên khay. Xin ông/bà lấy các giấy tờ khác ra.",
        "One document at a time, please: take the others off the tray.",
    ),
    "camera.blur": (
        "Ảnh bị mờ. Xin giữ yên giấy tờ.",
        "The picture is blurred. Please hold the document still.",
    ),
    "camera.glare": (
        "Ảnh bị lóa sáng. Xin nghiêng nhẹ giấy tờ.",
        "There is glare on the document. Please tilt it slightly.",
    ),
    "camera.cut_off": (
        "Giấy tờ bị ra ngoài khung. Xin đặt cả tờ vào khung.",
        "Part of the document is outside the frame. Please place all of it in the frame.",
    ),
    "camera.too_small": (
        "Giấy tờ ở quá xa. Xin đưa lại gần hơn.",
        "The document is too far away. Please bring it closer.",
    ),
    "camera.too_dark": ("Ảnh quá tối.", "The picture is too dark."),
    "camera.hold_still": ("Giữ yên… đang chụp.", "Hold still… capturing."),
    "camera.captured": ("Đã chụp trang {page}.", "Page {page} captured."),
    "camera.id_front": ("Xin đặt mặt trước căn cước.", "Please place the front of the ID card."),
    "camera.id_back": ("Xin lật mặt sau căn cước.", "Please turn the ID card over to its back."),
}
