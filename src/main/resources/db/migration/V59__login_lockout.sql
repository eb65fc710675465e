-- Password guessing: wrong passwords in a row per account, and until when the account is locked after too
-- many (UserAccounts, simpul.security.login.*). Kept in the store, so every hub instance and a restart see
-- the same count; names that are no account are not stored at all.
ALTER TABLE app_user ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE app_user ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
