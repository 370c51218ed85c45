-- Write everything to the database file itself, so a copy or a new version is complete without
-- its WAL before it is published.
checkpoint;
