-- Record an accepted file as load batch :id (inside the load's own transaction).
insert into load_batch values (:id, :name, :sha, :kind, :rows, :at, :by);
