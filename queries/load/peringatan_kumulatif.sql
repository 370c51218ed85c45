-- load/peringatan_kumulatif.sql
-- Year-to-date snapshots lower than the same line's snapshot before them (a correction: the month
-- gets a negative flow), where batch :batch_id loaded either of the two; read after the load, in
-- its transaction. Lines: the relation staging_lines (the line columns).
-- params: :batch_id (int)
-- returns: the line columns, tgl_posisi, realisasi_sd, dari_berkas (this batch loaded the lower
--          one), tgl_sebelumnya, sebelumnya (the earlier snapshot's date and amount)
with urut as (
    select k.thang, k.kdsatker, k.kdprogram, k.kdgiat, k.kdoutput, k.kdsoutput, k.kdakun, k.kdppk,
           k.tgl_posisi, k.realisasi_sd, k.batch_id,
           lag(k.realisasi_sd) over w as sebelumnya, lag(k.tgl_posisi) over w as tgl_sebelumnya,
           lag(k.batch_id) over w as batch_sebelumnya
    from fact_realisasi_kumulatif k
    semi join staging_lines g
      on g.thang = k.thang and g.kdsatker = k.kdsatker and g.kdprogram = k.kdprogram and g.kdgiat = k.kdgiat
     and g.kdoutput = k.kdoutput and g.kdsoutput = k.kdsoutput and g.kdakun = k.kdakun and g.kdppk = k.kdppk
    window w as (partition by k.thang, k.kdsatker, k.kdprogram, k.kdgiat, k.kdoutput, k.kdsoutput, k.kdakun, k.kdppk
                 order by k.tgl_posisi)
)
select thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, tgl_posisi, realisasi_sd,
       batch_id = :batch_id as dari_berkas, tgl_sebelumnya, sebelumnya
from urut
where realisasi_sd < sebelumnya and (batch_id = :batch_id or batch_sebelumnya = :batch_id)
order by all;
