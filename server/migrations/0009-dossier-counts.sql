-- Dossier counts imported from the one-stop system (hệ thống một cửa điện tử), per day, counter and procedure:
-- the denominator of the response rate and the basis of the QĐ 766/QĐ-TTg index (docs/domain.md §4). Counts only:
-- no dossier code is ever stored (§6).
create table dossier_counts (
  id bigint generated always as identity primary key,
  day date not null,
  counter_id int not null references counters,
  procedure_code text check (procedure_code ~ '^[123]\.\d{6}(\.H\d{2}|\.000\.00\.00\.H\d{2})?$'),
  received int not null check (received >= 0),
  returned int not null check (returned >= 0),
  -- Returned after the due date: a subset of the returned dossiers.
  overdue int not null check (overdue >= 0 and overdue <= returned),
  imported_at timestamptz not null default now()
);
-- One row per day, counter and procedure, "no procedure" being one key too (PostgreSQL 14 has no NULLS NOT
-- DISTINCT); a re-import updates it in place. It also serves the stats' day range.
create unique index dossier_counts_key_idx on dossier_counts (day, counter_id, coalesce(procedure_code, ''));
create index dossier_counts_counter_idx on dossier_counts (counter_id, day);
