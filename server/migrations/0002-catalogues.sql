-- Lĩnh vực: a versioned catalogue, not an enum (names change with ministry mergers).
create table fields (
  id int generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(code) <= 60),
  name text not null check (length(btrim(name)) between 1 and 200),
  valid_from date not null default '2000-01-01',
  valid_to date,
  replaced_by int references fields,
  check (valid_to is null or valid_to > valid_from)
);

-- Mã TTHC of the national catalogue with local variants (docs/domain.md §6); stats aggregate on base_code.
create table procedures (
  id int generated always as identity primary key,
  code text not null unique check (code ~ '^[123]\.\d{6}(\.H\d{2}|\.000\.00\.00\.H\d{2})?$'),
  base_code text not null generated always as (left(code, 8)) stored,
  name text not null check (length(btrim(name)) between 1 and 500),
  field_id int not null references fields,
  created_at timestamptz not null default now()
);
create index procedures_field_idx on procedures (field_id);
