import { Assignment, PublishedVersion, SurveyDetail, SurveyVersion } from '../../shared/admin-contract'
import { PublicSurvey } from '../../shared/response-contract'
import { answerOf } from '../support/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBreakingChanges } from '../../server/surveys/service'
import { counterQuickRating } from '../../server/demo/questionnaires'
import type { SurveyDefinition } from '../../shared/survey-definition'
import { testApp } from '../support/app'
import { signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedUnit, seedUser } from '../support/factories'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
})
afterAll(() => db.drop())

let serial = 0
const base = counterQuickRating.definition
const withTitle = (title: string): SurveyDefinition => ({ ...base, title })

const ok = answerOf

async function newSurvey() {
  return (
    await ok(await admin.post('/api/v1/surveys', { code: `PHIEU-${++serial}`, title: 'Phiếu quầy', metric: 'tthc' }), SurveyDetail, 201)
  ).id
}

async function publish(surveyId: number, definition: SurveyDefinition) {
  await ok(await admin.put(`/api/v1/surveys/${surveyId}/draft`, definition), SurveyDetail)
  return ok(await admin.post(`/api/v1/surveys/${surveyId}/publish`), PublishedVersion, 201)
}

const storedVersions = (surveyId: number) =>
  db.sql<
    { version: number; definition: SurveyDefinition }[]
  >`select version, definition from survey_versions where survey_id = ${surveyId} order by version`

describe('publishing questionnaires', () => {
  it('makes version 2 on a second publication and leaves version 1 as it was', async () => {
    const surveyId = await newSurvey()
    const v1 = await publish(surveyId, withTitle('Lần một'))
    expect(v1).toMatchObject({ surveyId, version: 1 })
    const v2 = await publish(surveyId, withTitle('Lần hai'))
    expect(v2).toMatchObject({ surveyId, version: 2 })
    const versions = await storedVersions(surveyId)
    expect(versions.map((v) => [v.version, v.definition.title])).toEqual([
      [1, 'Lần một'],
      [2, 'Lần hai'],
    ])
    const fetched = await ok(await admin.get(`/api/v1/surveys/${surveyId}/versions/${v1.id}`), SurveyVersion)
    expect(fetched.definition.title).toBe('Lần một')
    await expect(db.sql`update survey_versions set definition = '{}' where id = ${v1.id}`).rejects.toThrow(/immutable/)
  })

  it('clears the draft on publishing, so publishing again without a new draft is refused', async () => {
    const surveyId = await newSurvey()
    await publish(surveyId, base)
    expect((await ok(await admin.get(`/api/v1/surveys/${surveyId}`), SurveyDetail)).draft).toBeNull()
    const again = await admin.post(`/api/v1/surveys/${surveyId}/publish`)
    expect(again.status).toBe(409)
    expect((await storedVersions(surveyId)).length).toBe(1)
  })

  it('refuses a draft that changes the scale of a published key, naming the question and the version', async () => {
    const surveyId = await newSurvey()
    await publish(surveyId, base)
    const rescaled: SurveyDefinition = {
      ...base,
      questions: base.questions.map((q) => (q.key === 'overall' ? { ...q, scale: 'satisfaction-5' as const } : q)),
    }
    await ok(await admin.put(`/api/v1/surveys/${surveyId}/draft`, rescaled), SurveyDetail)
    const res = await admin.post(`/api/v1/surveys/${surveyId}/publish`)
    expect(res.status).toBe(409)
    const { error } = await res.json()
    expect(error.code).toBe('conflict')
    expect(error.issues).toEqual([
      {
        path: ['questions', 0, 'scale'],
        message:
          'Câu hỏi "overall" dùng thang đo satisfaction-3 ở phiên bản 1; không thể đổi sang satisfaction-5 vì sẽ làm đứt chuỗi số liệu. Hãy dùng khóa mới.',
      },
    ])
    expect((await storedVersions(surveyId)).length).toBe(1)
  })

  it('accepts a new key, a reworded label and a dropped question in the next version', async () => {
    const surveyId = await newSurvey()
    await publish(surveyId, base)
    const edited: SurveyDefinition = {
      ...base,
      questions: [
        ...base.questions
          .filter((q) => q.key !== 'dung_hen')
          .map((q) => (q.key === 'overall' ? { ...q, label: 'Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?' } : q)),
        {
          key: 'overall_5',
          type: 'scale',
          scale: 'satisfaction-5',
          label: 'Đánh giá chung (5 mức)',
          required: false,
          allowNotApplicable: false,
        },
      ],
    }
    expect(await publish(surveyId, edited)).toMatchObject({ version: 2 })
  })

  it('starts a draft from a published version', async () => {
    const surveyId = await newSurvey()
    const v1 = await publish(surveyId, withTitle('Gốc'))
    const survey = await ok(await admin.post(`/api/v1/surveys/${surveyId}/draft-from/${v1.id}`), SurveyDetail)
    expect(survey.draft).toMatchObject({ title: 'Gốc' })
    expect(survey.hasDraft).toBe(true)
    const otherSurveyId = await newSurvey()
    expect((await admin.post(`/api/v1/surveys/${otherSurveyId}/draft-from/${v1.id}`)).status).toBe(404)
  })

  it('refuses an invalid draft with its issues in Vietnamese', async () => {
    const surveyId = await newSurvey()
    const duplicated = { ...base, questions: [base.questions[0], base.questions[0]] }
    const res = await admin.put(`/api/v1/surveys/${surveyId}/draft`, duplicated)
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([{ path: ['questions', 1, 'key'], message: 'Khóa câu hỏi bị trùng.' }])
    const missing = await admin.put(`/api/v1/surveys/${surveyId}/draft`, { title: '' })
    expect((await missing.json()).error.issues).toEqual([
      { path: ['title'], message: 'Không được để trống.' },
      { path: ['questions'], message: 'Bắt buộc nhập.' },
    ])
  })

  it('writes audit rows for creating, saving, publishing', async () => {
    const surveyId = await newSurvey()
    await publish(surveyId, base)
    const rows = await db.sql<
      { action: string }[]
    >`select action from audit_log where entity = 'survey' and entity_id = ${String(surveyId)} order by id`
    expect(rows.map((r) => r.action)).toEqual(['create', 'save_draft', 'publish'])
  })
})

describe('findBreakingChanges', () => {
  it('refuses a key that changes type in any earlier version, even one the latest dropped', () => {
    const asText: SurveyDefinition = {
      ...base,
      questions: [{ key: 'thai_do', type: 'text', label: 'Thái độ', required: false, allowNotApplicable: false }],
    }
    const withoutKey: SurveyDefinition = { ...base, questions: base.questions.filter((q) => q.key !== 'thai_do') }
    const issues = findBreakingChanges(
      [
        { version: 1, definition: base },
        { version: 2, definition: withoutKey },
      ],
      asText,
    )
    expect(issues).toEqual([{ path: ['questions', 0, 'type'], message: expect.stringContaining('"thai_do" là loại scale ở phiên bản 1') }])
  })
})

describe('POST /api/v1/assignments', () => {
  it('makes the listed counters serve the version, and the public survey follows at once', async () => {
    const counter = await seedCounter(db.sql)
    expect((await ok(await app.request(`/api/v1/public/surveys/${counter.code}`), PublicSurvey)).survey.versionId).toBe(counter.versionId)
    const surveyId = await newSurvey()
    const version = await publish(surveyId, withTitle('Phiếu mới gán'))
    const res = await ok(
      await admin.post('/api/v1/assignments', { surveyVersionId: version.id, counterIds: [counter.counterId] }),
      Assignment,
    )
    expect(res).toEqual({ surveyVersionId: version.id, counterIds: [counter.counterId] })
    const served = await ok(await app.request(`/api/v1/public/surveys/${counter.code}`), PublicSurvey)
    expect(served.survey).toMatchObject({ versionId: version.id, title: 'Phiếu mới gán' })
    const [audit] = await db.sql<[{ details: { previousVersionId: number } }]>`
      select details from audit_log where action = 'assign_survey' and entity_id = ${String(counter.counterId)}
    `
    expect(audit.details.previousVersionId).toBe(counter.versionId)
  })

  it('assigns every counter of a unit subtree and none outside it', async () => {
    const district = await seedUnit(db.sql, { name: 'Huyện Gán', level: 'huyen' })
    const ward = await seedUnit(db.sql, { name: 'Xã Gán', parentId: district.id })
    const inDistrict = await seedCounter(db.sql, { unitId: district.id })
    const inWard = await seedCounter(db.sql, { unitId: ward.id })
    const outside = await seedCounter(db.sql)
    const version = await publish(await newSurvey(), base)
    const res = await ok(await admin.post('/api/v1/assignments', { surveyVersionId: version.id, unitId: district.id }), Assignment)
    expect(res.counterIds.sort()).toEqual([inDistrict.counterId, inWard.counterId].sort())
    const [row] = await db.sql<
      [{ surveyVersionId: number }]
    >`select survey_version_id from survey_assignments where counter_id = ${outside.counterId}`
    expect(row.surveyVersionId).toBe(outside.versionId)
  })

  it('changes nothing when one listed counter lies outside the manager’s subtree', async () => {
    const ward = await seedUnit(db.sql, { name: 'Xã Quản Lý' })
    const own = await seedCounter(db.sql, { unitId: ward.id })
    const foreign = await seedCounter(db.sql)
    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: ward.id }))).client
    const version = await publish(await newSurvey(), base)
    const res = await manager.post('/api/v1/assignments', { surveyVersionId: version.id, counterIds: [own.counterId, foreign.counterId] })
    expect(res.status).toBe(404)
    const rows = await db.sql<{ surveyVersionId: number }[]>`
      select survey_version_id from survey_assignments where counter_id in ${db.sql([own.counterId, foreign.counterId])}
    `
    expect(rows.map((r) => r.surveyVersionId).sort()).toEqual([own.versionId, foreign.versionId].sort())
  })

  it('refuses both counterIds and unitId, or neither', async () => {
    const res = await admin.post('/api/v1/assignments', { surveyVersionId: 1 })
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues[0].message).toBe('Nêu hoặc danh sách quầy (counterIds) hoặc một đơn vị (unitId), không cả hai.')
  })
})
