-- Padu processes cache sessions for a minute at most. Any change that could end a session or
-- alter what it may do notifies every process, whichever path made the change (API, CLI, SQL).
CREATE FUNCTION core.notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'session' THEN
    PERFORM pg_notify('padu_session', 'session:' || encode(OLD.token_hash, 'hex'));
  ELSIF TG_TABLE_NAME = 'app_user' THEN
    PERFORM pg_notify('padu_session', 'user:' || NEW.id);
  ELSE
    PERFORM pg_notify('padu_session', 'user:' || COALESCE(NEW.user_id, OLD.user_id));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER session_deleted AFTER DELETE ON core.session
  FOR EACH ROW EXECUTE FUNCTION core.notify_session_change();
CREATE TRIGGER session_cut_short AFTER UPDATE OF expires_at, user_id ON core.session
  FOR EACH ROW EXECUTE FUNCTION core.notify_session_change();
CREATE TRIGGER app_user_changed AFTER UPDATE ON core.app_user
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION core.notify_session_change();
CREATE TRIGGER user_role_changed AFTER INSERT OR UPDATE OR DELETE ON core.user_role
  FOR EACH ROW EXECUTE FUNCTION core.notify_session_change();
