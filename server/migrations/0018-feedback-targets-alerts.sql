-- Targets of feedback handling ("100% phản ánh, kiến nghị được tiếp nhận và xử lý"), entered like the others.
alter table targets drop constraint targets_metric_check;
alter table targets add constraint targets_metric_check
  check (metric in ('tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc', 'phan_anh_kien_nghi'));

-- Where a unit's own systems hear of its alerts: a URL, and the secret the body is signed with (HMAC-SHA256).
create table unit_webhooks (
  unit_id int primary key references units,
  url text not null check (url ~ '^https?://' and length(url) <= 500),
  secret text not null
);

-- A case past its deadline is announced once.
alter table feedback_cases add column is_overdue_announced boolean not null default false;
