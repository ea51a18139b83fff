<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt texts that qtbase_zh_CN lacks: newer Qt added "&" mnemonics to these labels, so the
     catalogue's entries (without "&") no longer match and the labels stayed English.
     Compile with: .venv/bin/pyside6-lrelease qt_supplement_zh_CN.ts  (tests check the .qm is current) -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message><source>Page &amp;Set:</source><translation>页面组(&amp;S)：</translation></message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message><source>Page &amp;order:</source><translation>页面顺序(&amp;O)：</translation></message>
    <message><source>Pages &amp;per sheet:</source><translation>每张页数(&amp;P)：</translation></message>
</context>
</TS>
