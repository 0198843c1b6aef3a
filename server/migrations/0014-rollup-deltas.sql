-- The writer's counts, appended. Each batch of ratings used to add its counts to the four rollup tables itself:
-- for a 16-question rating that is about 70 rollup rows updated in place, most of the batch's time in
-- PostgreSQL, and every batch updating the same hot rows (today, this counter). Now a batch appends its counts
-- here at the finest grain (one row per distinct key of the batch, no index, no update), and `compact` moves
-- them into the rollup tables about once a second, summed: the rows of a second of ratings at a counter become
-- one update per rollup row. Readers of the rollups compact first, so what they read is exact.
create table rollup_deltas (
  unit_id int not null,
  day date not null,
  hour smallint not null,
  counter_id int not null,
  survey_id int not null,
  field_id int not null,
  procedure_code text not null,
  question_key text not null,
  value smallint not null,
  is_verified boolean not null,
  is_excluded boolean not null,
  n int not null check (n > 0)
);
