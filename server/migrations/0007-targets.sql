-- What a survey measures, so a target's metric can be matched to the surveys that measure it.
alter table surveys add column metric text not null default 'tthc'
  check (metric in ('tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc'));

-- The plan document a target comes from (Kế hoạch CCHC: number, date, issuer).
create table plans (
  id int generated always as identity primary key,
  number text not null check (length(btrim(number)) between 1 and 100),
  title text not null check (length(btrim(title)) between 1 and 500),
  issuer text not null check (length(btrim(issuer)) between 1 and 200),
  issued_on date not null,
  unique (number, issuer)
);

-- A target: plan, scope unit, metric, optional pooled field set, period, value (docs/domain.md §5).
create table targets (
  id int generated always as identity primary key,
  plan_id int not null references plans,
  unit_id int not null references units,
  metric text not null check (metric in ('tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc')),
  period_start date not null,
  period_end date not null,
  value numeric(5, 4) not null check (value > 0 and value <= 1),
  created_at timestamptz not null default now(),
  check (period_end >= period_start)
);
create index targets_unit_idx on targets (unit_id);

-- Pooled fields of a field-group target (đất đai + xây dựng + đầu tư); none means all fields.
create table target_fields (
  target_id int not null references targets on delete cascade,
  field_id int not null references fields,
  primary key (target_id, field_id)
);
