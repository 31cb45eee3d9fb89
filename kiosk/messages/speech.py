"""What the kiosk says aloud beyond what a screen shows: instructions for listening users,
keypad help, the open-speaker privacy notice, control states. Screen titles that are domain
messages (the wizard's) are reused from their own catalog by :mod:`kiosk.speech.scripts`."""

MESSAGES = {
    # --- how to use the kiosk without looking ---------------------------------------------
    "speech.keys": (
        "Dùng phím mũi tên hoặc phím Tab để di chuyển, phím Enter để chọn. "
        "Phím năm để nghe lại, phím sao để nghe hướng dẫn.",
        "Use the arrow keys or Tab to move, Enter to choose. Press five to hear this again, star for help.",
    ),
    "speech.private": ("Đã đọc thẻ của ông/bà.", "Your card has been read."),
    "speech.private_data": (
        "Thông tin cá nhân chỉ được đọc khi ông/bà cắm tai nghe.",
        "Personal details are read aloud only when headphones are plugged in.",
    ),
    "speech.synth_failed": ("Không tạo được giọng đọc.", "Speech could not be synthesised."),
    "speech.unknown_screen": ("Không có kịch bản đọc cho màn hình này.", "No speech script for this screen."),
    "speech.checked": ("đã chọn", "selected"),
    "speech.unchecked": ("chưa chọn", "not selected"),
    "speech.button": ("nút", "button"),
    "speech.dialog": ("hộp thoại", "dialog"),
    "speech.field": ("ô nhập", "text field"),
    "speech.empty": ("trống", "empty"),
    "speech.volume": ("Âm lượng {n} trên 3", "Volume {n} of 3"),
    "speech.slower": ("Đọc chậm", "Slow speech"),
    "speech.normal_rate": ("Đọc bình thường", "Normal speech"),
    "speech.stopped": ("Đã dừng đọc", "Speech stopped"),
    "speech.no_engine": (
        "Không có giọng đọc: ki-ốt hoạt động không có tiếng.",
        "No speech engine: the kiosk works silently.",
    ),
    "speech.no_audio": (
        "Không có thiết bị âm thanh: ki-ốt hoạt động không có tiếng.",
        "No audio device: the kiosk works silently.",
    ),
    # --- screen scripts: titles and instructions of screens whose texts live in Qt ----------
    "speech.attract.title": ("Ki-ốt dịch vụ công", "Public service kiosk"),
    "speech.attract.instruction": (
        "Tại ki-ốt này ông/bà có thể nộp hồ sơ thủ tục hành chính, tra cứu hồ sơ, tìm thủ tục "
        "và nhờ cán bộ hỗ trợ. Chạm vào màn hình hoặc nhấn phím Enter để bắt đầu.",
        "At this kiosk you can submit a dossier for an administrative procedure, check where your "
        "file is, find a procedure and ask for staff help. Touch the screen or press Enter to start.",
    ),
    "speech.home.title": ("Ông/bà cần làm gì?", "What would you like to do?"),
    "speech.home.instruction": (
        "Có bốn lựa chọn: nộp hồ sơ; hồ sơ của tôi đến đâu rồi; tìm thủ tục; nhờ cán bộ hỗ trợ.",
        "There are four choices: submit a dossier; where is my file; find a procedure; ask for staff help.",
    ),
    "speech.find.title": ("Tìm thủ tục", "Find a procedure"),
    "speech.find.instruction": (
        "Gõ tên thủ tục bằng bàn phím, hoặc chọn một lĩnh vực để xem các thủ tục.",
        "Type the procedure's name on the keyboard, or choose a field to see its procedures.",
    ),
    "speech.procedure.title": ("Thông tin thủ tục", "About this procedure"),
    "speech.procedure.instruction": (
        "Màn hình cho biết giấy tờ cần mang, nơi nộp, lệ phí và thời gian giải quyết.",
        "This screen lists the documents to bring, where to apply, the fee and the processing time.",
    ),
    "speech.track.title": ("Hồ sơ của tôi đến đâu rồi?", "Where is my file?"),
    "speech.track.instruction": (
        "Đưa mã QR trên giấy biên nhận vào dưới đèn của máy quét, "
        "hoặc gõ mã tra cứu mười ký tự in trên giấy biên nhận.",
        "Hold the QR code on your receipt under the scanner's light, "
        "or type the ten-symbol tracking code printed on the receipt.",
    ),
    "speech.help.title": ("Nhờ cán bộ hỗ trợ", "Ask for staff help"),
    "speech.help.instruction": (
        "Một cán bộ sẽ đến giúp ông/bà. Ông/bà có thể chờ tại đây.",
        "A staff member will come to help you. Please wait here.",
    ),
    "speech.error.title": ("Đã có lỗi xảy ra", "Something went wrong"),
    "speech.error.instruction": (
        "Xin ông/bà nhờ cán bộ hỗ trợ và đưa cho họ xem số tham chiếu trên màn hình.",
        "Please ask a staff member for help, and show them the reference number on the screen.",
    ),
    "speech.submit.instruction": (
        "Chọn một thủ tục hay dùng, tìm theo tên, hoặc xem tất cả thủ tục theo lĩnh vực.",
        "Choose a common procedure, search by name, or browse all procedures by field.",
    ),
    "speech.identify.instruction": (
        "Đặt thẻ căn cước lên đầu đọc thẻ, hoặc đưa mã QR trên thẻ vào dưới máy quét.",
        "Place your citizen ID card on the reader, or hold the QR code on the card under the scanner.",
    ),
    "speech.where.instruction": (
        "Ki-ốt kiểm tra ông/bà nộp hồ sơ ở đâu. Trả lời câu hỏi bằng phím mũi tên và phím Enter.",
        "The kiosk checks where you can apply. Answer with the arrow keys and Enter.",
    ),
    "speech.form.instruction": (
        "Mỗi trang có một câu hỏi. Trả lời rồi chọn câu tiếp.",
        "One question a page. Answer it, then choose next question.",
    ),
    "speech.documents.guidance": (
        "Đặt giấy tờ dưới máy ảnh. Ki-ốt sẽ nói đưa giấy sang trái, sang phải, hay giữ yên.",
        "Place the document under the camera. The kiosk will tell you to move it left or right, "
        "or to hold it still.",
    ),
    "speech.done.instruction": (
        "Ki-ốt đọc giấy biên nhận: mã tra cứu và ngày hẹn trả kết quả. Nhấn phím năm để nghe lại.",
        "The kiosk reads your receipt: the tracking code and the date your result is due. "
        "Press five to hear it again.",
    ),
    "speech.rate.instruction": (
        "Chọn một mức đánh giá, từ rất không hài lòng đến rất hài lòng.",
        "Choose a rating, from very unhappy to very happy.",
    ),
    "speech.finish.title": ("Kết thúc?", "Finish now?"),
    "speech.finish.instruction": (
        "Mọi thông tin ông/bà đã nhập sẽ bị xoá khỏi màn hình. Chọn có để kết thúc, không để tiếp tục.",
        "Everything you entered will be cleared from the screen. Choose yes to finish, no to continue.",
    ),
    "speech.timeout.title": ("Ông/bà còn ở đây không?", "Are you still there?"),
    "speech.timeout.instruction": (
        "Phiên làm việc sắp kết thúc để bảo vệ thông tin của ông/bà. Nhấn phím Enter nếu cần thêm thời gian.",
        "To protect your information, this session is about to end. Press Enter if you need more time.",
    ),
}
