<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>AgencyEditor</name>
    <message>
        <location filename="../../ui/agency_editor.py" line="90"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="91"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="92"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="93"/>
        <location filename="../../ui/agency_editor.py" line="109"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="94"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="94"/>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="96"/>
        <source>Kategori yang ditangani</source>
        <translation>Categories handled</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="100"/>
        <source>Kategori pengaduan dan instansi penanggung jawab (berlaku untuk tiket baru)</source>
        <translation>Complaint categories and the agency responsible (applies to new tickets)</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="102"/>
        <source>Instansi</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="104"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="104"/>
        <source>Instansi penanggung jawab</source>
        <translation>Responsible agency</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="104"/>
        <source>Target (jam)</source>
        <translation>Target (hours)</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="105"/>
        <source>&amp;Kode</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="105"/>
        <source>&amp;Nama instansi</source>
        <translation>Agency &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="106"/>
        <source>&amp;Telepon / kontak</source>
        <translation>&amp;Phone / contact</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="108"/>
        <source>mis. DISKOMINFO</source>
        <translation>e.g. DISKOMINFO</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="110"/>
        <source>Simpan instansi</source>
        <translation>Save agency</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="111"/>
        <source>Instansi baru</source>
        <translation>New agency</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="173"/>
        <source>Kategori %1 sekarang ditangani %2.</source>
        <translation>Category %1 is now handled by %2.</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="205"/>
        <source>Isi kode instansi (huruf besar, mis. DISKOMINFO).</source>
        <translation>Enter the agency code (capitals, e.g. DISKOMINFO).</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="208"/>
        <source>Isi nama instansi.</source>
        <translation>Enter the agency&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../ui/agency_editor.py" line="214"/>
        <source>Instansi %1 tersimpan.</source>
        <translation>Agency %1 saved.</translation>
    </message>
</context>
<context>
    <name>BulletinPanel</name>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="127"/>
        <source>Buletin Halo Denpasar</source>
        <translation>Halo Denpasar bulletins</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="128"/>
        <source>Pengaduan baru atau berubah sejak buletin sebelumnya</source>
        <translation>Complaints new or changed since the previous bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="129"/>
        <source>Isi buletin (urutan dibacakan)</source>
        <translation>Bulletin items (in reading order)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="131"/>
        <source>Judul buletin baru, mis. Halo Denpasar pagi</source>
        <translation>Title of the new bulletin, e.g. Halo Denpasar morning</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="132"/>
        <source>Buletin baru</source>
        <translation>New bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="133"/>
        <source>Tambahkan ke buletin</source>
        <translation>Add to bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="134"/>
        <source>Naik</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="135"/>
        <source>Pindahkan ke atas (Ctrl+Atas)</source>
        <translation>Move up (Ctrl+Up)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="136"/>
        <source>Turun</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="137"/>
        <source>Pindahkan ke bawah (Ctrl+Bawah)</source>
        <translation>Move down (Ctrl+Down)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="138"/>
        <source>Hapus dari buletin</source>
        <translation>Remove from bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="139"/>
        <source>Ekspor teks…</source>
        <translation>Export text…</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="140"/>
        <source>Ekspor PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="141"/>
        <source>Tampilan siaran…</source>
        <translation>Reading view…</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="243"/>
        <source>Pilih atau buat buletin dulu.</source>
        <translation>Choose or create a bulletin first.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="249"/>
        <source>Pilih item buletin dulu.</source>
        <translation>Choose a bulletin item first.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="255"/>
        <source>Beri judul buletin baru.</source>
        <translation>Give the new bulletin a title.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="262"/>
        <source>Buletin #%1 dibuat.</source>
        <translation>Bulletin #%1 created.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="269"/>
        <source>Pilih pengaduan yang akan ditambahkan.</source>
        <translation>Choose the complaint to add.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="279"/>
        <source>%1 masuk buletin.</source>
        <translation>%1 added to the bulletin.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="320"/>
        <source>%1 dikeluarkan dari buletin.</source>
        <translation>%1 removed from the bulletin.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="308"/>
        <location filename="../../ui/bulletin_panel.py" line="332"/>
        <source>Teks %1 disimpan.</source>
        <translation>Text of %1 saved.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="333"/>
        <source>Teks %1 kembali ke draf.</source>
        <translation>Text of %1 is back to the draft.</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="309"/>
        <location filename="../../ui/bulletin_panel.py" line="334"/>
        <source>Teks tidak disimpan: %1</source>
        <translation>Text not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="346"/>
        <source>Buletin diekspor ke %1</source>
        <translation>Bulletin exported to %1</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="349"/>
        <source>Ekspor gagal: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="355"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="355"/>
        <source>Teks (*.txt)</source>
        <translation>Text (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/bulletin_panel.py" line="357"/>
        <source>Ekspor buletin</source>
        <translation>Export bulletin</translation>
    </message>
</context>
<context>
    <name>CallsPanel</name>
    <message>
        <location filename="../../ui/calls_panel.py" line="104"/>
        <location filename="../../ui/calls_panel.py" line="114"/>
        <source>Penelepon</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="106"/>
        <source>Saluran</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="107"/>
        <source>Berdering</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="116"/>
        <location filename="../../ui/calls_panel.py" line="125"/>
        <source>Waktu (WITA)</source>
        <translation>Time (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="118"/>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="126"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="127"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="128"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="165"/>
        <source>&lt;b&gt;Berdering&lt;/b&gt; (terlama di atas)</source>
        <translation>&lt;b&gt;Ringing&lt;/b&gt; (longest waiting first)</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="166"/>
        <source>&lt;b&gt;Perlu ditelepon balik&lt;/b&gt;</source>
        <translation>&lt;b&gt;To call back&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="167"/>
        <source>Riwayat penelepon</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="168"/>
        <source>Panggilan aktif</source>
        <translation>Active call</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="235"/>
        <source>Tidak ada panggilan aktif.</source>
        <translation>No active call.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="237"/>
        <source>memanggil…</source>
        <translation>calling…</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="237"/>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="238"/>
        <source>DITAHAN</source>
        <translation>ON HOLD</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="239"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="286"/>
        <source>Softphone tidak berjalan: panggilan tidak bisa dijawab dari meja ini.</source>
        <translation>The softphone is not running: calls cannot be answered from this desk.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="301"/>
        <source>Tidak ada panggilan yang berdering.</source>
        <translation>No call is ringing.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="307"/>
        <source>Tidak ada panggilan aktif untuk ditahan.</source>
        <translation>No active call to hold.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="314"/>
        <source>Tidak ada panggilan aktif untuk ditutup.</source>
        <translation>No active call to hang up.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="323"/>
        <source>Daftar telepon balik kosong.</source>
        <translation>The call-back list is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="326"/>
        <source>Nomor penelepon ini disembunyikan; tidak bisa ditelepon balik.</source>
        <translation>This caller&apos;s number is withheld; it cannot be called back.</translation>
    </message>
</context>
<context>
    <name>ComplaintDetailPane</name>
    <message>
        <location filename="../../ui/complaint_detail.py" line="80"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="80"/>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="81"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="81"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="82"/>
        <source>Saluran</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="82"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="85"/>
        <source>Pelapor — RAHASIA, jangan dibacakan di udara</source>
        <translation>Reporter — PRIVATE, never read on air</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="86"/>
        <source>Riwayat (terbaru di atas)</source>
        <translation>History (newest first)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="87"/>
        <source>Catatan wajib: apa yang sudah dilakukan</source>
        <translation>Note required: what was done</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="88"/>
        <source>Ubah status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="89"/>
        <source>— status berikutnya —</source>
        <translation>— next status —</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="102"/>
        <source>Pilih tiket untuk melihat rinciannya.</source>
        <translation>Select a ticket to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="131"/>
        <source>dibuat %1 oleh %2 · target %3</source>
        <translation>created %1 by %2 · target %3</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="136"/>
        <source>(panggilan #%1)</source>
        <translation>(call #%1)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_detail.py" line="139"/>
        <source>Nama: %1 · Nomor: %2</source>
        <translation>Name: %1 · Number: %2</translation>
    </message>
</context>
<context>
    <name>ComplaintFilters</name>
    <message>
        <location filename="../../ui/complaint_filters.py" line="66"/>
        <source>Nomor tiket, nomor penelepon, atau kata dari uraian/alamat (Enter)</source>
        <translation>Ticket number, caller&apos;s number, or words from the description/address (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_filters.py" line="67"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_filters.py" line="70"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_filters.py" line="74"/>
        <source>Semua instansi</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_filters.py" line="75"/>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_filters.py" line="76"/>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_filters.py" line="77"/>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <location filename="../../ui/complaint_form.py" line="118"/>
        <source>&amp;Saluran</source>
        <translation>C&amp;hannel</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="118"/>
        <source>&amp;Kategori</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="118"/>
        <source>&amp;Tempat</source>
        <translation>&amp;Place</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="119"/>
        <source>&amp;Uraian masalah</source>
        <translation>&amp;Description of the problem</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="119"/>
        <source>&amp;Nama pelapor</source>
        <translation>Reporter&apos;s &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="119"/>
        <source>N&amp;omor pelapor</source>
        <translation>Reporter&apos;s n&amp;umber</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="124"/>
        <source>Data pelapor — RAHASIA, tidak pernah dibacakan di udara</source>
        <translation>Reporter details — PRIVATE, never read on air</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="126"/>
        <source>boleh kosong</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="127"/>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation>e.g. 0812-3456-7890 (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="129"/>
        <source>Apa masalahnya, sejak kapan, patokan tempatnya…</source>
        <translation>What is wrong, since when, landmarks nearby…</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="130"/>
        <source>Simpan pengaduan</source>
        <translation>Save complaint</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="131"/>
        <source>Simpan pengaduan (Ctrl+Enter)</source>
        <translation>Save complaint (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="132"/>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="155"/>
        <source>— pilih kategori —</source>
        <translation>— choose a category —</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="168"/>
        <source>Diteruskan ke %1 (%2) · target selesai %3 jam</source>
        <translation>Forwarded to %1 (%2) · target: resolved within %3 hours</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="197"/>
        <source>Dari panggilan #%1</source>
        <translation>From call #%1</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="203"/>
        <source>Tiket %1 tersimpan — bacakan ke penelepon</source>
        <translation>Ticket %1 saved — read it back to the caller</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="221"/>
        <source>Tentukan tempat: pilih tempat, cari alamat, klik peta, isi lintang dan bujur, atau tulis alamatnya.</source>
        <translation>Give the place: pick a place, search an address, click the map, enter latitude and longitude, or type the address.</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="233"/>
        <source>Pilih kategori pengaduan.</source>
        <translation>Choose a complaint category.</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="239"/>
        <source>Tulis uraian masalahnya.</source>
        <translation>Describe the problem.</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="242"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="243"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="244"/>
        <source>Nama pelapor</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="246"/>
        <source>%1 terlalu panjang (maksimal %2 karakter).</source>
        <translation>%1 is too long (at most %2 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_form.py" line="250"/>
        <source>Nomor pelapor &quot;%1&quot; tidak dikenali (harus nomor yang bisa ditelepon balik).</source>
        <translation>Reporter&apos;s number &quot;%1&quot; not recognised (it must be a number the desk can call back).</translation>
    </message>
</context>
<context>
    <name>ComplaintLabels</name>
    <message>
        <location filename="../../ui/complaint_labels.py" line="21"/>
        <source>diterima</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="22"/>
        <source>diteruskan ke instansi</source>
        <translation>forwarded to agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="23"/>
        <source>sedang ditangani</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="24"/>
        <source>tuntas</source>
        <translation>resolved</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="25"/>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="30"/>
        <source>telepon</source>
        <translation>phone call</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="31"/>
        <source>datang langsung</source>
        <translation>walk-in</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="32"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="33"/>
        <source>surat</source>
        <translation>letter</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="34"/>
        <source>lainnya</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="43"/>
        <source>%1 hari %2 jam</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="45"/>
        <source>%1 jam %2 mnt</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="55"/>
        <source>⚠ terlambat %1</source>
        <translation>⚠ overdue %1</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="56"/>
        <source>sisa %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="62"/>
        <source>dibacakan di udara: buletin #%1 «%2»</source>
        <translation>read on air: bulletin #%1 «%2»</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="65"/>
        <source>(selesai %1)</source>
        <translation>(ended %1)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="68"/>
        <source>tiket dibuka (%1)</source>
        <translation>ticket opened (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="71"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/complaint_labels.py" line="74"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>ComplaintsBoard</name>
    <message>
        <location filename="../../ui/complaints_board.py" line="79"/>
        <source>Tiket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="80"/>
        <source>Dibuat (WITA)</source>
        <translation>Created (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="82"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="84"/>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="86"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="87"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="89"/>
        <source>Batas waktu</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="189"/>
        <source>Pilih tiket yang akan diubah statusnya.</source>
        <translation>Select the ticket whose status should change.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="192"/>
        <source>Tiket %1 sudah ditutup (%2); buka tiket baru yang menyebut tiket ini.</source>
        <translation>Ticket %1 is closed (%2); open a new ticket that quotes it.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="196"/>
        <source>Tiket %1 tidak bisa pindah dari «%2» ke «%3»; pilih salah satu: %4.</source>
        <translation>Ticket %1 cannot go from «%2» to «%3»; choose one of: %4.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="204"/>
        <source>Tulis catatan: apa yang sudah dilakukan.</source>
        <translation>Write a note: what was done.</translation>
    </message>
    <message>
        <location filename="../../ui/complaints_board.py" line="221"/>
        <source>Tiket %1 sekarang: %2.</source>
        <translation>Ticket %1 is now: %2.</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../ui/actions.py" line="140"/>
        <source>&amp;Jawab panggilan</source>
        <translation>&amp;Answer call</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="141"/>
        <source>&amp;Tahan / lanjutkan</source>
        <translation>&amp;Hold / resume</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="142"/>
        <source>T&amp;utup panggilan</source>
        <translation>Hang &amp;up</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="143"/>
        <source>Telepon &amp;balik</source>
        <translation>Call &amp;back</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="144"/>
        <source>Kejadian &amp;baru</source>
        <translation>&amp;New incident</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="146"/>
        <source>&amp;Mengudara (kunci relai studio)</source>
        <translation>&amp;On air (key the studio relay)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="147"/>
        <source>&amp;Selesai mengudara (lepas relai)</source>
        <translation>O&amp;ff air (release the relay)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="148"/>
        <source>&amp;Tugaskan rekomendasi pertama</source>
        <translation>&amp;Assign first recommendation</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="149"/>
        <source>Unit dalam &amp;perjalanan</source>
        <translation>Unit &amp;en route</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="150"/>
        <source>Unit di &amp;lokasi</source>
        <translation>Unit &amp;on scene</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="151"/>
        <source>Unit &amp;selesai (tersedia)</source>
        <translation>Unit &amp;clear (available)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="152"/>
        <source>Unit &amp;tidak siaga</source>
        <translation>Unit &amp;out of service</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="153"/>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="154"/>
        <source>Ke panel Panggilan</source>
        <translation>Go to Calls panel</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="155"/>
        <source>Ke Formulir kejadian</source>
        <translation>Go to Incident form</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="156"/>
        <source>Ke Papan kejadian</source>
        <translation>Go to Incidents board</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="157"/>
        <source>Ke Papan unit</source>
        <translation>Go to Units board</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="158"/>
        <source>Ke Rekomendasi</source>
        <translation>Go to Recommendations</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="159"/>
        <source>Ke Peta</source>
        <translation>Go to Map</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="145"/>
        <source>&amp;Pengaduan baru</source>
        <translation>New &amp;complaint</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="160"/>
        <source>Ke Daftar pengaduan</source>
        <translation>Go to Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="161"/>
        <source>Ke Formulir pengaduan</source>
        <translation>Go to Complaint form</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="162"/>
        <source>Ke Buletin</source>
        <translation>Go to Bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="163"/>
        <source>Ke Layar baca studio</source>
        <translation>Go to Studio reading view</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="164"/>
        <source>Ke Instansi &amp; kategori</source>
        <translation>Go to Agencies &amp; categories</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="165"/>
        <source>Penerima panggilan</source>
        <translation>Call-taker</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="166"/>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="167"/>
        <source>Staf radio</source>
        <translation>Radio staff</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="168"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="169"/>
        <source>Kembalikan tata letak bawaan peran ini</source>
        <translation>Restore this role&apos;s default layout</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="170"/>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="182"/>
        <source>&amp;Meja</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="182"/>
        <source>&amp;Panggilan</source>
        <translation>&amp;Calls</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="183"/>
        <source>&amp;Kejadian</source>
        <translation>&amp;Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="183"/>
        <source>&amp;Unit</source>
        <translation>&amp;Units</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="184"/>
        <source>&amp;Halo Denpasar</source>
        <translation>&amp;Halo Denpasar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="185"/>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="185"/>
        <source>P&amp;eran</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="186"/>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../ui/app.py" line="52"/>
        <source>Telepon tidak aktif: %1</source>
        <translation>Phone not active: %1</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="76"/>
        <source>Mesin telepon sudah berjalan di %1; --listen tidak dipakai</source>
        <translation>The phone engine already runs on %1; --listen not used</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="80"/>
        <source>Mesin telepon memakai basis data lain: %1</source>
        <translation>The phone engine uses another database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>Pilih unit di papan unit dulu.</source>
        <translation>Select a unit on the units board first.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="262"/>
        <source>%1 tidak bisa berubah dari &quot;%2&quot; ke &quot;%3&quot;.</source>
        <translation>%1 cannot change from &quot;%2&quot; to &quot;%3&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>Safe Community Desk — Denpasar</source>
        <translation>Safe Community Desk — Denpasar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Panggilan</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Formulir kejadian</source>
        <translation>Incident form</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>Papan kejadian</source>
        <translation>Incidents board</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>Papan unit</source>
        <translation>Units board</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>Rekomendasi</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>Peta</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>Formulir pengaduan</source>
        <translation>Complaint form</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Buletin</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Layar baca studio</source>
        <translation>Studio reading view</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Instansi &amp; kategori</source>
        <translation>Agencies &amp; categories</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>Basis data: %1</source>
        <translation>Database: %1</translation>
    </message>
</context>
<context>
    <name>EngineStatus</name>
    <message>
        <location filename="../../ui/engine_status.py" line="58"/>
        <source>Mesin telepon terputus; menyambung ulang…</source>
        <translation>Phone engine disconnected; reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="60"/>
        <source>Mesin telepon belum tersambung; menunggu…</source>
        <translation>Phone engine not connected yet; waiting…</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="64"/>
        <source>Panggilan dicatat di jurnal: basis data tidak tersedia (%1)</source>
        <translation>Calls are being journaled: database unavailable (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="69"/>
        <source>disk penuh</source>
        <translation>disk full</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="70"/>
        <source>server basis data berhenti</source>
        <translation>database server stopped</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="71"/>
        <source>server basis data tak terjangkau</source>
        <translation>database server not reachable</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="72"/>
        <source>basis data dikunci program lain</source>
        <translation>database locked by another program</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="73"/>
        <source>sambungan basis data terputus</source>
        <translation>database connection lost</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="81"/>
        <source>Mesin telepon tersambung kembali.</source>
        <translation>Phone engine connected again.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_status.py" line="94"/>
        <source>Basis data tersedia lagi; semua panggilan dari jurnal sudah dicatat.</source>
        <translation>Database available again; every journaled call is now logged.</translation>
    </message>
</context>
<context>
    <name>HeadsetBridge</name>
    <message>
        <location filename="../../ui/headset.py" line="192"/>
        <source>tidak ada perangkat audio yang terhubung; panggilan tetap berlanjut tanpanya</source>
        <translation>no audio device is connected; the call goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/headset.py" line="197"/>
        <source>“{0}” tidak terhubung; memakai “{1}” sebagai gantinya</source>
        <translation>“{0}” is not connected; using “{1}” instead</translation>
    </message>
    <message>
        <location filename="../../ui/headset.py" line="236"/>
        <source>“{0}” terputus; tidak ada perangkat audio lain, panggilan tetap berlanjut tanpanya</source>
        <translation>“{0}” was disconnected; no other audio device, the call goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/headset.py" line="240"/>
        <source>“{0}” terputus; sekarang memakai “{1}”</source>
        <translation>“{0}” was disconnected; using “{1}” now</translation>
    </message>
    <message>
        <location filename="../../ui/headset.py" line="259"/>
        <source>“{0}” berhenti berfungsi ({1}); panggilan tetap berlanjut tanpanya</source>
        <translation>“{0}” stopped working ({1}); the call goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/headset.py" line="263"/>
        <source>Speaker headset</source>
        <translation>Headset earpiece</translation>
    </message>
    <message>
        <location filename="../../ui/headset.py" line="264"/>
        <source>Mikrofon headset</source>
        <translation>Headset microphone</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../ui/incident_form.py" line="87"/>
        <source>&amp;Nomor penelepon</source>
        <translation>Caller &amp;number</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="87"/>
        <source>&amp;Jenis kejadian</source>
        <translation>Incident &amp;type</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="87"/>
        <source>&amp;Prioritas</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="88"/>
        <source>L&amp;okasi</source>
        <translation>L&amp;ocation</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="88"/>
        <source>&amp;Catatan</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="91"/>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation>e.g. 0812-3456-7890 (may be empty)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="92"/>
        <source>1 paling mendesak; bawaan dari jenis kejadian</source>
        <translation>1 is most urgent; defaults from the incident type</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="93"/>
        <source>Apa kata penelepon: korban, bahaya, patokan…</source>
        <translation>What the caller said: casualties, hazards, landmarks…</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="94"/>
        <source>Simpan kejadian</source>
        <translation>Save incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="95"/>
        <source>Simpan kejadian (Ctrl+Enter)</source>
        <translation>Save incident (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="96"/>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="97"/>
        <source>Mulai formulir baru (Ctrl+N)</source>
        <translation>Start a new form (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="116"/>
        <source>— pilih jenis —</source>
        <translation>— choose a type —</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="141"/>
        <source>Dari panggilan #%1</source>
        <translation>From call #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="160"/>
        <source>Pilih jenis kejadian.</source>
        <translation>Choose the incident type.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="163"/>
        <source>Tentukan lokasi: pilih tempat, cari alamat, klik peta, atau isi lintang dan bujur.</source>
        <translation>Give a location: pick a place, search an address, click the map, or type latitude and longitude.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="171"/>
        <source>Nomor penelepon &quot;%1&quot; tidak dikenali.</source>
        <translation>Caller number &quot;%1&quot; is not recognised.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="175"/>
        <source>Catatan terlalu panjang (maksimal %1 karakter).</source>
        <translation>Notes are too long (at most %1 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="189"/>
        <source>Kejadian #%1 tersimpan.</source>
        <translation>Incident #%1 saved.</translation>
    </message>
</context>
<context>
    <name>IncidentsBoard</name>
    <message>
        <location filename="../../ui/boards.py" line="63"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="64"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="66"/>
        <source>Prioritas %1 (1 paling mendesak)</source>
        <translation>Priority %1 (1 is most urgent)</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="68"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="70"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="71"/>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="73"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="74"/>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>tersedia</source>
        <translation>available</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>ditugaskan</source>
        <translation>dispatched</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>dalam perjalanan</source>
        <translation>en route</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>di lokasi</source>
        <translation>on scene</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>tidak siaga</source>
        <translation>out of service</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>terbuka</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>unit dikirim</source>
        <translation>unit dispatched</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>unit di lokasi</source>
        <translation>unit on scene</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>selesai</source>
        <comment>incident status</comment>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>berdering</source>
        <translation>ringing</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>selesai</source>
        <comment>call status</comment>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>tak terjawab</source>
        <translation>abandoned</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>tak terjawab (waktu habis)</source>
        <translation>unanswered (timed out)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>Penerima panggilan</source>
        <translation>Call-taker</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Staf radio</source>
        <translation>Radio staff</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>panggilan</source>
        <translation>call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>kejadian</source>
        <translation>incident</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>pengaduan</source>
        <translation>complaint</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>posisi terakhir</source>
        <translation>last position</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>pos</source>
        <translation>station</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>nomor disembunyikan</source>
        <translation>number withheld</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>privat</source>
        <translation>private</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>%1 mnt %2 dtk</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111"/>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
</context>
<context>
    <name>LocationPicker</name>
    <message>
        <location filename="../../ui/location_picker.py" line="109"/>
        <source>Nama tempat: kecamatan, desa/kelurahan, landmark… (Enter: cari alamat)</source>
        <translation>Place name: district, village, landmark… (Enter: search address)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="110"/>
        <source>Cari alamat</source>
        <translation>Search address</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="111"/>
        <source>Cari alamat lewat geocoder (Ctrl+G)</source>
        <translation>Search the address with the geocoder (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="113"/>
        <source>Lintang</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="114"/>
        <source>Bujur</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="117"/>
        <source>Lokasi terakhir penelepon</source>
        <translation>Caller&apos;s last location</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="159"/>
        <source>Alamat tidak ditemukan; coba nama lain atau klik peta.</source>
        <translation>Address not found; try another name or click the map.</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="186"/>
        <source>Belum ada lokasi tersimpan untuk nomor ini (Ctrl+Shift+L)</source>
        <translation>No location saved for this number yet (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="188"/>
        <source>Lokasi dari %1 (Ctrl+Shift+L)</source>
        <translation>Location from %1 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="206"/>
        <source>gazetteer</source>
        <translation>gazetteer</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="206"/>
        <source>pencarian alamat</source>
        <translation>address search</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="207"/>
        <source>klik di peta</source>
        <translation>map click</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="207"/>
        <source>lokasi terakhir penelepon</source>
        <translation>caller&apos;s last location</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="208"/>
        <source>Sumber lokasi: %1</source>
        <translation>Location source: %1</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="223"/>
        <source>Lintang tidak valid: &quot;%1&quot; (harus angka antara -90 dan 90).</source>
        <translation>Invalid latitude: &quot;%1&quot; (must be a number from -90 to 90).</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="226"/>
        <source>Bujur tidak valid: &quot;%1&quot; (harus angka antara -180 dan 180).</source>
        <translation>Invalid longitude: &quot;%1&quot; (must be a number from -180 to 180).</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../ui/map_panel.py" line="86"/>
        <source>Peta tidak dapat dibuat: %1</source>
        <translation>The map could not be built: %1</translation>
    </message>
    <message>
        <location filename="../../ui/map_panel.py" line="91"/>
        <source>Peta tidak aktif di meja ini (pengaturan ui.map).</source>
        <translation>The map is off on this desk (setting ui.map).</translation>
    </message>
    <message>
        <location filename="../../ui/map_panel.py" line="93"/>
        <source>Peta sedang dimuat…</source>
        <translation>Loading the map…</translation>
    </message>
</context>
<context>
    <name>OnAirLink</name>
    <message>
        <location filename="../../ui/on_air_link.py" line="63"/>
        <source>Relai studio sedang dibuka…</source>
        <translation>Opening the studio relay…</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="129"/>
        <source>Relai studio tidak diatur (radio.port kosong).</source>
        <translation>No studio relay configured (radio.port is empty).</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="140"/>
        <source>Relai studio tidak bisa dipakai: %1</source>
        <translation>The studio relay cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="157"/>
        <source>%1 pembacaan yang tertinggal di udara ditutup sebagai gangguan.</source>
        <translation>%1 reading(s) left on air were closed as faults.</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="167"/>
        <source>Sudah di udara: tekan Selesai (Off air) dulu.</source>
        <translation>Already on air: press Off air first.</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="170"/>
        <source>Relai tidak tersambung: %1</source>
        <translation>The relay is not connected: %1</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="216"/>
        <source>RadioText tidak terkirim: %1</source>
        <translation>RadioText not sent: %1</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="221"/>
        <source>Tidak bisa mengudara: %1</source>
        <translation>Cannot go on air: %1</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="228"/>
        <source>Lepas udara belum terkonfirmasi: %1</source>
        <translation>Off air not confirmed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="249"/>
        <source>Batas waktu pengaman (%1 dtk) habis: relai dilepas.</source>
        <translation>Safety timeout (%1 s) reached: the relay was released.</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="255"/>
        <source>Gangguan relai: %1</source>
        <translation>Relay fault: %1</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="258"/>
        <source>Relai tersambung lagi; semua kanal dimatikan.</source>
        <translation>Relay connected again; every channel switched off.</translation>
    </message>
    <message>
        <location filename="../../ui/on_air_link.py" line="291"/>
        <source>Pembacaan tidak bisa dicatat (%1); relai dilepas.</source>
        <translation>The reading could not be logged (%1); the relay was released.</translation>
    </message>
</context>
<context>
    <name>ReadingTextEditor</name>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="49"/>
        <source>Teks bacaan</source>
        <translation>Reading text</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="50"/>
        <source>Pilih item untuk melihat teks bacaannya.</source>
        <translation>Choose an item to see its reading text.</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="51"/>
        <source>Simpan teks</source>
        <translation>Save text</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="52"/>
        <source>Kembali ke draf</source>
        <translation>Back to the draft</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="53"/>
        <source>Buang teks sendiri dan pakai draf dari desk</source>
        <translation>Discard the own wording and use the desk&apos;s draft</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="93"/>
        <source>Buletin ini sudah disiarkan dan tetap seperti saat dibacakan; buat buletin baru untuk mengubah.</source>
        <translation>This bulletin has been read on air and stays as it was read; make a new bulletin to change it.</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="96"/>
        <source>%1: teks diubah penyiar</source>
        <translation>%1: text edited by the presenter</translation>
    </message>
    <message>
        <location filename="../../ui/reading_text_editor.py" line="97"/>
        <source>%1: draf dari desk</source>
        <translation>%1: draft by the desk</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <location filename="../../ui/reading_view.py" line="109"/>
        <source>Siaran (On air)</source>
        <translation>On air</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="110"/>
        <source>Kunci relai studio dan catat pembacaan</source>
        <translation>Key the studio relay and log the reading</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="111"/>
        <source>Selesai (Off air)</source>
        <translation>Off air</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="112"/>
        <source>Lepas relai studio dan tutup catatan pembacaan</source>
        <translation>Release the studio relay and close the reading log</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="113"/>
        <source>Ctrl+Plus / Ctrl+Minus: perbesar / perkecil huruf</source>
        <translation>Ctrl+Plus / Ctrl+Minus: larger / smaller text</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="135"/>
        <source>Pilih buletin yang akan dibacakan dulu.</source>
        <translation>Choose the bulletin to read first.</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="137"/>
        <source>Buletin ini kosong: tidak ada yang dibacakan.</source>
        <translation>This bulletin is empty: there is nothing to read.</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="193"/>
        <source>Belum ada buletin dipilih</source>
        <translation>No bulletin chosen yet</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="196"/>
        <source>Buletin #%1 — %2 (%3 item)</source>
        <translation>Bulletin #%1 — %2 (%3 items)</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="207"/>
        <source>DI UDARA</source>
        <translation>ON AIR</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="207"/>
        <source>TIDAK DI UDARA</source>
        <translation>OFF AIR</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="213"/>
        <source>Terverifikasi: relai dibaca balik dari perangkat</source>
        <translation>Verified: the relay was read back from the device</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="214"/>
        <source>Tanpa verifikasi: perangkat ini tidak bisa dibaca balik</source>
        <translation>Not verified: this device cannot be read back</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="217"/>
        <source>GANGGUAN RELAI: %1</source>
        <translation>RELAY FAULT: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reading_view.py" line="240"/>
        <source>Lepas otomatis dalam %1</source>
        <translation>Automatic release in %1</translation>
    </message>
</context>
<context>
    <name>RecommendPanel</name>
    <message>
        <location filename="../../ui/recommend_panel.py" line="68"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="69"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="70"/>
        <source>Perkiraan tiba</source>
        <translation>ETA</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="72"/>
        <source>Jarak</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="73"/>
        <source>Berangkat dari</source>
        <translation>Starts from</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="75"/>
        <source>Pos</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="79"/>
        <source>Tugaskan unit terpilih</source>
        <translation>Assign the selected unit</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="80"/>
        <source>Enter: tugaskan unit terpilih · F9: tugaskan rekomendasi pertama</source>
        <translation>Enter: assign the selected unit · F9: assign the first recommendation</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="87"/>
        <source>Pilih kejadian di papan kejadian.</source>
        <translation>Select an incident on the incidents board.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="89"/>
        <source>Unit terdekat untuk kejadian #%1</source>
        <translation>Nearest units for incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="135"/>
        <source>Tidak ada unit tersedia dari jenis yang dibutuhkan.</source>
        <translation>No unit of the needed kind is available.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="153"/>
        <source>Belum ada rekomendasi untuk ditugaskan.</source>
        <translation>No recommendation to assign yet.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="167"/>
        <source>Pilih kejadian dulu.</source>
        <translation>Select an incident first.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="184"/>
        <source>%1 ditugaskan ke kejadian #%2</source>
        <translation>%1 assigned to incident #%2</translation>
    </message>
</context>
<context>
    <name>UnitsBoard</name>
    <message>
        <location filename="../../ui/boards.py" line="119"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="120"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="122"/>
        <source>Pos</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="123"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="124"/>
        <source>Lama</source>
        <translation>Time in status</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="126"/>
        <source>Kejadian</source>
        <translation>Incident</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../ui/worker.py" line="32"/>
        <source>Kesalahan tak terduga (%1); lihat log.</source>
        <translation>Unexpected error (%1); see the log.</translation>
    </message>
</context>
</TS>
