-- Why a conversion failed, as a stable code the extension words in the rep's language
-- (src/shared/conversion-failure-codes.ts); `failure` keeps the English sentence. Documents that
-- failed before this have no code (null): they read as the generic failure.
ALTER TABLE documents ADD COLUMN failure_code TEXT;
