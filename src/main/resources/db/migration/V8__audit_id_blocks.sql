-- Audit events take their ids in blocks of 50 per node: one sequence round trip per 50 events instead of one per event
-- (each sign-in and each minted token writes one). The shared sequence now steps by 50: entities that take one id per
-- call still get unique ids (they skip), and a block never overlaps an id already handed out.
ALTER SEQUENCE lanyard_seq INCREMENT BY 50;
