"""Words that guide a citizen at the devices, tell them what is read or photographed and why,
and say honestly how long help will take. Vietnamese first, English second; "ông/bà".

Codes sit in the citizen areas ("wizard.", "help.") so the glossary test reads every one.
"""

MESSAGES = {
    # --- where things go on this kiosk (ui/widgets/placement.py) ---------------------------------
    "wizard.guide.card": ("Đặt thẻ lên đầu đọc", "Place the card on the reader"),
    "wizard.guide.qr": ("Đưa mã QR vào máy quét", "Hold the QR code to the scanner"),
    "wizard.guide.paper": ("Đặt giấy tờ dưới máy ảnh", "Lay the paper under the camera"),
    "wizard.guide.where": ("Ở kiosk này: {where}", "On this kiosk: {where}"),
    "wizard.guide.below_right": ("phía dưới, bên phải màn hình", "below the screen, on the right"),
    "wizard.guide.below_left": ("phía dưới, bên trái màn hình", "below the screen, on the left"),
    "wizard.guide.below": ("phía dưới màn hình", "below the screen"),
    "wizard.guide.right": ("bên phải màn hình", "to the right of the screen"),
    "wizard.guide.left": ("bên trái màn hình", "to the left of the screen"),
    "wizard.guide.platform": ("trên mặt bàn phía dưới màn hình", "on the platform below the screen"),
    "wizard.guide.picture_of": ("Hình: {what}", "Picture: {what}"),
    # --- the card access number (CAN) ----------------------------------------------------------------
    "wizard.guide.can": (
        "Nhập 6 số in ở {corner} mặt trước thẻ (khoanh đỏ trong hình).",
        "Type the 6 digits printed at the {corner} of the card's front (circled in red in the picture).",
    ),
    "wizard.guide.corner.bottom_right": ("góc dưới bên phải", "bottom right"),
    "wizard.guide.corner.bottom_left": ("góc dưới bên trái", "bottom left"),
    "wizard.guide.corner.top_right": ("góc trên bên phải", "top right"),
    "wizard.guide.corner.top_left": ("góc trên bên trái", "top left"),
    "wizard.guide.can_picture": (
        "Hình mặt trước thẻ căn cước, 6 số được khoanh đỏ",
        "The front of the ID card with the 6 digits circled in red",
    ),
    # --- privacy, read once on the step itself (no extra touch) ---------------------------------------
    "wizard.privacy.card": (
        "Khi ông/bà đặt thẻ, máy đọc họ tên, số định danh, ngày sinh, nơi cư trú và ảnh trong chip, "
        "chỉ để điền hồ sơ này. Thông tin được mã hoá, chỉ lưu trên kiosk này đến khi gửi cho cơ quan "
        'giải quyết, và được xoá khi ông/bà kết thúc. Không muốn đọc thẻ? Chạm "Nhờ cán bộ hỗ trợ" '
        "hoặc đến quầy.",
        "When you place the card, the kiosk reads the name, ID number, date of birth, residence and "
        "photo in its chip, only to fill in this dossier. They are encrypted, kept on this kiosk only "
        'until sent to the agency handling it, and erased when you finish. Rather not? Touch "Ask for '
        'staff help" or go to the counter.',
    ),
    # The layered notice: the summary stays in view above the card steps; the full notice
    # (above) opens from "read it in full" on a card of its own (ui/screens/wizard/privacy.py).
    "wizard.privacy.card_short": (
        "Máy đọc thông tin, ảnh trong chip chỉ để làm hồ sơ này, lưu đến khi gửi đi.",
        "The kiosk reads the chip's details and photo only for this dossier, and keeps them until "
        "it is sent.",
    ),
    "wizard.privacy.more": ("Đọc đầy đủ", "Read it in full"),
    "wizard.privacy.more_name": (
        "Đọc đầy đủ: máy đọc gì từ thẻ và giữ đến khi nào",
        "Read it in full: what is read from the card and how long it is kept",
    ),
    "wizard.privacy.title": ("Máy đọc gì từ thẻ của ông/bà", "What is read from your card"),
    "wizard.privacy.close": ("Đã hiểu, quay lại", "Understood, go back"),
    "wizard.privacy.camera": (
        "Máy ảnh chỉ chụp giấy tờ ông/bà đặt dưới nó, để gửi kèm hồ sơ cho cơ quan giải quyết. Ảnh "
        "được mã hoá, chỉ lưu trên kiosk này đến khi gửi, và được xoá khi ông/bà kết thúc. Không muốn "
        'chụp? Chọn "Mang bản gốc đến quầy".',
        "The camera photographs only the papers you lay under it, to send with the dossier to the "
        "agency handling it. The photos are encrypted, kept on this kiosk only until sent, and erased "
        'when you finish. Rather not? Choose "Bring the original".',
    ),
    # --- help, with an honest expectation -------------------------------------------------------------
    "help.wait_minutes": (
        "Ông/bà là người thứ {position} đang chờ. Thời gian chờ ước tính: khoảng {minutes} phút.",
        "You are number {position} in the queue. Estimated wait: about {minutes} minutes.",
    ),
    "help.wait_position": (
        "Ông/bà là người thứ {position} đang chờ; có {staff} cán bộ đang trực.",
        "You are number {position} in the queue; {staff} staff on duty.",
    ),
    "help.no_staff": (
        "Lúc này chưa có cán bộ nào trực trên hệ thống. Xin ông/bà đến quầy tiếp nhận và đọc số này.",
        "No staff are signed in right now. Please go to the reception counter and give this number.",
    ),
    "help.unreachable": (
        "Máy chưa liên lạc được với hệ thống của cơ quan, nên chưa biết phải chờ bao lâu. "
        "Xin ông/bà giơ tay hoặc đến quầy tiếp nhận.",
        "The kiosk cannot reach the office system, so it cannot tell how long the wait is. "
        "Please raise your hand or go to the reception counter.",
    ),
    "help.cancel": ("Tôi không cần giúp nữa", "I no longer need help"),
    "help.cancelled": (
        'Đã huỷ yêu cầu. Cần giúp lúc nào, ông/bà chạm lại "Nhờ cán bộ hỗ trợ".',
        'The request is withdrawn. If you need help later, touch "Ask for staff help" again.',
    ),
    "help.cancel_failed": (
        "Chưa huỷ được vì máy không liên lạc được với hệ thống; cán bộ có thể vẫn đến.",
        "It could not be withdrawn: the office system cannot be reached, so staff may still come.",
    ),
}
