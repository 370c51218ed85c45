-- The first batch that loaded a file with these exact bytes, if any.
-- params: :sha (hex SHA-256)
select batch_id from load_batch where sha256 = :sha order by batch_id limit 1;
