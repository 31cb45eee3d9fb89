"""The technician's camera set-up: lens calibration and the tray-contrast check."""

MESSAGES = {
    "camera.calibration.too_few_views": (
        "Mới có {views} tư thế khác nhau của bàn cờ, cần ít nhất {need}: nghiêng bàn cờ và đưa"
        " nó tới từng góc của khung hình, giữ yên mỗi lần rồi chạy lại lệnh.",
        "Only {views} distinct chessboard poses, at least {need} needed: tilt the board and bring it"
        " to every corner of the picture, hold it still each time, then run the command again.",
    ),
    "camera.calibration.rms_high": (
        "Sai số chiếu lại {rms} px, vượt giới hạn {limit} px: bàn cờ phải phẳng (dán lên bìa cứng),"
        " in đúng tỉ lệ, giữ yên khi chụp và không bị chói đèn; rồi hiệu chỉnh lại.",
        "Reprojection error {rms} px is above the {limit} px limit: the board must be flat (glued on"
        " card), printed at actual size, held still and free of lamp glare; then calibrate again.",
    ),
    "camera.calibration.corners_uncovered": (
        "Bàn cờ chưa tới các góc khung hình: {corners}. Méo ống kính lớn nhất ở các góc: đưa bàn"
        " cờ tới những góc đó rồi chạy lại lệnh.",
        "The board never reached these corners of the picture: {corners}. Lens distortion is"
        " strongest there: bring the board to those corners and run the command again.",
    ),
    "camera.calibration.corner.top_left": ("góc trên bên trái", "top left"),
    "camera.calibration.corner.top_right": ("góc trên bên phải", "top right"),
    "camera.calibration.corner.bottom_left": ("góc dưới bên trái", "bottom left"),
    "camera.calibration.corner.bottom_right": ("góc dưới bên phải", "bottom right"),
    "camera.calibration.simulated": (
        "Camera mô phỏng không cần hiệu chỉnh: chọn camera thật (--camera 0) hoặc ảnh (--images).",
        "The simulated camera needs no calibration: choose a real camera (--camera 0) or images (--images).",
    ),
    "camera.calibration.bad_option": (
        "Tham số hiệu chỉnh không hợp lệ.",
        "A calibration option is not valid.",
    ),
    "camera.calibration.view_kept": (
        "Đã giữ tư thế {views}/{target}: đổi sang tư thế khác (nghiêng, sang góc khác).",
        "Pose {views}/{target} kept: move to another pose (tilt it, another corner).",
    ),
    "camera.calibration.view_duplicate": (
        "Tư thế này giống tư thế trước: di chuyển hoặc nghiêng bàn cờ.",
        "Same pose as before: move or tilt the board.",
    ),
    "camera.calibration.view_no_board": (
        "Không thấy đủ bàn cờ: cả bàn cờ phải nằm trong khung hình, không bị chói hay che.",
        "The whole board is not seen: keep all of it in the picture, free of glare and fingers.",
    ),
    "camera.calibration.saved": (
        "Đã lưu hiệu chỉnh ống kính: {path}. Ảnh từ camera sẽ được nắn thẳng từ lần mở tiếp theo.",
        "Lens calibration saved: {path}. Camera frames are straightened from the next time it opens.",
    ),
    "camera.calibration.dry_run": (
        "Chạy thử: không lưu gì.",
        "Dry run: nothing was kept.",
    ),
    "camera.calibration.target_written": (
        "Đã ghi bàn cờ in được: {target}. In ở tỉ lệ 100% và đo một ô ({square_mm} mm) bằng thước.",
        "Printable board written: {target}. Print at 100% and measure one square ({square_mm} mm) with a ruler.",
    ),
    # lens calibration, as the camera check finds it
    "selftest.camera.calibration_other_size": (
        "Camera đang chạy ở {width}×{height} nhưng chỉ được hiệu chỉnh ống kính ở độ phân giải khác:"
        " hình được dùng nguyên trạng. Chạy lại `kiosk devices calibrate-camera` ở độ phân giải này.",
        "The camera runs at {width}×{height} but its lens was calibrated at another resolution only:"
        " frames are used as they are. Run `kiosk devices calibrate-camera` again at this resolution.",
    ),
    "selftest.camera.calibration_damaged": (
        "Tệp hiệu chỉnh ống kính cho {width}×{height} bị hỏng: hình được dùng nguyên trạng."
        " Chạy lại `kiosk devices calibrate-camera`.",
        "The lens calibration file for {width}×{height} is damaged: frames are used as they are."
        " Run `kiosk devices calibrate-camera` again.",
    ),
    # tray contrast (kiosk selftest --tray)
    "selftest.tray.pale": (
        "Khay quá sáng so với giấy trắng (chênh {step} mức xám): trải một tấm lót mờ màu tối"
        " (xám đậm, xanh đậm) lên khay rồi kiểm tra lại.",
        "The tray is too pale for white paper (a {step} grey-level step): lay a dark matte mat"
        " (dark grey, dark blue) on the tray and check again.",
    ),
    "selftest.tray.low": (
        "Giấy trắng chỉ chênh {step} mức xám so với khay: nên trải tấm lót mờ màu tối hơn"
        " (xám đậm, xanh đậm) để máy nhận giấy tờ chắc chắn.",
        "White paper stands only {step} grey levels above the tray: a darker matte mat (dark grey,"
        " dark blue) makes documents reliably found.",
    ),
    "selftest.tray.no_sheet": (
        "Không thấy tờ A4 trắng trên khay: đặt một tờ giấy trắng trống lên giữa khay, trong khung"
        " hình, rồi kiểm tra lại. Nếu tờ giấy đã ở đó, khay quá sáng: trải tấm lót màu tối.",
        "No blank A4 sheet seen on the tray: lay one in the middle of the tray, inside the picture,"
        " and check again. If it is already there, the tray is too pale: lay a dark mat.",
    ),
    "selftest.tray.glare": (
        "Tờ giấy bị chói ({glare}% điểm ảnh cháy sáng): dời hoặc che đèn để không chiếu thẳng vào khay.",
        "The sheet shows glare ({glare}% of its pixels blown out): move or shade the lamp so it"
        " does not shine straight onto the tray.",
    ),
    "selftest.tray.no_frame": (
        "Camera không gửi hình để kiểm tra khay: chạy kiểm tra camera trước.",
        "The camera gave no frame to check the tray with: run the camera check first.",
    ),
    # the tray check's kept verdict (every self-test; provisioning/tray_record.py)
    "selftest.tray.unchecked": (
        "Khay tài liệu chưa được kiểm tra: đặt một tờ A4 trắng trống lên khay rồi bấm"
        " “Kiểm tra khay” (hoặc chạy `kiosk selftest --tray`) trước khi đưa ki-ốt vào phục vụ.",
        "The document tray was never checked: lay a blank A4 sheet on the tray and press"
        " “Tray check” (or run `kiosk selftest --tray`) before the kiosk goes into service.",
    ),
    "selftest.tray.other_camera": (
        "Khay được kiểm tra ngày {date} với một camera khác: đặt tờ A4 trắng trống lên khay và"
        " kiểm tra lại với camera này.",
        "The tray was checked on {date} with another camera: lay a blank A4 sheet on the tray"
        " and check it again with this camera.",
    ),
    "selftest.tray.failed": (
        "Lần kiểm tra khay ngày {date} không đạt (ΔE {delta_e}): giấy trắng không nổi trên khay."
        " Trải một tấm lót mờ màu tối (xám đậm, xanh đậm) lên khay rồi kiểm tra lại với tờ A4 trắng.",
        "The tray check of {date} failed (ΔE {delta_e}): white paper does not stand out from the"
        " tray. Lay a dark matte mat (dark grey, dark blue) on it and check again with a blank A4 sheet.",
    ),
    "selftest.tray.kept_warn": (
        "Lần kiểm tra khay ngày {date}: giấy trắng chỉ nổi ΔE {delta_e} trên khay. Nên trải tấm lót"
        " mờ màu tối hơn rồi kiểm tra lại.",
        "The tray check of {date}: white paper stands out only ΔE {delta_e} from the tray. A"
        " darker matte mat, then a new check, is advised.",
    ),
    # watched in use: the edge contrast of the documents citizens lay down
    "selftest.tray.in_use_poor": (
        "Giấy tờ của người dân nổi kém trên khay: ΔE trung vị {median} qua {count} lần chụp"
        " ({days} ngày qua). Trải một tấm lót mờ màu tối lên khay.",
        "Citizens' documents stand out poorly from the tray: median ΔE {median} over {count}"
        " captures (last {days} days). Lay a dark matte mat on the tray.",
    ),
}
