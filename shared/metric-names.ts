import type { TargetMetric } from './admin-contract'

/** The indicators as the plans name them (docs/domain.md §5). */
export const metricNames: Record<TargetMetric, string> = {
  tthc: 'Hài lòng trong giải quyết TTHC',
  dvc_truc_tuyen: 'Hài lòng với dịch vụ công trực tuyến',
  sipas: 'Hài lòng với sự phục vụ của cơ quan HCNN (SIPAS)',
  y_te_giao_duc: 'Hài lòng với dịch vụ y tế, giáo dục công lập',
  y_te: 'Hài lòng với dịch vụ y tế công lập',
  giao_duc: 'Hài lòng với dịch vụ giáo dục công lập',
  phan_anh_kien_nghi: 'Xử lý phản ánh, kiến nghị',
}
