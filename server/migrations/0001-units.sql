-- Administrative units as an effective-dated tree (docs/domain.md §7): a unit keeps its identity and code;
-- every change of name, level or parent is a new version with [valid_from, valid_to).
create table units (
  id int generated always as identity primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  created_at timestamptz not null default now()
);

create table unit_versions (
  id int generated always as identity primary key,
  unit_id int not null references units on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  -- tinh: province; huyen: district level (huyện, thị xã, thành phố thuộc tỉnh); xa: commune level
  -- (xã, phường, thị trấn, đặc khu); co_quan: a service agency (sở, ban, ngành)
  level text not null check (level in ('tinh', 'huyen', 'xa', 'co_quan')),
  parent_id int references units,
  valid_from date not null,
  valid_to date,
  check (valid_to is null or valid_to > valid_from),
  check (parent_id is distinct from unit_id)
);
create index unit_versions_unit_idx on unit_versions (unit_id, valid_from);
create index unit_versions_parent_idx on unit_versions (parent_id);

-- Mergers and splits: which units a unit continues (2025 reform).
create table unit_successions (
  predecessor_id int not null references units,
  successor_id int not null references units,
  effective_on date not null,
  primary key (predecessor_id, successor_id),
  check (predecessor_id <> successor_id)
);
