-- The month and year grains again without the counter and the field: what a unit's satisfaction is, month by
-- month and year by year, whatever counter and field it was given at. At 10 million ratings (the bench's province
-- of 200 communes) a province-year is 674,018 rows of rollups_by_month, from which the dashboard's trend took 0.6 s,
-- and 60,697 of rollups_by_year, read for its overall and per-unit figures. Without counter and field those are
-- 88,524 and 7,997 rows. Stats read these tables only when the question has no counter and no field in it (no
-- grouping by either, no filter on either); the rest is read as before. Kept by the same compaction and exclusions
-- as the others; each adds one upsert of summed rows to a compaction. The rows already counted are copied in key
-- order, a unit's rows together (measured at 10 M, that made no difference the dashboard could show).
create table rollups_by_unit_month (
  unit_id int not null,
  month date not null check (extract(day from month) = 1),
  survey_id int not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, month, survey_id, question_key, value, is_verified, is_excluded)
);

create table rollups_by_unit_year (
  unit_id int not null,
  year date not null check (extract(month from year) = 1 and extract(day from year) = 1),
  survey_id int not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n >= 0),
  primary key (unit_id, year, survey_id, question_key, value, is_verified, is_excluded)
);

insert into rollups_by_unit_month (unit_id, month, survey_id, question_key, value, is_verified, is_excluded, n)
select unit_id, month, survey_id, question_key, value, is_verified, is_excluded, sum(n)
from rollups_by_month
group by 1, 2, 3, 4, 5, 6, 7
order by 1, 2, 3, 4, 5, 6, 7;

insert into rollups_by_unit_year (unit_id, year, survey_id, question_key, value, is_verified, is_excluded, n)
select unit_id, date_trunc('year', month)::date, survey_id, question_key, value, is_verified, is_excluded, sum(n)
from rollups_by_unit_month
group by 1, 2, 3, 4, 5, 6, 7
order by 1, 2, 3, 4, 5, 6, 7;

-- Statistics now, not at autovacuum's next pass: without them the planner takes the new tables for empty, and
-- sorts a province's rows on disk where it would hash them.
analyze rollups_by_unit_month;
analyze rollups_by_unit_year;
