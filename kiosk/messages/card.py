"""Messages of the chip ID card reader (codes raised by devices/card/errors.py and the CLI)."""

MESSAGES = {
    "card.error": (
        "Không đọc được thẻ. Xin vui lòng nhờ cán bộ hỗ trợ.",
        "The card could not be read. Please ask staff for help.",
    ),
    "card.pcsc_unavailable": (
        "Đầu đọc thẻ chưa sẵn sàng. Xin vui lòng báo cán bộ; ông/bà vẫn có thể quét mã QR trên thẻ.",
        "The card reader service is not running. Please tell staff; you can still scan the QR code on your card.",
    ),
    "card.no_reader": (
        "Không tìm thấy đầu đọc thẻ. Xin vui lòng báo cán bộ; ông/bà vẫn có thể quét mã QR trên thẻ.",
        "No card reader was found. Please tell staff; you can still scan the QR code on your card.",
    ),
    "card.reader_unplugged": (
        "Đầu đọc thẻ vừa bị ngắt kết nối. Xin vui lòng báo cán bộ.",
        "The card reader was disconnected. Please tell staff.",
    ),
    "card.no_card": (
        "Chưa có thẻ trên đầu đọc. Xin vui lòng đặt thẻ căn cước lên đầu đọc.",
        "There is no card on the reader. Please place your ID card on the reader.",
    ),
    "card.removed": (
        "Thẻ đã bị nhấc ra trước khi đọc xong. Xin vui lòng đặt lại thẻ và giữ yên vài giây.",
        "The card was taken away before reading finished. Please place it again and hold it still for a few seconds.",
    ),
    "card.not_emrtd": (
        "Đây không phải thẻ căn cước gắn chip. Xin vui lòng dùng thẻ căn cước của ông/bà.",
        "This is not a chip ID card. Please use your citizen ID card.",
    ),
    "card.wrong_key": (
        "Thẻ chưa cho phép đọc với thông tin này. Xin vui lòng nhập dãy số MRZ ở mặt sau thẻ, hoặc quét lại mã QR.",
        "The card did not accept these details. Please enter the MRZ code on the back of the card, or scan the QR again.",
    ),
    "card.access_unsupported": (
        "Thẻ này không mở được bằng số CAN. Xin vui lòng nhập dãy số MRZ ở mặt sau thẻ, hoặc quét mã QR.",
        "This card cannot be opened with a CAN. Please enter the MRZ code on the back of the card, or scan the QR.",
    ),
    "card.chip_auth_failed": (
        "Thẻ không chứng minh được là thẻ gốc. Xin vui lòng nhờ cán bộ kiểm tra thẻ.",
        "The chip could not prove it is the original. Please ask staff to check the card.",
    ),
    "card.sm_failed": (
        "Kết nối với thẻ bị lỗi. Xin vui lòng đặt lại thẻ.",
        "The secure connection to the card failed. Please place the card again.",
    ),
    "card.file_missing": (
        "Thẻ thiếu dữ liệu cần thiết. Xin vui lòng nhờ cán bộ hỗ trợ.",
        "The card lacks data the kiosk needs. Please ask staff for help.",
    ),
    "card.corrupt_file": (
        "Dữ liệu trên thẻ không đọc được trọn vẹn. Xin vui lòng đặt lại thẻ; nếu vẫn lỗi, hãy nhờ cán bộ.",
        "The card's data could not be read completely. Please place the card again; if it fails again, ask staff.",
    ),
    "card.timeout": (
        "Thẻ không phản hồi kịp. Xin vui lòng đặt lại thẻ và giữ yên.",
        "The card did not answer in time. Please place it again and hold it still.",
    ),
    "card.bad_mrz": (
        "Dãy số MRZ chưa đúng. Xin vui lòng kiểm tra và nhập lại.",
        "The MRZ code is not right. Please check it and enter it again.",
    ),
    "card.bad_qr": (
        "Mã QR này không phải mã trên thẻ căn cước. Xin vui lòng quét mã QR ở mặt trước thẻ.",
        "This QR code is not the one on an ID card. Please scan the QR code on the front of the card.",
    ),
    "card.card_error": (
        "Thẻ báo lỗi khi đọc. Xin vui lòng đặt lại thẻ; nếu vẫn lỗi, hãy nhờ cán bộ.",
        "The card reported an error. Please place it again; if it fails again, ask staff.",
    ),
    "card.unresponsive": (
        "Thẻ không phản hồi. Xin vui lòng đặt lại thẻ cho ngay ngắn.",
        "The card does not respond. Please place it on the reader again, squarely.",
    ),
    "card.busy": (
        "Đầu đọc đang bận. Xin vui lòng chờ giây lát rồi thử lại.",
        "The reader is busy. Please wait a moment and try again.",
    ),
    "card.comm_error": (
        "Mất kết nối với thẻ. Xin vui lòng đặt lại thẻ.",
        "Contact with the card was lost. Please place the card again.",
    ),
    "card.need_key": (
        "Cần thông tin để mở thẻ: quét mã QR mặt trước, hoặc nhập dãy số MRZ mặt sau.",
        "The card needs a key: scan the QR on the front, or enter the MRZ on the back.",
    ),
    "card.face_write_failed": (
        "Không ghi được ảnh chân dung ra tệp.",
        "The portrait could not be written to the file.",
    ),
    # verification levels, for the UI and receipts
    "card.level.verified": (
        "Đã xác thực: dữ liệu do cơ quan cấp thẻ ký và không bị sửa đổi.",
        "Verified: signed by the issuing authority and unaltered.",
    ),
    "card.level.signer_untrusted": (
        "Dữ liệu nguyên vẹn, nhưng máy chưa có chứng thư của cơ quan cấp thẻ để xác thực chữ ký.",
        "The data is intact, but this kiosk cannot confirm who signed it.",
    ),
    "card.level.failed": (
        "Không xác thực được dữ liệu thẻ. Xin vui lòng nhờ cán bộ kiểm tra.",
        "The card's data failed verification. Please ask staff to check it.",
    ),
    "card.level.unverified": (
        "Thông tin chưa được xác thực (lấy từ mã QR hoặc nhập tay).",
        "Unverified information (from the QR code or typed in).",
    ),
    # ways on (CardError.way_on), for the button or hint under the message
    "card.way.reinsert": ("Đặt lại thẻ", "Place the card again"),
    "card.way.rescan_qr": ("Quét lại mã QR trên thẻ", "Scan the card's QR code again"),
    "card.way.type_mrz": ("Nhập dãy số MRZ ở mặt sau thẻ", "Enter the MRZ from the back of the card"),
    "card.way.ask_staff": ("Nhờ cán bộ hỗ trợ", "Ask staff for help"),
    "card.way.wait": ("Chờ giây lát", "Wait a moment"),
}
