-- A manager reads the audit rows of their own subtree: each row names the unit its entity belongs to
-- (null for catalogue-wide changes such as fields, procedures and questionnaires, which admins alone see).
alter table audit_log add column unit_id int references units;
create index audit_log_unit_idx on audit_log (unit_id, id desc);

-- The unit whose plan (Kế hoạch CCHC) it is, so plans are seen within that unit's subtree like targets.
alter table plans add column unit_id int references units;
create index plans_unit_idx on plans (unit_id);
