-- "Revoke all sessions" in the console: a browser session that signed in before this instant is over, on every node.
ALTER TABLE users ADD COLUMN sessions_revoked_at TIMESTAMP WITH TIME ZONE;
