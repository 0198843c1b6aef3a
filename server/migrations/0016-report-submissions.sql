-- The reporting cycle a plan asks for: which reports (quý, 6 tháng, 9 tháng, năm, the phase report) and, for
-- the phase report, the phase's years (2021–2025, 2026–2030).
alter table plans
  add column report_kinds text[] not null default '{quy,6-thang,9-thang,nam}'
    check (report_kinds <@ array['quy', '6-thang', '9-thang', 'nam', 'giai-doan']),
  add column phase_from smallint,
  add column phase_to smallint,
  add check ((phase_from is null) = (phase_to is null) and (phase_to is null or phase_to between phase_from + 1 and phase_from + 9));

-- A unit's report for one period (period_key: quy-2025-3, nam-2025, giai-doan-2021-2025): the draft text of
-- its sections, edited by the unit's manager until it is sent.
create table unit_reports (
  id int generated always as identity primary key,
  unit_id int not null references units,
  period_key text not null check (period_key ~ '^(quy-\d{4}-[1-4]|(6-thang|9-thang|nam)-\d{4}|giai-doan-\d{4}-\d{4})$'),
  survey_id int not null references surveys,
  sections jsonb not null,
  updated_by int not null references users,
  updated_at timestamptz not null default now(),
  unique (unit_id, period_key)
);

-- Each submission, frozen: the figures and the text as sent, to whom, when and (from the second on) why it
-- was sent again. Later flags, restores or late ratings change live figures, never these rows.
create table unit_report_versions (
  id int generated always as identity primary key,
  report_id int not null references unit_reports,
  version int not null check (version >= 1),
  period_label text not null,
  period_from date not null,
  period_to date not null,
  due_before date not null,
  recipient_unit_id int references units,
  recipient_label text not null,
  submitted_at timestamptz not null,
  submitted_on date not null,
  submitted_by int not null references users,
  reason text check (reason is null or length(btrim(reason)) between 1 and 2000),
  figures jsonb not null,
  sections jsonb not null,
  unique (report_id, version),
  check (version = 1 or reason is not null)
);

create function refuse_frozen_report_change() returns trigger language plpgsql as $$
begin
  raise exception 'a submitted report version is frozen';
end
$$;

create trigger unit_report_versions_frozen
  before update or delete on unit_report_versions
  for each row execute function refuse_frozen_report_change();
