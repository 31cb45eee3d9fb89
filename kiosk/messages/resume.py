"""Messages of resuming an unfinished dossier (a draft kept after a power cut or restart)."""

MESSAGES = {
    "resume.title": ("Tiếp tục hồ sơ đang làm dở?", "Continue the dossier you started?"),
    "resume.body": (
        "Ông/bà đã bắt đầu hồ sơ «{procedure}» trên máy này lúc {time}, đến bước: {step}. "
        "Mọi thông tin và ảnh giấy tờ đã chụp vẫn còn nguyên.",
        "You started the dossier “{procedure}” on this kiosk at {time}, up to the step: {step}. "
        "Everything you entered and every paper you photographed is still here.",
    ),
    "resume.continue": ("Tiếp tục hồ sơ này", "Continue this dossier"),
    "resume.new": ("Không, làm hồ sơ mới", "No, start a new one"),
    "resume.step.procedure": ("chọn thủ tục", "choosing the procedure"),
    "resume.step.where": ("nơi nộp hồ sơ", "where to apply"),
    "resume.step.identify": ("thẻ căn cước", "the citizen ID card"),
    "resume.step.form": ("điền thông tin", "filling in the details"),
    "resume.step.documents": ("chụp giấy tờ", "photographing the papers"),
    "resume.step.review": ("kiểm tra và nộp", "checking and submitting"),
    "resume.gone": (
        "Hồ sơ dở dang không còn nữa (đã quá thời hạn lưu). Xin ông/bà làm hồ sơ mới.",
        "The unfinished dossier is no longer kept (its time ran out). Please start a new one.",
    ),
}
