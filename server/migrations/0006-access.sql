create table users (
  id int generated always as identity primary key,
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name text not null default '' check (length(display_name) <= 200),
  password_hash text not null,
  role text not null check (role in ('admin', 'manager', 'analyst')),
  -- Managers and analysts see their unit's subtree; an admin may be bound to none.
  unit_id int references units,
  is_disabled boolean not null default false,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  check (role = 'admin' or unit_id is not null)
);

alter table survey_versions add foreign key (published_by) references users;

-- Only a hash of the session id is kept, so a read of this table cannot be replayed as a login.
create table sessions (
  id_hash bytea primary key,
  user_id int not null references users on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id int references users,
  action text not null,
  entity text not null,
  entity_id text,
  details jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);

-- Keys of the one-stop systems that mint invitations, each scoped to a unit subtree.
create table api_keys (
  id int generated always as identity primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  key_hash bytea not null unique,
  unit_id int not null references units,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- A single-use invitation bound to one dossier: only a hash of the token and an HMAC of the dossier
-- code are stored, never the code itself (docs/domain.md §6, §8).
create table invitations (
  id int generated always as identity primary key,
  token_hash bytea not null unique,
  dossier_hmac bytea not null unique,
  counter_id int not null references counters,
  field_id int references fields,
  procedure_code text check (procedure_code ~ '^[123]\.\d{6}(\.H\d{2}|\.000\.00\.00\.H\d{2})?$'),
  api_key_id int references api_keys,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
