-- How a plan cuts its reporting periods: by cut-off days (15th to 14th, the default) or by calendar months, and
-- the day its reports are due before (null: the 20th, a province the 25th).
alter table plans
  add column report_period_mode text not null default 'cutoff' check (report_period_mode in ('cutoff', 'calendar')),
  add column report_deadline_day smallint check (report_deadline_day between 1 and 28),
  -- By cut-off days the figures close on the 14th: the deadline comes after it.
  add check (report_period_mode = 'calendar' or report_deadline_day is null or report_deadline_day >= 15);
