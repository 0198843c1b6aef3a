import type postgres from 'postgres'
import { findServedSurvey } from '../../server/serving/queries'
import { SurveyDefinition } from '../../shared/survey-definition'
import { scales } from '../../shared/scales'

/**
 * Realistic rating bodies for the submit bench, without their submissionId (the load generator puts a fresh one
 * in front of each): every live counter of the demo with the questionnaire it serves, the SIPAS desk's 16 items
 * included; each scale question answered the way citizens answer (mostly satisfied, some "không áp dụng"); a
 * field where the counter serves several, a procedure on most, a comment on about one in ten.
 */
export async function ratingBodies(sql: postgres.Sql, count = 2000): Promise<string[]> {
  const codes = (await sql<{ code: string }[]>`select code from counter_codes where revoked_at is null order by code`).map((r) => r.code)
  const today = new Date().toISOString().slice(0, 10)
  const served = (await Promise.all(codes.map((code) => findServedSurvey(sql, { code }, today).then((s) => s && { code, ...s })))).filter(
    (s) => s !== undefined,
  )
  if (served.length === 0) throw new Error('no live counter to rate: was the demo loaded?')
  let seed = 20251
  const next = () => {
    // A fixed sequence (xorshift), so that two runs post the same bodies.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) / 2 ** 32
  }
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const comments = [
    'Cán bộ hướng dẫn tận tình, cảm ơn.',
    'Phải chờ hơi lâu vào buổi sáng.',
    'Nên có thêm ghế ngồi chờ.',
    'Thủ tục nhanh gọn.',
  ]
  const bodies: string[] = []
  for (let i = 0; i < count; i++) {
    const counter = served[i % served.length]!
    const definition = SurveyDefinition.parse(counter.definition)
    const answers: Record<string, number> = {}
    for (const q of definition.questions) {
      if (q.type !== 'scale' || q.showWhen) continue
      const levels = scales[q.scale!].levels.map((l) => l.value).sort((a, b) => b - a)
      const r = next()
      answers[q.key] =
        q.allowNotApplicable && r < 0.05
          ? 0
          : r < 0.55
            ? levels[0]!
            : r < 0.9
              ? levels[1]!
              : pick(levels.slice(2).length ? levels.slice(2) : levels)
    }
    const field = counter.fields.length > 0 ? pick(counter.fields) : undefined
    const procedures = counter.procedures.filter((p) => p.fieldCode === field?.code)
    const body: Record<string, unknown> = { counterCode: counter.code, answers }
    if (field && counter.fields.length > 1) body.fieldCode = field.code
    if (procedures.length > 0 && next() < 0.7) body.procedureCode = pick(procedures).code
    if (next() < 0.1) body.comment = pick(comments)
    bodies.push(JSON.stringify(body).slice(1))
  }
  return bodies
}
