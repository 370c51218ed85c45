-- One fact about the warehouse.
-- params: :k (key)
select value from warehouse_info where key = :k;
