create table surveys (
  id int generated always as identity primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
  title text not null check (length(btrim(title)) between 1 and 200),
  -- The draft being edited, validated by shared/survey-definition.ts; null when there is none.
  draft jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A published version is immutable: a new edit is a new version; question keys stay stable.
create table survey_versions (
  id int generated always as identity primary key,
  survey_id int not null references surveys,
  version int not null check (version >= 1),
  definition jsonb not null check (jsonb_typeof(definition) = 'object'),
  published_at timestamptz not null default now(),
  published_by int,
  unique (survey_id, version)
);

create function forbid_survey_version_change() returns trigger language plpgsql as $$
begin
  raise exception 'survey version % is published and immutable', old.id
    using errcode = 'restrict_violation';
end
$$;

create trigger survey_versions_immutable
  before update or delete on survey_versions
  for each row execute function forbid_survey_version_change();

-- The version each counter serves now; history lives in the audit log and in each response.
create table survey_assignments (
  counter_id int primary key references counters on delete cascade,
  survey_version_id int not null references survey_versions,
  assigned_at timestamptz not null default now()
);
create index survey_assignments_version_idx on survey_assignments (survey_version_id);
