<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>CallsPanel</name>
    <message>
        <location filename="../../ui/calls_panel.py" line="97"/>
        <location filename="../../ui/calls_panel.py" line="107"/>
        <source>Penelepon</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="99"/>
        <source>Saluran</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="100"/>
        <source>Berdering</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="109"/>
        <location filename="../../ui/calls_panel.py" line="118"/>
        <source>Waktu (WITA)</source>
        <translation>Time (WITA)</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="111"/>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="119"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="120"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="121"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="158"/>
        <source>&lt;b&gt;Berdering&lt;/b&gt; (terlama di atas)</source>
        <translation>&lt;b&gt;Ringing&lt;/b&gt; (longest waiting first)</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="159"/>
        <source>&lt;b&gt;Perlu ditelepon balik&lt;/b&gt;</source>
        <translation>&lt;b&gt;To call back&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="160"/>
        <source>Riwayat penelepon</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="161"/>
        <source>Panggilan aktif</source>
        <translation>Active call</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="227"/>
        <source>Tidak ada panggilan aktif.</source>
        <translation>No active call.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="229"/>
        <source>memanggil…</source>
        <translation>calling…</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="229"/>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="230"/>
        <source>DITAHAN</source>
        <translation>ON HOLD</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="231"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="278"/>
        <source>Softphone tidak berjalan: panggilan tidak bisa dijawab dari meja ini.</source>
        <translation>The softphone is not running: calls cannot be answered from this desk.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="293"/>
        <source>Tidak ada panggilan yang berdering.</source>
        <translation>No call is ringing.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="299"/>
        <source>Tidak ada panggilan aktif untuk ditahan.</source>
        <translation>No active call to hold.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="306"/>
        <source>Tidak ada panggilan aktif untuk ditutup.</source>
        <translation>No active call to hang up.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="315"/>
        <source>Daftar telepon balik kosong.</source>
        <translation>The call-back list is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/calls_panel.py" line="318"/>
        <source>Nomor penelepon ini disembunyikan; tidak bisa ditelepon balik.</source>
        <translation>This caller&apos;s number is withheld; it cannot be called back.</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../ui/actions.py" line="107"/>
        <source>&amp;Jawab panggilan</source>
        <translation>&amp;Answer call</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="108"/>
        <source>&amp;Tahan / lanjutkan</source>
        <translation>&amp;Hold / resume</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109"/>
        <source>T&amp;utup panggilan</source>
        <translation>Hang &amp;up</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="110"/>
        <source>Telepon &amp;balik</source>
        <translation>Call &amp;back</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111"/>
        <source>Kejadian &amp;baru</source>
        <translation>&amp;New incident</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112"/>
        <source>&amp;Tugaskan rekomendasi pertama</source>
        <translation>&amp;Assign first recommendation</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113"/>
        <source>Unit dalam &amp;perjalanan</source>
        <translation>Unit &amp;en route</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114"/>
        <source>Unit di &amp;lokasi</source>
        <translation>Unit &amp;on scene</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="115"/>
        <source>Unit &amp;selesai (tersedia)</source>
        <translation>Unit &amp;clear (available)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="116"/>
        <source>Unit &amp;tidak siaga</source>
        <translation>Unit &amp;out of service</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117"/>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118"/>
        <source>Ke panel Panggilan</source>
        <translation>Go to Calls panel</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="119"/>
        <source>Ke Formulir kejadian</source>
        <translation>Go to Incident form</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="120"/>
        <source>Ke Papan kejadian</source>
        <translation>Go to Incidents board</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="121"/>
        <source>Ke Papan unit</source>
        <translation>Go to Units board</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="122"/>
        <source>Ke Rekomendasi</source>
        <translation>Go to Recommendations</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="123"/>
        <source>Ke Peta</source>
        <translation>Go to Map</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="124"/>
        <source>Penerima panggilan</source>
        <translation>Call-taker</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="125"/>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="126"/>
        <source>Staf radio</source>
        <translation>Radio staff</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="127"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="128"/>
        <source>Kembalikan tata letak bawaan peran ini</source>
        <translation>Restore this role&apos;s default layout</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="129"/>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="141"/>
        <source>&amp;Meja</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="141"/>
        <source>&amp;Panggilan</source>
        <translation>&amp;Calls</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="142"/>
        <source>&amp;Kejadian</source>
        <translation>&amp;Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="142"/>
        <source>&amp;Unit</source>
        <translation>&amp;Units</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="143"/>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="143"/>
        <source>P&amp;eran</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="144"/>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../ui/app.py" line="47"/>
        <source>Telepon tidak aktif: %1</source>
        <translation>Phone not active: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>Pilih unit di papan unit dulu.</source>
        <translation>Select a unit on the units board first.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>%1 tidak bisa berubah dari &quot;%2&quot; ke &quot;%3&quot;.</source>
        <translation>%1 cannot change from &quot;%2&quot; to &quot;%3&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268"/>
        <source>Safe Community Desk — Denpasar</source>
        <translation>Safe Community Desk — Denpasar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269"/>
        <source>Panggilan</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269"/>
        <source>Formulir kejadian</source>
        <translation>Incident form</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>Papan kejadian</source>
        <translation>Incidents board</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>Papan unit</source>
        <translation>Units board</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>Rekomendasi</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>Peta</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>Basis data: %1</source>
        <translation>Database: %1</translation>
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
        <location filename="../../ui/incident_form.py" line="108"/>
        <source>&amp;Nomor penelepon</source>
        <translation>Caller &amp;number</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="108"/>
        <source>&amp;Jenis kejadian</source>
        <translation>Incident &amp;type</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="108"/>
        <source>&amp;Prioritas</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="109"/>
        <source>L&amp;okasi</source>
        <translation>L&amp;ocation</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="109"/>
        <source>&amp;Catatan</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="112"/>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation>e.g. 0812-3456-7890 (may be empty)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="113"/>
        <source>1 paling mendesak; bawaan dari jenis kejadian</source>
        <translation>1 is most urgent; defaults from the incident type</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="114"/>
        <source>Apa kata penelepon: korban, bahaya, patokan…</source>
        <translation>What the caller said: casualties, hazards, landmarks…</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="115"/>
        <source>Simpan kejadian</source>
        <translation>Save incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="116"/>
        <source>Simpan kejadian (Ctrl+Enter)</source>
        <translation>Save incident (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="117"/>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="118"/>
        <source>Mulai formulir baru (Ctrl+N)</source>
        <translation>Start a new form (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="142"/>
        <source>— pilih jenis —</source>
        <translation>— choose a type —</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="174"/>
        <source>Dari panggilan #%1</source>
        <translation>From call #%1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="193"/>
        <source>Pilih jenis kejadian.</source>
        <translation>Choose the incident type.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="196"/>
        <source>Tentukan lokasi: pilih tempat, cari alamat, klik peta, atau isi lintang dan bujur.</source>
        <translation>Give a location: pick a place, search an address, click the map, or type latitude and longitude.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="200"/>
        <source>Lintang tidak valid: &quot;%1&quot; (harus angka antara -90 dan 90).</source>
        <translation>Invalid latitude: &quot;%1&quot; (must be a number between -90 and 90).</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="203"/>
        <source>Bujur tidak valid: &quot;%1&quot; (harus angka antara -180 dan 180).</source>
        <translation>Invalid longitude: &quot;%1&quot; (must be a number between -180 and 180).</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="208"/>
        <source>Nomor penelepon &quot;%1&quot; tidak dikenali.</source>
        <translation>Caller number &quot;%1&quot; is not recognised.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="212"/>
        <source>Catatan terlalu panjang (maksimal %1 karakter).</source>
        <translation>Notes are too long (at most %1 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/incident_form.py" line="243"/>
        <source>Kejadian #%1 tersimpan.</source>
        <translation>Incident #%1 saved.</translation>
    </message>
</context>
<context>
    <name>IncidentsBoard</name>
    <message>
        <location filename="../../ui/boards.py" line="62"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="63"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="65"/>
        <source>Prioritas %1 (1 paling mendesak)</source>
        <translation>Priority %1 (1 is most urgent)</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="67"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="69"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="70"/>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="72"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="73"/>
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
        <location filename="../../ui/labels.py" line="55"/>
        <source>Penerima panggilan</source>
        <translation>Call-taker</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>Staf radio</source>
        <translation>Radio staff</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65"/>
        <source>panggilan</source>
        <translation>call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>kejadian</source>
        <translation>incident</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>pengaduan</source>
        <translation>complaint</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>posisi terakhir</source>
        <translation>last position</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>pos</source>
        <translation>station</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>nomor disembunyikan</source>
        <translation>number withheld</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99"/>
        <source>%1 mnt %2 dtk</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="104"/>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
</context>
<context>
    <name>LocationPicker</name>
    <message>
        <location filename="../../ui/location_picker.py" line="100"/>
        <source>Nama tempat: kecamatan, desa/kelurahan, landmark… (Enter: cari alamat)</source>
        <translation>Place name: district, village, landmark… (Enter: search address)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="101"/>
        <source>Cari alamat</source>
        <translation>Search address</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="102"/>
        <source>Cari alamat lewat geocoder (Ctrl+G)</source>
        <translation>Search the address with the geocoder (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="104"/>
        <source>Lintang</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="105"/>
        <source>Bujur</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="108"/>
        <source>Lokasi terakhir penelepon</source>
        <translation>Caller&apos;s last location</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="155"/>
        <source>Alamat tidak ditemukan; coba nama lain atau klik peta.</source>
        <translation>Address not found; try another name or click the map.</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="182"/>
        <source>Belum ada lokasi tersimpan untuk nomor ini (Ctrl+Shift+L)</source>
        <translation>No location saved for this number yet (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="184"/>
        <source>Lokasi dari %1 (Ctrl+Shift+L)</source>
        <translation>Location from %1 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="202"/>
        <source>gazetteer</source>
        <translation>gazetteer</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="202"/>
        <source>pencarian alamat</source>
        <translation>address search</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="203"/>
        <source>klik di peta</source>
        <translation>map click</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="203"/>
        <source>lokasi terakhir penelepon</source>
        <translation>caller&apos;s last location</translation>
    </message>
    <message>
        <location filename="../../ui/location_picker.py" line="204"/>
        <source>Sumber lokasi: %1</source>
        <translation>Location source: %1</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../ui/map_panel.py" line="85"/>
        <source>Peta tidak dapat dibuat: %1</source>
        <translation>The map could not be built: %1</translation>
    </message>
    <message>
        <location filename="../../ui/map_panel.py" line="90"/>
        <source>Peta tidak aktif di meja ini (pengaturan ui.map).</source>
        <translation>The map is off on this desk (setting ui.map).</translation>
    </message>
    <message>
        <location filename="../../ui/map_panel.py" line="92"/>
        <source>Peta sedang dimuat…</source>
        <translation>Loading the map…</translation>
    </message>
</context>
<context>
    <name>RecommendPanel</name>
    <message>
        <location filename="../../ui/recommend_panel.py" line="67"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="68"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="69"/>
        <source>Perkiraan tiba</source>
        <translation>ETA</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="71"/>
        <source>Jarak</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="72"/>
        <source>Berangkat dari</source>
        <translation>Starts from</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="74"/>
        <source>Pos</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="78"/>
        <source>Tugaskan unit terpilih</source>
        <translation>Assign the selected unit</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="79"/>
        <source>Enter: tugaskan unit terpilih · F9: tugaskan rekomendasi pertama</source>
        <translation>Enter: assign the selected unit · F9: assign the first recommendation</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="91"/>
        <source>Pilih kejadian di papan kejadian.</source>
        <translation>Select an incident on the incidents board.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="93"/>
        <source>Unit terdekat untuk kejadian #%1</source>
        <translation>Nearest units for incident #%1</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="139"/>
        <source>Tidak ada unit tersedia dari jenis yang dibutuhkan.</source>
        <translation>No unit of the needed kind is available.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="157"/>
        <source>Belum ada rekomendasi untuk ditugaskan.</source>
        <translation>No recommendation to assign yet.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="171"/>
        <source>Pilih kejadian dulu.</source>
        <translation>Select an incident first.</translation>
    </message>
    <message>
        <location filename="../../ui/recommend_panel.py" line="188"/>
        <source>%1 ditugaskan ke kejadian #%2</source>
        <translation>%1 assigned to incident #%2</translation>
    </message>
</context>
<context>
    <name>UnitsBoard</name>
    <message>
        <location filename="../../ui/boards.py" line="120"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="121"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="123"/>
        <source>Pos</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="124"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="125"/>
        <source>Lama</source>
        <translation>Time in status</translation>
    </message>
    <message>
        <location filename="../../ui/boards.py" line="127"/>
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
