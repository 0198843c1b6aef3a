-- Ad-hoc ("đột xuất") reports: a unit's report over any days a request names (dot-xuat-2025-07-01-2025-08-15),
-- with its subject and the deadline the request sets, drafted, sent and frozen as the periodic reports are.
alter table unit_reports drop constraint unit_reports_period_key_check;
alter table unit_reports
  add constraint unit_reports_period_key_check
    check (period_key ~ '^(quy-\d{4}-[1-4]|(6-thang|9-thang|nam)-\d{4}|giai-doan-\d{4}-\d{4}|dot-xuat-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2})$'),
  add column title text check (title is null or length(btrim(title)) between 1 and 300),
  add column due_before date,
  add constraint unit_reports_ad_hoc_check
    check ((period_key like 'dot-xuat-%') = (title is not null and due_before is not null));
