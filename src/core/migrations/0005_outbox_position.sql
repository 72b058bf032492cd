-- The change feed's order. Outbox ids are taken at INSERT, not at COMMIT: a transaction that
-- commits late leaves a lower id behind rows already read, and a reader paging by id would skip
-- it for good. `position` is handed out after commit by core.sequence_outbox(), so paging by
-- position never skips an event:
--  * it only sees committed rows (each statement of a VOLATILE function takes a new snapshot
--    under READ COMMITTED), and numbers those without a position in id order;
--  * a transaction-level advisory lock serialises sequencers, and each continues from the
--    highest position so far, so positions only grow: whatever a reader has seen up to
--    position p, every later-numbered row gets a position above p;
--  * per-record order holds: a change to a record is made under the record's row lock, so the
--    next change's event is inserted (and its id taken) after the previous one committed.
ALTER TABLE core.outbox ADD COLUMN position bigint;
-- Events already written keep their id order.
UPDATE core.outbox SET position = id;
CREATE UNIQUE INDEX outbox_position_key ON core.outbox (position);
CREATE INDEX outbox_unsequenced_idx ON core.outbox (id) WHERE position IS NULL;

CREATE FUNCTION core.sequence_outbox(max_rows integer DEFAULT 5000) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last_position bigint;
  numbered integer;
BEGIN
  -- Nothing waiting: done without taking the lock (feed readers poll often).
  IF NOT EXISTS (SELECT 1 FROM core.outbox WHERE position IS NULL) THEN
    RETURN 0;
  END IF;
  -- One sequencer at a time, across every process; released at the end of the transaction.
  PERFORM pg_advisory_xact_lock(7364519020261128);
  SELECT coalesce(max(position), 0) INTO last_position FROM core.outbox;
  WITH todo AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n
    FROM (SELECT id FROM core.outbox WHERE position IS NULL ORDER BY id LIMIT max_rows) pending
  )
  UPDATE core.outbox o SET position = last_position + todo.n FROM todo WHERE o.id = todo.id;
  GET DIAGNOSTICS numbered = ROW_COUNT;
  RETURN numbered;
END;
$$;
