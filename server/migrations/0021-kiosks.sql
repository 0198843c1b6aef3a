-- A tablet at a counter that shows the quick rating full-screen to one citizen after another. An admin pairs
-- it with a one-time code; only hashes of that code and of the tablet's own token are kept.
create table kiosks (
  id int generated always as identity primary key,
  counter_id int not null references counters,
  name text not null check (length(btrim(name)) between 1 and 100),
  pairing_code_hash bytea unique,
  pairing_expires_at timestamptz,
  token_hash bytea unique,
  -- The tablet's time of its latest rating: a kiosk rates at most once per interval (a terminal's rule),
  -- standing in for the per-device cookie that cannot tell one citizen from the next on a shared tablet.
  last_rated_at timestamptz,
  created_at timestamptz not null default now(),
  paired_at timestamptz,
  revoked_at timestamptz,
  check ((pairing_code_hash is null) = (pairing_expires_at is null))
);
create index kiosks_counter_idx on kiosks (counter_id);
