-- A security stamp per editor account: sessions carry the stamp they were signed in with and are
-- checked against it, so a new stamp ends every session of the account at its next request. It
-- changes when the account is disabled or enabled (however that is done, SQL included: a
-- trigger) and when its password is reset (EditorStore).
ALTER TABLE editors ADD COLUMN security_stamp uuid NOT NULL DEFAULT gen_random_uuid();

CREATE FUNCTION editors_new_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.security_stamp := gen_random_uuid();
    RETURN NEW;
END
$$;

CREATE TRIGGER editors_disabled_new_stamp BEFORE UPDATE OF disabled_at ON editors
    FOR EACH ROW WHEN (OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
    EXECUTE FUNCTION editors_new_stamp();
