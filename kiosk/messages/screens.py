"""Words of the citizen screens and their widgets (home, find, track, help, bars, cards,
keyboard), Vietnamese first, English second.

One message system for citizen screen text: screens call ``self.m(code, **values)``
(:class:`ui.screens.base.Screen`), widgets :func:`ui.widgets.words.message`; speech and the
glossary test read the same catalog. Operator consoles (staff, technician) stay on Qt Linguist.
"""

MESSAGES = {
    # --- said on several screens ---------------------------------------------------------------
    "screen.common.back_to_choices": ("Quay về các lựa chọn", "Back to the choices"),
    "screen.common.back": ("Quay lại", "Back"),
    "screen.common.ask_staff_help": ("Nhờ cán bộ hỗ trợ", "Ask for staff help"),
    # --- the screen frame ----------------------------------------------------------------------
    "screen.frame.more_below": (
        "▼  Còn nữa ở dưới: chạm vào đây hoặc vuốt lên",
        "▼  More below: touch here or slide up",
    ),
    # --- the attract screen --------------------------------------------------------------------
    "screen.attract.title": ("Kiosk dịch vụ công", "Public service kiosk"),
    "screen.attract.at_this_kiosk_you": ("Tại máy này, ông/bà có thể:", "At this kiosk you can:"),
    "screen.attract.submit_a_dossier_for": (
        "Nộp hồ sơ thủ tục hành chính",
        "Submit a dossier for an administrative procedure",
    ),
    "screen.attract.see_where_your_dossier": (
        "Xem hồ sơ đang được giải quyết đến đâu, bằng giấy biên nhận",
        "See where your dossier is, with your receipt",
    ),
    "screen.attract.find_a_procedure_and": (
        "Tìm thủ tục và nơi nộp hồ sơ",
        "Find a procedure and where to apply",
    ),
    "screen.attract.ask_a_staff_member": ("Nhờ cán bộ hỗ trợ", "Ask a staff member for help"),
    "screen.attract.touch_here_to_start": ("Chạm vào đây để bắt đầu", "Touch here to start"),
    "screen.attract.free_of_charge_choose": (
        "Miễn phí. Chọn ngôn ngữ và cỡ chữ ở phía dưới.",
        "Free of charge. Choose your language and text size below.",
    ),
    # --- the home screen -----------------------------------------------------------------------
    "screen.home.title": ("Ông/bà cần làm gì?", "What would you like to do?"),
    "screen.home.touch_one_of_the": ("Xin mời chạm vào một mục dưới đây.", "Touch one of the choices below."),
    "screen.home.submit_a_dossier": ("Nộp hồ sơ", "Submit a dossier"),
    "screen.home.for_an_administrative_procedure": (
        "Cho một thủ tục hành chính",
        "For an administrative procedure",
    ),
    "screen.home.where_is_my_file": ("Hồ sơ của tôi đến đâu rồi?", "Where is my file?"),
    "screen.home.with_the_receipt_you": (
        "Dùng giấy biên nhận đã được cấp",
        "With the receipt you were given",
    ),
    "screen.home.find_a_procedure": ("Tìm thủ tục", "Find a procedure"),
    "screen.home.what_to_bring_where": (
        "Cần giấy tờ gì, nộp ở đâu, lệ phí",
        "What to bring, where to apply, fees",
    ),
    "screen.home.a_staff_member_will": ("Cán bộ sẽ giúp ông/bà", "A staff member will help you"),
    # --- find a procedure ----------------------------------------------------------------------
    "screen.find.title": ("Tìm thủ tục", "Find a procedure"),
    "screen.find.touch_the_white_box": (
        "Chạm vào ô trắng rồi gõ vài chữ, ví dụ “khai sinh”. Không cần gõ dấu.",
        "Touch the white box and type a few words, for example “khai sinh”. Accents are not needed.",
    ),
    "screen.find.clear": ("Xoá", "Clear"),
    "screen.find.all_areas": ("Tất cả lĩnh vực", "All areas"),
    "screen.find.touch_the_procedure_you": (
        "Xin chạm vào thủ tục ông/bà cần:",
        "Touch the procedure you need:",
    ),
    "screen.find.or_choose_an_area": ("Hoặc chọn theo lĩnh vực:", "Or choose an area:"),
    "screen.find.count_one": ("1 thủ tục", "1 procedure"),
    "screen.find.count": ("{n} thủ tục", "{n} procedures"),
    # --- a procedure's details -----------------------------------------------------------------
    "screen.procedure.documents_to_bring": ("Giấy tờ cần mang", "Documents to bring"),
    "screen.procedure.fee": ("Lệ phí", "Fee"),
    "screen.procedure.how_long_it_takes": ("Thời gian giải quyết", "How long it takes"),
    "screen.procedure.where_to_apply": ("Nơi nộp hồ sơ", "Where to apply"),
    "screen.procedure.legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "screen.procedure.start_this_procedure": ("Làm thủ tục này", "Start this procedure"),
    "screen.procedure.print_this": ("In thông tin này", "Print this"),
    "screen.procedure.this_procedure_is_not": (
        "Máy này không có thủ tục này.",
        "This procedure is not on this kiosk.",
    ),
    "screen.procedure.please_go_back_and": (
        "Xin quay lại chọn thủ tục khác, hoặc nhờ cán bộ hỗ trợ.",
        "Please go back and choose another, or ask staff for help.",
    ),
    "screen.procedure.printing": ("Đang in…", "Printing…"),
    "screen.procedure.printed_please_take_the": (
        "Đã in xong. Xin ông/bà lấy tờ giấy ở máy in.",
        "Printed. Please take the slip from the printer.",
    ),
    "screen.procedure.the_slip_could_not": (
        "Chưa in được. Mọi thông tin đều có trên màn hình này; cán bộ có thể giúp ông/bà.",
        "The slip could not be printed. Everything is on this screen; staff can help.",
    ),
    "screen.procedure.the_printer_cannot_be": (
        "Máy in đang không dùng được. Mọi thông tin đều có trên màn hình này; cán bộ có thể giúp ông/bà.",
        "The printer cannot be used now. Everything is on this screen; staff can help.",
    ),
    # --- where is my file ----------------------------------------------------------------------
    "screen.track.hold_the_receipt_in": (
        "Đưa giấy biên nhận trước máy ảnh, mặt có mã QR hướng vào máy.",
        "Hold the receipt in front of the camera, with the QR code facing it.",
    ),
    "screen.track.stop_the_camera": ("Tắt máy ảnh", "Stop the camera"),
    "screen.track.show_the_receipt_to": ("Đưa biên nhận cho máy ảnh đọc", "Show the receipt to the camera"),
    "screen.track.looking_for_your_file": ("Đang tìm hồ sơ của ông/bà…", "Looking for your file…"),
    "screen.track.title": ("Hồ sơ của tôi đến đâu rồi?", "Where is my file?"),
    "screen.track.hold_the_qr_code": (
        "Đưa mã QR trên giấy biên nhận vào dưới đèn của máy quét.",
        "Hold the QR code on your receipt under the scanner's light.",
    ),
    "screen.track.or_touch_the_white": (
        "Hoặc chạm vào ô trắng, gõ mã in bên dưới mã QR (10 chữ và số), rồi chạm “Tra cứu”.",
        "Or touch the white box and type the code printed under it (10 letters and numbers), then touch “Look up”.",
    ),
    "screen.track.look_up": ("Tra cứu", "Look up"),
    "screen.track.look_up_another_code": ("Tra mã khác", "Look up another code"),
    "screen.track.what_you_must_do": ("Việc ông/bà cần làm bây giờ", "What you must do now"),
    "screen.track.what_has_happened_to": ("Hồ sơ đã qua những bước nào", "What has happened to your file"),
    "screen.track.result_due_on": ("Ngày hẹn trả", "Result due on"),
    "screen.track.handled_by": ("Cơ quan giải quyết", "Handled by"),
    "screen.track.officer_in_charge": ("Cán bộ phụ trách", "Officer in charge"),
    "screen.track.procedure": ("Thủ tục", "Procedure"),
    "screen.track.code": ("Mã hồ sơ", "Code"),
    "screen.track.contacts": ("Liên hệ", "Contacts"),
    "screen.track.this_is_not_a": (
        "Đây không phải mã trên giấy biên nhận. Xin quét mã QR in trên giấy biên nhận.",
        "This is not a receipt's code. Please scan the QR code printed on your receipt.",
    ),
    "screen.track.the_camera_cannot_be": (
        "Máy ảnh đang không dùng được. Xin gõ mã hoặc dùng máy quét.",
        "The camera cannot be used now. Please type the code or use the scanner.",
    ),
    # --- ask for staff help --------------------------------------------------------------------
    "screen.help.calling_a_staff_member": ("Đang gọi cán bộ…", "Calling a staff member…"),
    "screen.help.the_kiosk_could_not": (
        "Máy chưa gọi được cán bộ. Xin ông/bà giơ tay hoặc đến quầy tiếp nhận.",
        "The kiosk could not call staff. Please raise your hand or go to the reception counter.",
    ),
    "screen.help.close_and_go_on": ("Đóng và làm tiếp", "Close and go on"),
    # --- the error screen ----------------------------------------------------------------------
    "screen.error.returning": (
        "Màn hình đầu sẽ trở lại sau {n} giây.",
        "The start screen comes back in {n} seconds.",
    ),
    "screen.error.title": ("Đã có lỗi xảy ra", "Something went wrong"),
    "screen.error.please_ask_a_staff": (
        "Xin vui lòng nhờ cán bộ hỗ trợ và đưa cán bộ xem mã số này:",
        "Please ask a staff member for help, and show them this number:",
    ),
    "screen.error.reference_number": ("Mã số sự cố", "Reference number"),
    "screen.error.for_your_privacy_what": (
        "Để bảo vệ thông tin cá nhân, mọi thông tin trên màn hình đã được xoá.",
        "For your privacy, what was on the screen has been cleared.",
    ),
    "screen.error.back_to_the_start": ("Về màn hình đầu", "Back to the start screen"),
    # --- the header's status words -------------------------------------------------------------
    "screen.status.connected": ("đã kết nối", "connected"),
    "screen.status.connecting": ("đang kết nối…", "connecting…"),
    "screen.status.not_connected": ("mất kết nối", "not connected"),
    "screen.status.checking": ("đang kiểm tra…", "checking…"),
    "screen.status.demo_on_this_kiosk": ("bản trình diễn, trên máy này", "demo, on this kiosk"),
    "screen.status.network": ("Mạng: {n}", "Network: {n}"),
    "screen.status.all_dossiers_sent": ("Mọi hồ sơ đã được gửi", "All dossiers sent"),
    "screen.status.central_system": ("Hệ thống trung tâm: {n}", "Central system: {n}"),
    "screen.status.dossiers_waiting_to_be": ("Hồ sơ chờ gửi: {n}", "Dossiers waiting to be sent: {n}"),
    # --- the header ----------------------------------------------------------------------------
    "screen.top.one_stop_service_counter": ("Bộ phận Một cửa", "One-stop service counter"),
    # --- the session bar (back, help, finish) --------------------------------------------------
    "screen.session.back": ("‹  Quay lại", "‹  Back"),
    "screen.session.finish_clear_my_data": ("Kết thúc, xoá thông tin", "Finish, clear my data"),
    # --- the access bar (language, text size, contrast, speech) --------------------------------
    "screen.access.listen": ("🔊  Nghe hướng dẫn", "🔊  Listen"),
    "screen.access.listen_name": ("Nghe hướng dẫn", "Listen to the guidance"),
    "screen.access.slower_speech": ("Đọc chậm", "Slower speech"),
    "screen.access.high_contrast": ("◐  Tương phản cao", "◐  High contrast"),
    "screen.access.high_contrast_name": ("Tương phản cao", "High contrast"),
    "screen.access.normal_text": ("Chữ thường", "Normal text"),
    "screen.access.larger_text": ("Chữ lớn", "Larger text"),
    "screen.access.largest_text": ("Chữ rất lớn", "Largest text"),
    "screen.access.volume": ("Âm lượng {n}/3", "Volume {n}/3"),
    "screen.access.volume_name": ("Âm lượng, mức {n} trên 3", "Volume, {n} of 3"),
    # --- the "are you still there?" card -------------------------------------------------------
    "screen.timeout.ends_in": (
        "Để bảo vệ thông tin của ông/bà, phiên làm việc sẽ kết thúc sau {n} giây.",
        "To protect your information, this session will end in {n} seconds.",
    ),
    "screen.timeout.title": ("Ông/bà vẫn đang sử dụng máy?", "Are you still there?"),
    "screen.timeout.i_need_more_time": ("Tôi cần thêm thời gian", "I need more time"),
    "screen.timeout.finish_now": ("Kết thúc ngay", "Finish now"),
    # --- the finish card -----------------------------------------------------------------------
    "screen.finish.title": ("Kết thúc phiên làm việc?", "Finish now?"),
    "screen.finish.everything_you_entered_on": (
        "Mọi thông tin ông/bà đã nhập trên máy sẽ được xoá khỏi màn hình.",
        "Everything you entered on this kiosk will be cleared from the screen.",
    ),
    "screen.finish.yes_finish_and_clear": ("Đồng ý, kết thúc và xoá", "Yes, finish and clear"),
    "screen.finish.no_continue": ("Không, tiếp tục", "No, continue"),
    # --- the staff exit pad (shown over the citizen screen) ------------------------------------
    "screen.staff_exit.title": (
        "Đóng chương trình kiosk (chỉ dành cho cán bộ)",
        "Close the kiosk program (staff only)",
    ),
    "screen.staff_exit.enter_the_staff_exit": (
        "Nhập mã thoát dành cho cán bộ.",
        "Enter the staff exit code.",
    ),
    "screen.staff_exit.cancel": ("Huỷ", "Cancel"),
    "screen.staff_exit.too_many_wrong_codes": (
        "Nhập sai quá nhiều lần. Xin chờ một phút.",
        "Too many wrong codes. Wait one minute.",
    ),
    "screen.staff_exit.wrong_code_try_again": ("Mã không đúng. Xin nhập lại.", "Wrong code. Try again."),
    # --- the on-screen keyboard (key names are read aloud) -------------------------------------
    "screen.keyboard.space": ("dấu cách", "space"),
    "screen.keyboard.shift_capital_letter": ("Chữ hoa (Shift)", "Shift, capital letter"),
    "screen.keyboard.delete": ("Xoá", "Delete"),
    "screen.keyboard.numbers": ("Bàn phím số", "Numbers"),
    "screen.keyboard.letters": ("Bàn phím chữ", "Letters"),
    "screen.keyboard.clear": ("Xoá hết", "Clear"),
    "screen.keyboard.done": ("Xong", "Done"),
    "screen.keyboard.tone_mark": ("dấu {n}", "tone mark {n}"),
}
