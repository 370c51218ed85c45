"""Texts of the Muat data (loading) page, Indonesian first."""
TEXTS = {
    "muat": ("Muat data", "Load data"),
    "muat_pilih": ("Pilih berkas CSV atau XLSX (boleh beberapa)", "Choose CSV or XLSX files (several allowed)"),
    "muat_petunjuk": ("Setiap berkas diperiksa dulu tanpa dimuat; tombol Muat aktif hanya bila tidak ada "
                      "kesalahan. Format berkas: docs/import-formats.md.",
                      "Each file is checked first without loading it; the Load button is enabled only when "
                      "there are no problems. File formats: docs/import-formats.md."),
    "muat_jenis": ("Jenis data: {jenis}", "Data kind: {jenis}"),
    "muat_jenis_tak_dikenal": ("Jenis data: tidak dikenali", "Data kind: not recognised"),
    "muat_pratinjau": ("Pratinjau {n} baris pertama", "Preview of the first {n} rows"),
    "muat_masalah": ("Daftar kesalahan: {n} (baris, kolom, nilai, alasan)",
                     "Problems: {n} (row, column, value, reason)"),
    "muat_tombol": ("Muat", "Load"),
    "muat_riwayat": ("Riwayat muat", "Load history"),
    "muat_riwayat_kosong": ("Belum ada berkas yang dimuat.", "No files loaded yet."),
    "muat_batalkan": ("Batalkan", "Undo"),
    "muat_batal_judul": ("Batalkan batch", "Undo a batch"),
    "muat_batal_tanya": ("Batalkan batch {id} ({nama})? Baris yang dimuatnya dihapus dan baris yang "
                         "digantikannya berlaku kembali.",
                         "Undo batch {id} ({nama})? The rows it loaded are removed and the rows it "
                         "replaced are in force again."),
    "muat_ya": ("Ya, batalkan", "Yes, undo"),
    "muat_tidak": ("Tidak", "No"),
    "muat_kol_batch_id": ("Batch", "Batch"),
    "muat_kol_file_name": ("Nama berkas", "File name"),
    "muat_kol_kind": ("Jenis data", "Data kind"),
    "muat_kol_row_count": ("Jumlah baris", "Rows"),
    "muat_kol_loaded_at": ("Waktu muat", "Loaded at"),
    "muat_kol_loaded_by": ("Dimuat oleh", "Loaded by"),
    "muat_kol_sha256": ("Sidik berkas (SHA-256)", "File hash (SHA-256)"),
    "muat_sedang": ("Memuat {nama}; bila pemuatan lain sedang berjalan, menunggu sampai selesai...",
                    "Loading {nama}; if another load is running, waiting for it to finish..."),
    "muat_kol_baris_dilampaui": ("Baris digantikan kemudian", "Rows superseded later"),
    "muat_kol_dilampaui_oleh": ("Digantikan oleh batch", "Superseded by batch"),
    "muat_dilampaui": ("tidak dapat dibatalkan: digantikan batch {oleh}",
                       "cannot be undone: superseded by batch {oleh}"),
    "muat_peringatan": ("Berkas yang baru dimuat: {n} peringatan (tidak menghalangi pemuatan; disimpan "
                        "bersama batch-nya). Periksa baris berikut.",
                        "The file just loaded: {n} warnings (they did not block the load; kept with its "
                        "batch). Check the rows below."),
    "muat_peringatan_periksa": ("{n} peringatan (tidak menghalangi pemuatan)",
                                "{n} warnings (they do not block loading)"),
    "muat_peringatan_batch_judul": ("Peringatan batch sebelumnya", "Warnings of earlier batches"),
    "muat_peringatan_batch_pilih": ("Pilih batch", "Choose a batch"),
    "muat_peringatan_batch_kosong": ("Batch {id} dimuat tanpa peringatan.", "Batch {id} loaded without warnings."),
    "muat_peringatan_batch_catatan": ("{n} peringatan yang dicatat saat batch dimuat (paling banyak {per} per "
                                      "aturan; jumlah seluruhnya disebut dalam pesan pemuatan).",
                                      "{n} warnings recorded when the batch was loaded (at most {per} per rule; "
                                      "the load's message gave the full count)."),
}
