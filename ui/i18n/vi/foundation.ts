<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
  <context>
    <name>AccessBar</name>
    <message>
      <source>◐  High contrast</source>
      <translation>◐  Tương phản cao</translation>
    </message>
    <message>
      <source>Normal text</source>
      <translation>Chữ thường</translation>
    </message>
    <message>
      <source>Larger text</source>
      <translation>Chữ lớn</translation>
    </message>
    <message>
      <source>Largest text</source>
      <translation>Chữ rất lớn</translation>
    </message>
  </context>
  <context>
    <name>AttractScreen</name>
    <message>
      <source>Public service kiosk</source>
      <translation>Kiosk dịch vụ công</translation>
    </message>
    <message>
      <source>At this kiosk you can:</source>
      <translation>Tại máy này, ông/bà có thể:</translation>
    </message>
    <message>
      <source>Submit a dossier for an administrative procedure</source>
      <translation>Nộp hồ sơ thủ tục hành chính</translation>
    </message>
    <message>
      <source>See where your dossier is, with your receipt</source>
      <translation>Xem hồ sơ đang được giải quyết đến đâu, bằng giấy biên nhận</translation>
    </message>
    <message>
      <source>Find a procedure and where to apply</source>
      <translation>Tìm thủ tục và nơi nộp hồ sơ</translation>
    </message>
    <message>
      <source>Ask a staff member for help</source>
      <translation>Nhờ cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>Touch here to start</source>
      <translation>Chạm vào đây để bắt đầu</translation>
    </message>
    <message>
      <source>Free of charge. Choose your language and text size below.</source>
      <translation>Miễn phí. Chọn ngôn ngữ và cỡ chữ ở phía dưới.</translation>
    </message>
  </context>
  <context>
    <name>ErrorScreen</name>
    <message numerus="yes">
      <source>The start screen comes back in %n second(s).</source>
      <translation>
        <numerusform>Màn hình đầu sẽ trở lại sau %n giây.</numerusform>
      </translation>
    </message>
    <message>
      <source>Something went wrong</source>
      <translation>Đã có lỗi xảy ra</translation>
    </message>
    <message>
      <source>Please ask a staff member for help, and show them this number:</source>
      <translation>Xin vui lòng nhờ cán bộ hỗ trợ và đưa cán bộ xem mã số này:</translation>
    </message>
    <message>
      <source>Reference number</source>
      <translation>Mã số sự cố</translation>
    </message>
    <message>
      <source>For your privacy, what was on the screen has been cleared.</source>
      <translation>Để bảo vệ thông tin cá nhân, mọi thông tin trên màn hình đã được xoá.</translation>
    </message>
    <message>
      <source>Back to the start screen</source>
      <translation>Về màn hình đầu</translation>
    </message>
  </context>
  <context>
    <name>FindScreen</name>
    <message>
      <source>Find a procedure</source>
      <translation>Tìm thủ tục</translation>
    </message>
    <message>
      <source>The list of procedures is not on this kiosk yet.</source>
      <translation>Máy này chưa có danh mục thủ tục.</translation>
    </message>
    <message>
      <source>Staff at the reception counter can tell you which procedure you need, which documents to bring and where to apply.</source>
      <translation>Cán bộ tại quầy tiếp nhận sẽ cho ông/bà biết cần làm thủ tục nào, mang giấy tờ gì và nộp ở đâu.</translation>
    </message>
  </context>
  <context>
    <name>FinishCard</name>
    <message>
      <source>Finish now?</source>
      <translation>Kết thúc phiên làm việc?</translation>
    </message>
    <message>
      <source>Everything you entered on this kiosk will be cleared from the screen.</source>
      <translation>Mọi thông tin ông/bà đã nhập trên máy sẽ được xoá khỏi màn hình.</translation>
    </message>
    <message>
      <source>Yes, finish and clear</source>
      <translation>Đồng ý, kết thúc và xoá</translation>
    </message>
    <message>
      <source>No, continue</source>
      <translation>Không, tiếp tục</translation>
    </message>
  </context>
  <context>
    <name>HelpScreen</name>
    <message>
      <source>Ask for staff help</source>
      <translation>Nhờ cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>This kiosk cannot call a staff member by itself yet.</source>
      <translation>Máy này chưa tự gọi được cán bộ.</translation>
    </message>
    <message>
      <source>Please go to the reception counter, or raise your hand so that a staff member can see you and come to help.</source>
      <translation>Xin mời ông/bà đến quầy tiếp nhận, hoặc giơ tay để cán bộ nhìn thấy và đến hỗ trợ.</translation>
    </message>
  </context>
  <context>
    <name>HomeScreen</name>
    <message>
      <source>What would you like to do?</source>
      <translation>Ông/bà cần làm gì?</translation>
    </message>
    <message>
      <source>Touch one of the choices below.</source>
      <translation>Xin mời chạm vào một mục dưới đây.</translation>
    </message>
    <message>
      <source>Submit a dossier</source>
      <translation>Nộp hồ sơ</translation>
    </message>
    <message>
      <source>For an administrative procedure</source>
      <translation>Cho một thủ tục hành chính</translation>
    </message>
    <message>
      <source>Where is my file?</source>
      <translation>Hồ sơ của tôi đến đâu rồi?</translation>
    </message>
    <message>
      <source>With the receipt you were given</source>
      <translation>Dùng giấy biên nhận đã được cấp</translation>
    </message>
    <message>
      <source>Find a procedure</source>
      <translation>Tìm thủ tục</translation>
    </message>
    <message>
      <source>What to bring, where to apply, fees</source>
      <translation>Cần giấy tờ gì, nộp ở đâu, lệ phí</translation>
    </message>
    <message>
      <source>Ask for staff help</source>
      <translation>Nhờ cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>A staff member will help you</source>
      <translation>Cán bộ sẽ giúp ông/bà</translation>
    </message>
  </context>
  <context>
    <name>InfoScreen</name>
    <message>
      <source>Back to the choices</source>
      <translation>Quay về các lựa chọn</translation>
    </message>
  </context>
  <context>
    <name>MoreBelow</name>
    <message>
      <source>▼  More below: touch here or slide up</source>
      <translation>▼  Còn nữa ở dưới: chạm vào đây hoặc vuốt lên</translation>
    </message>
  </context>
  <context>
    <name>SessionBar</name>
    <message>
      <source>Ask for staff help</source>
      <translation>Nhờ cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>‹  Back</source>
      <translation>‹  Quay lại</translation>
    </message>
    <message>
      <source>Finish, clear my data</source>
      <translation>Kết thúc, xoá thông tin</translation>
    </message>
  </context>
  <context>
    <name>StaffExitCard</name>
    <message>
      <source>Too many wrong codes. Wait one minute.</source>
      <translation>Nhập sai quá nhiều lần. Xin chờ một phút.</translation>
    </message>
    <message>
      <source>Wrong code. Try again.</source>
      <translation>Mã không đúng. Xin nhập lại.</translation>
    </message>
    <message>
      <source>Close the kiosk program (staff only)</source>
      <translation>Đóng chương trình kiosk (chỉ dành cho cán bộ)</translation>
    </message>
    <message>
      <source>Enter the staff exit code.</source>
      <translation>Nhập mã thoát dành cho cán bộ.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
  </context>
  <context>
    <name>StatusIndicators</name>
    <message>
      <source>connected</source>
      <translation>đã kết nối</translation>
    </message>
    <message>
      <source>connecting…</source>
      <translation>đang kết nối…</translation>
    </message>
    <message>
      <source>not connected</source>
      <translation>mất kết nối</translation>
    </message>
    <message>
      <source>checking…</source>
      <translation>đang kiểm tra…</translation>
    </message>
    <message>
      <source>demo, on this kiosk</source>
      <translation>bản trình diễn, trên máy này</translation>
    </message>
    <message>
      <source>Network: %1</source>
      <translation>Mạng: %1</translation>
    </message>
    <message>
      <source>Central system: %1</source>
      <translation>Hệ thống trung tâm: %1</translation>
    </message>
    <message>
      <source>All dossiers sent</source>
      <translation>Mọi hồ sơ đã được gửi</translation>
    </message>
    <message>
      <source>Dossiers waiting to be sent: %1</source>
      <translation>Hồ sơ chờ gửi: %1</translation>
    </message>
  </context>
  <context>
    <name>SubmitScreen</name>
    <message>
      <source>Submit a dossier</source>
      <translation>Nộp hồ sơ</translation>
    </message>
    <message>
      <source>Submitting dossiers on this kiosk is not open yet.</source>
      <translation>Máy này chưa nhận nộp hồ sơ.</translation>
    </message>
    <message>
      <source>For now, please take your documents to the reception counter. A staff member will receive your dossier and give you a receipt.</source>
      <translation>Trong thời gian này, xin mời ông/bà mang giấy tờ đến quầy tiếp nhận. Cán bộ sẽ nhận hồ sơ và trao giấy biên nhận.</translation>
    </message>
    <message>
      <source>When it opens, you will need:</source>
      <translation>Khi chức năng này mở, ông/bà cần chuẩn bị:</translation>
    </message>
    <message>
      <source>•  your chip-based citizen ID card (CCCD)
•  the documents the procedure asks for; the kiosk will list them and photograph them</source>
      <translation>•  Thẻ căn cước gắn chip
•  Các giấy tờ mà thủ tục yêu cầu; máy sẽ liệt kê và chụp lại từng giấy tờ</translation>
    </message>
  </context>
  <context>
    <name>TimeoutCard</name>
    <message numerus="yes">
      <source>To protect your information, this session will end in %n second(s).</source>
      <translation>
        <numerusform>Để bảo vệ thông tin của ông/bà, phiên làm việc sẽ kết thúc sau %n giây.</numerusform>
      </translation>
    </message>
    <message>
      <source>Are you still there?</source>
      <translation>Ông/bà vẫn đang sử dụng máy?</translation>
    </message>
    <message>
      <source>I need more time</source>
      <translation>Tôi cần thêm thời gian</translation>
    </message>
    <message>
      <source>Finish now</source>
      <translation>Kết thúc ngay</translation>
    </message>
  </context>
  <context>
    <name>TopBar</name>
    <message>
      <source>One-stop service counter</source>
      <translation>Bộ phận Một cửa</translation>
    </message>
  </context>
  <context>
    <name>TrackScreen</name>
    <message>
      <source>Type the code first.</source>
      <translation>Xin nhập mã trước.</translation>
    </message>
    <message>
      <source>The code %1 is written correctly. This kiosk cannot look up its status yet: please ask at the counter.</source>
      <translation>Mã %1 được nhập đúng. Máy này chưa tra cứu được tình trạng hồ sơ: xin mời hỏi tại quầy tiếp nhận.</translation>
    </message>
    <message>
      <source>This code is not correct. Check each character against your receipt.</source>
      <translation>Mã này không đúng. Xin kiểm tra lại từng ký tự trên giấy biên nhận.</translation>
    </message>
    <message>
      <source>Where is my file?</source>
      <translation>Hồ sơ của tôi đến đâu rồi?</translation>
    </message>
    <message>
      <source>Looking up a dossier on this kiosk is not open yet.</source>
      <translation>Máy này chưa tra cứu được hồ sơ.</translation>
    </message>
    <message>
      <source>Please ask at the reception counter and show your receipt. Staff can see where your dossier is.</source>
      <translation>Xin mời hỏi tại quầy tiếp nhận và đưa giấy biên nhận. Cán bộ sẽ cho biết hồ sơ đang ở đâu.</translation>
    </message>
    <message>
      <source>You can already check the code printed on your receipt:</source>
      <translation>Ông/bà đã có thể kiểm tra mã in trên giấy biên nhận:</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>Kiểm tra</translation>
    </message>
  </context>
  <context>
    <name>VietKeyboard</name>
    <message>
      <source>space</source>
      <translation>dấu cách</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Xoá hết</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Xong</translation>
    </message>
  </context>
</TS>