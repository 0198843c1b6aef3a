-- The main rollups again at year grain, as rollups_by_month is at month grain: a province-year at 10 million
-- ratings read about 125,000 month rows (400 counters × 12 months × fields × questions × values), 0.2-0.5 s;
-- a calendar year now reads twelve times fewer. Whole years of a period come from here, whole months from
-- rollups_by_month, the edge days from rollups. Kept by the same compaction and exclusions as the others.
create table rollups_by_year (
  unit_id int not null,
  year date not null check (extract(month from year) = 1 and extract(day from year) = 1),
  counter_id int not null,
  survey_id int not null,
  field_id int not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded)
);

insert into rollups_by_year (unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
select unit_id, date_trunc('year', month)::date, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, sum(n)
from rollups_by_month
group by 1, 2, 3, 4, 5, 6, 7, 8, 9;
