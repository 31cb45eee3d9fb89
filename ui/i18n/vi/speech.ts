<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
  <context>
    <name>AccessBar</name>
    <message>
      <source>Volume %1/3</source>
      <translation>Âm lượng %1/3</translation>
    </message>
    <message>
      <source>Volume, %1 of 3</source>
      <translation>Âm lượng, mức %1 trên 3</translation>
    </message>
    <message>
      <source>🔊  Listen</source>
      <translation>🔊  Nghe hướng dẫn</translation>
    </message>
    <message>
      <source>Listen to the guidance</source>
      <translation>Nghe hướng dẫn</translation>
    </message>
    <message>
      <source>Slower speech</source>
      <translation>Đọc chậm</translation>
    </message>
    <message>
      <source>High contrast</source>
      <translation>Tương phản cao</translation>
    </message>
  </context>
  <context>
    <name>VietKeyboard</name>
    <message>
      <source>Shift, capital letter</source>
      <translation>Chữ hoa (Shift)</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Xoá</translation>
    </message>
    <message>
      <source>Numbers</source>
      <translation>Bàn phím số</translation>
    </message>
    <message>
      <source>Letters</source>
      <translation>Bàn phím chữ</translation>
    </message>
    <message>
      <source>tone mark %1</source>
      <translation>dấu %1</translation>
    </message>
  </context>
</TS>
