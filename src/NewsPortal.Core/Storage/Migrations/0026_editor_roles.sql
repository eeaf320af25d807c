-- Roles: an admin manages accounts, sources and settings and reads the audit log; an editor works
-- on articles and stories. Accounts that exist when this runs become admins, so whoever ran the
-- desk until now is not locked out of it; accounts made from now on are editors unless told.
ALTER TABLE editors ADD COLUMN role text NOT NULL DEFAULT 'admin'
    CONSTRAINT editors_role_check CHECK (role IN ('admin', 'editor'));
ALTER TABLE editors ALTER COLUMN role SET DEFAULT 'editor';

-- A session carries the role it was signed in with; a new stamp on a role change ends it at its
-- next request (however the role was changed, SQL included), as 0021 does for disabling.
CREATE TRIGGER editors_role_new_stamp BEFORE UPDATE OF role ON editors
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role)
    EXECUTE FUNCTION editors_new_stamp();
