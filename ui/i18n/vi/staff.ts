<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
  <context>
    <name>ControlBanner</name>
    <message>
      <source>%1 s left</source>
      <translation>còn %1 giây</translation>
    </message>
    <message>
      <source>You are in control</source>
      <translation>Bạn đang thao tác</translation>
    </message>
    <message>
      <source>Officer %1 (%2) is in control</source>
      <translation>Cán bộ %1 (%2) đang thao tác</translation>
    </message>
    <message>
      <source>Staff help</source>
      <translation>Cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>Hand back</source>
      <translation>Trả lại cho người dân</translation>
    </message>
    <message>
      <source>Finish for the citizen</source>
      <translation>Hoàn tất giúp người dân</translation>
    </message>
    <message>
      <source>Staff menu</source>
      <translation>Menu cán bộ</translation>
    </message>
  </context>
  <context>
    <name>DevicesPage</name>
    <message>
      <source>Device status</source>
      <translation>Tình trạng thiết bị</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>Thiết bị</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Chi tiết</translation>
    </message>
    <message>
      <source>Check again</source>
      <translation>Kiểm tra lại</translation>
    </message>
    <message>
      <source>ID card reader</source>
      <translation>Đầu đọc căn cước</translation>
    </message>
    <message>
      <source>Receipt printer</source>
      <translation>Máy in biên nhận</translation>
    </message>
    <message>
      <source>QR scanner</source>
      <translation>Đầu quét mã QR</translation>
    </message>
    <message>
      <source>Document camera</source>
      <translation>Máy chụp giấy tờ</translation>
    </message>
    <message>
      <source>Network</source>
      <translation>Mạng</translation>
    </message>
    <message>
      <source>Central system</source>
      <translation>Hệ thống trung tâm</translation>
    </message>
    <message>
      <source>Oldest dossier waiting</source>
      <translation>Hồ sơ chờ lâu nhất</translation>
    </message>
    <message>
      <source>Working</source>
      <translation>Hoạt động tốt</translation>
    </message>
    <message>
      <source>Needs attention</source>
      <translation>Cần kiểm tra</translation>
    </message>
    <message>
      <source>Not working</source>
      <translation>Không hoạt động</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Chưa kết nối</translation>
    </message>
    <message>
      <source>Connecting</source>
      <translation>Đang kết nối</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>Chưa rõ</translation>
    </message>
    <message>
      <source>Demo</source>
      <translation>Chạy thử</translation>
    </message>
    <message>
      <source>Out of paper</source>
      <translation>Hết giấy</translation>
    </message>
    <message>
      <source>Paper near end</source>
      <translation>Sắp hết giấy</translation>
    </message>
    <message>
      <source>%1 waiting</source>
      <translation>%1 hồ sơ đang chờ</translation>
    </message>
  </context>
  <context>
    <name>HelpRequestsPage</name>
    <message>
      <source>Help requests waiting at this kiosk</source>
      <translation>Yêu cầu hỗ trợ đang chờ tại máy này</translation>
    </message>
    <message>
      <source>Asked at</source>
      <translation>Lúc yêu cầu</translation>
    </message>
    <message>
      <source>Screen</source>
      <translation>Màn hình</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Làm mới</translation>
    </message>
    <message>
      <source>The central system is not configured.</source>
      <translation>Chưa cấu hình hệ thống trung tâm.</translation>
    </message>
    <message>
      <source>Asking the central system…</source>
      <translation>Đang hỏi hệ thống trung tâm…</translation>
    </message>
    <message>
      <source>Nobody is waiting.</source>
      <translation>Không có ai đang chờ.</translation>
    </message>
    <message>
      <source>%1 waiting.</source>
      <translation>%1 người đang chờ.</translation>
    </message>
    <message>
      <source>The central system cannot be reached now.</source>
      <translation>Hiện không kết nối được hệ thống trung tâm.</translation>
    </message>
  </context>
  <context>
    <name>OfficerActions</name>
    <message>
      <source>Officer only</source>
      <translation>Chỉ dành cho cán bộ</translation>
    </message>
    <message>
      <source>Reason (needed to skip or to choose another agency)</source>
      <translation>Lý do (bắt buộc khi bỏ qua bước hoặc chọn cơ quan khác)</translation>
    </message>
    <message>
      <source>Not needed in this case</source>
      <translation>Không cần trong trường hợp này</translation>
    </message>
    <message>
      <source>Checked by the officer in person</source>
      <translation>Cán bộ đã kiểm tra trực tiếp</translation>
    </message>
    <message>
      <source>Skip this step</source>
      <translation>Bỏ qua bước này</translation>
    </message>
    <message>
      <source>Seen in original at the counter</source>
      <translation>Đã xem bản chính tại quầy</translation>
    </message>
    <message>
      <source>File with this agency instead</source>
      <translation>Nộp tại cơ quan này</translation>
    </message>
  </context>
  <context>
    <name>OutboxPage</name>
    <message>
      <source>Dossiers waiting to be sent</source>
      <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Mã</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Age</source>
      <translation>Thời gian chờ</translation>
    </message>
    <message>
      <source>Attempts</source>
      <translation>Số lần gửi</translation>
    </message>
    <message>
      <source>Last error</source>
      <translation>Lỗi gần nhất</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Làm mới</translation>
    </message>
    <message>
      <source>Retry now</source>
      <translation>Gửi lại ngay</translation>
    </message>
    <message>
      <source>Why refused?</source>
      <translation>Vì sao bị từ chối?</translation>
    </message>
    <message>
      <source>Export for carrying by hand</source>
      <translation>Xuất hồ sơ để mang đi</translation>
    </message>
    <message>
      <source>The offline store is not available.</source>
      <translation>Kho dữ liệu trên máy chưa sẵn sàng.</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>Đang chờ</translation>
    </message>
    <message>
      <source>Sending</source>
      <translation>Đang gửi</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>Đã tiếp nhận</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>Bị từ chối</translation>
    </message>
    <message>
      <source>Needs staff</source>
      <translation>Cần cán bộ xử lý</translation>
    </message>
    <message>
      <source>%1 waiting to be sent.</source>
      <translation>%1 hồ sơ đang chờ gửi.</translation>
    </message>
    <message>
      <source>Choose a dossier in the list first.</source>
      <translation>Xin chọn một hồ sơ trong danh sách trước.</translation>
    </message>
    <message>
      <source>This dossier cannot be retried now.</source>
      <translation>Hiện chưa gửi lại được hồ sơ này.</translation>
    </message>
    <message>
      <source>The dossier will be sent again at once.</source>
      <translation>Hồ sơ sẽ được gửi lại ngay.</translation>
    </message>
    <message>
      <source>The central gave no reasons for this dossier.</source>
      <translation>Hệ thống trung tâm không nêu lý do cho hồ sơ này.</translation>
    </message>
    <message>
      <source>Reasons: %1</source>
      <translation>Lý do: %1</translation>
    </message>
    <message>
      <source>The dossier could not be exported.</source>
      <translation>Không xuất được hồ sơ.</translation>
    </message>
    <message>
      <source>Exported to %1</source>
      <translation>Đã xuất ra %1</translation>
    </message>
  </context>
  <context>
    <name>PinPad</name>
    <message>
      <source>Erase</source>
      <translation>Xóa</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>Xác nhận</translation>
    </message>
  </context>
  <context>
    <name>TechnicianPage</name>
    <message>
      <source>Technician tools</source>
      <translation>Công cụ kỹ thuật viên</translation>
    </message>
    <message>
      <source>Technician tools are not available on this kiosk.</source>
      <translation>Máy này không có công cụ kỹ thuật viên.</translation>
    </message>
  </context>
  <context>
    <name>ReportPage</name>
    <message>
      <source>Printed.</source>
      <translation>Đã in.</translation>
    </message>
    <message>
      <source>The printer did not print.</source>
      <translation>Máy in chưa in được.</translation>
    </message>
    <message>
      <source>End-of-day report</source>
      <translation>Báo cáo cuối ngày</translation>
    </message>
    <message>
      <source>Figure</source>
      <translation>Chỉ tiêu</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Số liệu</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>Lưu thành PDF</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>In</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Ngày</translation>
    </message>
    <message>
      <source>Dossiers</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <source>answered: %1</source>
      <translation>đã hỗ trợ: %1</translation>
    </message>
    <message>
      <source>%1 reprints</source>
      <translation>%1 bản in lại</translation>
    </message>
    <message>
      <source>Help requests</source>
      <translation>Yêu cầu hỗ trợ</translation>
    </message>
    <message>
      <source>Ratings</source>
      <translation>Đánh giá</translation>
    </message>
    <message>
      <source>Receipts printed</source>
      <translation>Biên nhận đã in</translation>
    </message>
    <message>
      <source>Paper used</source>
      <translation>Giấy đã dùng</translation>
    </message>
    <message>
      <source>Saved to %1</source>
      <translation>Đã lưu vào %1</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Đang in…</translation>
    </message>
    <message>
      <source>No printer is set up.</source>
      <translation>Chưa cài đặt máy in.</translation>
    </message>
  </context>
  <context>
    <name>ReprintPage</name>
    <message>
      <source>Reprint a receipt</source>
      <translation>In lại biên nhận</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Biên nhận</translation>
    </message>
    <message>
      <source>Printed at</source>
      <translation>In lúc</translation>
    </message>
    <message>
      <source>Reprints</source>
      <translation>Số lần in lại</translation>
    </message>
    <message>
      <source>Reprint (marked as a copy)</source>
      <translation>In lại (có ghi chữ BẢN IN LẠI)</translation>
    </message>
    <message>
      <source>No printer is set up.</source>
      <translation>Chưa cài đặt máy in.</translation>
    </message>
    <message>
      <source>Choose a receipt in the list first.</source>
      <translation>Xin chọn một biên nhận trong danh sách trước.</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Đang in…</translation>
    </message>
    <message>
      <source>Reprinted. The copy says REPRINT.</source>
      <translation>Đã in lại. Bản in có ghi chữ BẢN IN LẠI.</translation>
    </message>
    <message>
      <source>Not printed: %1</source>
      <translation>Chưa in được: %1</translation>
    </message>
    <message>
      <source>The printer did not print. Check paper and cover.</source>
      <translation>Máy in chưa in được. Xin kiểm tra giấy và nắp máy.</translation>
    </message>
  </context>
  <context>
    <name>StaffMenu</name>
    <message>
      <source>Unfinished dossiers</source>
      <translation>Hồ sơ làm dở</translation>
    </message>
    <message>
      <source>Technician tools</source>
      <translation>Công cụ kỹ thuật viên</translation>
    </message>
    <message>
      <source>Signed in: %1 (%2)</source>
      <translation>Đang đăng nhập: %1 (%2)</translation>
    </message>
    <message>
      <source>Outbox</source>
      <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
      <source>Reprint receipt</source>
      <translation>In lại biên nhận</translation>
    </message>
    <message>
      <source>Device status</source>
      <translation>Tình trạng thiết bị</translation>
    </message>
    <message>
      <source>Help requests</source>
      <translation>Yêu cầu hỗ trợ</translation>
    </message>
    <message>
      <source>End-of-day report</source>
      <translation>Báo cáo cuối ngày</translation>
    </message>
    <message>
      <source>Exit to desktop</source>
      <translation>Thoát ra màn hình máy tính</translation>
    </message>
    <message>
      <source>Back to the citizen</source>
      <translation>Quay lại với người dân</translation>
    </message>
  </context>
  <context>
    <name>StaffMode</name>
    <message>
      <source>%1 is unlocked. Show the card again to sign in.</source>
      <translation>Đã mở khóa %1. Xin đưa lại thẻ để đăng nhập.</translation>
    </message>
  </context>
  <context>
    <name>StaffSignInCard</name>
    <message>
      <source>Checking…</source>
      <translation>Đang kiểm tra…</translation>
    </message>
    <message>
      <source>Something went wrong. Please try again.</source>
      <translation>Đã có lỗi xảy ra. Xin thử lại.</translation>
    </message>
    <message>
      <source>Supervisor: unlock %1</source>
      <translation>Cán bộ giám sát: mở khóa %1</translation>
    </message>
    <message>
      <source>Staff sign-in</source>
      <translation>Cán bộ đăng nhập</translation>
    </message>
    <message>
      <source>Show your staff card's QR code to the scanner, or put your own chip ID card on the reader.</source>
      <translation>Xin đưa mã QR trên thẻ cán bộ vào đầu quét, hoặc đặt thẻ căn cước gắn chip của bạn lên đầu đọc.</translation>
    </message>
    <message>
      <source>Type your PIN. It is not shown on the screen.</source>
      <translation>Xin nhập mã PIN. Mã không hiện trên màn hình.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <source>Supervisor unlock</source>
      <translation>Giám sát mở khóa</translation>
    </message>
  </context>
  <context>
    <name>StaffPage</name>
    <message>
      <source>%1 min</source>
      <translation>%1 phút</translation>
    </message>
    <message>
      <source>%1 h %2 min</source>
      <translation>%1 giờ %2 phút</translation>
    </message>
  </context>
  <context>
    <name>DraftsPage</name>
    <message>
      <source>Unfinished dossiers on this kiosk</source>
      <translation>Hồ sơ làm dở trên máy này</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <source>Step reached</source>
      <translation>Đến bước</translation>
    </message>
    <message>
      <source>Last saved</source>
      <translation>Lưu lần cuối</translation>
    </message>
    <message>
      <source>Resume with the citizen (their card opens it)</source>
      <translation>Tiếp tục cùng người dân (thẻ của họ mở hồ sơ)</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Huỷ hồ sơ làm dở</translation>
    </message>
    <message>
      <source>The kiosk's store is not open.</source>
      <translation>Kho dữ liệu của máy chưa mở.</translation>
    </message>
    <message>
      <source>No unfinished dossier.</source>
      <translation>Không có hồ sơ làm dở.</translation>
    </message>
    <message>
      <source>To continue, the citizen reads their own chip card; nothing of a draft is shown here.</source>
      <translation>Để tiếp tục, người dân đặt thẻ căn cước của chính mình; ở đây không hiện nội dung hồ sơ.</translation>
    </message>
    <message>
      <source>Choose a dossier first.</source>
      <translation>Xin chọn một hồ sơ trước.</translation>
    </message>
  </context>
</TS>