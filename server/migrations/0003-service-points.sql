-- Bộ phận Một cửa, Trung tâm PVHCC, land-registry branches: they belong to a unit and hold counters.
create table service_points (
  id int generated always as identity primary key,
  unit_id int not null references units,
  name text not null check (length(btrim(name)) between 1 and 200),
  kind text not null default 'mot_cua' check (kind in ('mot_cua', 'pvhcc', 'chi_nhanh')),
  address text check (length(address) <= 300),
  -- Office hours in local time, for the "outside opening hours" flag (docs/domain.md §8).
  opening_hours jsonb not null default '{"weekdays":[1,2,3,4,5],"opens":"07:00","closes":"17:30"}',
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
create index service_points_unit_idx on service_points (unit_id);
create unique index service_points_name_idx on service_points (unit_id, name);

create table counters (
  id int generated always as identity primary key,
  service_point_id int not null references service_points,
  name text not null check (length(btrim(name)) between 1 and 200),
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index counters_name_idx on counters (service_point_id, name);

-- QR codes: short, URL-safe and HMAC-signed; rotation revokes the old code and issues a new one.
create table counter_codes (
  code text primary key check (code ~ '^[A-Za-z0-9_-]{8,32}$'),
  counter_id int not null references counters on delete cascade,
  issued_at timestamptz not null default now(),
  revoked_at timestamptz
);
create unique index counter_codes_one_live_idx on counter_codes (counter_id) where revoked_at is null;

-- The fields a counter serves (the citizen picks one when there are several).
create table counter_fields (
  counter_id int not null references counters on delete cascade,
  field_id int not null references fields,
  primary key (counter_id, field_id)
);
