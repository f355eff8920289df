<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>AgencyEditor</name>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="121"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="122"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="123"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="124"/>
        <location filename="../../ui/complaints/agency_editor.py" line="140"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="125"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="125"/>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="127"/>
        <source>Kategori yang ditangani</source>
        <translation>Categories handled</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="131"/>
        <source>Kategori pengaduan dan instansi penanggung jawab (berlaku untuk tiket baru)</source>
        <translation>Complaint categories and the agency responsible (applies to new tickets)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="133"/>
        <source>Instansi</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="135"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="135"/>
        <source>Instansi penanggung jawab</source>
        <translation>Responsible agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="135"/>
        <source>Target (jam)</source>
        <translation>Target (hours)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="136"/>
        <source>&amp;Kode</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="136"/>
        <source>&amp;Nama instansi</source>
        <translation>Agency &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="137"/>
        <source>&amp;Telepon / kontak</source>
        <translation>&amp;Phone / contact</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="139"/>
        <source>mis. DISKOMINFO</source>
        <translation>e.g. DISKOMINFO</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="141"/>
        <source>Simpan instansi</source>
        <translation>Save agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="142"/>
        <source>Instansi baru</source>
        <translation>New agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="204"/>
        <source>Kategori %1 sekarang ditangani %2.</source>
        <translation>Category %1 is now handled by %2.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="236"/>
        <source>Isi kode instansi (huruf besar, mis. DISKOMINFO).</source>
        <translation>Enter the agency code (capitals, e.g. DISKOMINFO).</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="240"/>
        <source>Isi nama instansi.</source>
        <translation>Enter the agency&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/agency_editor.py" line="246"/>
        <source>Instansi %1 tersimpan.</source>
        <translation>Agency %1 saved.</translation>
    </message>
</context>
<context>
    <name>BulletinPanel</name>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="146"/>
        <source>Buletin Halo Denpasar</source>
        <translation>Halo Denpasar bulletins</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="147"/>
        <source>Pengaduan baru atau berubah sejak buletin sebelumnya</source>
        <translation>Complaints new or changed since the previous bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="148"/>
        <source>Isi buletin (urutan dibacakan)</source>
        <translation>Bulletin items (in reading order)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="150"/>
        <source>Judul buletin baru, mis. Halo Denpasar pagi</source>
        <translation>Title of the new bulletin, e.g. Halo Denpasar morning</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="151"/>
        <source>Buletin baru</source>
        <translation>New bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="152"/>
        <source>Tambahkan ke buletin</source>
        <translation>Add to bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="153"/>
        <source>Naik</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="154"/>
        <source>Pindahkan ke atas (Ctrl+Atas)</source>
        <translation>Move up (Ctrl+Up)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="155"/>
        <source>Turun</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="156"/>
        <source>Pindahkan ke bawah (Ctrl+Bawah)</source>
        <translation>Move down (Ctrl+Down)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="157"/>
        <source>Hapus dari buletin</source>
        <translation>Remove from bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="158"/>
        <source>Ekspor teks…</source>
        <translation>Export text…</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="159"/>
        <source>Ekspor PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="160"/>
        <source>Tampilan siaran…</source>
        <translation>Reading view…</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="265"/>
        <source>Pilih atau buat buletin dulu.</source>
        <translation>Choose or create a bulletin first.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="271"/>
        <source>Pilih item buletin dulu.</source>
        <translation>Choose a bulletin item first.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="277"/>
        <source>Beri judul buletin baru.</source>
        <translation>Give the new bulletin a title.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="292"/>
        <source>Buletin #%1 dibuat.</source>
        <translation>Bulletin #%1 created.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="290"/>
        <source>Buletin #%1 dibuat; nomor atau nama di judul disembunyikan.</source>
        <translation>Bulletin #%1 created; a number or name in the title was hidden.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="299"/>
        <source>Pilih pengaduan yang akan ditambahkan.</source>
        <translation>Choose the complaint to add.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="309"/>
        <source>%1 masuk buletin.</source>
        <translation>%1 added to the bulletin.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="353"/>
        <source>%1 dikeluarkan dari buletin.</source>
        <translation>%1 removed from the bulletin.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="340"/>
        <location filename="../../ui/bulletins/panel.py" line="366"/>
        <source>Teks %1 disimpan.</source>
        <translation>Text of %1 saved.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="367"/>
        <source>Teks %1 kembali ke draf.</source>
        <translation>Text of %1 is back to the draft.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="341"/>
        <location filename="../../ui/bulletins/panel.py" line="369"/>
        <source>Teks tidak disimpan: %1</source>
        <translation>Text not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="382"/>
        <source>Buletin diekspor ke %1</source>
        <translation>Bulletin exported to %1</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="385"/>
        <source>Ekspor gagal: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="391"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="391"/>
        <source>Teks (*.txt)</source>
        <translation>Text (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/panel.py" line="393"/>
        <source>Ekspor buletin</source>
        <translation>Export bulletin</translation>
    </message>
</context>
<context>
    <name>BulletinTables</name>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="31"/>
        <location filename="../../ui/bulletins/tables.py" line="58"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="32"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="33"/>
        <location filename="../../ui/bulletins/tables.py" line="48"/>
        <location filename="../../ui/bulletins/tables.py" line="62"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="35"/>
        <source>Item</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="36"/>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="38"/>
        <source>Terakhir disiarkan</source>
        <translation>Last on air</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="45"/>
        <location filename="../../ui/bulletins/tables.py" line="59"/>
        <source>Tiket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="46"/>
        <location filename="../../ui/bulletins/tables.py" line="60"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="47"/>
        <location filename="../../ui/bulletins/tables.py" line="61"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="50"/>
        <source>Diubah</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="64"/>
        <source>Teks bacaan</source>
        <translation>Reading text</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="66"/>
        <source>Teks diubah penyiar</source>
        <translation>Text edited by the presenter</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/tables.py" line="68"/>
        <source>Draf dari desk</source>
        <translation>Draft from the desk</translation>
    </message>
</context>
<context>
    <name>CallsPanel</name>
    <message>
        <location filename="../../ui/calls/blocked_calls.py" line="30"/>
        <location filename="../../ui/calls/callback_list.py" line="46"/>
        <location filename="../../ui/calls/panel.py" line="140"/>
        <location filename="../../ui/calls/recent_calls.py" line="41"/>
        <location filename="../../ui/calls/ringing_list.py" line="40"/>
        <source>Penelepon</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/calls/blocked_calls.py" line="33"/>
        <source>Diblokir sampai</source>
        <translation>Blocked until</translation>
    </message>
    <message>
        <location filename="../../ui/calls/blocked_calls.py" line="36"/>
        <location filename="../../ui/calls/ringing_list.py" line="47"/>
        <source>Berdering</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../ui/calls/blocked_calls.py" line="52"/>
        <source>Nomor ini diblokir supervisor (panggilan iseng berulang). Tetap bisa dijawab dengan F2.</source>
        <translation>A supervisor blocked this number (repeated prank calls). F2 still answers it.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/blocked_calls.py" line="56"/>
        <source>&lt;b&gt;Nomor diblokir&lt;/b&gt; — berdering, prioritas rendah</source>
        <translation>&lt;b&gt;Blocked numbers&lt;/b&gt; — ringing, low priority</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="143"/>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="145"/>
        <source>Durasi</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_list.py" line="48"/>
        <location filename="../../ui/calls/history.py" line="129"/>
        <source>Waktu (WITA)</source>
        <translation>Time (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_list.py" line="50"/>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/calls/history.py" line="131"/>
        <location filename="../../ui/calls/panel.py" line="148"/>
        <location filename="../../ui/calls/recent_calls.py" line="45"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/calls/history.py" line="132"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/calls/history.py" line="134"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/calls/ringing_list.py" line="70"/>
        <source>&lt;b&gt;Berdering&lt;/b&gt; (terlama di atas)</source>
        <translation>&lt;b&gt;Ringing&lt;/b&gt; (longest waiting first)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_list.py" line="69"/>
        <source>&lt;b&gt;Perlu ditelepon balik&lt;/b&gt;</source>
        <translation>&lt;b&gt;To call back&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/calls/history.py" line="172"/>
        <source>Riwayat penelepon</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="199"/>
        <source>Panggilan aktif</source>
        <translation>Active call</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="219"/>
        <source>telepon balik</source>
        <translation>call-back</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="343"/>
        <source>Tidak ada panggilan aktif.</source>
        <translation>No active call.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="210"/>
        <source>memanggil…</source>
        <translation>calling…</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="138"/>
        <location filename="../../ui/calls/ringing_list.py" line="45"/>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="210"/>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="211"/>
        <source>DITAHAN</source>
        <translation>ON HOLD</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="345"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/calls/panel.py" line="355"/>
        <source>%n berdering</source>
        <translation>
            <numerusform>%n ringing</numerusform>
            <numerusform>%n ringing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/calls/panel.py" line="357"/>
        <source>%n terhubung</source>
        <translation>
            <numerusform>%n connected</numerusform>
            <numerusform>%n connected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/calls/panel.py" line="360"/>
        <source>%n ditahan</source>
        <translation>
            <numerusform>%n on hold</numerusform>
            <numerusform>%n on hold</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="398"/>
        <source>Softphone tidak berjalan: panggilan tidak bisa dijawab dari meja ini.</source>
        <translation>The softphone is not running: calls cannot be answered from this desk.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="414"/>
        <source>Tidak ada panggilan yang berdering.</source>
        <translation>No call is ringing.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="421"/>
        <source>Tidak ada panggilan aktif untuk ditahan.</source>
        <translation>No active call to hold.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/panel.py" line="428"/>
        <source>Tidak ada panggilan aktif untuk ditutup.</source>
        <translation>No active call to hang up.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_list.py" line="85"/>
        <location filename="../../ui/calls/callback_list.py" line="100"/>
        <source>Daftar telepon balik kosong.</source>
        <translation>The call-back list is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_list.py" line="88"/>
        <source>Nomor penelepon ini disembunyikan; tidak bisa ditelepon balik.</source>
        <translation>This caller&apos;s number is withheld; it cannot be called back.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_list.py" line="122"/>
        <source>%1 dihapus dari daftar telepon balik.</source>
        <translation>%1 taken off the callback list.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="38"/>
        <source>darurat</source>
        <translation>emergency</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="39"/>
        <source>pengaduan</source>
        <translation>complaint</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="40"/>
        <source>informasi</source>
        <translation>information</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="41"/>
        <source>iseng</source>
        <translation>prank</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="42"/>
        <source>diam / terputus</source>
        <translation>ghost (silent / dropped)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="43"/>
        <source>salah sambung</source>
        <translation>wrong number</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="56"/>
        <source>Nomor ini %1 kali menelepon iseng atau diam dalam %2 hari terakhir.</source>
        <translation>This number made %1 prank or silent calls in the last %2 days.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="64"/>
        <source>%1× iseng/diam (%2 dalam %3 hari terakhir)</source>
        <translation>%1× prank/ghost (%2 in the last %3 days)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="109"/>
        <source>Tidak ada panggilan untuk diberi jenis: pilih satu di daftar.</source>
        <translation>No call to give a type: select one in a list.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/call_types.py" line="121"/>
        <source>Panggilan %1 ditandai: %2.</source>
        <translation>Call %1 marked: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/recent_calls.py" line="43"/>
        <source>Selesai (WITA)</source>
        <translation>Ended (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/recent_calls.py" line="56"/>
        <source>Panggilan terakhir</source>
        <translation>Recent calls</translation>
    </message>
</context>
<context>
    <name>ClearCallbackDialog</name>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="31"/>
        <source>Hapus dari daftar telepon balik</source>
        <translation>Take off the callback list</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="33"/>
        <source>Penelepon %1, %2. Mengapa tidak perlu ditelepon balik?</source>
        <translation>Caller %1, %2. Why is no call-back needed?</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="44"/>
        <source>Keterangan lain (boleh dikosongkan bila alasan di atas dipilih)</source>
        <translation>Other details (may stay empty when a reason above is chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="47"/>
        <source>Hapus dari daftar</source>
        <translation>Take off the list</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="49"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="55"/>
        <source>Keterangan:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="66"/>
        <source>Sudah ditelepon balik</source>
        <translation>Already called back</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="67"/>
        <source>Nomor tidak bisa dihubungi</source>
        <translation>Number cannot be reached</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="68"/>
        <source>Panggilan iseng</source>
        <translation>Prank call</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="69"/>
        <source>Sudah ditangani lewat panggilan lain</source>
        <translation>Already handled in another call</translation>
    </message>
    <message>
        <location filename="../../ui/calls/callback_dialog.py" line="70"/>
        <source>Nomor disembunyikan — tidak bisa ditelepon balik</source>
        <translation>Number withheld — cannot be called back</translation>
    </message>
</context>
<context>
    <name>CloseIncidentDialog</name>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="192"/>
        <source>Batalkan kejadian #%1</source>
        <translation>Cancel incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="194"/>
        <source>Kejadian ini ternyata tidak perlu ditangani. Unit yang masih ditugaskan dilepas dan kembali tersedia.</source>
        <translation>This incident turned out to need no response. Units still assigned are released and become available again.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="196"/>
        <source>Batalkan kejadian</source>
        <translation>Cancel incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="198"/>
        <source>Tutup kejadian #%1</source>
        <translation>Close incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="200"/>
        <source>Penanganan selesai. Unit yang masih ditugaskan dilepas dan kembali tersedia.</source>
        <translation>The response is over. Units still assigned are released and become available again.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="201"/>
        <source>Tutup kejadian</source>
        <translation>Close incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="202"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="203"/>
        <source>&amp;Hasil</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="204"/>
        <source>&amp;Catatan (boleh kosong)</source>
        <translation>&amp;Note (optional)</translation>
    </message>
</context>
<context>
    <name>ComplaintDetailPane</name>
    <message>
        <location filename="../../ui/complaints/detail.py" line="100"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="100"/>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="101"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="101"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="102"/>
        <source>Saluran</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="102"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="105"/>
        <source>Pelapor — RAHASIA, jangan dibacakan di udara</source>
        <translation>Reporter — PRIVATE, never read on air</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="106"/>
        <source>Riwayat (terbaru di atas)</source>
        <translation>History (newest first)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="107"/>
        <source>Catatan (wajib):</source>
        <translation>Note (required):</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="108"/>
        <source>Catatan wajib: apa yang sudah dilakukan</source>
        <translation>Note required: what was done</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="109"/>
        <source>Ubah status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="110"/>
        <source>— status berikutnya —</source>
        <translation>— next status —</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="123"/>
        <source>Pilih tiket untuk melihat rinciannya.</source>
        <translation>Select a ticket to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="153"/>
        <source>dibuat %1 oleh %2 · target %3</source>
        <translation>created %1 by %2 · target %3</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="158"/>
        <source>(panggilan #%1)</source>
        <translation>(call #%1)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/detail.py" line="161"/>
        <source>Nama: %1 · Nomor: %2</source>
        <translation>Name: %1 · Number: %2</translation>
    </message>
</context>
<context>
    <name>ComplaintFilters</name>
    <message>
        <location filename="../../ui/complaints/filters.py" line="94"/>
        <source>Nomor tiket, nomor penelepon, atau kata dari uraian/alamat (Enter)</source>
        <translation>Ticket number, caller&apos;s number, or words from the description/address (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/filters.py" line="95"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/filters.py" line="98"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/filters.py" line="102"/>
        <source>Semua instansi</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/filters.py" line="103"/>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/filters.py" line="104"/>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/filters.py" line="105"/>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <location filename="../../ui/complaints/form.py" line="137"/>
        <source>&amp;Saluran</source>
        <translation>C&amp;hannel</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="137"/>
        <source>&amp;Kategori</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="137"/>
        <source>&amp;Tempat</source>
        <translation>&amp;Place</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="138"/>
        <source>&amp;Uraian masalah</source>
        <translation>&amp;Description of the problem</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="138"/>
        <source>&amp;Nama pelapor</source>
        <translation>Reporter&apos;s &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="138"/>
        <source>N&amp;omor pelapor</source>
        <translation>Reporter&apos;s n&amp;umber</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="143"/>
        <source>Data pelapor — RAHASIA, tidak pernah dibacakan di udara</source>
        <translation>Reporter details — PRIVATE, never read on air</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="145"/>
        <source>boleh kosong</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="146"/>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation>e.g. 0812-3456-7890 (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="148"/>
        <source>Apa masalahnya, sejak kapan, patokan tempatnya…</source>
        <translation>What is wrong, since when, landmarks nearby…</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="149"/>
        <source>Simpan pengaduan</source>
        <translation>Save complaint</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="150"/>
        <source>Simpan pengaduan (Ctrl+Enter)</source>
        <translation>Save complaint (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="151"/>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="174"/>
        <source>— pilih kategori —</source>
        <translation>— choose a category —</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="187"/>
        <source>Diteruskan ke %1 (%2) · target selesai %3 jam</source>
        <translation>Forwarded to %1 (%2) · target: resolved within %3 hours</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="218"/>
        <source>Dari panggilan #%1</source>
        <translation>From call #%1</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="224"/>
        <source>Tiket %1 tersimpan — bacakan ke penelepon</source>
        <translation>Ticket %1 saved — read it back to the caller</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="243"/>
        <source>Tentukan tempat: pilih tempat, cari alamat, klik peta, isi lintang dan bujur, atau tulis alamatnya.</source>
        <translation>Give the place: pick a place, search an address, click the map, enter latitude and longitude, or type the address.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="254"/>
        <source>Pilih kategori pengaduan.</source>
        <translation>Choose a complaint category.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="261"/>
        <source>Tulis uraian masalahnya.</source>
        <translation>Describe the problem.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="265"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="267"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="268"/>
        <source>Nama pelapor</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="272"/>
        <source>%1 terlalu panjang (maksimal %2 karakter).</source>
        <translation>%1 is too long (at most %2 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/form.py" line="277"/>
        <source>Nomor pelapor &quot;%1&quot; tidak dikenali (harus nomor yang bisa ditelepon balik).</source>
        <translation>Reporter&apos;s number &quot;%1&quot; not recognised (it must be a number the desk can call back).</translation>
    </message>
</context>
<context>
    <name>ComplaintLabels</name>
    <message>
        <location filename="../../ui/complaints/labels.py" line="21"/>
        <source>diterima</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="22"/>
        <source>diteruskan ke instansi</source>
        <translation>forwarded to agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="23"/>
        <source>sedang ditangani</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="24"/>
        <source>tuntas</source>
        <translation>resolved</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="25"/>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="30"/>
        <source>telepon</source>
        <translation>phone call</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="31"/>
        <source>datang langsung</source>
        <translation>walk-in</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="32"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="33"/>
        <source>surat</source>
        <translation>letter</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="34"/>
        <source>lainnya</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="43"/>
        <source>%1 hari %2 jam</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="45"/>
        <source>%1 jam %2 mnt</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="55"/>
        <source>⚠ terlambat %1</source>
        <translation>⚠ overdue %1</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="56"/>
        <source>sisa %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="62"/>
        <source>dibacakan di udara: buletin #%1 «%2»</source>
        <translation>read on air: bulletin #%1 «%2»</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="65"/>
        <source>(selesai %1)</source>
        <translation>(ended %1)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="68"/>
        <source>tiket dibuka (%1)</source>
        <translation>ticket opened (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="71"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/labels.py" line="74"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>ComplaintsBoard</name>
    <message>
        <location filename="../../ui/complaints/board.py" line="111"/>
        <source>Tiket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="112"/>
        <source>Dibuat (WITA)</source>
        <translation>Created (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="114"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="116"/>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="118"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="119"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="121"/>
        <source>Batas waktu</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="127"/>
        <source>Muat lebih banyak</source>
        <translation>Load more</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="128"/>
        <source>Tampilkan %1 tiket berikutnya, yang terbaru dulu</source>
        <translation>Show the next %1 tickets, newest first</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="235"/>
        <source>Pilih tiket yang akan diubah statusnya.</source>
        <translation>Select the ticket whose status should change.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="239"/>
        <source>Tiket %1 sudah ditutup (%2); buka tiket baru yang menyebut tiket ini.</source>
        <translation>Ticket %1 is closed (%2); open a new ticket that quotes it.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="244"/>
        <source>Pilih status berikutnya: %1.</source>
        <translation>Choose the next status: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="248"/>
        <source>Tiket %1 tidak bisa pindah dari «%2» ke «%3»; pilih salah satu: %4.</source>
        <translation>Ticket %1 cannot go from «%2» to «%3»; choose one of: %4.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="255"/>
        <source>Tulis catatan dulu (wajib): apa yang sudah dilakukan untuk tiket ini.</source>
        <translation>Write a note first (required): what has been done for this ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints/board.py" line="273"/>
        <source>Tiket %1 sekarang: %2.</source>
        <translation>Ticket %1 is now: %2.</translation>
    </message>
</context>
<context>
    <name>CorrectIncidentDialog</name>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="102"/>
        <source>Koreksi kejadian #%1</source>
        <translation>Correct incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="104"/>
        <source>Tentukan lokasi kejadian #%1</source>
        <translation>Locate incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="105"/>
        <source>&amp;Jenis kejadian</source>
        <translation>Incident &amp;type</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="106"/>
        <source>&amp;Prioritas</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="106"/>
        <source>L&amp;okasi</source>
        <translation>L&amp;ocation</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="108"/>
        <source>Simpan koreksi</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="109"/>
        <source>Simpan koreksi (Ctrl+Enter)</source>
        <translation>Save correction (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="110"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/dialogs.py" line="131"/>
        <source>Tidak ada yang diubah.</source>
        <translation>Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../ui/actions.py" line="171"/>
        <source>&amp;Jawab panggilan</source>
        <translation>&amp;Answer call</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="172"/>
        <source>&amp;Tahan / lanjutkan</source>
        <translation>&amp;Hold / resume</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="173"/>
        <source>T&amp;utup panggilan</source>
        <translation>Hang &amp;up</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="174"/>
        <source>Telepon &amp;balik</source>
        <translation>Call &amp;back</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="175"/>
        <source>&amp;Hapus dari daftar telepon balik…</source>
        <translation>&amp;Take off the callback list…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="176"/>
        <source>Kejadian &amp;baru</source>
        <translation>&amp;New incident</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="177"/>
        <source>Jenis panggilan: darurat</source>
        <translation>Call type: emergency</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="178"/>
        <source>Jenis panggilan: pengaduan</source>
        <translation>Call type: complaint</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="179"/>
        <source>Jenis panggilan: informasi</source>
        <translation>Call type: information</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="180"/>
        <source>Jenis panggilan: iseng</source>
        <translation>Call type: prank</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="181"/>
        <source>Jenis panggilan: diam / terputus</source>
        <translation>Call type: ghost (silent / dropped)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="182"/>
        <source>Jenis panggilan: salah sambung</source>
        <translation>Call type: wrong number</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="184"/>
        <source>&amp;Mengudara (kunci relai studio)</source>
        <translation>&amp;On air (key the studio relay)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="185"/>
        <source>&amp;Selesai mengudara (lepas relai)</source>
        <translation>O&amp;ff air (release the relay)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="186"/>
        <source>&amp;Tugaskan rekomendasi pertama</source>
        <translation>&amp;Assign first recommendation</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="187"/>
        <source>Tambah &amp;catatan pada kejadian</source>
        <translation>Add a &amp;note to the incident</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="188"/>
        <source>&amp;Koreksi kejadian (jenis, prioritas, lokasi)…</source>
        <translation>&amp;Correct incident (type, priority, location)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="189"/>
        <source>T&amp;utup kejadian…</source>
        <translation>C&amp;lose incident…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="190"/>
        <source>B&amp;atalkan kejadian…</source>
        <translation>C&amp;ancel incident…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="191"/>
        <source>Unit dalam &amp;perjalanan</source>
        <translation>Unit &amp;en route</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="192"/>
        <source>Unit di &amp;lokasi</source>
        <translation>Unit &amp;on scene</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="193"/>
        <source>Unit &amp;selesai (tersedia)</source>
        <translation>Unit &amp;clear (available)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="194"/>
        <source>Unit &amp;tidak siaga</source>
        <translation>Unit out of &amp;service</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="195"/>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="196"/>
        <source>Ke panel Panggilan</source>
        <translation>Go to Calls panel</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="197"/>
        <source>Ke Formulir kejadian</source>
        <translation>Go to Incident form</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="198"/>
        <source>Ke Papan kejadian</source>
        <translation>Go to Incidents board</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="199"/>
        <source>Ke Papan unit</source>
        <translation>Go to Units board</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="200"/>
        <source>Ke Rekomendasi</source>
        <translation>Go to Recommendations</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="201"/>
        <source>Ke Rincian kejadian</source>
        <translation>Go to Incident detail</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="202"/>
        <source>Ke Peta</source>
        <translation>Go to Map</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="208"/>
        <source>Ke Instansi &amp;&amp; kategori</source>
        <translation>Go to Agencies &amp;&amp; categories</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="183"/>
        <source>&amp;Pengaduan baru</source>
        <translation>New &amp;complaint</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="203"/>
        <source>Ke Daftar pengaduan</source>
        <translation>Go to Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="204"/>
        <source>Ke Formulir pengaduan</source>
        <translation>Go to Complaint form</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="205"/>
        <source>Ke Buletin</source>
        <translation>Go to Bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="206"/>
        <source>Ke Layar baca studio</source>
        <translation>Go to Studio reading view</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="209"/>
        <source>Penerima panggilan</source>
        <translation>Call-taker</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="210"/>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="211"/>
        <source>Staf radio</source>
        <translation>Radio staff</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="212"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="213"/>
        <source>Kembalikan tata letak bawaan peran ini</source>
        <translation>Restore this role&apos;s default layout</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="214"/>
        <source>Serah terima s&amp;hift…</source>
        <translation>Hand over the s&amp;hift…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="215"/>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="227"/>
        <source>&amp;Meja</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="227"/>
        <source>&amp;Panggilan</source>
        <translation>&amp;Calls</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="228"/>
        <source>&amp;Kejadian</source>
        <translation>&amp;Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="228"/>
        <source>&amp;Unit</source>
        <translation>&amp;Units</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="229"/>
        <source>&amp;Halo Denpasar</source>
        <translation>&amp;Halo Denpasar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="230"/>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="230"/>
        <source>P&amp;eran</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="231"/>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../ui/app.py" line="68"/>
        <source>Telepon tidak aktif: %1</source>
        <translation>Phone not active: %1</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="92"/>
        <source>Mesin telepon sudah berjalan di %1; --listen tidak dipakai</source>
        <translation>The phone engine already runs on %1; --listen not used</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="96"/>
        <source>Mesin telepon memakai basis data lain: %1</source>
        <translation>The phone engine uses another database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Pilih unit di papan unit dulu.</source>
        <translation>Select a unit on the units board first.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>%1 tidak bisa berubah dari &quot;%2&quot; ke &quot;%3&quot;.</source>
        <translation>%1 cannot change from &quot;%2&quot; to &quot;%3&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="426"/>
        <source>Safe Community Desk — Denpasar</source>
        <translation>Safe Community Desk — Denpasar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Panggilan</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>Masuk: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Formulir kejadian</source>
        <translation>Incident form</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="404"/>
        <source>Papan kejadian</source>
        <translation>Incidents board</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="404"/>
        <source>Papan unit</source>
        <translation>Units board</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>Rekomendasi</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>Peta</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>Rincian kejadian</source>
        <translation>Incident detail</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Formulir pengaduan</source>
        <translation>Complaint form</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Buletin</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Layar baca studio</source>
        <translation>Studio reading view</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Instansi &amp; kategori</source>
        <translation>Agencies &amp; categories</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411"/>
        <source>Angka supervisor</source>
        <translation>Supervisor figures</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="420"/>
        <source>Basis data: %1</source>
        <translation>Database: %1</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="20"/>
        <source>Masuk dulu: {permission} perlu operator yang sudah masuk.</source>
        <translation>Sign in first: {permission} needs a signed-in operator.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="22"/>
        <source>Masuk dulu: isi SAFEDESK_OPERATOR dan SAFEDESK_PASSWORD, atau jalankan safedesk login.</source>
        <translation>Sign in first: set SAFEDESK_OPERATOR and SAFEDESK_PASSWORD, or run safedesk login.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="25"/>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="26"/>
        <source>Akun {username} terkunci karena terlalu sering salah sandi: coba lagi {minutes} menit lagi atau minta supervisor membukanya.</source>
        <translation>The account {username} is locked after too many wrong passwords: try again in {minutes} min or ask a supervisor to unlock it.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="29"/>
        <source>Sesi masuk sudah habis: jalankan safedesk login lagi.</source>
        <translation>The saved sign-in has expired: run safedesk login again.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="31"/>
        <source>{operator} ({role}) tidak berwenang {permission}.</source>
        <translation>{operator} ({role}) may not {permission}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="33"/>
        <source>Kata sandi minimal {minimum} karakter.</source>
        <translation>A password needs at least {minimum} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="35"/>
        <source>Kata sandi maksimal {maximum} karakter.</source>
        <translation>A password may have at most {maximum} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="37"/>
        <source>Kata sandi tidak boleh diawali atau diakhiri spasi.</source>
        <translation>A password may not begin or end with a space.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="39"/>
        <source>Berkas kata sandi {path} tidak bisa dibaca.</source>
        <translation>Cannot read the password file {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="41"/>
        <source>Berikan kata sandi dengan --password-file BERKAS (atau - untuk masukan standar).</source>
        <translation>Give the password with --password-file FILE (or - for standard input).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="44"/>
        <source>Kedua kata sandi berbeda.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="45"/>
        <source>Nama pengguna {username}: 2–32 huruf kecil, angka, . _ -, diawali huruf.</source>
        <translation>Username {username}: 2–32 lower-case letters, digits, . _ -, starting with a letter.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="48"/>
        <source>Meja ini sudah punya operator yang bisa masuk.</source>
        <translation>This desk already has operators who can sign in.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="50"/>
        <source>Operator {username} sudah ada.</source>
        <translation>Operator {username} already exists.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="51"/>
        <source>Operator {username} tidak dikenal.</source>
        <translation>No operator {username}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="52"/>
        <source>{username} adalah supervisor terakhir yang bisa masuk.</source>
        <translation>{username} is the last supervisor who can sign in.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="54"/>
        <source>--admin perlu --admin-password-file BERKAS.</source>
        <translation>--admin needs --admin-password-file FILE.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="57"/>
        <source>Kode instansi {agency} harus 2–32 huruf, angka atau _.</source>
        <translation>Agency code {agency} must be 2–32 letters, digits or _.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="59"/>
        <source>Instansi {agency} tidak aktif.</source>
        <translation>Agency {agency} is inactive.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="60"/>
        <source>Instansi perlu nama.</source>
        <translation>An agency needs a name.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="61"/>
        <source>Instansi {agency} tidak dikenal (yang ada: {known}).</source>
        <translation>Unknown agency {agency} (known: {known}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="63"/>
        <source>Instansi {agency} masih menangani {categories}: serahkan kategori itu ke instansi lain dulu.</source>
        <translation>Agency {agency} still handles {categories}: give those categories to another agency first.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="67"/>
        <source>{category} sudah ditangani {agency}.</source>
        <translation>{category} is already handled by {agency}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="70"/>
        <source>Wilayah layanan {area} tidak bisa dipakai: {problem}.</source>
        <translation>Service area {area} cannot be used: {problem}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="72"/>
        <source>Isi lintang dan bujur sekaligus, atau kosongkan keduanya.</source>
        <translation>Give both latitude and longitude, or neither.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="74"/>
        <source>Lintang {lat} ada di utara khatulistiwa; {area} ada di {area_lat}.</source>
        <translation>Latitude {lat} is north of the equator; {area} is at {area_lat}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="76"/>
        <source>Koordinat harus bilangan terhingga.</source>
        <translation>Coordinates must be finite numbers.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="77"/>
        <source>Koordinat harus berupa angka, bukan {lat}, {lon}.</source>
        <translation>Coordinates must be numbers, not {lat}, {lon}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="79"/>
        <source>Nilai {axis} {value} di luar jangkauan ({low} sampai {high}).</source>
        <translation>The {axis} {value} is out of range ({low} to {high}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="81"/>
        <source>{lat}, {lon} berada {distance} di luar wilayah layanan ({area}); untuk panggilan sungguhan dari luar batas, konfirmasikan dulu.</source>
        <translation>{lat}, {lon} is {distance} outside the service area ({area}); for a real call from beyond the border, confirm it first.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="85"/>
        <source>Isi tempatnya (lintang dan bujur), atau nyatakan tempatnya belum diketahui.</source>
        <translation>Give the place (latitude and longitude), or say the place is not known yet.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="88"/>
        <source>{lat} dan {lon} tampaknya tertukar: lintang ditulis lebih dulu ({area} ada di {lon}, {lat}).</source>
        <translation>{lat} and {lon} look swapped: latitude comes first ({area} is at {lon}, {lat}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="92"/>
        <source>Tidak ada tempat bernama {area} di gazetir.</source>
        <translation>No place called {area} in the gazetteer.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="94"/>
        <source>Tempat yang belum diketahui tidak disertai lintang dan bujur.</source>
        <translation>A place not known yet goes without latitude and longitude.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="96"/>
        <source>Bujur {lon} ada di barat Greenwich; {area} ada di {area_lon}.</source>
        <translation>Longitude {lon} is west of Greenwich; {area} is at {area_lon}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="98"/>
        <source>polygon[{index}] bukan pasangan bilangan terhingga.</source>
        <translation>polygon[{index}] is not a pair of finite numbers.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="100"/>
        <source>Sisi dari polygon[{first}] dan dari polygon[{second}] bersilangan atau bertumpuk: poligon tidak boleh memotong dirinya sendiri.</source>
        <translation>The edges from polygon[{first}] and from polygon[{second}] cross or overlap: the polygon must not cross itself.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="104"/>
        <source>Titik-titiknya segaris: poligon tidak punya luas.</source>
        <translation>The points lie on one line: the polygon has no area.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="106"/>
        <source>polygon[{index}] mengulang polygon[{repeats}]: hapus titik yang berulang (cincinnya menutup sendiri).</source>
        <translation>polygon[{index}] repeats polygon[{repeats}]: leave repeated points out (the ring closes by itself).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="110"/>
        <source>Poligon perlu paling sedikit 3 titik, bukan {count}.</source>
        <translation>A polygon needs at least 3 points, not {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="113"/>
        <source>{ticket} sudah ada di buletin #{bulletin}.</source>
        <translation>{ticket} is already in bulletin #{bulletin}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="115"/>
        <source>Buletin #{bulletin} sudah dibacakan di udara dan tetap seperti itu: buat buletin baru.</source>
        <translation>Bulletin #{bulletin} has been read on air and stays as read: make a new bulletin.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="119"/>
        <source>Posisi harus dari 1 sampai {count}.</source>
        <translation>The position must be from 1 to {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="120"/>
        <source>Teks bacaan kosong.</source>
        <translation>The reading text is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="121"/>
        <source>{ticket} tidak ada di buletin #{bulletin}.</source>
        <translation>{ticket} is not in bulletin #{bulletin}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="123"/>
        <source>{ticket} tercantum dua kali.</source>
        <translation>{ticket} is listed twice.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="124"/>
        <source>Buletin perlu judul.</source>
        <translation>A bulletin needs a title.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="125"/>
        <source>Buletin #{bulletin} tidak ada.</source>
        <translation>There is no bulletin #{bulletin}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="126"/>
        <source>Buletin #{bulletin} tidak punya item untuk diekspor.</source>
        <translation>Bulletin #{bulletin} has no items to export.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="128"/>
        <source>Buletin #{bulletin} tidak punya apa pun untuk dibacakan.</source>
        <translation>Bulletin #{bulletin} has nothing to read.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="130"/>
        <source>Teks bacaan memuat nomor telepon, nama pelapor atau nama yang dirahasiakan; semuanya tidak boleh disiarkan.</source>
        <translation>The reading text contains a phone number, the reporter&apos;s name or a name listed as private; none may go on air.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="134"/>
        <source>Nama itu sudah ada di daftar nama yang dirahasiakan.</source>
        <translation>That name is already on the list of private names.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="136"/>
        <source>Nama itu tidak ada di daftar nama yang dirahasiakan.</source>
        <translation>That name is not on the list of private names.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="138"/>
        <source>Nama yang dirahasiakan perlu sedikitnya {minimum} huruf.</source>
        <translation>A private name needs at least {minimum} letters.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="140"/>
        <source>Pembacaan {reading} sudah berakhir ({reason}).</source>
        <translation>Reading {reading} has already ended ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="142"/>
        <source>Siapa yang membaca? Log siaran perlu nama.</source>
        <translation>Who is reading? The on-air log needs a name.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="144"/>
        <source>Pembacaan siaran {reading} tidak ada.</source>
        <translation>There is no on-air reading {reading}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="145"/>
        <source>Pembacaan {reading} masih mengudara: akhiri dulu.</source>
        <translation>Reading {reading} is still on air: end it first.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="148"/>
        <source>Panggilan {call} sudah {status}; tidak bisa dijawab lagi.</source>
        <translation>Call {call} is {status}; it can no longer be answered.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="150"/>
        <source>Panggilan {call} tidak punya nomor penelepon untuk ditelepon balik.</source>
        <translation>Call {call} has no caller number to call back.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="153"/>
        <source>Panggilan perlu SIP Call-ID-nya.</source>
        <translation>A call needs its SIP Call-ID.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="154"/>
        <source>Panggilan {call} tidak ada.</source>
        <translation>There is no call {call}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="155"/>
        <source>{value} bukan jenis panggilan: pilih salah satu dari {allowed}.</source>
        <translation>{value} is not a call type: choose one of {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="157"/>
        <source>Blokir berlaku {minimum} sampai {maximum} jam, bukan {hours}.</source>
        <translation>A block lasts {minimum} to {maximum} hours, not {hours}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="159"/>
        <source>Tuliskan alasan nomor ini diblokir.</source>
        <translation>Say why this number is blocked.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="161"/>
        <source>Nomor {number} sudah diblokir sampai {until}: cabut dulu blokir itu.</source>
        <translation>Number {number} is already blocked until {until}: lift that block first.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="164"/>
        <source>Nomor {number} tidak sedang diblokir.</source>
        <translation>Number {number} is not blocked.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="165"/>
        <source>Panggilan {call} sudah dijawab di desk {desk}.</source>
        <translation>Call {call} was answered at desk {desk}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="166"/>
        <source>Tidak ada panggilan dengan SIP Call-ID {sip_call_id}.</source>
        <translation>No call with SIP Call-ID {sip_call_id}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="168"/>
        <source>Panggilan itu sudah tidak tersambung ke meja ini.</source>
        <translation>That call is no longer connected to this desk.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="170"/>
        <source>Panggilan keluar dijawab oleh yang ditelepon, bukan oleh meja.</source>
        <translation>An outgoing call is answered by the person called, not by the desk.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="172"/>
        <source>Panggilan ini sudah dijawab.</source>
        <translation>This call is already answered.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="173"/>
        <source>Hanya panggilan yang tersambung yang bisa ditahan atau dilanjutkan.</source>
        <translation>Only a connected call can be held or resumed.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="176"/>
        <source>Penelepon menutup telepon sebelum jawaban tersambung.</source>
        <translation>The caller hung up before the answer connected.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="178"/>
        <source>Panggilan sudah diakhiri sebelum jawaban tersambung.</source>
        <translation>The call was ended before the answer connected.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="180"/>
        <source>Entri log panggilan tidak dikenal: {op}.</source>
        <translation>Unknown call log entry: {op}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="182"/>
        <source>Panggilan {call} tidak ada di daftar telepon balik.</source>
        <translation>Call {call} is not on the call-back list.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="184"/>
        <source>Telepon balik belum bisa: meja ini belum punya jalur keluar. Supervisor perlu mengisi pengaturan sip.callback_uri (atau sip.registrar).</source>
        <translation>No call-backs yet: this desk has no outgoing route. A supervisor must set sip.callback_uri (or sip.registrar).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="188"/>
        <source>Pengaturan sip.callback_uri {template} salah: pakai {e164_field} atau {national_field} untuk nomornya.</source>
        <translation>The setting sip.callback_uri {template} is wrong: use {e164_field} or {national_field} for the number.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="192"/>
        <source>Sebutkan mengapa telepon balik tidak diperlukan lagi.</source>
        <translation>Say why the call-back is no longer needed.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="194"/>
        <source>{number} bukan nomor telepon yang bisa ditelepon balik oleh desk.</source>
        <translation>{number} is not a phone number the desk could call back.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="196"/>
        <source>{number} bukan nomor telepon.</source>
        <translation>{number} is not a phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="197"/>
        <source>Masa simpan rekaman tidak boleh negatif.</source>
        <translation>The recording retention period cannot be negative.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="200"/>
        <source>{ticket} sudah berstatus {status}.</source>
        <translation>{ticket} is already {status}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="201"/>
        <source>{ticket} bukan nomor tiket (contohnya HD-2026-000123).</source>
        <translation>{ticket} is not a ticket number (like HD-2026-000123).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="203"/>
        <source>{ticket} tidak bisa berubah dari {before} ke {after}.</source>
        <translation>{ticket} cannot go from {before} to {after}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="205"/>
        <source>{ticket} sudah {status} dan ditutup: buka tiket baru yang merujuknya.</source>
        <translation>{ticket} is {status} and closed: open a new ticket that quotes it.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="208"/>
        <source>Pengaduan perlu uraian masalahnya.</source>
        <translation>A complaint needs a description of the problem.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="210"/>
        <source>Pengaduan perlu tempat: koordinat atau alamat.</source>
        <translation>A complaint needs a place: coordinates or an address.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="212"/>
        <source>Tiket pengaduan {ticket} tidak ada (tiket berbentuk HD-2026-000123).</source>
        <translation>There is no complaint ticket {ticket} (tickets look like HD-2026-000123).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="215"/>
        <source>Perubahan status perlu catatan tentang apa yang sudah dilakukan.</source>
        <translation>A status change needs a note saying what was done.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="217"/>
        <source>Nomor tiket belum bisa dibuat (terlalu banyak desk sekaligus); coba lagi.</source>
        <translation>Could not allocate a ticket number (too many desks at once); try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="220"/>
        <source>Kategori pengaduan {category} tidak dikenal (yang ada: {known}).</source>
        <translation>Unknown complaint category {category} (known: {known}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="222"/>
        <source>Batas hasil harus dari 1 sampai {most}.</source>
        <translation>The result limit must be from 1 to {most}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="224"/>
        <source>{disposition} bukan cara menutup atau membatalkan kejadian ini.</source>
        <translation>{disposition} is not a way to close or cancel this incident.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="226"/>
        <source>Prioritas harus bilangan bulat dari 1 (paling mendesak) sampai 5, bukan {priority}.</source>
        <translation>The priority must be a whole number from 1 (most urgent) to 5, not {priority}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="229"/>
        <source>Kejadian {incident} punya unit di lokasi: tutup kejadiannya, jangan dibatalkan.</source>
        <translation>Incident {incident} has a unit on scene: close it, do not cancel it.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="232"/>
        <source>Kejadian {incident} sudah {status}: tidak bisa diubah lagi.</source>
        <translation>Incident {incident} is {status}: it can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="234"/>
        <source>Catatannya kosong.</source>
        <translation>The note is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="235"/>
        <source>Kejadian {incident} ({type}, {distance_m} m dari sini, dibuka {minutes} menit lalu) tampaknya kejadian yang sama: tambahkan laporan ini ke sana, atau buka kejadian baru bila memang lain.</source>
        <translation>Incident {incident} ({type}, {distance_m} m away, opened {minutes} min ago) looks like the same one: add this report to it, or open a new incident if it is another one.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="240"/>
        <source>Kejadian {incident} tidak ada.</source>
        <translation>There is no incident {incident}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="241"/>
        <source>Kejadian {incident}: tidak ada yang diubah.</source>
        <translation>Incident {incident}: nothing to change.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="243"/>
        <source>Jenis kejadian {type} tidak dikenal.</source>
        <translation>Unknown incident type {type}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="245"/>
        <source>Kejadian {incident} belum punya tempat: tentukan lokasinya dulu, atau kirim unit ke wilayah yang bernama.</source>
        <translation>Incident {incident} has no place yet: locate it first, or send the unit to a named area.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="249"/>
        <source>{callsign} sudah {status}.</source>
        <translation>{callsign} is already {status}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="250"/>
        <source>{callsign} sudah bertugas di kejadian {incident} (dikirim {at}).</source>
        <translation>{callsign} is already on incident {incident} (sent {at}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="252"/>
        <source>{callsign} tidak bisa berubah dari {before} ke {after}.</source>
        <translation>{callsign} cannot go from {before} to {after}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="254"/>
        <source>{callsign} ditugaskan dengan mengirimnya ke sebuah kejadian.</source>
        <translation>{callsign} is dispatched by assigning it to an incident.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="256"/>
        <source>{callsign} sedang {status}, tidak tersedia.</source>
        <translation>{callsign} is {status}, not available.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="258"/>
        <source>Unit {callsign} tidak dikenal.</source>
        <translation>Unknown unit {callsign}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="259"/>
        <source>{callsign} baru saja dikirim ke kejadian {incident} oleh {by}; untuk mengirimnya ke sini, alihkan tugasnya dan sebutkan alasannya.</source>
        <translation>{callsign} was just sent to incident {incident} by {by}; to send it here instead, reassign it and say why.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="263"/>
        <source>{callsign} sedang bertugas di kejadian {incident} (dikirim oleh {by} {at}); untuk mengirimnya ke sini, alihkan tugasnya dan sebutkan alasannya.</source>
        <translation>{callsign} is on incident {incident} (sent by {by} {at}); to send it here instead, reassign it and say why.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="267"/>
        <source>{callsign} baru saja diubah menjadi {status} oleh {by}.</source>
        <translation>{callsign} was just changed to {status} by {by}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="269"/>
        <source>{callsign} baru saja diubah menjadi {status} di kejadian {incident} oleh {by}.</source>
        <translation>{callsign} was just changed to {status} on incident {incident} by {by}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="273"/>
        <source>Proses relai tidak bisa dijalankan: {detail}.</source>
        <translation>The relay process cannot be started: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="275"/>
        <source>Proses relai gagal menjalankan {command}: {detail}.</source>
        <translation>The relay process failed to run {command}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="277"/>
        <source>Proses relai berhenti tiba-tiba (status {status}).</source>
        <translation>The relay process stopped unexpectedly (status {status}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="279"/>
        <source>Proses relai tidak menjawab {command} dalam {timeout} dtk.</source>
        <translation>The relay process did not answer {command} within {timeout} s.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="281"/>
        <source>Batas waktu pengaman siaran harus positif.</source>
        <translation>The on-air safety timeout must be positive.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="283"/>
        <source>Pengaturan radio.channels_on_air: kanal mulai dari 1, bukan {channel}.</source>
        <translation>Setting radio.channels_on_air: channels start at 1, not {channel}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="286"/>
        <source>Pengaturan radio.channels_on_air: {item} bukan nomor kanal.</source>
        <translation>Setting radio.channels_on_air: {item} is not a channel number.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="288"/>
        <source>Pengendali siaran sudah ditutup.</source>
        <translation>The on-air controller is closed.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="289"/>
        <source>Tidak ada kanal relai yang diatur untuk siaran (radio.channels_on_air).</source>
        <translation>No relay channels are configured for on air (radio.channels_on_air).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="292"/>
        <source>Port encoder RDS belum diatur (radio.rds_port).</source>
        <translation>No RDS encoder port is configured (radio.rds_port).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="294"/>
        <source>Perintah RDS {variant} tidak dikenal; pilih rt1 atau text.</source>
        <translation>Unknown RDS command {variant}; choose rt1 or text.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="296"/>
        <source>Kanal {channel} di luar jangkauan: relai {protocol} ini punya kanal 1 sampai {relays}.</source>
        <translation>Channel {channel} is out of range: this {protocol} relay has channels 1 to {relays}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="300"/>
        <source>Relai {protocol} berjumlah 1 sampai {most}, bukan {count}.</source>
        <translation>{protocol} relays number 1 to {most}, not {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="302"/>
        <source>Panjang pulsa harus positif, bukan {ms} ms.</source>
        <translation>The pulse length must be positive, not {ms} ms.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="304"/>
        <source>Relai di {port}: bita status {value} bukan 00 atau 01.</source>
        <translation>Relay on {port}: status byte {value} is neither 00 nor 01.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="306"/>
        <source>ID unit Broadcast Tools adalah 0 sampai 7, bukan {unit}.</source>
        <translation>The Broadcast Tools unit id is 0 to 7, not {unit}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="308"/>
        <source>Port {device} {port} tidak bisa dibuka: {detail}.</source>
        <translation>Cannot open {device} port {port}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="310"/>
        <source>Relai {channel} terbaca {got} tanpa perintah dari desk.</source>
        <translation>Relay {channel} reads {got} behind the desk&apos;s back.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="312"/>
        <source>Relai di {port} melaporkan {count} relai; kanal {channel} tidak termasuk.</source>
        <translation>The relay on {port} reports {count} relays; channel {channel} is not among them.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="315"/>
        <source>Relai di {port} tidak menjawab nyala/mati atas {command}: {reply}.</source>
        <translation>The relay on {port} gave no on/off answer to {command}: {reply}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="317"/>
        <source>Port relai belum diatur (radio.port, mis. /dev/ttyUSB0, COM3 atau socket://host:port).</source>
        <translation>No relay port is configured (radio.port, e.g. /dev/ttyUSB0, COM3 or socket://host:port).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="321"/>
        <source>Relai di {port} tidak mengirim status ({command}) dalam {timeout} dtk.</source>
        <translation>The relay on {port} sent no status ({command}) within {timeout} s.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="324"/>
        <source>Relai tidak tersambung: {fault}.</source>
        <translation>Relay not connected: {fault}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="325"/>
        <source>Relai tidak tersambung saat desk ditutup; kanalnya tidak bisa dipaksa mati.</source>
        <translation>The relay was not connected when the desk closed; its channels could not be forced off.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="328"/>
        <source>Relai tidak tersambung ({fault}); kanalnya dimatikan begitu relai menjawab lagi.</source>
        <translation>Relay not connected ({fault}); its channels will be forced off as soon as it answers again.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="331"/>
        <source>Relai {channel} di {port} terbaca {got} setelah di-set {wanted}.</source>
        <translation>Relay {channel} on {port} reads {got} after switching it {wanted}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="333"/>
        <source>Relai di {port} menolak perintah (EEE).</source>
        <translation>The relay on {port} rejected a command (EEE).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="334"/>
        <source>Perangkat {device} di {port} tidak menjawab perintah {command} dalam {timeout} dtk.</source>
        <translation>The {device} on {port} did not answer the command {command} within {timeout} s.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="337"/>
        <source>--timeout hanya bersama --hold: radio on biasa tidak punya batas waktu pengaman.</source>
        <translation>--timeout only with --hold: a plain radio on has no safety timeout.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="340"/>
        <source>Jumlah relai paling sedikit 1, bukan {count}.</source>
        <translation>There must be at least 1 relay, not {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="342"/>
        <source>Protokol {protocol} tidak dikenal; pilih salah satu dari {known}.</source>
        <translation>Unknown protocol {protocol}; choose one of {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="344"/>
        <source>Perangkat {device} di {port} hilang ({detail}); periksa kabel dan dayanya.</source>
        <translation>The {device} on {port} disappeared ({detail}); check the cable and power.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="347"/>
        <source>Relai di {port}: jawaban status {reply} bukan untuk relai {channel}.</source>
        <translation>Relay on {port}: status reply {reply} is not for relay {channel}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="350"/>
        <source>--tcp perlu HOST:PORT (mis. 127.0.0.1:7000), bukan {text}.</source>
        <translation>--tcp wants HOST:PORT (e.g. 127.0.0.1:7000), not {text}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="352"/>
        <source>Tidak bisa mendengarkan di {host}:{port}: {detail}.</source>
        <translation>Cannot listen on {host}:{port}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="354"/>
        <source>{url} tidak bisa dibuka untuk simulator: {detail}.</source>
        <translation>Cannot open {url} for the simulator: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="356"/>
        <source>Simulator pty memerlukan sistem POSIX; pakai --tcp HOST:PORT.</source>
        <translation>A pty simulator needs a POSIX system; use --tcp HOST:PORT.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="358"/>
        <source>Hanya simulator TCP yang bisa memutus desk.</source>
        <translation>Only a TCP simulator can hang up on the desk.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="360"/>
        <source>Simulasikan lewat TCP atau pada sebuah port, tidak keduanya.</source>
        <translation>Simulate over TCP or attached to a port, not both.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="363"/>
        <source>Bukan URL basis data: {url}.</source>
        <translation>Not a database URL: {url}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="364"/>
        <source>Koneksi kunci singkat memerlukan berkas SQLite.</source>
        <translation>Brief-lock connections need a SQLite file.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="366"/>
        <source>Basis data {dialect} tidak didukung: pakai sqlite atau postgresql.</source>
        <translation>Unsupported database {dialect}: use sqlite or postgresql.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="368"/>
        <source>Tidak bisa menulis {path}: {reason}.</source>
        <translation>Cannot write {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="369"/>
        <source>Berkas seed {source}: service_area: {problem}.</source>
        <translation>Seed file {source}: service_area: {problem}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="371"/>
        <source>Berkas seed {source}: bukan JSON yang sah: {detail}.</source>
        <translation>Seed file {source}: not valid JSON: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="373"/>
        <source>Berkas seed {source}: bukan JSON yang sah pada baris {line} kolom {column}: {detail}.</source>
        <translation>Seed file {source}: not valid JSON at line {line} column {column}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="377"/>
        <source>Berkas seed {source}: {path} bernilai {value}: {rule}.</source>
        <translation>Seed file {source}: {path} is {value}: {rule}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="379"/>
        <source>Berkas seed {source}: lines: {number} bukan nomor telepon.</source>
        <translation>Seed file {source}: lines: {number} is not a phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="381"/>
        <source>Berkas seed {source}: lines: {number} muncul dua kali.</source>
        <translation>Seed file {source}: lines: {number} appears twice.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="383"/>
        <source>Berkas seed {source}: {path} bernilai {value}: {coordinate}.</source>
        <translation>Seed file {source}: {path} is {value}: {coordinate}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="385"/>
        <source>Berkas seed {source}: bukan teks UTF-8.</source>
        <translation>Seed file {source}: not UTF-8 text.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="386"/>
        <source>nilai {axis} harus antara -{limit} dan {limit}</source>
        <translation>the {axis} must be between -{limit} and {limit}</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="388"/>
        <source>prioritas adalah bilangan bulat dari 1 (paling mendesak) sampai 5</source>
        <translation>a priority is a whole number from 1 (most urgent) to 5</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="390"/>
        <source>kecepatan harus lebih dari 0 dan paling tinggi {most} km/jam</source>
        <translation>a speed must be more than 0 and at most {most} km/h</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="392"/>
        <source>target adalah bilangan bulat jam dari 1 sampai {most}</source>
        <translation>a target is a whole number of hours from 1 to {most}</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="394"/>
        <source>Berkas seed {source}: {path}: {detail}.</source>
        <translation>Seed file {source}: {path}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="395"/>
        <source>Berkas seed {source}: {section}: {key} {value} muncul dua kali.</source>
        <translation>Seed file {source}: {section}: {key} {value} appears twice.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="397"/>
        <source>Berkas seed {source}: jenis kejadian {type}: jenis unit {kind} tidak dikenal.</source>
        <translation>Seed file {source}: incident type {type}: unknown unit kind {kind}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="400"/>
        <source>Berkas seed {source}: unit {callsign}: jenis unit {kind} tidak dikenal.</source>
        <translation>Seed file {source}: unit {callsign}: unknown unit kind {kind}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="403"/>
        <source>Berkas seed {source}: kategori pengaduan {category}: instansi {agency} tidak dikenal.</source>
        <translation>Seed file {source}: complaint category {category}: unknown agency {agency}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="407"/>
        <source>Berkas seed {source}: unit {callsign}: pos {station} tidak dikenal.</source>
        <translation>Seed file {source}: unit {callsign}: unknown station {station}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="410"/>
        <source>Berkas seed {source} tidak bisa dibaca ({reason}).</source>
        <translation>Seed file {source}: cannot read it ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="412"/>
        <source>Pengaturan {name} harus antara {low} dan {high}, bukan {value}.</source>
        <translation>The setting {name} must be between {low} and {high}, not {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="415"/>
        <source>sip.allowed_peers: {entry} bukan alamat IP atau jaringan.</source>
        <translation>sip.allowed_peers: {entry} is not an IP address or network.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="417"/>
        <source>Alamat dengar harus HOST:PORT dengan alamat IP, bukan {text}.</source>
        <translation>The listen address must be HOST:PORT with an IP address, not {text}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="419"/>
        <source>Port {port} di luar rentang 0–65535.</source>
        <translation>Port {port} is outside 0–65535.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="420"/>
        <source>Transport harus udp atau tcp, bukan {transport}.</source>
        <translation>The transport must be udp or tcp, not {transport}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="422"/>
        <source>Pesan untuk penelepon yang diblokir ({path}) tidak bisa diputar: {reason}. Pakai berkas WAV PCM 16-bit mono.</source>
        <translation>The message for blocked callers ({path}) cannot be played: {reason}. Use a 16-bit mono PCM WAV file.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="425"/>
        <source>Softphone tidak berjalan.</source>
        <translation>The softphone is not running.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="426"/>
        <source>Softphone berhenti.</source>
        <translation>The softphone stopped.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="428"/>
        <source>Mesin telepon tidak berjalan untuk direktori data ini.</source>
        <translation>No phone engine is running for this data directory.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="430"/>
        <source>Mesin telepon tidak menjawab sapaan.</source>
        <translation>The phone engine did not answer the greeting.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="431"/>
        <source>Tidak ada mesin telepon yang menjawab untuk direktori data ini.</source>
        <translation>No phone engine answered for this data directory.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="433"/>
        <source>Mesin telepon memakai protokol {engine}, jendela ini {window}: mulai ulang mesinnya.</source>
        <translation>The phone engine speaks protocol {engine}, this window {window}: restart the engine.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="437"/>
        <source>Mesin telepon tidak tersambung: perintah tidak terkirim.</source>
        <translation>The phone engine is not connected: the command was not sent.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="439"/>
        <source>Jendela menutup sambungannya ke mesin telepon.</source>
        <translation>The window closed its link to the phone engine.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="441"/>
        <source>Sambungan ke mesin telepon terputus: perintah mungkin tidak sampai.</source>
        <translation>The link to the phone engine was lost: the command may not have arrived.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="444"/>
        <source>Mesin telepon lain sudah berjalan untuk direktori data ini.</source>
        <translation>Another phone engine is already running for this data directory.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="446"/>
        <source>Mesin telepon tidak mengenal perintah {name}.</source>
        <translation>The phone engine does not know the command {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="448"/>
        <source>Argumen perintah {name} untuk mesin telepon salah.</source>
        <translation>The arguments of the phone engine command {name} are wrong.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="450"/>
        <source>Softphone sudah berjalan.</source>
        <translation>The softphone is already running.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="451"/>
        <source>Softphone tidak mulai pada waktunya.</source>
        <translation>The softphone did not start in time.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="453"/>
        <source>Softphone tidak bisa mulai di {transport} {listen}: {reason}.</source>
        <translation>The softphone cannot start on {transport} {listen}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="455"/>
        <source>Softphone tidak bisa dihentikan dari utas SIP-nya sendiri.</source>
        <translation>The softphone cannot be stopped from its own SIP thread.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="457"/>
        <source>Berkas pengaturan {path} bukan TOML yang sah: {detail}.</source>
        <translation>Settings file {path} is not valid TOML: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="459"/>
        <source>Pengaturan {key} dari {origin}: {detail}.</source>
        <translation>Setting {key} from {origin}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="461"/>
        <source>Pengaturan {key} dari {origin}: {value} bukan salah satu dari {allowed}.</source>
        <translation>Setting {key} from {origin}: {value} is not one of {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="465"/>
        <source>Isian {what} lebih panjang dari {limit} karakter.</source>
        <translation>The {what} is longer than {limit} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="467"/>
        <source>Waktunya harus menyertakan zona waktu.</source>
        <translation>The time must carry a time zone.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="468"/>
        <source>{option} {value} bukan tanggal seperti 2026-11-23.</source>
        <translation>{option} {value} is not a date like 2026-11-23.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="470"/>
        <source>{option}: {value} bukan waktu ISO 8601.</source>
        <translation>{option}: {value} is not an ISO 8601 time.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="471"/>
        <source>{value} bukan salah satu dari: {allowed}.</source>
        <translation>{value} is not one of: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="473"/>
        <source>--before harus nomor baris 1 atau lebih, bukan {value}.</source>
        <translation>--before must be a row number of 1 or more, not {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="475"/>
        <source>{value} bukan bulan seperti 2026-11.</source>
        <translation>{value} is not a month like 2026-11.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="478"/>
        <source>Periode berakhir ({last}) sebelum dimulai ({first}).</source>
        <translation>The period ends ({last}) before it starts ({first}).</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="480"/>
        <source>Tidak ada saluran {line}.</source>
        <translation>There is no line {line}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_sentences.py" line="481"/>
        <source>Tidak ada instansi {agency}.</source>
        <translation>There is no agency {agency}.</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_messages.py" line="46"/>
        <source>belum ada — jalankan safedesk init</source>
        <translation>none yet — run safedesk init</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_messages.py" line="52"/>
        <source>koordinat harus bilangan terhingga</source>
        <translation>coordinates must be finite numbers</translation>
    </message>
    <message>
        <location filename="../../ui/qt/domain_messages.py" line="53"/>
        <source>bilangan harus terhingga</source>
        <translation>numbers must be finite</translation>
    </message>
</context>
<context>
    <name>EngineStatus</name>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="58"/>
        <source>Mesin telepon terputus; menyambung ulang…</source>
        <translation>Phone engine disconnected; reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="60"/>
        <source>Mesin telepon belum tersambung; menunggu…</source>
        <translation>Phone engine not connected yet; waiting…</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="64"/>
        <source>Panggilan dicatat di jurnal: basis data tidak tersedia (%1)</source>
        <translation>Calls are being journaled: database unavailable (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="69"/>
        <source>disk penuh</source>
        <translation>disk full</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="70"/>
        <source>server basis data berhenti</source>
        <translation>database server stopped</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="71"/>
        <source>server basis data tak terjangkau</source>
        <translation>database server not reachable</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="72"/>
        <source>basis data dikunci program lain</source>
        <translation>database locked by another program</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="73"/>
        <source>sambungan basis data terputus</source>
        <translation>database connection lost</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="81"/>
        <source>Mesin telepon tersambung kembali.</source>
        <translation>Phone engine connected again.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/engine_status.py" line="94"/>
        <source>Basis data tersedia lagi; semua panggilan dari jurnal sudah dicatat.</source>
        <translation>Database available again; every journaled call is now logged.</translation>
    </message>
</context>
<context>
    <name>HeadsetBridge</name>
    <message>
        <location filename="../../ui/headset/bridge.py" line="192"/>
        <source>tidak ada perangkat audio yang terhubung; panggilan tetap berlanjut tanpanya</source>
        <translation>no audio device is connected; the call goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/headset/bridge.py" line="197"/>
        <source>“{0}” tidak terhubung; memakai “{1}” sebagai gantinya</source>
        <translation>“{0}” is not connected; using “{1}” instead</translation>
    </message>
    <message>
        <location filename="../../ui/headset/bridge.py" line="236"/>
        <source>“{0}” terputus; tidak ada perangkat audio lain, panggilan tetap berlanjut tanpanya</source>
        <translation>“{0}” was disconnected; no other audio device, the call goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/headset/bridge.py" line="240"/>
        <source>“{0}” terputus; sekarang memakai “{1}”</source>
        <translation>“{0}” was disconnected; using “{1}” now</translation>
    </message>
    <message>
        <location filename="../../ui/headset/bridge.py" line="259"/>
        <source>“{0}” berhenti berfungsi ({1}); panggilan tetap berlanjut tanpanya</source>
        <translation>“{0}” stopped working ({1}); the call goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/headset/bridge.py" line="263"/>
        <source>Speaker headset</source>
        <translation>Headset earpiece</translation>
    </message>
    <message>
        <location filename="../../ui/headset/bridge.py" line="264"/>
        <source>Mikrofon headset</source>
        <translation>Headset microphone</translation>
    </message>
</context>
<context>
    <name>IncidentConfirm</name>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="40"/>
        <source>Safe Community Desk</source>
        <translation>Safe Community Desk</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="70"/>
        <source>Penelepon memang di luar wilayah layanan? Simpan tetap?</source>
        <translation>Is the caller really outside the service area? Save anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="72"/>
        <source>Simpan tetap</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="73"/>
        <source>Perbaiki lokasi</source>
        <translation>Fix the location</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="77"/>
        <source>Ini tampaknya salah ketik, jadi lokasi ini tidak disimpan. Pakai lokasi yang dimaksud? (Belum disimpan: periksa lalu simpan lagi.)</source>
        <translation>This looks like a typing slip, so this location is not saved. Use the location meant? (Not saved yet: check it, then save again.)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="80"/>
        <source>Pakai %1, %2</source>
        <translation>Use %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/confirm.py" line="82"/>
        <source>Perbaiki sendiri</source>
        <translation>Fix it myself</translation>
    </message>
</context>
<context>
    <name>IncidentDetailPanel</name>
    <message>
        <location filename="../../ui/incidents/detail.py" line="167"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="169"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="171"/>
        <source>Ditugaskan</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="172"/>
        <source>Berangkat</source>
        <translation>En route</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="173"/>
        <source>Tiba</source>
        <translation>On scene</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="174"/>
        <source>Lepas</source>
        <translation>Cleared</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="178"/>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="179"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="180"/>
        <source>Catatan penerima</source>
        <translation>Call-taker&apos;s notes</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="180"/>
        <source>Panggilan</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="181"/>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="179"/>
        <source>Penelepon / telp. balik</source>
        <translation>Caller / call back</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="184"/>
        <source>Unit yang dikirim (jam WITA)</source>
        <translation>Units sent (times WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="185"/>
        <source>Kronologi (terbaru di atas)</source>
        <translation>Timeline (newest first)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="186"/>
        <source>Catatan baru: kabar dari penelepon atau unit…</source>
        <translation>New note: news from the caller or a unit…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="187"/>
        <source>Tambah catatan</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="188"/>
        <source>Tambah catatan (Enter; dari mana saja: %1)</source>
        <translation>Add note (Enter; from anywhere: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="190"/>
        <source>Koreksi…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="192"/>
        <source>Koreksi jenis, prioritas atau lokasi (%1)</source>
        <translation>Correct type, priority or location (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="193"/>
        <source>Tutup…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="194"/>
        <source>Tutup kejadian: penanganan selesai (%1)</source>
        <translation>Close the incident: the response is over (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="196"/>
        <source>Batalkan…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="198"/>
        <source>Batalkan kejadian: laporan palsu, duplikat, iseng (%1)</source>
        <translation>Cancel the incident: false alarm, duplicate, prank (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="201"/>
        <source>⚠ Lokasi belum diketahui: tentukan lewat Koreksi (%1). Sampai itu, unit hanya bisa dikirim ke daerah yang dipilih di Rekomendasi.</source>
        <translation>⚠ Location not known yet: set it with Correct (%1). Until then, units can only be sent to an area chosen in Recommendations.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="256"/>
        <source>Pilih kejadian di papan kejadian.</source>
        <translation>Choose an incident on the incidents board.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="294"/>
        <source>tidak dari panggilan (dibuat manual)</source>
        <translation>not from a call (made by hand)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="295"/>
        <source>%1 oleh %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="306"/>
        <source>membuka kejadian</source>
        <translation>opened the incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="307"/>
        <source>laporan tambahan</source>
        <translation>another report</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="322"/>
        <location filename="../../ui/incidents/detail.py" line="336"/>
        <location filename="../../ui/incidents/detail.py" line="344"/>
        <source>Pilih kejadian di papan kejadian dulu.</source>
        <translation>Choose an incident on the incidents board first.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="329"/>
        <source>Kejadian #%1 sudah %2: tidak bisa diubah lagi.</source>
        <translation>Incident #%1 is already %2: it can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="347"/>
        <source>Tulis catatannya dulu.</source>
        <translation>Write the note first.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="362"/>
        <source>Catatan ditambahkan ke kejadian #%1.</source>
        <translation>Note added to incident #%1.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="396"/>
        <source>Lokasi kejadian #%1 sudah ditentukan.</source>
        <translation>Incident #%1 is located.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="399"/>
        <source>Kejadian #%1 dikoreksi.</source>
        <translation>Incident #%1 corrected.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="416"/>
        <source>Lokasi diperbaiki; periksa lalu simpan.</source>
        <translation>Location fixed; check it, then save.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="456"/>
        <source>Kejadian #%1 dibatalkan: %2.</source>
        <translation>Incident #%1 cancelled: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/detail.py" line="457"/>
        <source>Kejadian #%1 ditutup: %2.</source>
        <translation>Incident #%1 closed: %2.</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../ui/incidents/form.py" line="111"/>
        <source>&amp;Nomor penelepon</source>
        <translation>Caller &amp;number</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="111"/>
        <source>&amp;Jenis kejadian</source>
        <translation>Incident &amp;type</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="111"/>
        <source>&amp;Prioritas</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="112"/>
        <source>L&amp;okasi</source>
        <translation>L&amp;ocation</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="112"/>
        <source>&amp;Catatan</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="115"/>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation>e.g. 0812-3456-7890 (may be empty)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="116"/>
        <source>1 paling mendesak; bawaan dari jenis kejadian</source>
        <translation>1 is most urgent; defaults from the incident type</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="117"/>
        <source>Apa kata penelepon: korban, bahaya, patokan…</source>
        <translation>What the caller said: casualties, hazards, landmarks…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="118"/>
        <source>Lokasi belum &amp;diketahui</source>
        <translation>Location not &amp;known</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="120"/>
        <source>Penelepon tidak tahu di mana ia berada: simpan sekarang, tentukan lokasinya nanti (Koreksi di rincian kejadian). Unit hanya bisa dikirim ke daerah yang dipilih.</source>
        <translation>The caller does not know where they are: save now, locate it later (Correct in the incident detail). Units can only be sent to a chosen area.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="122"/>
        <source>Simpan kejadian</source>
        <translation>Save incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="123"/>
        <source>Simpan kejadian (Ctrl+Enter)</source>
        <translation>Save incident (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="124"/>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="125"/>
        <source>Mulai formulir baru (Ctrl+N)</source>
        <translation>Start a new form (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="144"/>
        <source>— pilih jenis —</source>
        <translation>— choose a type —</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="170"/>
        <source>Dari panggilan #%1</source>
        <translation>From call #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="189"/>
        <source>Pilih jenis kejadian.</source>
        <translation>Choose the incident type.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="193"/>
        <source>Tentukan lokasi: pilih tempat, cari alamat, klik peta, isi lintang dan bujur, atau centang &quot;Lokasi belum diketahui&quot;.</source>
        <translation>Set the location: choose a place, search an address, click the map, type latitude and longitude, or tick &quot;Location not known&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="202"/>
        <source>Nomor penelepon &quot;%1&quot; tidak dikenali.</source>
        <translation>Caller number &quot;%1&quot; is not recognised.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="206"/>
        <source>Catatan terlalu panjang (maksimal %1 karakter).</source>
        <translation>Notes are too long (at most %1 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="247"/>
        <source>Lokasi diperbaiki; periksa lalu simpan (Ctrl+Enter).</source>
        <translation>Location fixed; check it, then save (Ctrl+Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="262"/>
        <source>Kejadian #%1 tersimpan tanpa lokasi: tentukan lokasinya lewat Koreksi di rincian kejadian.</source>
        <translation>Incident #%1 saved without a location: locate it with Correct in the incident detail.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/form.py" line="265"/>
        <source>Kejadian #%1 tersimpan.</source>
        <translation>Incident #%1 saved.</translation>
    </message>
</context>
<context>
    <name>IncidentLabels</name>
    <message>
        <location filename="../../ui/incidents/labels.py" line="30"/>
        <source>ditangani</source>
        <translation>handled</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="31"/>
        <source>diteruskan ke instansi lain</source>
        <translation>referred to another agency</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="32"/>
        <source>tidak perlu tindakan</source>
        <translation>no action needed</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="33"/>
        <source>laporan palsu / salah</source>
        <translation>false alarm</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="34"/>
        <source>duplikat kejadian lain</source>
        <translation>duplicate of another incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="35"/>
        <source>panggilan iseng</source>
        <translation>prank call</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="36"/>
        <source>dibatalkan penelepon</source>
        <translation>cancelled by the caller</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="48"/>
        <source>sudah lepas</source>
        <translation>cleared</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="53"/>
        <source>⚠ lokasi belum diketahui</source>
        <translation>⚠ location not known yet</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="72"/>
        <source>dibuat</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="73"/>
        <source>catatan</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="74"/>
        <source>koreksi</source>
        <translation>correction</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="75"/>
        <source>lokasi ditemukan</source>
        <translation>located</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="76"/>
        <source>laporan tambahan</source>
        <translation>another report</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="77"/>
        <source>unit</source>
        <translation>unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="78"/>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="103"/>
        <source>jenis</source>
        <translation>type</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="104"/>
        <source>prioritas</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="105"/>
        <source>lintang</source>
        <translation>latitude</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="106"/>
        <source>bujur</source>
        <translation>longitude</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="107"/>
        <source>alamat</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="117"/>
        <source>(belum diketahui)</source>
        <translation>(not known)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="129"/>
        <source>panggilan #%1</source>
        <translation>call #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="130"/>
        <source>tanpa panggilan</source>
        <translation>without a call</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="137"/>
        <source>%1 lepas dari kejadian</source>
        <translation>%1 cleared from the incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="142"/>
        <source>ke %1 (lokasi belum diketahui)</source>
        <translation>to %1 (location not known yet)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/labels.py" line="150"/>
        <source>dipindah ke kejadian #%1</source>
        <translation>moved to incident #%1</translation>
    </message>
</context>
<context>
    <name>IncidentsBoard</name>
    <message>
        <location filename="../../ui/incidents/boards.py" line="57"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="58"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="60"/>
        <source>Prioritas %1 (1 paling mendesak)</source>
        <translation>Priority %1 (1 is most urgent)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="62"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="65"/>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="67"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="68"/>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="71"/>
        <source>Penelepon belum tahu lokasinya: tentukan lewat Koreksi di rincian kejadian; unit hanya bisa dikirim ke daerah yang dipilih.</source>
        <translation>The caller did not know the location: set it with Correct in the incident detail; units can only be sent to a chosen area.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="103"/>
        <source>Muat lebih banyak</source>
        <translation>Load more</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="104"/>
        <source>Tampilkan %1 kejadian selesai berikutnya, yang terbaru dulu</source>
        <translation>Show the next %1 finished incidents, newest first</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>tersedia</source>
        <translation>available</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>ditugaskan</source>
        <translation>dispatched</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>dalam perjalanan</source>
        <translation>en route</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>di lokasi</source>
        <translation>on scene</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>tidak siaga</source>
        <translation>out of service</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>terbuka</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>unit dikirim</source>
        <translation>unit dispatched</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>unit di lokasi</source>
        <translation>unit on scene</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>selesai</source>
        <comment>incident status</comment>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>berdering</source>
        <translation>ringing</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>selesai</source>
        <comment>call status</comment>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>tak terjawab</source>
        <translation>abandoned</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>tak terjawab (waktu habis)</source>
        <translation>unanswered (timed out)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>Penerima panggilan</source>
        <translation>Call-taker</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Staf radio</source>
        <translation>Radio staff</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>menerima panggilan</source>
        <translation>answer calls</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>membuat dan mengubah kejadian</source>
        <translation>create and edit incidents</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70"/>
        <source>mengirim unit</source>
        <translation>assign units</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>mengubah status unit</source>
        <translation>change unit status</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>mengubah pengaduan</source>
        <translation>edit complaints</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>mengatur instansi</source>
        <translation>set agencies</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>siaran</source>
        <translation>go on air</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>menghapus rekaman</source>
        <translation>purge recordings</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>mengubah pos dan unit</source>
        <translation>edit stations and units</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>mengatur operator</source>
        <translation>edit operators</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>membaca jejak audit</source>
        <translation>read the audit trail</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>memblokir nomor penelepon</source>
        <translation>block callers&apos; numbers</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>membaca statistik dan laporan</source>
        <translation>read the statistics and reports</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87"/>
        <source>panggilan</source>
        <translation>call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88"/>
        <source>kejadian</source>
        <translation>incident</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>pengaduan</source>
        <translation>complaint</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>panggilan masuk</source>
        <translation>incoming call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="107"/>
        <source>panggilan keluar</source>
        <translation>outgoing call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="113"/>
        <source>Darurat</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>Halo Denpasar</source>
        <translation>Halo Denpasar</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="120"/>
        <source>posisi terakhir</source>
        <translation>last position</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="121"/>
        <source>pos</source>
        <translation>station</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125"/>
        <source>nomor disembunyikan</source>
        <translation>number withheld</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="131"/>
        <source>privat</source>
        <translation>private</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="151"/>
        <source>%1 mnt %2 dtk</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="156"/>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="171"/>
        <source>menunggu telepon balik</source>
        <translation>waiting for a call back</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="172"/>
        <source>sudah ditelepon balik</source>
        <translation>called back</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="173"/>
        <source>dihapus dari daftar</source>
        <translation>taken off the list</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="178"/>
        <source>draf</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="179"/>
        <source>siap</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="180"/>
        <source>sudah disiarkan</source>
        <translation>read on air</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="187"/>
        <location filename="../../ui/labels.py" line="188"/>
        <source>catatan</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="189"/>
        <source>alasan</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="190"/>
        <source>judul</source>
        <translation>title</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="191"/>
        <source>teks bacaan</source>
        <translation>reading text</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="192"/>
        <source>uraian</source>
        <translation>description</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="193"/>
        <source>alamat</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="194"/>
        <source>nama pelapor</source>
        <translation>reporter name</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="195"/>
        <source>nama instansi</source>
        <translation>agency name</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="196"/>
        <source>telepon instansi</source>
        <translation>agency phone</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="202"/>
        <source>lintang</source>
        <translation>latitude</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="203"/>
        <source>bujur</source>
        <translation>longitude</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="209"/>
        <source>nyala</source>
        <comment>relay state</comment>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="210"/>
        <source>mati</source>
        <comment>relay state</comment>
        <translation>off</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="211"/>
        <source>tanpa jawaban</source>
        <comment>relay state</comment>
        <translation>nothing</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="216"/>
        <source>relai</source>
        <translation>relay</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="217"/>
        <source>encoder RDS</source>
        <translation>RDS encoder</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="223"/>
        <source>selesai mengudara</source>
        <translation>off air</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="224"/>
        <source>batas waktu pengaman</source>
        <translation>safety timeout</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="225"/>
        <source>gangguan relai</source>
        <translation>relay fault</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="226"/>
        <source>desk ditutup</source>
        <translation>desk closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="233"/>
        <source>baris perintah</source>
        <translation>the command line</translation>
    </message>
</context>
<context>
    <name>LocationPicker</name>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="124"/>
        <source>Nama tempat: kecamatan, desa/kelurahan, landmark… (Enter: cari alamat)</source>
        <translation>Place name: district, village, landmark… (Enter: search address)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="125"/>
        <source>Cari alamat</source>
        <translation>Search address</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="126"/>
        <source>Cari alamat lewat geocoder (Ctrl+G)</source>
        <translation>Search the address with the geocoder (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="128"/>
        <source>Lintang</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="129"/>
        <source>Bujur</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="132"/>
        <source>Lokasi terakhir penelepon</source>
        <translation>Caller&apos;s last location</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="189"/>
        <source>Alamat tidak ditemukan; coba nama lain atau klik peta.</source>
        <translation>Address not found; try another name or click the map.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="216"/>
        <source>Belum ada lokasi tersimpan untuk nomor ini (Ctrl+Shift+L)</source>
        <translation>No location saved for this number yet (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="218"/>
        <source>Lokasi dari %1 (Ctrl+Shift+L)</source>
        <translation>Location from %1 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="242"/>
        <source>dekat %1</source>
        <translation>near %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="245"/>
        <source>gazetteer</source>
        <translation>gazetteer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="245"/>
        <source>pencarian alamat</source>
        <translation>address search</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="246"/>
        <source>klik di peta</source>
        <translation>map click</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="246"/>
        <source>lokasi terakhir penelepon</source>
        <translation>caller&apos;s last location</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="250"/>
        <source>Sumber lokasi: %1</source>
        <translation>Location source: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="267"/>
        <source>Lintang tidak valid: &quot;%1&quot; (harus angka antara -90 dan 90).</source>
        <translation>Invalid latitude: &quot;%1&quot; (must be a number from -90 to 90).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/location_picker.py" line="270"/>
        <source>Bujur tidak valid: &quot;%1&quot; (harus angka antara -180 dan 180).</source>
        <translation>Invalid longitude: &quot;%1&quot; (must be a number from -180 to 180).</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../ui/map/panel.py" line="103"/>
        <source>Peta tidak dapat dibuat: %1</source>
        <translation>The map could not be built: %1</translation>
    </message>
    <message>
        <location filename="../../ui/map/panel.py" line="108"/>
        <source>Peta tidak aktif di meja ini (pengaturan ui.map).</source>
        <translation>The map is off on this desk (setting ui.map).</translation>
    </message>
    <message>
        <location filename="../../ui/map/panel.py" line="110"/>
        <source>Peta sedang dimuat…</source>
        <translation>Loading the map…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/map/panel.py" line="139"/>
        <source>%n kejadian tanpa lokasi (tidak ada di peta)</source>
        <translation>
            <numerusform>%n incident without a place (not on the map)</numerusform>
            <numerusform>%n incidents without a place (not on the map)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/map/panel.py" line="142"/>
        <source>#%1 yang dipilih belum punya lokasi</source>
        <translation>the selected #%1 has no place yet</translation>
    </message>
</context>
<context>
    <name>OnAirLink</name>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="68"/>
        <source>Relai studio sedang dibuka…</source>
        <translation>Opening the studio relay…</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="138"/>
        <source>Relai studio tidak diatur (radio.port kosong).</source>
        <translation>No studio relay configured (radio.port is empty).</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="149"/>
        <source>Relai studio tidak bisa dipakai: %1</source>
        <translation>The studio relay cannot be used: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/studio/on_air_link.py" line="166"/>
        <source>%n pembacaan yang tertinggal di udara ditutup sebagai gangguan.</source>
        <translation>
            <numerusform>%n reading left on air was closed as a fault.</numerusform>
            <numerusform>%n readings left on air were closed as faults.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="176"/>
        <source>Sudah di udara: tekan Selesai (Off air) dulu.</source>
        <translation>Already on air: press Off air first.</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="179"/>
        <source>Relai tidak tersambung: %1</source>
        <translation>The relay is not connected: %1</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="225"/>
        <source>RadioText tidak terkirim: %1</source>
        <translation>RadioText not sent: %1</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="230"/>
        <source>Tidak bisa mengudara: %1</source>
        <translation>Cannot go on air: %1</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="237"/>
        <source>Lepas udara belum terkonfirmasi: %1</source>
        <translation>Off air not confirmed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="258"/>
        <source>Batas waktu pengaman (%1 dtk) habis: relai dilepas.</source>
        <translation>Safety timeout (%1 s) reached: the relay was released.</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="264"/>
        <source>Gangguan relai: %1</source>
        <translation>Relay fault: %1</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="267"/>
        <source>Relai tersambung lagi; semua kanal dimatikan.</source>
        <translation>Relay connected again; every channel switched off.</translation>
    </message>
    <message>
        <location filename="../../ui/studio/on_air_link.py" line="300"/>
        <source>Pembacaan tidak bisa dicatat (%1); relai dilepas.</source>
        <translation>The reading could not be logged (%1); the relay was released.</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="26"/>
        <source>Tutup meja?</source>
        <translation>Close the desk?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/calls/quit_question.py" line="29"/>
        <source>%n panggilan berdering</source>
        <translation>
            <numerusform>%n call ringing</numerusform>
            <numerusform>%n calls ringing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/calls/quit_question.py" line="31"/>
        <source>%n panggilan tersambung atau ditahan</source>
        <translation>
            <numerusform>%n call connected or on hold</numerusform>
            <numerusform>%n calls connected or on hold</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="32"/>
        <source>Masih ada %1.</source>
        <translation>There are still %1.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="32"/>
        <source> dan </source>
        <translation> and </translation>
    </message>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="33"/>
        <source>Jika meja ditutup, mesin telepon tetap berjalan.</source>
        <translation>If the desk closes, the phone engine keeps running.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/calls/quit_question.py" line="36"/>
        <source>Panggilan yang berdering terus berdering; bila tidak dijawab dalam %n detik, mesin mengakhirinya dan memasukkannya ke daftar telepon balik.</source>
        <translation>
            <numerusform>Ringing calls go on ringing; one not answered within %n second is ended by the engine and put on the callback list.</numerusform>
            <numerusform>Ringing calls go on ringing; one not answered within %n seconds is ended by the engine and put on the callback list.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="41"/>
        <source>Penelepon yang tersambung tetap di saluran, tetapi tidak ada yang mendengar mereka (headset milik jendela ini) sampai mereka menutup telepon atau meja dibuka lagi di komputer ini.</source>
        <translation>Connected callers stay on the line, but nobody hears them (the headset belongs to this window) until they hang up or the desk is opened again on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="45"/>
        <source>Tutup meja</source>
        <translation>Close the desk</translation>
    </message>
    <message>
        <location filename="../../ui/calls/quit_question.py" line="47"/>
        <source>Jangan tutup</source>
        <translation>Don&apos;t close</translation>
    </message>
</context>
<context>
    <name>ReadingTextEditor</name>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="49"/>
        <source>Teks bacaan</source>
        <translation>Reading text</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="51"/>
        <source>Pilih item untuk melihat teks bacaannya.</source>
        <translation>Choose an item to see its reading text.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="52"/>
        <source>Simpan teks</source>
        <translation>Save text</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="53"/>
        <source>Kembali ke draf</source>
        <translation>Back to the draft</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="54"/>
        <source>Buang teks sendiri dan pakai draf dari desk</source>
        <translation>Discard the own wording and use the desk&apos;s draft</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="94"/>
        <source>Buletin ini sudah disiarkan dan tetap seperti saat dibacakan; buat buletin baru untuk mengubah.</source>
        <translation>This bulletin has been read on air and stays as it was read; make a new bulletin to change it.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="97"/>
        <source>%1: teks diubah penyiar</source>
        <translation>%1: text edited by the presenter</translation>
    </message>
    <message>
        <location filename="../../ui/bulletins/reading_text_editor.py" line="98"/>
        <source>%1: draf dari desk</source>
        <translation>%1: draft by the desk</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="110"/>
        <source>Siaran (On air)</source>
        <translation>On air</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="111"/>
        <source>Kunci relai studio dan catat pembacaan</source>
        <translation>Key the studio relay and log the reading</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="112"/>
        <source>Selesai (Off air)</source>
        <translation>Off air</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="113"/>
        <source>Lepas relai studio dan tutup catatan pembacaan</source>
        <translation>Release the studio relay and close the reading log</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="114"/>
        <source>Ctrl+Plus / Ctrl+Minus: perbesar / perkecil huruf</source>
        <translation>Ctrl+Plus / Ctrl+Minus: larger / smaller text</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="135"/>
        <source>Pilih buletin yang akan dibacakan dulu.</source>
        <translation>Choose the bulletin to read first.</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="138"/>
        <source>Buletin ini kosong: tidak ada yang dibacakan.</source>
        <translation>This bulletin is empty: there is nothing to read.</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="195"/>
        <source>Belum ada buletin dipilih</source>
        <translation>No bulletin chosen yet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/studio/reading_view.py" line="198"/>
        <source>Buletin #%1 — %2 (%n item)</source>
        <translation>
            <numerusform>Bulletin #%1 — %2 (%n item)</numerusform>
            <numerusform>Bulletin #%1 — %2 (%n items)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="209"/>
        <source>DI UDARA</source>
        <translation>ON AIR</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="209"/>
        <source>TIDAK DI UDARA</source>
        <translation>OFF AIR</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="215"/>
        <source>Terverifikasi: relai dibaca balik dari perangkat</source>
        <translation>Verified: the relay was read back from the device</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="216"/>
        <source>Tanpa verifikasi: perangkat ini tidak bisa dibaca balik</source>
        <translation>Not verified: this device cannot be read back</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="219"/>
        <source>GANGGUAN RELAI: %1</source>
        <translation>RELAY FAULT: %1</translation>
    </message>
    <message>
        <location filename="../../ui/studio/reading_view.py" line="242"/>
        <source>Lepas otomatis dalam %1</source>
        <translation>Automatic release in %1</translation>
    </message>
</context>
<context>
    <name>RecommendPanel</name>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="123"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="124"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="125"/>
        <source>Perkiraan tiba</source>
        <translation>ETA</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="127"/>
        <source>Jarak</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="129"/>
        <source>Berangkat dari</source>
        <translation>Starts from</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="131"/>
        <source>Pos</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="135"/>
        <source>Tugaskan unit terpilih</source>
        <translation>Assign the selected unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="136"/>
        <source>Enter: tugaskan unit terpilih · F9: tugaskan rekomendasi pertama</source>
        <translation>Enter: assign the selected unit · F9: assign the first recommendation</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="138"/>
        <source>Dae&amp;rah tujuan:</source>
        <translation>Dest&amp;ination area:</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="140"/>
        <source>kecamatan, desa/kelurahan, landmark…</source>
        <translation>district, village, landmark…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="147"/>
        <source>Pilih kejadian di papan kejadian.</source>
        <translation>Select an incident on the incidents board.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="150"/>
        <source>Lokasi kejadian #%1 belum diketahui: tidak ada peringkat dari tempat karangan. Pilih daerah tujuan, lalu F9 mengirim unit terdekat ke sana.</source>
        <translation>Incident #%1 has no location yet: no ranking from a made-up place. Choose a destination area, then F9 sends the nearest unit there.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="155"/>
        <source>Lokasi kejadian #%1 belum diketahui: unit terdekat ke %2</source>
        <translation>Incident #%1 has no location yet: units nearest to %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="158"/>
        <source>Unit terdekat untuk kejadian #%1</source>
        <translation>Nearest units for incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="225"/>
        <source>Tidak ada unit tersedia dari jenis yang dibutuhkan.</source>
        <translation>No unit of the needed kind is available.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="245"/>
        <source>Daerah &quot;%1&quot; tidak ada di daftar tempat.</source>
        <translation>There is no area &quot;%1&quot; in the list of places.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="275"/>
        <source>Belum ada rekomendasi untuk ditugaskan.</source>
        <translation>No recommendation to assign yet.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="290"/>
        <source>Lokasi kejadian #%1 belum diketahui: pilih daerah tujuan dulu.</source>
        <translation>Incident #%1 has no location yet: choose a destination area first.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="299"/>
        <source>Pilih kejadian dulu.</source>
        <translation>Select an incident first.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="319"/>
        <source>Lokasi kejadian #%1 belum diketahui: kirim %2 ke %3?</source>
        <translation>Incident #%1 has no location yet: send %2 to %3?</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="324"/>
        <source>Kejadian #%1 sudah punya unit %2: kirim satu lagi?</source>
        <translation>Incident #%1 already has %2: send one more?</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="331"/>
        <source>Kirim %1</source>
        <translation>Send %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="331"/>
        <source>Jangan kirim</source>
        <translation>Don&apos;t send</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="341"/>
        <source>Tidak ada unit yang dikirim.</source>
        <translation>No unit was sent.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/recommend_panel.py" line="360"/>
        <source>%1 ditugaskan ke kejadian #%2</source>
        <translation>%1 assigned to incident #%2</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin/dialog.py" line="78"/>
        <source>Supervisor pertama</source>
        <translation>First supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="80"/>
        <source>Belum ada operator yang bisa masuk ke meja ini. Buat akun supervisor pertama; supervisor lalu menambah operator lain.</source>
        <translation>No operator can sign in to this desk yet. Create the first supervisor account; the supervisor then adds the other operators.</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="83"/>
        <source>Serah terima shift</source>
        <translation>Shift handover</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="85"/>
        <source>%1 menyerahkan meja. Operator berikutnya masuk; panggilan tetap tersambung.</source>
        <translation>%1 is handing over the desk. The next operator signs in; calls stay connected.</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="88"/>
        <source>Masuk — Safe Community Desk</source>
        <translation>Sign in — Safe Community Desk</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="89"/>
        <source>Masuk dengan nama pengguna dan kata sandi Anda.</source>
        <translation>Sign in with your username and password.</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="90"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="91"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="92"/>
        <source>Ulangi kata sandi</source>
        <translation>Password again</translation>
    </message>
</context>
<context>
    <name>SupervisorPanel</name>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="201"/>
        <source>Diperbarui %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="215"/>
        <source>✔ Tercapai</source>
        <translation>✔ Met</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="215"/>
        <source>✘ Tidak tercapai</source>
        <translation>✘ Missed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="216"/>
        <source>– Belum ada data</source>
        <translation>– No data yet</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="217"/>
        <source>%1 — %2: %3 (target %4)</source>
        <translation>%1 — %2: %3 (target %4)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="240"/>
        <source>Menyusun laporan bulanan…</source>
        <translation>Writing the monthly report…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="244"/>
        <source>Laporan bulanan disimpan: %1</source>
        <translation>Monthly report saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="261"/>
        <source>belum digolongkan</source>
        <translation>not classified</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="264"/>
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="267"/>
        <source>Dijawab dalam 15 detik (NENA)</source>
        <translation>Answered within 15 s (NENA)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="268"/>
        <source>Dijawab dalam 20 detik (NENA)</source>
        <translation>Answered within 20 s (NENA)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="269"/>
        <source>Pemadam tiba dalam 15 menit</source>
        <translation>Fire engine on scene within 15 min</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="270"/>
        <source>Pengaduan ditanggapi dalam 3 hari</source>
        <translation>Complaints answered within 3 days</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="271"/>
        <source>Pengaduan selesai dalam 5 hari</source>
        <translation>Complaints settled within 5 days</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="274"/>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="274"/>
        <source>Minggu ini</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="275"/>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="277"/>
        <source>Laporan bulanan…</source>
        <translation>Monthly report…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="278"/>
        <source>Panggilan masuk</source>
        <translation>Calls in</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="278"/>
        <source>Dijawab</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="279"/>
        <source>Tidak dijawab</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="280"/>
        <source>Iseng + diam/putus</source>
        <translation>Prank + ghost</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="281"/>
        <source>Waktu jawab p50</source>
        <translation>Answer time p50</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="282"/>
        <source>Waktu jawab p90</source>
        <translation>Answer time p90</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="283"/>
        <source>Dijawab ≤ 15 s</source>
        <translation>Answered ≤ 15 s</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="283"/>
        <source>Dijawab ≤ 20 s</source>
        <translation>Answered ≤ 20 s</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="284"/>
        <source>Kejadian</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="284"/>
        <source>Tiba ≤ 15 menit</source>
        <translation>On scene ≤ 15 min</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="285"/>
        <source>Pengaduan masuk</source>
        <translation>Complaints in</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="286"/>
        <source>Pengaduan terlambat</source>
        <translation>Complaints overdue</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="289"/>
        <source>Standar layanan (iseng dan diam/putus tidak dihitung)</source>
        <translation>Service standards (prank and ghost calls left out)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="291"/>
        <source>Panggilan per jam (WITA)</source>
        <translation>Calls per hour (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="292"/>
        <source>Jenis panggilan</source>
        <translation>Call types</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/panel.py" line="293"/>
        <source>Kejadian per kecamatan</source>
        <translation>Incidents by kecamatan</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/report_dialog.py" line="29"/>
        <source>Laporan bulanan</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/report_dialog.py" line="40"/>
        <source>Bulan (WITA):</source>
        <translation>Month (WITA):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/report_dialog.py" line="56"/>
        <source>Simpan laporan bulanan</source>
        <translation>Save the monthly report</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/report_dialog.py" line="57"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>UnitsBoard</name>
    <message>
        <location filename="../../ui/incidents/boards.py" line="133"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="134"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="136"/>
        <source>Pos</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="137"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="138"/>
        <source>Lama</source>
        <translation>Time in status</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/boards.py" line="140"/>
        <source>Kejadian</source>
        <translation>Incident</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../ui/qt/worker.py" line="36"/>
        <source>Kesalahan tak terduga (%1); lihat log.</source>
        <translation>Unexpected error (%1); see the log.</translation>
    </message>
</context>
</TS>
