<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
  <context>
    <name>FindScreen</name>
    <message>
      <source>Touch the procedure you need:</source>
      <translation>Xin chạm vào thủ tục ông/bà cần:</translation>
    </message>
    <message>
      <source>Or choose an area:</source>
      <translation>Hoặc chọn theo lĩnh vực:</translation>
    </message>
    <message>
      <source>1 procedure</source>
      <translation>1 thủ tục</translation>
    </message>
    <message>
      <source>%1 procedures</source>
      <translation>%1 thủ tục</translation>
    </message>
    <message>
      <source>Find a procedure</source>
      <translation>Tìm thủ tục</translation>
    </message>
    <message>
      <source>Touch the white box and type a few words, for example “khai sinh”. Accents are not needed.</source>
      <translation>Chạm vào ô trắng rồi gõ vài chữ, ví dụ “khai sinh”. Không cần gõ dấu.</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Xoá</translation>
    </message>
    <message>
      <source>All areas</source>
      <translation>Tất cả lĩnh vực</translation>
    </message>
    <message>
      <source>Back to the choices</source>
      <translation>Quay về các lựa chọn</translation>
    </message>
  </context>
  <context>
    <name>HelpCard</name>
    <message>
      <source>Ask for staff help</source>
      <translation>Nhờ cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>Close and go on</source>
      <translation>Đóng và làm tiếp</translation>
    </message>
  </context>
  <context>
    <name>HelpPanel</name>
    <message>
      <source>Calling a staff member…</source>
      <translation>Đang gọi cán bộ…</translation>
    </message>
    <message>
      <source>The kiosk could not call staff. Please raise your hand or go to the reception counter.</source>
      <translation>Máy chưa gọi được cán bộ. Xin ông/bà giơ tay hoặc đến quầy tiếp nhận.</translation>
    </message>
  </context>
  <context>
    <name>HelpScreen</name>
    <message>
      <source>Ask for staff help</source>
      <translation>Nhờ cán bộ hỗ trợ</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Quay lại</translation>
    </message>
    <message>
      <source>Back to the choices</source>
      <translation>Quay về các lựa chọn</translation>
    </message>
  </context>
  <context>
    <name>ProcedureScreen</name>
    <message>
      <source>This procedure is not on this kiosk.</source>
      <translation>Máy này không có thủ tục này.</translation>
    </message>
    <message>
      <source>Please go back and choose another, or ask staff for help.</source>
      <translation>Xin quay lại chọn thủ tục khác, hoặc nhờ cán bộ hỗ trợ.</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Đang in…</translation>
    </message>
    <message>
      <source>The printer cannot be used now. Everything is on this screen; staff can help.</source>
      <translation>Máy in đang không dùng được. Mọi thông tin đều có trên màn hình này; cán bộ có thể giúp ông/bà.</translation>
    </message>
    <message>
      <source>Printed. Please take the slip from the printer.</source>
      <translation>Đã in xong. Xin ông/bà lấy tờ giấy ở máy in.</translation>
    </message>
    <message>
      <source>The slip could not be printed. Everything is on this screen; staff can help.</source>
      <translation>Chưa in được. Mọi thông tin đều có trên màn hình này; cán bộ có thể giúp ông/bà.</translation>
    </message>
    <message>
      <source>Documents to bring</source>
      <translation>Giấy tờ cần mang</translation>
    </message>
    <message>
      <source>Fee</source>
      <translation>Lệ phí</translation>
    </message>
    <message>
      <source>How long it takes</source>
      <translation>Thời gian giải quyết</translation>
    </message>
    <message>
      <source>Where to apply</source>
      <translation>Nơi nộp hồ sơ</translation>
    </message>
    <message>
      <source>Legal basis</source>
      <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
      <source>Start this procedure</source>
      <translation>Làm thủ tục này</translation>
    </message>
    <message>
      <source>Print this</source>
      <translation>In thông tin này</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Quay lại</translation>
    </message>
    <message>
      <source>Back to the choices</source>
      <translation>Quay về các lựa chọn</translation>
    </message>
  </context>
  <context>
    <name>TrackScreen</name>
    <message>
      <source>The camera cannot be used now. Please type the code or use the scanner.</source>
      <translation>Máy ảnh đang không dùng được. Xin gõ mã hoặc dùng máy quét.</translation>
    </message>
    <message>
      <source>Hold the receipt in front of the camera, with the QR code facing it.</source>
      <translation>Đưa giấy biên nhận trước máy ảnh, mặt có mã QR hướng vào máy.</translation>
    </message>
    <message>
      <source>Stop the camera</source>
      <translation>Tắt máy ảnh</translation>
    </message>
    <message>
      <source>Show the receipt to the camera</source>
      <translation>Đưa biên nhận cho máy ảnh đọc</translation>
    </message>
    <message>
      <source>This is not a receipt's code. Please scan the QR code printed on your receipt.</source>
      <translation>Đây không phải mã trên giấy biên nhận. Xin quét mã QR in trên giấy biên nhận.</translation>
    </message>
    <message>
      <source>Looking for your file…</source>
      <translation>Đang tìm hồ sơ của ông/bà…</translation>
    </message>
    <message>
      <source>Where is my file?</source>
      <translation>Hồ sơ của tôi đến đâu rồi?</translation>
    </message>
    <message>
      <source>Hold the QR code on your receipt under the scanner's light.</source>
      <translation>Đưa mã QR trên giấy biên nhận vào dưới đèn của máy quét.</translation>
    </message>
    <message>
      <source>Or touch the white box and type the code printed under it (10 letters and numbers), then touch “Look up”.</source>
      <translation>Hoặc chạm vào ô trắng, gõ mã in bên dưới mã QR (10 chữ và số), rồi chạm “Tra cứu”.</translation>
    </message>
    <message>
      <source>Look up</source>
      <translation>Tra cứu</translation>
    </message>
    <message>
      <source>Look up another code</source>
      <translation>Tra mã khác</translation>
    </message>
    <message>
      <source>Back to the choices</source>
      <translation>Quay về các lựa chọn</translation>
    </message>
    <message>
      <source>What you must do now</source>
      <translation>Việc ông/bà cần làm bây giờ</translation>
    </message>
    <message>
      <source>What has happened to your file</source>
      <translation>Hồ sơ đã qua những bước nào</translation>
    </message>
    <message>
      <source>Result due on</source>
      <translation>Ngày hẹn trả</translation>
    </message>
    <message>
      <source>Handled by</source>
      <translation>Cơ quan giải quyết</translation>
    </message>
    <message>
      <source>Officer in charge</source>
      <translation>Cán bộ phụ trách</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Mã hồ sơ</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>Liên hệ</translation>
    </message>
  </context>
</TS>
