-- Login attempts counted per username and per client IP, shared by every process. A row is written
-- before the password is checked and removed again on success, so parallel guesses cannot slip past the
-- limit. key_hash is an HMAC, never the raw value: for an IP it is keyed with the secret and the day, a
-- salt that rotates daily (docs/domain.md §9).
create table login_failures (
  id bigint generated always as identity primary key,
  subject text not null check (subject in ('username', 'ip')),
  key_hash bytea not null,
  failed_at timestamptz not null
);
create index login_failures_key_idx on login_failures (key_hash, failed_at);
create index login_failures_at_idx on login_failures (failed_at);
