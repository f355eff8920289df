"""One sentence per refusal code, in Bahasa Indonesia with named
placeholders, translated through Qt (context "DomainMessages"). How the
values are said, and the lookup, are in ui/qt/domain_messages.py.

Written out one by one, never built from parts, so that lupdate finds each;
looked up at call time, never cached, as the language can change while the
window is open.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def sentences() -> dict[str, str]:
    """Every code's sentence in the current language. Written out one by
    one, so that lupdate finds each of them."""
    translate = QCoreApplication.translate
    return {
        # operators, sign-in and permissions
        "signin.required": translate(
            "DomainMessages", "Masuk dulu: {permission} perlu operator yang sudah masuk."),
        "signin.required_cli": translate(
            "DomainMessages", "Masuk dulu: isi SAFEDESK_OPERATOR dan SAFEDESK_PASSWORD, atau "
            "jalankan safedesk login."),
        "signin.failed": translate("DomainMessages", "Nama pengguna atau kata sandi salah."),
        "signin.locked": translate(
            "DomainMessages", "Akun {username} terkunci karena terlalu sering salah sandi: "
            "coba lagi {minutes} menit lagi atau minta supervisor membukanya."),
        "signin.expired": translate(
            "DomainMessages", "Sesi masuk sudah habis: jalankan safedesk login lagi."),
        "permission.refused": translate(
            "DomainMessages", "{operator} ({role}) tidak berwenang {permission}."),
        "password.too_short": translate(
            "DomainMessages", "Kata sandi minimal {minimum} karakter."),
        "password.too_long": translate(
            "DomainMessages", "Kata sandi maksimal {maximum} karakter."),
        "password.spaces": translate(
            "DomainMessages", "Kata sandi tidak boleh diawali atau diakhiri spasi."),
        "password.file_unreadable": translate(
            "DomainMessages", "Berkas kata sandi {path} tidak bisa dibaca."),
        "password.needs_file": translate(
            "DomainMessages", "Berikan kata sandi dengan --password-file BERKAS (atau - untuk "
            "masukan standar)."),
        "password.mismatch": translate("DomainMessages", "Kedua kata sandi berbeda."),
        "operator.bad_username": translate(
            "DomainMessages", "Nama pengguna {username}: 2–32 huruf kecil, angka, . _ -, "
            "diawali huruf."),
        "operator.first_exists": translate(
            "DomainMessages", "Meja ini sudah punya operator yang bisa masuk."),
        "operator.exists": translate("DomainMessages", "Operator {username} sudah ada."),
        "operator.not_found": translate("DomainMessages", "Operator {username} tidak dikenal."),
        "operator.last_supervisor": translate(
            "DomainMessages", "{username} adalah supervisor terakhir yang bisa masuk."),
        "init.admin_needs_password": translate(
            "DomainMessages", "--admin perlu --admin-password-file BERKAS."),
        # agencies and complaint categories
        "agency.bad_code": translate(
            "DomainMessages", "Kode instansi {agency} harus 2–32 huruf, angka atau _."),
        "agency.inactive": translate("DomainMessages", "Instansi {agency} tidak aktif."),
        "agency.no_name": translate("DomainMessages", "Instansi perlu nama."),
        "agency.not_found": translate(
            "DomainMessages", "Instansi {agency} tidak dikenal (yang ada: {known})."),
        "agency.still_handles": translate(
            "DomainMessages",
            "Instansi {agency} masih menangani {categories}: serahkan kategori itu ke instansi "
            "lain dulu."),
        "category.already_handled": translate(
            "DomainMessages", "{category} sudah ditangani {agency}."),
        # the service area and places
        "area.bad_polygon": translate(
            "DomainMessages", "Wilayah layanan {area} tidak bisa dipakai: {problem}."),
        "place.both_coordinates": translate(
            "DomainMessages", "Isi lintang dan bujur sekaligus, atau kosongkan keduanya."),
        "place.north_of_equator": translate(
            "DomainMessages", "Lintang {lat} ada di utara khatulistiwa; {area} ada di {area_lat}."),
        "place.not_finite": translate("DomainMessages", "Koordinat harus bilangan terhingga."),
        "place.not_numbers": translate(
            "DomainMessages", "Koordinat harus berupa angka, bukan {lat}, {lon}."),
        "place.out_of_range": translate(
            "DomainMessages", "Nilai {axis} {value} di luar jangkauan ({low} sampai {high})."),
        "place.outside_area": translate(
            "DomainMessages",
            "{lat}, {lon} berada {distance} di luar wilayah layanan ({area}); untuk panggilan "
            "sungguhan dari luar batas, konfirmasikan dulu."),
        "place.required": translate(
            "DomainMessages",
            "Isi tempatnya (lintang dan bujur), atau nyatakan tempatnya belum diketahui."),
        "place.swapped": translate(
            "DomainMessages",
            "{lat} dan {lon} tampaknya tertukar: lintang ditulis lebih dulu ({area} ada di {lon},"
            " {lat})."),
        "place.unknown_area": translate(
            "DomainMessages", "Tidak ada tempat bernama {area} di gazetir."),
        "place.unknown_with_coordinates": translate(
            "DomainMessages", "Tempat yang belum diketahui tidak disertai lintang dan bujur."),
        "place.west_of_greenwich": translate(
            "DomainMessages", "Bujur {lon} ada di barat Greenwich; {area} ada di {area_lon}."),
        "polygon.bad_point": translate(
            "DomainMessages", "polygon[{index}] bukan pasangan bilangan terhingga."),
        "polygon.crosses": translate(
            "DomainMessages",
            "Sisi dari polygon[{first}] dan dari polygon[{second}] bersilangan atau bertumpuk: "
            "poligon tidak boleh memotong dirinya sendiri."),
        "polygon.flat": translate(
            "DomainMessages", "Titik-titiknya segaris: poligon tidak punya luas."),
        "polygon.repeated_point": translate(
            "DomainMessages",
            "polygon[{index}] mengulang polygon[{repeats}]: hapus titik yang berulang (cincinnya "
            "menutup sendiri)."),
        "polygon.too_few_points": translate(
            "DomainMessages", "Poligon perlu paling sedikit 3 titik, bukan {count}."),
        # bulletins and on-air readings
        "bulletin.already_has": translate(
            "DomainMessages", "{ticket} sudah ada di buletin #{bulletin}."),
        "bulletin.already_read": translate(
            "DomainMessages",
            "Buletin #{bulletin} sudah dibacakan di udara dan tetap seperti itu: buat buletin "
            "baru."),
        "bulletin.bad_position": translate("DomainMessages", "Posisi harus dari 1 sampai {count}."),
        "bulletin.empty_text": translate("DomainMessages", "Teks bacaan kosong."),
        "bulletin.item_not_found": translate(
            "DomainMessages", "{ticket} tidak ada di buletin #{bulletin}."),
        "bulletin.listed_twice": translate("DomainMessages", "{ticket} tercantum dua kali."),
        "bulletin.no_title": translate("DomainMessages", "Buletin perlu judul."),
        "bulletin.not_found": translate("DomainMessages", "Buletin #{bulletin} tidak ada."),
        "bulletin.nothing_to_export": translate(
            "DomainMessages", "Buletin #{bulletin} tidak punya item untuk diekspor."),
        "bulletin.nothing_to_read": translate(
            "DomainMessages", "Buletin #{bulletin} tidak punya apa pun untuk dibacakan."),
        "bulletin.private_text": translate(
            "DomainMessages",
            "Teks bacaan memuat nomor telepon, nama pelapor atau nama yang dirahasiakan; "
            "semuanya tidak boleh disiarkan."),
        "privacy.name_already_listed": translate(
            "DomainMessages", "Nama itu sudah ada di daftar nama yang dirahasiakan."),
        "privacy.name_not_listed": translate(
            "DomainMessages", "Nama itu tidak ada di daftar nama yang dirahasiakan."),
        "privacy.name_too_short": translate(
            "DomainMessages", "Nama yang dirahasiakan perlu sedikitnya {minimum} huruf."),
        "reading.already_ended": translate(
            "DomainMessages", "Pembacaan {reading} sudah berakhir ({reason})."),
        "reading.no_reader": translate(
            "DomainMessages", "Siapa yang membaca? Log siaran perlu nama."),
        "reading.not_found": translate("DomainMessages", "Pembacaan siaran {reading} tidak ada."),
        "reading.still_on_air": translate(
            "DomainMessages", "Pembacaan {reading} masih mengudara: akhiri dulu."),
        # calls
        "call.cannot_answer": translate(
            "DomainMessages", "Panggilan {call} sudah {status}; tidak bisa dijawab lagi."),
        "call.no_number": translate(
            "DomainMessages",
            "Panggilan {call} tidak punya nomor penelepon untuk ditelepon balik."),
        "call.no_sip_id": translate("DomainMessages", "Panggilan perlu SIP Call-ID-nya."),
        "call.not_found": translate("DomainMessages", "Panggilan {call} tidak ada."),
        "call.unknown_type": translate(
            "DomainMessages", "{value} bukan jenis panggilan: pilih salah satu dari {allowed}."),
        "block.bad_hours": translate(
            "DomainMessages", "Blokir berlaku {minimum} sampai {maximum} jam, bukan {hours}."),
        "block.reason_required": translate(
            "DomainMessages", "Tuliskan alasan nomor ini diblokir."),
        "block.already_active": translate(
            "DomainMessages",
            "Nomor {number} sudah diblokir sampai {until}: cabut dulu blokir itu."),
        "block.not_active": translate("DomainMessages", "Nomor {number} tidak sedang diblokir."),
        "call.taken": translate("DomainMessages", "Panggilan {call} sudah dijawab di desk {desk}."),
        "call.unknown_sip_id": translate(
            "DomainMessages", "Tidak ada panggilan dengan SIP Call-ID {sip_call_id}."),
        "call.not_live": translate(
            "DomainMessages", "Panggilan itu sudah tidak tersambung ke meja ini."),
        "call.outgoing_not_answerable": translate(
            "DomainMessages", "Panggilan keluar dijawab oleh yang ditelepon, bukan oleh meja."),
        "call.already_answered": translate("DomainMessages", "Panggilan ini sudah dijawab."),
        "call.not_connected": translate(
            "DomainMessages",
            "Hanya panggilan yang tersambung yang bisa ditahan atau dilanjutkan."),
        "call.hung_up_before_answer": translate(
            "DomainMessages", "Penelepon menutup telepon sebelum jawaban tersambung."),
        "call.ended_before_answer": translate(
            "DomainMessages", "Panggilan sudah diakhiri sebelum jawaban tersambung."),
        "call_log.unknown_entry": translate(
            "DomainMessages", "Entri log panggilan tidak dikenal: {op}."),
        "callback.not_pending": translate(
            "DomainMessages", "Panggilan {call} tidak ada di daftar telepon balik."),
        "callback.no_route": translate(
            "DomainMessages",
            "Telepon balik belum bisa: meja ini belum punya jalur keluar. Supervisor perlu "
            "mengisi pengaturan sip.callback_uri (atau sip.registrar)."),
        "callback.bad_template": translate(
            "DomainMessages",
            "Pengaturan sip.callback_uri {template} salah: pakai {e164_field} atau "
            "{national_field} untuk nomornya."),
        "callback.reason_required": translate(
            "DomainMessages", "Sebutkan mengapa telepon balik tidak diperlukan lagi."),
        "phone.cannot_call_back": translate(
            "DomainMessages", "{number} bukan nomor telepon yang bisa ditelepon balik oleh desk."),
        "phone.not_a_number": translate("DomainMessages", "{number} bukan nomor telepon."),
        "recording.negative_retention": translate(
            "DomainMessages", "Masa simpan rekaman tidak boleh negatif."),
        # complaints
        "complaint.already": translate("DomainMessages", "{ticket} sudah berstatus {status}."),
        "complaint.bad_ticket": translate(
            "DomainMessages", "{ticket} bukan nomor tiket (contohnya HD-2026-000123)."),
        "complaint.cannot_change": translate(
            "DomainMessages", "{ticket} tidak bisa berubah dari {before} ke {after}."),
        "complaint.closed": translate(
            "DomainMessages",
            "{ticket} sudah {status} dan ditutup: buka tiket baru yang merujuknya."),
        "complaint.no_description": translate(
            "DomainMessages", "Pengaduan perlu uraian masalahnya."),
        "complaint.no_place": translate(
            "DomainMessages", "Pengaduan perlu tempat: koordinat atau alamat."),
        "complaint.not_found": translate(
            "DomainMessages",
            "Tiket pengaduan {ticket} tidak ada (tiket berbentuk HD-2026-000123)."),
        "complaint.note_required": translate(
            "DomainMessages", "Perubahan status perlu catatan tentang apa yang sudah dilakukan."),
        "complaint.ticket_busy": translate(
            "DomainMessages",
            "Nomor tiket belum bisa dibuat (terlalu banyak desk sekaligus); coba lagi."),
        "complaint.unknown_category": translate(
            "DomainMessages", "Kategori pengaduan {category} tidak dikenal (yang ada: {known})."),
        "search.bad_limit": translate("DomainMessages", "Batas hasil harus dari 1 sampai {most}."),
        # incidents and units
        "incident.bad_disposition": translate(
            "DomainMessages", "{disposition} bukan cara menutup atau membatalkan kejadian ini."),
        "incident.bad_priority": translate(
            "DomainMessages",
            "Prioritas harus bilangan bulat dari 1 (paling mendesak) sampai 5, bukan {priority}."),
        "incident.cancel_on_scene": translate(
            "DomainMessages",
            "Kejadian {incident} punya unit di lokasi: tutup kejadiannya, jangan dibatalkan."),
        "incident.closed": translate(
            "DomainMessages", "Kejadian {incident} sudah {status}: tidak bisa diubah lagi."),
        "incident.empty_note": translate("DomainMessages", "Catatannya kosong."),
        "incident.likely_duplicate": translate(
            "DomainMessages",
            "Kejadian {incident} ({type}, {distance_m} m dari sini, dibuka {minutes} menit lalu) "
            "tampaknya kejadian yang sama: tambahkan laporan ini ke sana, atau buka kejadian baru"
            " bila memang lain."),
        "incident.not_found": translate("DomainMessages", "Kejadian {incident} tidak ada."),
        "incident.nothing_to_change": translate(
            "DomainMessages", "Kejadian {incident}: tidak ada yang diubah."),
        "incident.unknown_type": translate(
            "DomainMessages", "Jenis kejadian {type} tidak dikenal."),
        "incident.unlocated": translate(
            "DomainMessages",
            "Kejadian {incident} belum punya tempat: tentukan lokasinya dulu, atau kirim unit ke "
            "wilayah yang bernama."),
        "unit.already": translate("DomainMessages", "{callsign} sudah {status}."),
        "unit.already_on_incident": translate(
            "DomainMessages", "{callsign} sudah bertugas di kejadian {incident} (dikirim {at})."),
        "unit.cannot_change": translate(
            "DomainMessages", "{callsign} tidak bisa berubah dari {before} ke {after}."),
        "unit.dispatch_by_assigning": translate(
            "DomainMessages", "{callsign} ditugaskan dengan mengirimnya ke sebuah kejadian."),
        "unit.not_available": translate(
            "DomainMessages", "{callsign} sedang {status}, tidak tersedia."),
        "unit.not_found": translate("DomainMessages", "Unit {callsign} tidak dikenal."),
        "unit.just_sent": translate(
            "DomainMessages",
            "{callsign} baru saja dikirim ke kejadian {incident} oleh {by}; untuk mengirimnya "
            "ke sini, alihkan tugasnya dan sebutkan alasannya."),
        "unit.on_other_incident": translate(
            "DomainMessages",
            "{callsign} sedang bertugas di kejadian {incident} (dikirim oleh {by} {at}); untuk "
            "mengirimnya ke sini, alihkan tugasnya dan sebutkan alasannya."),
        "unit.just_changed": translate(
            "DomainMessages", "{callsign} baru saja diubah menjadi {status} oleh {by}."),
        "unit.just_changed_on_incident": translate(
            "DomainMessages",
            "{callsign} baru saja diubah menjadi {status} di kejadian {incident} oleh {by}."),
        # the studio relay, the RDS encoder and their simulator
        "lifeline.cannot_start": translate(
            "DomainMessages", "Proses relai tidak bisa dijalankan: {detail}."),
        "lifeline.child_error": translate(
            "DomainMessages", "Proses relai gagal menjalankan {command}: {detail}."),
        "lifeline.child_gone": translate(
            "DomainMessages", "Proses relai berhenti tiba-tiba (status {status})."),
        "lifeline.no_answer": translate(
            "DomainMessages", "Proses relai tidak menjawab {command} dalam {timeout} dtk."),
        "onair.bad_timeout": translate(
            "DomainMessages", "Batas waktu pengaman siaran harus positif."),
        "onair.channel_below_one": translate(
            "DomainMessages",
            "Pengaturan radio.channels_on_air: kanal mulai dari 1, bukan {channel}."),
        "onair.channel_not_number": translate(
            "DomainMessages", "Pengaturan radio.channels_on_air: {item} bukan nomor kanal."),
        "onair.closed": translate("DomainMessages", "Pengendali siaran sudah ditutup."),
        "onair.no_channels": translate(
            "DomainMessages",
            "Tidak ada kanal relai yang diatur untuk siaran (radio.channels_on_air)."),
        "rds.no_port": translate(
            "DomainMessages", "Port encoder RDS belum diatur (radio.rds_port)."),
        "rds.unknown_command": translate(
            "DomainMessages", "Perintah RDS {variant} tidak dikenal; pilih rt1 atau text."),
        "relay.bad_channel": translate(
            "DomainMessages",
            "Kanal {channel} di luar jangkauan: relai {protocol} ini punya kanal 1 sampai "
            "{relays}."),
        "relay.bad_count": translate(
            "DomainMessages", "Relai {protocol} berjumlah 1 sampai {most}, bukan {count}."),
        "relay.bad_pulse": translate(
            "DomainMessages", "Panjang pulsa harus positif, bukan {ms} ms."),
        "relay.bad_status_byte": translate(
            "DomainMessages", "Relai di {port}: bita status {value} bukan 00 atau 01."),
        "relay.bad_unit_id": translate(
            "DomainMessages", "ID unit Broadcast Tools adalah 0 sampai 7, bukan {unit}."),
        "relay.cannot_open": translate(
            "DomainMessages", "Port {device} {port} tidak bisa dibuka: {detail}."),
        "relay.changed_behind": translate(
            "DomainMessages", "Relai {channel} terbaca {got} tanpa perintah dari desk."),
        "relay.missing_channel": translate(
            "DomainMessages",
            "Relai di {port} melaporkan {count} relai; kanal {channel} tidak termasuk."),
        "relay.no_answer": translate(
            "DomainMessages", "Relai di {port} tidak menjawab nyala/mati atas {command}: {reply}."),
        "relay.no_port": translate(
            "DomainMessages",
            "Port relai belum diatur (radio.port, mis. /dev/ttyUSB0, COM3 atau "
            "socket://host:port)."),
        "relay.no_status": translate(
            "DomainMessages",
            "Relai di {port} tidak mengirim status ({command}) dalam {timeout} dtk."),
        "relay.not_connected": translate("DomainMessages", "Relai tidak tersambung: {fault}."),
        "relay.not_connected_at_exit": translate(
            "DomainMessages",
            "Relai tidak tersambung saat desk ditutup; kanalnya tidak bisa dipaksa mati."),
        "relay.not_connected_off_later": translate(
            "DomainMessages",
            "Relai tidak tersambung ({fault}); kanalnya dimatikan begitu relai menjawab lagi."),
        "relay.reads_wrong": translate(
            "DomainMessages", "Relai {channel} di {port} terbaca {got} setelah di-set {wanted}."),
        "relay.rejected": translate("DomainMessages", "Relai di {port} menolak perintah (EEE)."),
        "relay.silent": translate(
            "DomainMessages",
            "Perangkat {device} di {port} tidak menjawab perintah {command} dalam {timeout} dtk."),
        "relay.timeout_without_hold": translate(
            "DomainMessages",
            "--timeout hanya bersama --hold: radio on biasa tidak punya batas waktu pengaman."),
        "relay.too_few": translate(
            "DomainMessages", "Jumlah relai paling sedikit 1, bukan {count}."),
        "relay.unknown_protocol": translate(
            "DomainMessages", "Protokol {protocol} tidak dikenal; pilih salah satu dari {known}."),
        "relay.vanished": translate(
            "DomainMessages",
            "Perangkat {device} di {port} hilang ({detail}); periksa kabel dan dayanya."),
        "relay.wrong_reply": translate(
            "DomainMessages",
            "Relai di {port}: jawaban status {reply} bukan untuk relai {channel}."),
        "simulator.bad_address": translate(
            "DomainMessages", "--tcp perlu HOST:PORT (mis. 127.0.0.1:7000), bukan {text}."),
        "simulator.cannot_listen": translate(
            "DomainMessages", "Tidak bisa mendengarkan di {host}:{port}: {detail}."),
        "simulator.cannot_open": translate(
            "DomainMessages", "{url} tidak bisa dibuka untuk simulator: {detail}."),
        "simulator.needs_posix": translate(
            "DomainMessages", "Simulator pty memerlukan sistem POSIX; pakai --tcp HOST:PORT."),
        "simulator.not_tcp": translate(
            "DomainMessages", "Hanya simulator TCP yang bisa memutus desk."),
        "simulator.tcp_and_port": translate(
            "DomainMessages", "Simulasikan lewat TCP atau pada sebuah port, tidak keduanya."),
        # the seed file, settings, the database, files
        "database.bad_url": translate("DomainMessages", "Bukan URL basis data: {url}."),
        "database.not_sqlite_file": translate(
            "DomainMessages", "Koneksi kunci singkat memerlukan berkas SQLite."),
        "database.unsupported": translate(
            "DomainMessages", "Basis data {dialect} tidak didukung: pakai sqlite atau postgresql."),
        "file.cannot_write": translate("DomainMessages", "Tidak bisa menulis {path}: {reason}."),
        "seed.bad_area": translate(
            "DomainMessages", "Berkas seed {source}: service_area: {problem}."),
        "seed.bad_json": translate(
            "DomainMessages", "Berkas seed {source}: bukan JSON yang sah: {detail}."),
        "seed.bad_json_at": translate(
            "DomainMessages",
            "Berkas seed {source}: bukan JSON yang sah pada baris {line} kolom {column}: "
            "{detail}."),
        "seed.bad_value": translate(
            "DomainMessages", "Berkas seed {source}: {path} bernilai {value}: {rule}."),
        "seed.line_not_a_number": translate(
            "DomainMessages", "Berkas seed {source}: lines: {number} bukan nomor telepon."),
        "seed.line_twice": translate(
            "DomainMessages", "Berkas seed {source}: lines: {number} muncul dua kali."),
        "seed.not_finite": translate(
            "DomainMessages", "Berkas seed {source}: {path} bernilai {value}: {coordinate}."),
        "seed.not_utf8": translate("DomainMessages", "Berkas seed {source}: bukan teks UTF-8."),
        "seed.rule.coordinate": translate(
            "DomainMessages", "nilai {axis} harus antara -{limit} dan {limit}"),
        "seed.rule.priority": translate(
            "DomainMessages", "prioritas adalah bilangan bulat dari 1 (paling mendesak) sampai 5"),
        "seed.rule.speed": translate(
            "DomainMessages", "kecepatan harus lebih dari 0 dan paling tinggi {most} km/jam"),
        "seed.rule.target_hours": translate(
            "DomainMessages", "target adalah bilangan bulat jam dari 1 sampai {most}"),
        "seed.schema": translate("DomainMessages", "Berkas seed {source}: {path}: {detail}."),
        "seed.twice": translate(
            "DomainMessages", "Berkas seed {source}: {section}: {key} {value} muncul dua kali."),
        "seed.type_unknown_kind": translate(
            "DomainMessages",
            "Berkas seed {source}: jenis kejadian {type}: jenis unit {kind} tidak dikenal."),
        "seed.unit_unknown_kind": translate(
            "DomainMessages",
            "Berkas seed {source}: unit {callsign}: jenis unit {kind} tidak dikenal."),
        "seed.unknown_agency": translate(
            "DomainMessages",
            "Berkas seed {source}: kategori pengaduan {category}: instansi {agency} tidak "
            "dikenal."),
        "seed.unknown_station": translate(
            "DomainMessages",
            "Berkas seed {source}: unit {callsign}: pos {station} tidak dikenal."),
        "seed.unreadable": translate(
            "DomainMessages", "Berkas seed {source} tidak bisa dibaca ({reason})."),
        "setting.out_of_range": translate(
            "DomainMessages", "Pengaturan {name} harus antara {low} dan {high}, bukan {value}."),
        # the softphone (telephony/)
        "sip.bad_peer": translate(
            "DomainMessages", "sip.allowed_peers: {entry} bukan alamat IP atau jaringan."),
        "sip.bad_listen": translate(
            "DomainMessages", "Alamat dengar harus HOST:PORT dengan alamat IP, bukan {text}."),
        "sip.bad_port": translate("DomainMessages", "Port {port} di luar rentang 0–65535."),
        "sip.bad_transport": translate(
            "DomainMessages", "Transport harus udp atau tcp, bukan {transport}."),
        "sip.blocked_message_unusable": translate(
            "DomainMessages", "Pesan untuk penelepon yang diblokir ({path}) tidak bisa diputar: "
            "{reason}. Pakai berkas WAV PCM 16-bit mono."),
        "softphone.not_running": translate("DomainMessages", "Softphone tidak berjalan."),
        "softphone.stopped": translate("DomainMessages", "Softphone berhenti."),
        # the link from the window to the phone engine (telephony/link/)
        "engine.not_running": translate(
            "DomainMessages", "Mesin telepon tidak berjalan untuk direktori data ini."),
        "engine.no_hello": translate("DomainMessages", "Mesin telepon tidak menjawab sapaan."),
        "engine.no_answer": translate(
            "DomainMessages", "Tidak ada mesin telepon yang menjawab untuk direktori data ini."),
        "engine.other_protocol": translate(
            "DomainMessages",
            "Mesin telepon memakai protokol {engine}, jendela ini {window}: mulai ulang "
            "mesinnya."),
        "engine.not_connected": translate(
            "DomainMessages", "Mesin telepon tidak tersambung: perintah tidak terkirim."),
        "engine.link_closed": translate(
            "DomainMessages", "Jendela menutup sambungannya ke mesin telepon."),
        "engine.link_lost": translate(
            "DomainMessages",
            "Sambungan ke mesin telepon terputus: perintah mungkin tidak sampai."),
        "engine.already_running": translate(
            "DomainMessages", "Mesin telepon lain sudah berjalan untuk direktori data ini."),
        "engine.unknown_command": translate(
            "DomainMessages", "Mesin telepon tidak mengenal perintah {name}."),
        "engine.bad_arguments": translate(
            "DomainMessages", "Argumen perintah {name} untuk mesin telepon salah."),
        "softphone.running": translate("DomainMessages", "Softphone sudah berjalan."),
        "softphone.start_timeout": translate(
            "DomainMessages", "Softphone tidak mulai pada waktunya."),
        "softphone.cannot_start": translate(
            "DomainMessages", "Softphone tidak bisa mulai di {transport} {listen}: {reason}."),
        "softphone.stop_from_sip_thread": translate(
            "DomainMessages", "Softphone tidak bisa dihentikan dari utas SIP-nya sendiri."),
        "setting.bad_file": translate(
            "DomainMessages", "Berkas pengaturan {path} bukan TOML yang sah: {detail}."),
        "setting.bad_value": translate(
            "DomainMessages", "Pengaturan {key} dari {origin}: {detail}."),
        "setting.not_one_of": translate(
            "DomainMessages",
            "Pengaturan {key} dari {origin}: {value} bukan salah satu dari {allowed}."),
        # shared
        "text.too_long": translate(
            "DomainMessages", "Isian {what} lebih panjang dari {limit} karakter."),
        "time.no_zone": translate("DomainMessages", "Waktunya harus menyertakan zona waktu."),
        "time.not_a_date": translate(
            "DomainMessages", "{option} {value} bukan tanggal seperti 2026-11-23."),
        "time.not_iso": translate("DomainMessages", "{option}: {value} bukan waktu ISO 8601."),
        "value.not_one_of": translate(
            "DomainMessages", "{value} bukan salah satu dari: {allowed}."),
        "paging.bad_before": translate(
            "DomainMessages", "--before harus nomor baris 1 atau lebih, bukan {value}."),
        "report.bad_month": translate(
            "DomainMessages", "{value} bukan bulan seperti 2026-11."),
        # statistics
        "stats.period_backwards": translate(
            "DomainMessages", "Periode berakhir ({last}) sebelum dimulai ({first})."),
        "stats.unknown_line": translate("DomainMessages", "Tidak ada saluran {line}."),
        "stats.unknown_agency": translate("DomainMessages", "Tidak ada instansi {agency}."),
    }
