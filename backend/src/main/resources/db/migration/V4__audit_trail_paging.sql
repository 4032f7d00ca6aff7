-- The console's audit trail (issue 13): keyset pages newest first, ORDER BY occurred_at DESC, id DESC,
-- optionally filtered by actor, customer, channel, action and a time range. Each filter is an
-- equality on the first column of one index followed by (occurred_at, id), so every filter plus the
-- order plus the cursor (occurred_at, id) < (:at, :id) is one backward range scan that stops after a
-- page of rows. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
--
-- IF NOT EXISTS: on a large table an operator can build these beforehand without blocking writes
-- (PostgreSQL: CREATE INDEX CONCURRENTLY with the same names, see docs/console/audit.md); the
-- migration then skips them.
CREATE INDEX IF NOT EXISTS audit_event_time_id ON audit_event (occurred_at, id);
CREATE INDEX IF NOT EXISTS audit_event_user_time ON audit_event (cdp_user_id, occurred_at, id);
CREATE INDEX IF NOT EXISTS audit_event_actor_time ON audit_event (actor, occurred_at, id);
CREATE INDEX IF NOT EXISTS audit_event_channel_time ON audit_event (channel, occurred_at, id);
CREATE INDEX IF NOT EXISTS audit_event_action_time ON audit_event (action, occurred_at, id);

-- V1's indexes are prefixes of the new ones: the new ones serve their look-ups (views of a
-- customer, erasure by customer), and each index less is less work on every audited view.
DROP INDEX IF EXISTS audit_event_user;
DROP INDEX IF EXISTS audit_event_time;
