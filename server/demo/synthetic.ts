import { createHash } from 'node:crypto'
import type { Answers } from '../../shared/answers'
import type { NewResponseRow } from '../responses/queries'
import { otherUnsatisfied, type DemoFieldCode, type DemoSurveyCode } from './catalogue'

export type SyntheticCounter = {
  counterId: number
  unitId: number
  surveyId: number
  surveyVersionId: number
  surveyCode: DemoSurveyCode
  unitCode: string
  fields: { id: number; code: DemoFieldCode; procedures: string[] }[]
  ratingsPerDay: number
  landUnsatisfied: number
  /** For a counter rating no field (the portal, a clinic, a school). */
  unsatisfied: number
}

const isPublicService = (code: DemoSurveyCode) => code === 'DVC-TRUC-TUYEN' || code === 'Y-TE-CONG-LAP' || code === 'GIAO-DUC-CONG-LAP'

const landFields: DemoFieldCode[] = ['dat-dai', 'xay-dung', 'dau-tu']
// Public holidays of 2025 that fall on weekdays (Tết, Giỗ Tổ, 30/4–1/5, Quốc khánh).
const holidays = new Set([
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
])
const comments = [
  'Cán bộ hướng dẫn nhiệt tình, chu đáo.',
  'Thủ tục nhanh gọn, cảm ơn quầy.',
  'Phải chờ khá lâu vào buổi sáng.',
  'Đề nghị bổ sung ghế ngồi chờ.',
  'Hồ sơ đất đai phải bổ sung nhiều lần.',
]

/** A small, fast, seeded generator (mulberry32): the same seed gives the same demo everywhere. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const uuidOf = (text: string) => {
  const hex = createHash('sha256').update(text).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function* workingDays(year: number) {
  for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10)
    const weekday = day.getUTCDay()
    if (weekday !== 0 && weekday !== 6 && !holidays.has(date)) yield date
  }
}

/**
 * Twelve months of ratings in office hours (Vietnam time): land, construction and investment rated lower,
 * worst at one commune counter in the third quarter, so a newcomer's dashboard has something to say.
 */
export function syntheticResponses(counters: SyntheticCounter[], year = 2025): NewResponseRow[] {
  const rows: NewResponseRow[] = []
  for (const counter of counters) {
    const next = random(counter.counterId * 7919 + year)
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
    if (isPublicService(counter.surveyCode)) {
      rows.push(...publicServiceRows(counter, year, next))
      continue
    }
    for (const date of workingDays(year)) {
      const month = Number(date.slice(5, 7))
      const count = Math.round(counter.ratingsPerDay * (0.6 + next() * 0.8))
      for (let i = 0; i < count; i++) {
        const field = pick(counter.fields)
        const isLand = landFields.includes(field.code)
        const summerBacklog = isLand && month >= 7 && month <= 9 ? 1.3 : 1
        const unsatisfied = (isLand ? counter.landUnsatisfied : otherUnsatisfied) * summerBacklog
        const minutes = next() < 0.6 ? 450 + Math.floor(next() * 240) : 810 + Math.floor(next() * 210)
        const submittedAt = new Date(
          `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}+07:00`,
        )
        const answers = counter.surveyCode === 'SIPAS-5A' ? sipasAnswers(next, unsatisfied) : quickAnswers(next, unsatisfied)
        const isVerified = counter.unitCode === 'HD-CL' && next() < 0.12
        const submissionId = uuidOf(`demo:${counter.counterId}:${date}:${i}`)
        rows.push({
          submissionId,
          contentHash: createHash('sha256').update(submissionId).digest(),
          surveyId: counter.surveyId,
          surveyVersionId: counter.surveyVersionId,
          counterId: counter.counterId,
          unitId: counter.unitId,
          fieldId: field.id,
          procedureCode: field.procedures.length > 0 && next() < 0.7 ? pick(field.procedures) : null,
          channel: isVerified ? 'invitation' : 'qr',
          isVerified,
          flagReasons: [],
          isExcluded: false,
          submittedAt,
          answers,
          comment: next() < 0.03 ? pick(comments) : null,
        })
      }
    }
  }
  return rows
}

/**
 * The portal, clinics and schools: an overall 5-level rating, sometimes the other items. Online ratings are
 * channel `online`, a third of them verified (invitations minted when the result was returned online).
 */
function publicServiceRows(counter: SyntheticCounter, year: number, next: () => number): NewResponseRow[] {
  const rows: NewResponseRow[] = []
  const isOnline = counter.surveyCode === 'DVC-TRUC-TUYEN'
  const level = () => {
    const r = next()
    const low = counter.unsatisfied
    return r < low * 0.3 ? 1 : r < low * 0.6 ? 2 : r < low ? 3 : r < low + (1 - low) * 0.55 ? 4 : 5
  }
  const others = isOnline
    ? ['tim_kiem', 'bieu_mau', 'thanh_toan', 'theo_doi', 'ket_qua', 'ho_tro']
    : ['tiep_can', counter.surveyCode === 'Y-TE-CONG-LAP' ? 'minh_bach' : 'moi_truong', 'co_so_vat_chat', 'ket_qua']
  for (const date of workingDays(year)) {
    const count = Math.round(counter.ratingsPerDay * (0.6 + next() * 0.8))
    for (let i = 0; i < count; i++) {
      const minutes = 450 + Math.floor(next() * 570)
      const submittedAt = new Date(
        `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}+07:00`,
      )
      const answers: Answers = { overall: level() }
      if (next() < 0.4) for (const key of others) answers[key] = next() < 0.1 ? 0 : level()
      const isVerified = isOnline && next() < 0.33
      const submissionId = uuidOf(`demo:${counter.counterId}:${date}:${i}`)
      rows.push({
        submissionId,
        contentHash: createHash('sha256').update(submissionId).digest(),
        surveyId: counter.surveyId,
        surveyVersionId: counter.surveyVersionId,
        counterId: counter.counterId,
        unitId: counter.unitId,
        fieldId: null,
        procedureCode: null,
        channel: isOnline ? 'online' : 'qr',
        isVerified,
        flagReasons: [],
        isExcluded: false,
        submittedAt,
        answers,
        comment: null,
      })
    }
  }
  return rows
}

function quickAnswers(next: () => number, unsatisfied: number): Answers {
  const level = (pUnsatisfied: number) => {
    const r = next()
    return r < pUnsatisfied ? 1 : r < pUnsatisfied + (1 - pUnsatisfied) * 0.45 ? 2 : 3
  }
  const overall = level(unsatisfied)
  const answers: Answers = { overall }
  if (overall === 1 && next() < 0.7) answers.reasons = next() < 0.6 ? [1, 5] : [2]
  if (next() < 0.35) {
    const shift = overall === 1 ? 0.5 : unsatisfied / 2
    answers.thuan_tien = level(shift)
    answers.thai_do = level(shift / 2)
    answers.dung_hen = next() < 0.15 ? 0 : level(shift)
  }
  return answers
}

const sipasKeys = [
  ['a_bien_hieu', 'a_cho_ngoi', 'a_thiet_bi'],
  ['b_niem_yet', 'b_ho_so', 'b_phi', 'b_thoi_han'],
  ['c_lich_su', 'c_huong_dan', 'c_tuan_thu'],
  ['d_dung_hen', 'd_chinh_xac', 'd_cong_bang'],
  ['e_de_gui', 'e_xu_ly', 'e_thong_bao'],
]

function sipasAnswers(next: () => number, unsatisfied: number): Answers {
  const answers: Answers = {}
  sipasKeys.forEach((keys, aspect) => {
    const isFeedback = aspect === 4
    for (const key of keys) {
      // Most citizens never sent feedback, so II.E is often "không áp dụng".
      if (isFeedback && next() < 0.55) {
        answers[key] = 0
        continue
      }
      const r = next()
      const low = unsatisfied * 1.5 + (isFeedback ? 0.08 : 0)
      answers[key] = r < low * 0.3 ? 1 : r < low * 0.6 ? 2 : r < low ? 3 : r < low + (1 - low) * 0.5 ? 4 : 5
    }
  })
  return answers
}
