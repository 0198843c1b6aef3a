-- The writer's burst and busy-day rules count a counter's recent ratings that are not set apart, up to the limit.
-- Over responses_counter_time_idx that count also walks every rating set apart in the window: a counter flooded
-- by a script (whose ratings are set apart as a burst) made each batch walk the whole flood again. Over this
-- index it reads at most the limit's number of entries, however large the flood.
create index responses_kept_counter_time_idx on responses (counter_id, submitted_at) where not is_excluded;
