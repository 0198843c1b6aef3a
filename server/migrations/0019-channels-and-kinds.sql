-- Online public services get their own channel: ratings from the portal's link or widget, and ratings
-- through an invitation minted when a dossier's result was returned online (verified).
alter table responses drop constraint responses_channel_check;
alter table responses add constraint responses_channel_check
  check (channel in ('qr', 'invitation', 'online', 'kiosk', 'paper'));
-- Only a rating that spent an invitation is verified; an online one may be either.
alter table responses drop constraint responses_check;
alter table responses add constraint responses_verified_check
  check (case channel when 'invitation' then is_verified when 'online' then true else not is_verified end);

alter table invitations add column channel text not null default 'invitation'
  check (channel in ('invitation', 'online'));

-- The online portal, public clinics and public schools are places where citizens are served and rate too.
alter table service_points drop constraint service_points_kind_check;
alter table service_points add constraint service_points_kind_check
  check (kind in ('mot_cua', 'pvhcc', 'chi_nhanh', 'truc_tuyen', 'y_te', 'giao_duc'));

-- Health and education are measured apart (the plans set one target for both, evaluated on each);
-- 'y_te_giao_duc' stays valid for what was entered under it.
alter table surveys drop constraint surveys_metric_check;
alter table surveys add constraint surveys_metric_check
  check (metric in ('tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc', 'y_te', 'giao_duc'));
alter table targets drop constraint targets_metric_check;
alter table targets add constraint targets_metric_check
  check (metric in ('tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc', 'y_te', 'giao_duc', 'phan_anh_kien_nghi'));
