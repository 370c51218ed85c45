-- Schema version 4: the Dispensasi SPM deduction per satker and month (kind dispensasi_spm), the
-- input of the IKPA deduction that no earlier import carried. History is kept like the other tables.

create table fact_dispensasi_spm_hist (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    jumlah_spm integer,                  -- SPM submitted with a dispensation (empty: not reported)
    pengurang decimal(6, 2) not null,    -- the deduction in IKPA points, as OM-SPAN reports it
    batch_id integer not null, superseded_by integer
);

create view fact_dispensasi_spm as select * exclude (superseded_by) from fact_dispensasi_spm_hist where superseded_by is null;
