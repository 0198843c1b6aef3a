-- A spent invitation keeps only that it was spent: no time and no link to its rating, so the one-stop
-- system, which knows the dossier behind each invitation, cannot find the rating it gave.
alter table invitations add column is_used boolean not null default false;
update invitations set is_used = used_at is not null;
alter table invitations drop column used_at;

-- Invitations minted per key and local day, against the key's daily quota.
create table api_key_usage (
  api_key_id int not null references api_keys,
  day date not null,
  n int not null check (n >= 0),
  primary key (api_key_id, day)
);

-- The level that set a target: only a user of that unit (or an admin) may change or delete it. Targets set
-- before this column are taken as set by an admin (no unit).
alter table targets add column set_by_unit_id int references units;
