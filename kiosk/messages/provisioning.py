"""Messages of enrollment, signed configuration, remote commands, reset and self-test hints."""

MESSAGES = {
    # ---- enrollment and the link to the central
    "provisioning.error": ("Lỗi cài đặt ki-ốt.", "Kiosk provisioning error."),
    "provisioning.tpm_unavailable": (
        "Không dùng được TPM giữ khóa của ki-ốt: kiểm tra [security] tpm_tcti và thiết bị TPM.",
        "The TPM holding the kiosk's keys cannot be used: check [security] tpm_tcti and the TPM.",
    ),
    "provisioning.tpm_auth_failed": ("Mã PIN không đúng.", "Wrong PIN."),
    "provisioning.tpm_lockout": (
        "TPM đang tạm khóa kiểm tra mã PIN ngoại tuyến vì nhập sai nhiều lần; hãy đăng nhập trực tuyến.",
        "The TPM has locked the offline PIN check after wrong PINs; sign in online meanwhile.",
    ),
    "provisioning.tpm_boot_state": (
        "Khóa của ki-ốt chỉ mở được khi máy khởi động như lúc cài đặt (Secure Boot, firmware): "
        "khởi động lại bình thường, hoặc cài đặt lại ki-ốt.",
        "The kiosk's keys open only in the boot state they were sealed in (Secure Boot, firmware): "
        "boot normally, or provision the kiosk again.",
    ),
    "provisioning.tpm_foreign_blob": (
        "Khóa trong thư mục dữ liệu không thuộc TPM của máy này (dữ liệu bị sao chép hoặc sửa): "
        "cài đặt lại ki-ốt.",
        "The keys in the data folder do not belong to this machine's TPM (copied or altered data): "
        "provision the kiosk again.",
    ),
    "provisioning.not_enrolled": (
        "Ki-ốt chưa được đăng ký với hệ thống trung tâm. Dùng `kiosk provision enroll`.",
        "This kiosk is not enrolled with the central. Use `kiosk provision enroll`.",
    ),
    "provisioning.already_enrolled": (
        "Ki-ốt đã được đăng ký. Muốn đăng ký lại, hãy thu hồi (reset) trước.",
        "This kiosk is already enrolled. Reset it first to enroll again.",
    ),
    "provisioning.bad_code": (
        "Mã đăng ký gồm 8 chữ và số (ví dụ 7KQ2-M9XD).",
        "An enrollment code is 8 letters and digits (e.g. 7KQ2-M9XD).",
    ),
    "provisioning.bad_enroll_qr": (
        "Mã QR này không phải mã đăng ký ki-ốt.",
        "This QR code is not a kiosk enrollment code.",
    ),
    "provisioning.code_unknown": (
        "Mã đăng ký không tồn tại. Kiểm tra lại từng ký tự.",
        "This enrollment code does not exist. Check each character.",
    ),
    "provisioning.code_used": (
        "Mã đăng ký này đã được dùng. Xin trung tâm cấp mã mới.",
        "This enrollment code was already used. Ask the central for a new one.",
    ),
    "provisioning.code_expired": (
        "Mã đăng ký đã hết hạn. Xin trung tâm cấp mã mới.",
        "This enrollment code has expired. Ask the central for a new one.",
    ),
    "provisioning.key_mismatch": (
        "Khóa của ki-ốt không khớp với khóa đã đăng ký. Hãy thu hồi và đăng ký lại.",
        "The kiosk's key does not match the enrolled one. Reset and enroll again.",
    ),
    "provisioning.central_unreachable": (
        "Không kết nối được với hệ thống trung tâm. Kiểm tra mạng và địa chỉ.",
        "Cannot reach the central. Check the network and the address.",
    ),
    "provisioning.central_timeout": (
        "Hệ thống trung tâm không trả lời kịp. Thử lại sau.",
        "The central did not answer in time. Try again later.",
    ),
    "provisioning.central_unexpected": (
        "Câu trả lời không phải từ hệ thống trung tâm (có thể là trang đăng nhập mạng).",
        "The answer is not the central's (perhaps a network login page).",
    ),
    "provisioning.central_refused_signature": (
        "Hệ thống trung tâm từ chối chữ ký của ki-ốt.",
        "The central refused the kiosk's signature.",
    ),
    "provisioning.central_refused": (
        "Hệ thống trung tâm từ chối yêu cầu.",
        "The central refused the request.",
    ),
    "provisioning.central_error": ("Hệ thống trung tâm đang gặp lỗi.", "The central reported an error."),
    # ---- signed configuration (each refusal says why; the detail carries the specifics)
    "provisioning.refused": ("Cấu hình bị từ chối.", "Configuration refused."),
    "provisioning.config_unsigned": (
        "Cấu hình bị từ chối: tệp không có chữ ký của trung tâm.",
        "Configuration refused: the file is not signed by the central.",
    ),
    "provisioning.config_wrong_kind": (
        "Cấu hình bị từ chối: đây không phải tệp cấu hình.",
        "Configuration refused: this is not a configuration file.",
    ),
    "provisioning.config_bad_signature": (
        "Cấu hình bị từ chối: chữ ký không hợp lệ (tệp đã bị sửa hoặc không do trung tâm ký).",
        "Configuration refused: the signature is not valid (the file was changed or not signed by the central).",
    ),
    "provisioning.config_malformed": (
        "Cấu hình bị từ chối: nội dung không đúng định dạng.",
        "Configuration refused: the contents are malformed.",
    ),
    "provisioning.config_other_kiosk": (
        "Cấu hình bị từ chối: tệp dành cho ki-ốt khác.",
        "Configuration refused: the file is for another kiosk.",
    ),
    "provisioning.config_rollback": (
        "Cấu hình bị từ chối: phiên bản cũ hơn phiên bản đang dùng (không được quay lại).",
        "Configuration refused: older than the version in force (no going back).",
    ),
    "provisioning.config_version_reused": (
        "Cấu hình bị từ chối: cùng số phiên bản nhưng nội dung khác.",
        "Configuration refused: same version number, different contents.",
    ),
    "provisioning.config_invalid": (
        "Cấu hình bị từ chối: có mục không hợp lệ.",
        "Configuration refused: some settings are not valid.",
    ),
    "provisioning.command_refused": ("Lệnh từ xa bị từ chối.", "Remote command refused."),
    # ---- reset
    "provisioning.reset_outbox_pending": (
        "Chưa thể thu hồi: còn hồ sơ chưa gửi và chưa bàn giao được cho trung tâm. Hãy kết nối mạng.",
        "Cannot reset yet: unsent dossiers could not be handed to the central. Connect the network.",
    ),
    "provisioning.reset_central_needed": (
        "Chưa thể thu hồi: trung tâm phải ghi nhận việc thu hồi. Hãy kết nối mạng.",
        "Cannot reset yet: the central must record the decommissioning. Connect the network.",
    ),
    "provisioning.reset_not_confirmed": (
        "Chưa xác nhận. Thu hồi sẽ xóa toàn bộ dữ liệu của ki-ốt; gõ mã ki-ốt để xác nhận.",
        "Not confirmed. A reset wipes all of the kiosk's data; type the kiosk ID to confirm.",
    ),
    # ---- out of service screen
    "provisioning.out_of_service": (
        "Ki-ốt tạm ngừng phục vụ. Xin mời quý khách đến quầy tiếp nhận để được hỗ trợ.",
        "This kiosk is out of service. Please go to the counter for help.",
    ),
    # ---- self-test hints (what a technician can do)
    "selftest.crashed": (
        "Phép kiểm tra bị lỗi. Gửi gói chẩn đoán cho trung tâm.",
        "The check itself failed. Send a diagnostic bundle to the central.",
    ),
    "selftest.crash.recent": (
        "Ki-ốt đã dừng đột ngột lúc {at} ({what}) và chưa chạy lại bình thường từ đó. Gửi gói chẩn đoán cho trung tâm; chi tiết lỗi trong {file}.",
        "The kiosk crashed at {at} ({what}) and has not run well since. Send a diagnostic bundle to the central; the stack is in {file}.",
    ),
    "selftest.card.no_pcsc": (
        "Dịch vụ đọc thẻ (pcscd) không chạy: `sudo systemctl restart pcscd`.",
        "The card service (pcscd) is not running: `sudo systemctl restart pcscd`.",
    ),
    "selftest.card.no_reader": (
        'Không thấy đầu đọc thẻ "{want}": cắm lại cáp USB, rồi kiểm tra `pcsc_scan`.',
        'No card reader matching "{want}": re-plug its USB cable, then check with `pcsc_scan`.',
    ),
    "selftest.card.no_card": (
        "Đầu đọc hoạt động. Đặt một thẻ CCCD gắn chip lên đầu đọc để kiểm tra đọc thẻ.",
        "The reader works. Place a chip ID card on it to test reading.",
    ),
    "selftest.card.not_emrtd": (
        "Thẻ trả lời nhưng không phải thẻ CCCD gắn chip (SW {sw}). Thử với thẻ khác.",
        "The card answers but is not a chip ID card (SW {sw}). Try another card.",
    ),
    "selftest.card.io_error": (
        "Lỗi trao đổi với thẻ: đặt thẻ nằm yên trên đầu đọc và thử lại.",
        "Card communication failed: hold the card still on the reader and retry.",
    ),
    "selftest.printer.absent": (
        "Không tìm thấy máy in: kiểm tra cáp, nguồn và địa chỉ máy in trong cấu hình.",
        "Printer not found: check the cable, the power and the printer address in the configuration.",
    ),
    "selftest.printer.cover_open": (
        "Nắp máy in đang mở: hãy đóng nắp.",
        "Printer cover open: close the cover.",
    ),
    "selftest.printer.paper_end": (
        "Máy in hết giấy: lắp cuộn giấy mới.",
        "Printer out of paper: load a new roll.",
    ),
    "selftest.printer.near_end": (
        "Giấy in sắp hết: chuẩn bị thay cuộn giấy.",
        "Paper roll nearly used up: replace it soon.",
    ),
    "selftest.printer.offline": (
        "Máy in không phản hồi: kiểm tra nguồn, cáp hoặc mạng của máy in.",
        "Printer not answering: check its power, cable or network.",
    ),
    "selftest.printer.error": (
        "Máy in báo lỗi: tắt và bật lại máy in; nếu còn lỗi, kiểm tra dao cắt giấy.",
        "Printer reports an error: switch it off and on; if it persists, check the cutter.",
    ),
    "selftest.printer.test_page_failed": (
        "Không in được trang thử: kiểm tra máy in rồi thử lại.",
        "The test page did not print: check the printer and retry.",
    ),
    "selftest.camera.no_open": (
        "Không mở được camera: cắm lại cáp USB; kiểm tra `ls /dev/video*`.",
        "The camera does not open: re-plug its USB cable; check `ls /dev/video*`.",
    ),
    "selftest.camera.no_frames": (
        "Camera không gửi hình: cắm lại camera vào cổng USB khác.",
        "The camera sends no frames: plug it into another USB port.",
    ),
    "selftest.camera.slow": (
        "Camera chỉ đạt {fps} khung hình/giây: dùng cổng USB khác hoặc giảm độ phân giải.",
        "The camera gives only {fps} frames/s: use another USB port or a lower resolution.",
    ),
    "selftest.camera.blurred": (
        "Ảnh bị mờ (độ nét {focus}): lau ống kính và chỉnh lại tiêu cự.",
        "The image is blurred (focus {focus}): clean the lens and adjust the focus.",
    ),
    "selftest.camera.dark": (
        "Ảnh quá tối (độ sáng {brightness}): bật đèn chiếu khay tài liệu.",
        "The image is too dark (brightness {brightness}): switch on the document tray light.",
    ),
    "selftest.camera.bright": (
        "Ảnh quá sáng (độ sáng {brightness}): giảm đèn hoặc tránh ánh nắng chiếu vào khay.",
        "The image is too bright (brightness {brightness}): dim the light or keep sunlight off the tray.",
    ),
    "selftest.scanner.none": (
        "Chưa cấu hình máy quét QR: khai báo trong mục [devices] scanner.",
        "No QR scanner configured: set [devices] scanner.",
    ),
    "selftest.scanner.absent": (
        "Không thấy máy quét QR: cắm lại cáp USB và kiểm tra đường dẫn thiết bị trong cấu hình.",
        "QR scanner not found: re-plug its USB cable and check the device path in the configuration.",
    ),
    "selftest.scanner.no_scan": (
        "Không nhận được mã quét thử trong {seconds} giây: đưa một mã QR vào trước máy quét.",
        "No test scan within {seconds} s: hold a QR code in front of the scanner.",
    ),
    "selftest.central.none": (
        "Chưa cấu hình địa chỉ hệ thống trung tâm.",
        "No central address configured.",
    ),
    "selftest.central.unreachable": (
        "Không kết nối được hệ thống trung tâm: kiểm tra cáp mạng, Wi-Fi/4G và địa chỉ.",
        "Cannot reach the central: check the network cable, Wi-Fi/4G and the address.",
    ),
    "selftest.central.signature_refused": (
        "Trung tâm từ chối chữ ký của ki-ốt: kiểm tra đồng hồ; nếu vẫn lỗi, đăng ký lại ki-ốt.",
        "The central refuses the kiosk's signature: check the clock; if it persists, enroll again.",
    ),
    "selftest.central.clock": (
        "Đồng hồ ki-ốt lệch {skew} giây: bật đồng bộ giờ (`timedatectl set-ntp true`).",
        "The kiosk's clock is {skew} s off: turn on time sync (`timedatectl set-ntp true`).",
    ),
    "selftest.central.slow": (
        "Đường truyền chậm ({ms} ms): kiểm tra tín hiệu mạng.",
        "Slow link ({ms} ms): check the network signal.",
    ),
    "selftest.central.not_enrolled": (
        "Trung tâm trả lời, nhưng ki-ốt chưa được đăng ký.",
        "The central answers, but this kiosk is not enrolled.",
    ),
    "selftest.disk.full": (
        "Bộ nhớ gần đầy (còn {gb} GB): gọi trung tâm để dọn dữ liệu cũ.",
        "Storage nearly full ({gb} GB free): call the central to clear old data.",
    ),
    "selftest.disk.low": ("Bộ nhớ còn ít ({gb} GB).", "Storage is getting low ({gb} GB free)."),
    "selftest.keys.unset": (
        "Ki-ốt chưa tạo khóa bảo mật: khởi động ki-ốt một lần rồi kiểm tra lại.",
        "The kiosk has not created its keys yet: start the kiosk once, then check again.",
    ),
    "selftest.speech.off": (
        "Hướng dẫn bằng giọng nói đang tắt ([speech] enabled/engine): người khiếm thị không dùng được máy một mình.",
        "Voice guidance is turned off ([speech] enabled/engine): blind citizens cannot use the kiosk alone.",
    ),
    "selftest.speech.silent": (
        "Máy chưa nói được (thiếu loa/tai nghe, speech-dispatcher hoặc giọng tiếng Việt): máy vẫn chạy nhưng im lặng. Kiểm tra bằng: kiosk speech check.",
        "The kiosk cannot speak (no speaker/headphones, speech-dispatcher or Vietnamese voice): it works, silently. Check with: kiosk speech check.",
    ),
    "selftest.keys.file": (
        'Khóa bảo mật nằm trong tệp (chế độ trình diễn): ki-ốt thật cần TPM, [security] key_store = "tpm".',
        'Secrets are kept in files (demo profile): a real kiosk needs a TPM, [security] key_store = "tpm".',
    ),
    "selftest.keys.tpm_missing": (
        "Không kết nối được TPM chứa khóa của ki-ốt: kiểm tra tpm_tcti trong cấu hình và thiết bị TPM.",
        "The TPM holding the kiosk's keys does not answer: check tpm_tcti in the configuration and the TPM.",
    ),
    "selftest.keys.tpm_lockout": (
        "TPM đang khóa kiểm tra mã PIN ngoại tuyến vì nhập sai nhiều lần; cán bộ đăng nhập trực tuyến.",
        "The TPM has locked the offline PIN check after wrong PINs; staff sign in online meanwhile.",
    ),
    "selftest.outbox.unknown": (
        "Không đọc được hàng đợi hồ sơ.",
        "The outbox status cannot be read.",
    ),
    "selftest.outbox.slow": (
        "Có hồ sơ chờ gửi {minutes} phút: kiểm tra mạng.",
        "A dossier has waited {minutes} min: check the network.",
    ),
    "selftest.outbox.stuck": (
        "Có hồ sơ chờ gửi {minutes} phút: kiểm tra mạng, rồi xem `kiosk outbox list`.",
        "A dossier has waited {minutes} min: check the network, then `kiosk outbox list`.",
    ),
}
