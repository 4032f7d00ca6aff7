-- Issue 10: interaction links, outcome interactions and dedupe keys belong to the authenticated
-- caller's organisation (bridge.identity.organisations; a caller not listed is its own), so no other
-- caller can overwrite a link, change another organisation's outcome or suppress its events.
-- Rows written before this migration get organisation '' (no caller recorded then): the widget and
-- the proxy still read those links, outcome intake (scoped) does not.
-- Runs unchanged on H2 (embedded default, PostgreSQL mode) and PostgreSQL (prod): tables whose
-- primary key changes are rebuilt and renamed, since the two name primary keys differently.

CREATE TABLE interaction_link_v3 (
    organisation   VARCHAR(128)     NOT NULL,
    interaction_id VARCHAR(128)     NOT NULL,
    cdp_user_id    VARCHAR(256)     NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    match_type     VARCHAR(32)      NOT NULL,
    source         VARCHAR(64)      NOT NULL,
    caller         VARCHAR(128)     NOT NULL,
    linked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organisation, interaction_id)
);
INSERT INTO interaction_link_v3 (organisation, interaction_id, cdp_user_id, confidence, match_type, source, caller, linked_at)
SELECT '', interaction_id, cdp_user_id, confidence, match_type, source, '', linked_at FROM interaction_link;
DROP TABLE interaction_link;
ALTER TABLE interaction_link_v3 RENAME TO interaction_link;
CREATE INDEX interaction_link_user ON interaction_link (cdp_user_id);
-- the widget and the proxy look a link up by interaction id alone
CREATE INDEX interaction_link_interaction ON interaction_link (interaction_id);

CREATE TABLE outcome_interaction_v3 (
    organisation     VARCHAR(128) NOT NULL,
    interaction_id   VARCHAR(160) NOT NULL,
    revision         INTEGER      NOT NULL,
    first_update_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_update_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organisation, interaction_id)
);
INSERT INTO outcome_interaction_v3 (organisation, interaction_id, revision, first_update_at, last_update_at)
SELECT '', interaction_id, revision, first_update_at, last_update_at FROM outcome_interaction;
DROP TABLE outcome_interaction;
ALTER TABLE outcome_interaction_v3 RENAME TO outcome_interaction;

-- dedupe_key is now a SHA-256 over the caller and the event's own key (fixed length, whatever the
-- platform sends); body_hash lets a body without an event id or time be told from a retry
ALTER TABLE outcome_event ADD COLUMN organisation VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE outcome_event ADD COLUMN caller VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE outcome_event ADD COLUMN body_hash VARCHAR(64);
DROP INDEX outcome_event_interaction;
CREATE INDEX outcome_event_interaction ON outcome_event (organisation, interaction_id, event_time, seq);

ALTER TABLE outbox_message ADD COLUMN organisation VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_revision;
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_revision UNIQUE (organisation, interaction_id, revision);
