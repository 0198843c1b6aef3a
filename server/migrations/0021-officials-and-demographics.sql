-- The officials serving a counter, as citizens know them ("Nguyễn Văn A – công chức Tư pháp"), optionally
-- linked to a staff account (so that account never sees its own results). Removing one keeps the row, as
-- ratings may name it: removed_at hides it from the survey page.
create table counter_officials (
  id int generated always as identity primary key,
  counter_id int not null references counters,
  display_name text not null check (length(btrim(display_name)) between 1 and 120),
  user_id int references users,
  created_at timestamptz not null default now(),
  removed_at timestamptz
);
create index counter_officials_counter_idx on counter_officials (counter_id) where removed_at is null;

-- The official a citizen chose as the one who served them (never required). Set by the rating's one insert
-- statement; only ratings naming an official are in the index that per-official results read.
alter table responses add column official_id int references counter_officials;
create index responses_official_time_idx on responses (official_id, submitted_at) where official_id is not null;

-- A resident-survey campaign may ask demographics in coarse bands, off by default; ethnicity is asked only
-- when a manager turns it on as well (sensitive personal data).
alter table campaigns add column collects_demographics boolean not null default false;
alter table campaigns add column collects_ethnicity boolean not null default false;
alter table campaigns add constraint campaigns_ethnicity_check check (collects_demographics or not collects_ethnicity);

-- The bands a paper form gave, each a small code of shared/campaign-contract.ts, null when not answered. No
-- exact age, no free text: nothing personal beyond the bands.
create table campaign_form_demographics (
  response_id uuid primary key references responses,
  campaign_id int not null references campaigns,
  gender int2 check (gender between 1 and 3),
  age_band int2 check (age_band between 1 and 4),
  education int2 check (education between 1 and 5),
  occupation int2 check (occupation between 1 and 8),
  ethnicity int2 check (ethnicity between 1 and 2)
);
create index campaign_form_demographics_campaign_idx on campaign_form_demographics (campaign_id);
