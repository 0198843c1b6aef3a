-- An anonymous rating (docs/domain.md §9): no name, phone, IP, device id or dossier code is ever stored here.
create table responses (
  id uuid primary key default gen_random_uuid(),
  -- Made once per filled form by the client; a replay with the same content is answered, never stored twice.
  submission_id uuid not null unique,
  -- sha256 of the canonical content, to tell a replay (same content) from a conflict (other content).
  content_hash bytea not null,
  survey_id int not null references surveys,
  survey_version_id int not null references survey_versions,
  counter_id int not null references counters,
  -- The unit of the counter when the rating was given, so old reports keep their tree.
  unit_id int not null references units,
  field_id int references fields,
  procedure_code text check (procedure_code ~ '^[123]\.\d{6}(\.H\d{2}|\.000\.00\.00\.H\d{2})?$'),
  channel text not null check (channel in ('qr', 'invitation', 'kiosk', 'paper')),
  is_verified boolean not null default false,
  flag_reasons text[] not null default '{}',
  -- Flagged ratings are excluded until an analyst restores them; they are never deleted.
  is_excluded boolean not null default false,
  submitted_at timestamptz not null default now(),
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  -- Redacted before storage (phone numbers, ID numbers and e-mails become "[đã ẩn]").
  comment text check (length(comment) <= 1000),
  check (is_verified = (channel = 'invitation'))
);
create index responses_counter_time_idx on responses (counter_id, submitted_at);
create index responses_unit_time_idx on responses (unit_id, submitted_at);
create index responses_flagged_idx on responses (counter_id, submitted_at) where cardinality(flag_reasons) > 0;

-- Answer counts, kept current in the same transaction as each response, so that every statistic is read
-- from here and never from raw responses. The day is the local (TZ) date; question_key '*' counts
-- responses; value 0 is "Không có ý kiến / Không áp dụng"; a multiple-choice answer adds one row per option;
-- field_id 0 and procedure_code '' mean "not given". The three tables differ only in one extra dimension.
create table rollups (
  unit_id int not null,
  day date not null,
  counter_id int not null,
  survey_id int not null,
  field_id int not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded)
);

create table rollups_by_procedure (
  unit_id int not null,
  day date not null,
  counter_id int not null,
  survey_id int not null,
  field_id int not null,
  procedure_code text not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, day, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded)
);

create table rollups_by_hour (
  unit_id int not null,
  day date not null,
  counter_id int not null,
  survey_id int not null,
  field_id int not null,
  hour smallint not null check (hour between 0 and 23),
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, day, counter_id, survey_id, field_id, hour, question_key, value, is_verified, is_excluded)
);
