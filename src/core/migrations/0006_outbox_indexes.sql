-- Every event pays for each index of the outbox twice: when it is inserted, and again when the
-- sequencer gives it its position (that update cannot be HOT: position is indexed). Bulk imports
-- write one event per record, so two indexes nothing reads go:
--  * (type, id): the change feed pages by position and filters types on the rows it reads;
--  * the unique index on event_id: ids are UUIDv7 made fresh for each event (in Node or in SQL),
--    and nothing looks an event up by it (deliveries and notifications keep their own copies).
DROP INDEX core.outbox_type_idx;
ALTER TABLE core.outbox DROP CONSTRAINT outbox_event_id_key;
