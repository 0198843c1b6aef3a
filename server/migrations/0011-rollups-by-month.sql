-- The main rollups again at month grain: a province-year is read from about twelve rows per counter, field,
-- question and value instead of about 250 (budget in docs/architecture.md: one province-year in ≤ 50 ms). Whole months of a
-- period come from here; its edge days, and months in which a unit changed parent, from `rollups`.
create table rollups_by_month (
  unit_id int not null,
  month date not null check (extract(day from month) = 1),
  counter_id int not null,
  survey_id int not null,
  field_id int not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded)
);

insert into rollups_by_month (unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
select unit_id, date_trunc('month', day)::date, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, sum(n)
from rollups
group by 1, 2, 3, 4, 5, 6, 7, 8, 9;
