-- The change feed pages by position and filters types on the rows it reads; nothing looks events
-- up by (type, id) any more, and every event paid for that index twice (insert, then the
-- sequencer's update of its position). Bulk imports write one event per record.
DROP INDEX core.outbox_type_idx;
