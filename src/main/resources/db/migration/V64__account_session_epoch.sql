-- Console sessions of an account end when its password is changed or reset, or when it is disabled
-- (UserAccounts, SecurityConfig): each session remembers the epoch it was opened in, and a request of a
-- session from an older epoch ends it. Kept in the store, so every hub instance ends the same sessions.
ALTER TABLE app_user ADD COLUMN session_epoch INTEGER DEFAULT 0 NOT NULL;
