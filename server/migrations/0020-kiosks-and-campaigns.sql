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

-- A survey campaign (điều tra xã hội học on paper): a questionnaire version, a period, a sample for each
-- surveyed place and the enumerators who type the collected forms in.
create table campaigns (
  id int generated always as identity primary key,
  unit_id int not null references units,
  name text not null check (length(btrim(name)) between 1 and 200),
  survey_version_id int not null references survey_versions,
  period_start date not null,
  period_end date not null,
  created_at timestamptz not null default now(),
  check (period_end >= period_start)
);

-- The sample of each surveyed unit; its forms are stored at the counter named here.
create table campaign_samples (
  campaign_id int not null references campaigns on delete cascade,
  counter_id int not null references counters,
  sample_size int not null check (sample_size between 1 and 100000),
  primary key (campaign_id, counter_id)
);

create table campaign_enumerators (
  campaign_id int not null references campaigns on delete cascade,
  user_id int not null references users,
  primary key (campaign_id, user_id)
);

-- Which ratings are a campaign's paper forms, for its progress against the sample. Who typed a form is not kept
-- with it (the audit log counts what each enumerator entered).
create table campaign_forms (
  campaign_id int not null references campaigns,
  response_id uuid not null unique references responses,
  primary key (campaign_id, response_id)
);
