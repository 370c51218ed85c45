-- Set a fact about the warehouse (schema version, sample marker).
-- params: :k (key), :v (value)
insert or replace into warehouse_info values (:k, :v);
