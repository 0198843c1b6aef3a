import { formatCount, formatPercent } from '../../../shared/format'
import type { StatsGroup } from '../../../shared/stats-contract'
import type { SurveyDefinition } from '../../../shared/survey-definition'

/** Each question's rate and answer counts, grouped by aspect (II.A–II.E) when the survey has aspects. */
export function ItemBreakdown({ definition, items }: { definition: SurveyDefinition | undefined; items: StatsGroup[] }) {
  if (!definition) return <p class="muted">Phiếu khảo sát chưa được phát hành.</p>
  const questions = definition.questions
  const aspects = definition.aspects.length > 0 ? definition.aspects : [{ key: '', label: '' }]
  const byKey = new Map(items.map((g) => [g.key, g]))
  return (
    <table>
      <caption class="sr-only">Tỷ lệ hài lòng theo câu hỏi</caption>
      <thead>
        <tr>
          <th>Câu hỏi</th>
          <th class="num">Số trả lời hợp lệ</th>
          <th class="num">Tỷ lệ hài lòng</th>
        </tr>
      </thead>
      {aspects.map((aspect) => (
        <tbody>
          {aspect.label && (
            <tr>
              <th colSpan={3} scope="rowgroup">
                {aspect.label}
              </th>
            </tr>
          )}
          {questions
            .filter((q) => (aspect.key ? q.aspect === aspect.key : true))
            .filter((q) => byKey.has(q.key))
            .map((q) => {
              const group = byKey.get(q.key)!
              const item = group.items.find((i) => i.key === q.key) ?? group.items[0]
              return (
                <tr>
                  <td>{q.label}</td>
                  <td class="num">{formatCount(item?.valid ?? 0)}</td>
                  <td class="num">{formatPercent(item?.rate ?? group.rate)}</td>
                </tr>
              )
            })}
        </tbody>
      ))}
    </table>
  )
}
