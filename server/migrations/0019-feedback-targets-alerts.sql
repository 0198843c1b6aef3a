-- Targets of feedback handling ("100% phản ánh, kiến nghị được tiếp nhận và xử lý"), entered like the others.
alter table targets drop constraint targets_metric_check;
alter table targets add constraint targets_metric_check
  check (metric in ('tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc', 'phan_anh_kien_nghi'));
