import { linkProps } from '../../router'
import { metricNames } from '../../../shared/metric-names'
import type { SurveySummary } from '../../survey-api'
import { dateOf } from './survey-editor-model'

/** Every questionnaire with its published versions; the title opens its editor. */
export function SurveysTable({
  surveys,
  selectedId,
  screenPath,
}: {
  surveys: SurveySummary[]
  selectedId: number | undefined
  screenPath: string
}) {
  return (
    <table aria-label="Danh sách phiếu khảo sát">
      <thead>
        <tr>
          <th>Mã phiếu</th>
          <th>Tên phiếu</th>
          <th>Chỉ số</th>
          <th>Phiên bản đã phát hành</th>
          <th>Bản nháp</th>
        </tr>
      </thead>
      <tbody>
        {surveys.map((s) => (
          <tr>
            <td>{s.code}</td>
            <td>
              <a {...linkProps(`${screenPath}?id=${s.id}`)} aria-current={s.id === selectedId ? 'true' : undefined}>
                {s.title}
              </a>
            </td>
            <td>{metricNames[s.metric]}</td>
            <td>
              {s.versions.length === 0 ? 'Chưa phát hành' : s.versions.map((v) => `${v.version} (${dateOf(v.publishedAt)})`).join(', ')}
            </td>
            <td>{s.hasDraft ? 'Đang có bản nháp' : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
