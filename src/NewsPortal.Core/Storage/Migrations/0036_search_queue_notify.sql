-- Web nodes index the search queue when told it grew instead of asking every second: an insert
-- into search_pending notifies channel search_pending once per statement (PostgreSQL folds the
-- notifications of one transaction into one and delivers it at commit). An idle portal then asks
-- the database nothing, and what is stored is findable as soon as its transaction commits.
CREATE FUNCTION search_pending_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('search_pending', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER search_pending_notify AFTER INSERT ON search_pending
    FOR EACH STATEMENT EXECUTE FUNCTION search_pending_notify();
