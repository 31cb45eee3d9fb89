"""Messages of the citizen journeys "Where is my file?", "Find a procedure" and "Ask for
staff help", Vietnamese first, English second. Plain words: the reader may be elderly and
rarely use a computer."""

MESSAGES = {
    # --- where is my file: what the status means, in one sentence --------------------------
    "track.state.received": (
        "Hồ sơ của ông/bà đã được tiếp nhận và đang chờ cán bộ xem xét.",
        "Your file has been received and is waiting for an officer.",
    ),
    "track.state.in_processing": (
        "Cán bộ đang giải quyết hồ sơ của ông/bà.",
        "An officer is working on your file.",
    ),
    "track.state.more_documents_needed": (
        "Hồ sơ của ông/bà cần thêm giấy tờ. Hồ sơ tạm dừng cho đến khi ông/bà bổ sung.",
        "Your file needs more documents. It is on hold until you bring them.",
    ),
    "track.state.ready_for_pickup": (
        "Đã có kết quả. Mời ông/bà đến nhận.",
        "Your result is ready. Please come and collect it.",
    ),
    "track.state.returned": (
        "Kết quả đã được trả. Hồ sơ đã xong.",
        "The result has been handed over. Your file is finished.",
    ),
    "track.state.rejected": (
        "Hồ sơ của ông/bà không được giải quyết.",
        "Your file was refused.",
    ),
    "track.state.open": ("Hồ sơ của ông/bà đang được giải quyết.", "Your file is being handled."),
    "track.state.closed": ("Hồ sơ của ông/bà đã được giải quyết xong.", "Your file has been dealt with."),
    # --- names of the steps on the timeline ----------------------------------------------
    "track.step.received": ("Đã tiếp nhận", "Received"),
    "track.step.in_processing": ("Đang giải quyết", "Being processed"),
    "track.step.more_documents_needed": ("Cần bổ sung giấy tờ", "More documents needed"),
    "track.step.ready_for_pickup": ("Có kết quả, mời đến nhận", "Result ready to collect"),
    "track.step.returned": ("Đã trả kết quả", "Result handed over"),
    "track.step.rejected": ("Từ chối giải quyết", "Refused"),
    "track.step.by": ("Cán bộ: {officer}", "Officer: {officer}"),
    # --- what the citizen must do now ----------------------------------------------------
    "track.do.wait_until": (
        "Ông/bà chưa cần làm gì. Ngày hẹn trả kết quả: {date}.",
        "You do not need to do anything now. Your result is due on {date}.",
    ),
    "track.do.wait": ("Ông/bà chưa cần làm gì lúc này.", "You do not need to do anything now."),
    "track.do.bring": ("Cán bộ cần ông/bà mang đến:", "The officer asks you to bring:"),
    "track.do.bring_unspecified": (
        "Cán bộ cần thêm giấy tờ nhưng chưa ghi rõ. Xin gọi số điện thoại bên dưới hoặc hỏi tại quầy.",
        "The officer needs more documents but did not say which. Please call the number below "
        "or ask at the counter.",
    ),
    "track.do.bring_where": (
        "Mang đến: {agency}. Nhớ mang theo giấy biên nhận này.",
        "Bring them to: {agency}. Remember to bring this receipt.",
    ),
    "track.do.collect": (
        "Đến {agency} để nhận kết quả. Mang theo giấy biên nhận và căn cước của ông/bà.",
        "Go to {agency} to collect your result. Bring this receipt and your ID card.",
    ),
    "track.do.nothing": ("Ông/bà không cần làm gì thêm.", "You do not need to do anything more."),
    "track.do.rejected": ("Lý do cán bộ ghi:", "The reason the officer gave:"),
    "track.do.rejected_ask": (
        "Nếu ông/bà chưa rõ, xin hỏi cán bộ tại quầy hoặc gọi số điện thoại bên dưới.",
        "If this is not clear, ask at the counter or call the number below.",
    ),
    "track.note_language": ("", "(The officer wrote this in Vietnamese.)"),
    # --- facts -----------------------------------------------------------------------------
    "track.officer_none": ("Chưa phân công", "Not assigned yet"),
    "track.appointment_none": (
        "Chưa có (có khi cán bộ nhận hồ sơ)",
        "Not set yet (set when an officer takes the file)",
    ),
    "track.contact.address": ("Địa chỉ: {value}", "Address: {value}"),
    "track.contact.phone": ("Điện thoại: {value}", "Phone: {value}"),
    "track.contact.hours": ("Giờ làm việc: {value}", "Opening hours: {value}"),
    "track.contact.email": ("Thư điện tử: {value}", "Email: {value}"),
    # --- offline: the last status this kiosk knew --------------------------------------
    "track.stale": (
        "KHÔNG KẾT NỐI ĐƯỢC VỚI HỆ THỐNG. Đây là tình trạng máy biết lần cuối, lúc {time} ({age}). "
        "Tình trạng có thể đã thay đổi.",
        "THE SYSTEM CANNOT BE REACHED. This is the last status this kiosk knew, at {time} ({age}). "
        "It may have changed since.",
    ),
    "track.age.now": ("vừa xong", "just now"),
    "track.age.minutes": ("{n} phút trước", "{n} minutes ago"),
    "track.age.hours": ("{n} giờ trước", "{n} hours ago"),
    "track.age.days": ("{n} ngày trước", "{n} days ago"),
    # --- looking it up ---------------------------------------------------------------------
    "track.bad_code": (
        "Mã này có ký tự sai. Xin so từng ký tự với mã in trên giấy biên nhận rồi nhập lại.",
        "This code has a wrong character. Compare each character with the code printed on your "
        "receipt and type it again.",
    ),
    "track.short_code": (
        "Mã có 10 ký tự (ví dụ K7M4Q-X9T2R). Ông/bà mới nhập {n}.",
        "The code has 10 characters (for example K7M4Q-X9T2R). You have typed {n}.",
    ),
    "track.empty_code": (
        "Xin nhập mã in trên giấy biên nhận, hoặc đưa mã QR vào máy quét.",
        "Type the code printed on your receipt, or hold its QR code to the scanner.",
    ),
    "track.not_found": (
        "Chưa tìm thấy hồ sơ có mã {tracking}. Nếu ông/bà vừa nộp khi mất mạng, hồ sơ có thể chưa được gửi đi: "
        "xin thử lại sau ít phút, hoặc hỏi cán bộ tại quầy.",
        "No file with the code {tracking} was found yet. If you submitted it while the network was down, it "
        "may not have been sent yet: try again in a few minutes, or ask at the counter.",
    ),
    "track.unavailable": (
        "Không kết nối được với hệ thống và máy chưa từng tra mã này. Xin thử lại sau, hoặc hỏi cán bộ tại quầy.",
        "The system cannot be reached and this kiosk has not looked up this code before. Try again later, "
        "or ask at the counter.",
    ),
    "track.receipt_altered": (
        "Chú ý: mã QR này không khớp với chữ ký của máy đã in biên nhận. Thông tin dưới đây lấy từ hệ thống "
        "theo mã hồ sơ; nếu thấy sai, xin hỏi cán bộ.",
        "Note: this QR code does not match the signature of the kiosk that printed the receipt. The "
        "information below comes from the system by the file's code; if it looks wrong, ask staff.",
    ),
    # --- find a procedure --------------------------------------------------------------------
    "find.fee_free": ("Miễn phí", "Free"),
    "find.fee_amount": ("{amount}", "{amount}"),
    "find.days_same": ("Trong ngày làm việc", "Within the working day"),
    "find.days_n": ("{n} ngày làm việc", "{n} working days"),
    "find.where_here": ("Ở địa phương này là:", "In this area, that is:"),
    "find.where_unknown": (
        "Xin hỏi cán bộ tại quầy nơi nộp hồ sơ.",
        "Please ask at the counter where to apply.",
    ),
    "find.original": ("bản chính", "original"),
    "find.from_chip": ("máy đọc từ căn cước gắn chip", "read from your chip ID card"),
    "find.optional": ("nếu có", "if any"),
    "find.slip_title": ("Thông tin thủ tục", "About this procedure"),
    "find.slip_footer": (
        "Thông tin để tham khảo; cán bộ tại quầy sẽ hướng dẫn cụ thể.",
        "For your information; staff at the counter will guide you.",
    ),
    "find.no_hits": (
        "Không tìm thấy thủ tục nào với từ \u201c{query}\u201d. Thử từ khác (ví dụ: khai sinh, tạm trú), "
        "chọn theo lĩnh vực bên dưới, hoặc nhờ cán bộ.",
        "No procedure matches \u201c{query}\u201d. Try another word (for example: birth, residence), "
        "browse by area below, or ask staff.",
    ),
    # --- ask for staff help --------------------------------------------------------------
    "help.coming": (
        "Đã báo cán bộ. Sẽ có người đến giúp ông/bà.",
        "Staff have been told. Someone is coming to help you.",
    ),
    "help.number": ("Số của ông/bà", "Your number"),
    "help.queued": (
        # True whether the network is down or only the office system is unreachable (the header
        # says which): "lost connection" under a header saying "network: connected" was not.
        "Máy chưa liên lạc được với hệ thống của cơ quan nên chưa báo được cán bộ; máy sẽ tự báo khi "
        "liên lạc lại được. Trong lúc chờ, xin giơ tay hoặc đến quầy và đọc số này.",
        "The kiosk cannot reach the office system yet, so staff are not told; it will tell them as soon "
        "as it can. Meanwhile, raise your hand or go to the counter and give this number.",
    ),
    "help.sent_later": (
        "Đã báo được cán bộ. Sẽ có người đến giúp ông/bà.",
        "Staff have now been told. Someone is coming to help you.",
    ),
    "help.stay": (
        "Ông/bà cứ ở lại máy. Những gì ông/bà đã làm vẫn được giữ nguyên.",
        "Please stay at the kiosk. Everything you have done is kept as it is.",
    ),
    "help.kiosk": ("Máy số: {kiosk}", "Kiosk: {kiosk}"),
}
