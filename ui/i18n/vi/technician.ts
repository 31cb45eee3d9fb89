<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
  <context>
    <name>TechnicianScreen</name>
    <message>
      <source>%1 s ago, %2 ms</source>
      <translation>%1 giây trước, %2 ms</translation>
    </message>
    <message>
      <source>Agency</source>
      <translation>Cơ quan</translation>
    </message>
    <message>
      <source>Tray check (blank A4 sheet)</source>
      <translation>Kiểm tra khay (tờ A4 trắng)</translation>
    </message>
    <message>
      <source>Document tray</source>
      <translation>Khay tài liệu</translation>
    </message>
    <message>
      <source>never checked</source>
      <translation>chưa kiểm tra</translation>
    </message>
    <message>
      <source>checked with another camera</source>
      <translation>đã kiểm tra với camera khác</translation>
    </message>
    <message>
      <source>simulated camera: no tray</source>
      <translation>camera mô phỏng: không có khay</translation>
    </message>
    <message>
      <source>%1, ΔE %2, checked on %3</source>
      <translation>%1, ΔE %2, kiểm tra ngày %3</translation>
    </message>
    <message>
      <source>in use: median ΔE %1 over %2 captures</source>
      <translation>khi sử dụng: ΔE trung vị %1 qua %2 lần chụp</translation>
    </message>
    <message>
      <source>Tray in use</source>
      <translation>Khay khi sử dụng</translation>
    </message>
    <message>
      <source>Tray contrast</source>
      <translation>Độ tương phản khay</translation>
    </message>
    <message>
      <source>Camera preview</source>
      <translation>Xem hình camera</translation>
    </message>
    <message>
      <source>Camera</source>
      <translation>Camera</translation>
    </message>
    <message>
      <source>Card reader</source>
      <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
      <source>Check network and central</source>
      <translation>Kiểm tra mạng và trung tâm</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>Hạng mục</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Configuration</source>
      <translation>Cấu hình</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>Chi tiết</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>Thiết bị</translation>
    </message>
    <message>
      <source>Devices (live)</source>
      <translation>Thiết bị (trực tiếp)</translation>
    </message>
    <message>
      <source>Enrollment</source>
      <translation>Đăng ký ki-ốt</translation>
    </message>
    <message>
      <source>Fail</source>
      <translation>Lỗi</translation>
    </message>
    <message>
      <source>Figures</source>
      <translation>Số đo</translation>
    </message>
    <message>
      <source>Focus: %1 (%2)
Brightness: %3 (%4)</source>
      <translation>Độ nét: %1 (%2)
Độ sáng: %3 (%4)</translation>
    </message>
    <message>
      <source>Focus: —</source>
      <translation>Độ nét: —</translation>
    </message>
    <message>
      <source>In service</source>
      <translation>Đang phục vụ</translation>
    </message>
    <message>
      <source>Key fingerprint</source>
      <translation>Dấu vân tay khóa</translation>
    </message>
    <message>
      <source>Kiosk ID</source>
      <translation>Mã ki-ốt</translation>
    </message>
    <message>
      <source>Last heartbeat</source>
      <translation>Tín hiệu gần nhất</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>Không thấy</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Tên</translation>
    </message>
    <message>
      <source>Network and central</source>
      <translation>Mạng và trung tâm</translation>
    </message>
    <message>
      <source>No self-test run yet.</source>
      <translation>Chưa chạy tự kiểm tra.</translation>
    </message>
    <message>
      <source>Not enrolled: use `kiosk provision enroll` with a code</source>
      <translation>Chưa đăng ký: dùng `kiosk provision enroll` với mã đăng ký</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>Tốt</translation>
    </message>
    <message>
      <source>Only a technician may open this screen. Your sign-in does not have that role.</source>
      <translation>Chỉ kỹ thuật viên được mở màn hình này. Tài khoản đăng nhập của bạn không có vai trò đó.</translation>
    </message>
    <message>
      <source>Out of service</source>
      <translation>Tạm ngừng phục vụ</translation>
    </message>
    <message>
      <source>Outbox</source>
      <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
      <source>Key store</source>
      <translation>Kho khóa bảo mật</translation>
    </message>
    <message>
      <source>Voice guidance</source>
      <translation>Hướng dẫn bằng giọng nói</translation>
    </message>
    <message>
      <source>Crashes</source>
      <translation>Dừng đột ngột</translation>
    </message>
    <message>
      <source>Overall: %1</source>
      <translation>Kết quả chung: %1</translation>
    </message>
    <message>
      <source>Pass</source>
      <translation>Đạt</translation>
    </message>
    <message>
      <source>Print a test page</source>
      <translation>In trang thử</translation>
    </message>
    <message>
      <source>Printer</source>
      <translation>Máy in</translation>
    </message>
    <message>
      <source>QR scanner</source>
      <translation>Máy quét QR</translation>
    </message>
    <message>
      <source>Read a card (ATR)</source>
      <translation>Đọc thẻ (ATR)</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Kết quả</translation>
    </message>
    <message>
      <source>Run self-test</source>
      <translation>Chạy tự kiểm tra</translation>
    </message>
    <message>
      <source>Self-test report</source>
      <translation>Báo cáo tự kiểm tra</translation>
    </message>
    <message>
      <source>Service</source>
      <translation>Phục vụ</translation>
    </message>
    <message>
      <source>Signed in: %1 (%2), technician</source>
      <translation>Đã đăng nhập: %1 (%2), kỹ thuật viên</translation>
    </message>
    <message>
      <source>Simulated camera: no image</source>
      <translation>Camera mô phỏng: không có hình</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Stop camera preview</source>
      <translation>Dừng xem camera</translation>
    </message>
    <message>
      <source>Storage</source>
      <translation>Bộ nhớ</translation>
    </message>
    <message>
      <source>Technician: kiosk maintenance</source>
      <translation>Kỹ thuật viên: bảo trì ki-ốt</translation>
    </message>
    <message>
      <source>Testing…</source>
      <translation>Đang kiểm tra…</translation>
    </message>
    <message>
      <source>The camera does not open: %1</source>
      <translation>Không mở được camera: %1</translation>
    </message>
    <message>
      <source>The test could not run: %1</source>
      <translation>Không chạy được phép kiểm tra: %1</translation>
    </message>
    <message>
      <source>Warning</source>
      <translation>Cảnh báo</translation>
    </message>
    <message>
      <source>What to do</source>
      <translation>Cách xử lý</translation>
    </message>
    <message>
      <source>blurred: clean the lens, adjust focus</source>
      <translation>mờ: lau ống kính, chỉnh tiêu cự</translation>
    </message>
    <message>
      <source>light OK</source>
      <translation>đủ sáng</translation>
    </message>
    <message>
      <source>local file / demo</source>
      <translation>tệp trên máy / chạy thử</translation>
    </message>
    <message>
      <source>none yet</source>
      <translation>chưa có</translation>
    </message>
    <message>
      <source>sharp</source>
      <translation>nét</translation>
    </message>
    <message>
      <source>too dark</source>
      <translation>quá tối</translation>
    </message>
    <message>
      <source>version %1 (from %2)</source>
      <translation>phiên bản %1 (từ %2)</translation>
    </message>
    <message>
      <source>the central</source>
      <translation>trung tâm</translation>
    </message>
    <message>
      <source>file %1</source>
      <translation>tệp %1</translation>
    </message>
  </context>
</TS>
