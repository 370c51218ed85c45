"""Texts of signing in, the viewer's box in the sidebar and the admin pages (Pengguna, Audit)."""
TEXTS = {
    "akses_judul": ("Masuk ke Monev Anggaran", "Sign in to Monev Anggaran"),
    "akses_nama": ("Nama pengguna", "Username"),
    "akses_sandi": ("Kata sandi", "Password"),
    "akses_tombol": ("Masuk", "Log in"),
    "akses_salah": ("Nama pengguna atau kata sandi salah.", "Wrong username or password."),
    "akses_kunci_info": ("Demi keamanan, akun dikunci {menit} menit setelah {n} kali gagal masuk berturut-turut.",
                         "For security, an account is locked for {menit} minutes after {n} failed sign-ins in a row."),
    "akses_sso": ("Masuk dengan akun kementerian (SSO)", "Log in with the ministry account (SSO)"),
    "akses_sso_petunjuk": ("Aplikasi ini memakai masuk tunggal (SSO) kementerian.",
                           "This app uses the ministry's single sign-on (SSO)."),
    "akses_sso_tak_terdaftar": ("Identitas {email} belum terdaftar sebagai pengguna Monev Anggaran, atau akunnya "
                                "nonaktif. Minta admin (Biro Keuangan) membuatkan akun dengan e-mail ini.",
                                "The identity {email} is not registered as a Monev Anggaran user, or its account is "
                                "disabled. Ask the admin (Finance Bureau) to create an account with this e-mail."),
    "akses_sso_tanpa_email": ("Identitas SSO tidak membawa alamat e-mail; akun tidak dapat dicocokkan.",
                              "The SSO identity carries no e-mail address; no account can be matched."),
    "akses_belum_ada_akun": (
        "Belum ada akun pengguna untuk gudang data ini, jadi angka tidak ditampilkan. Admin membuat akun "
        "pertama di server:\n\n`python -m monev user add admin --role admin --password-stdin`\n\n(atau dengan "
        "`--email ALAMAT` untuk masuk lewat SSO). Lihat docs/security.md.",
        "There is no user account for this warehouse yet, so no figures are shown. The admin creates the first "
        "account on the server:\n\n`python -m monev user add admin --role admin --password-stdin`\n\n(or with "
        "`--email ADDRESS` to sign in through SSO). See docs/security.md."),
    "akses_sesi_habis": ("Sesi berakhir karena tidak aktif selama {menit} menit. Silakan masuk lagi.",
                         "The session ended after {menit} minutes without activity. Please sign in again."),
    "akses_akun_dicabut": ("Akun ini tidak lagi aktif. Hubungi admin.",
                           "This account is no longer active. Contact the admin."),
    "akses_keluar": ("Keluar", "Log out"),
    "akses_sebagai": ("Masuk sebagai", "Signed in as"),
    "akses_peran": ("Peran: {peran}", "Role: {peran}"),
    "akses_lingkup": ("Lingkup: {lingkup}", "Scope: {lingkup}"),
    "akses_semua": ("semua unit", "every unit"),
    "akses_demo": ("Mode demo: data contoh tanpa akun pengguna; semua menu terbuka. Buat akun pertama "
                   "(`python -m monev user add`) agar aplikasi meminta masuk.",
                   "Demo mode: sample data without user accounts; every menu is open. Create the first account "
                   "(`python -m monev user add`) to make the app ask for a sign-in."),
    "akses_khusus_admin": ("Halaman ini hanya untuk admin (Biro Keuangan).",
                           "This page is for admins (Finance Bureau) only."),
    "akses_db_gagal": ("Basis data aplikasi (pengguna dan audit) tidak dapat dibuka. Periksa MONEV_APP_DB; "
                       "rinciannya ada di log server.",
                       "The application database (users and audit) cannot be opened. Check MONEV_APP_DB; the "
                       "details are in the server log."),
    "pengguna": ("Pengguna", "Users"),
    "pengguna_petunjuk": ("Daftar akun. Membuat, menonaktifkan dan mengganti kata sandi dilakukan admin di "
                          "server dengan `python -m monev user add | disable | set-password` (lihat docs/security.md), "
                          "agar kata sandi tidak pernah melewati peramban.",
                          "The accounts. Creating, disabling and resetting passwords is done by the admin on the "
                          "server with `python -m monev user add | disable | set-password` (see docs/security.md), so "
                          "a password never passes through a browser."),
    "audit": ("Audit", "Audit"),
    "audit_petunjuk": ("Catatan yang hanya bertambah: masuk, keluar, gagal masuk, halaman dilihat, unduhan, muat, "
                       "pembatalan dan perubahan pengguna.",
                       "An append-only record: sign-ins, sign-outs, failed sign-ins, page views, downloads, loads, "
                       "undos and user changes."),
    "audit_dari": ("Dari tanggal", "From"),
    "audit_sampai": ("Sampai tanggal", "To"),
    "audit_pengguna": ("Pengguna", "User"),
    "audit_kejadian": ("Kejadian", "Event"),
    "audit_kol_at": ("Waktu", "Time"),
    "audit_kol_who": ("Pengguna", "User"),
    "audit_kol_event": ("Kejadian", "Event"),
    "audit_kol_page": ("Halaman", "Page"),
    "audit_kol_scope": ("Lingkup", "Scope"),
    "audit_kol_detail": ("Rincian", "Detail"),
    "audit_batas": ("Menampilkan {n} baris terbaru.", "Showing the {n} newest rows."),
}
