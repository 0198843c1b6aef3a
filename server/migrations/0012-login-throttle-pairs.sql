-- Failed logins are also counted per (username, client IP) pair: that pair is what locks after a few
-- failures, so someone guessing from elsewhere cannot lock a known account out. The username alone has a
-- much higher ceiling per hour. Like the IP, the pair's key is an HMAC keyed with the secret and the day.
alter table login_failures drop constraint login_failures_subject_check;
alter table login_failures add constraint login_failures_subject_check check (subject in ('username', 'ip', 'pair'));
