import type {
  Assignment,
  NewAssignment,
  NewSurvey,
  PublishedVersion,
  SurveyDetail,
  SurveySummary,
  SurveyVersion,
} from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import type { PublicSurvey } from '../../shared/response-contract'
import { SurveyDefinition } from '../../shared/survey-definition'
import { checkSurveyDefinition } from '../../shared/survey-definition-vi'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError, type Issue } from '../errors'
import { servedSurveysChanged } from '../served-cache'
import { findSurveyByCode } from '../serving/service'
import { isInScope, scopeOf, subtreeInScope } from '../units/scope'
import { requireUnitLive } from '../units/service'
import {
  findCounterUnits,
  findCountersOfUnits,
  findLatestDefinition,
  findSurvey,
  findSurveys,
  findSurveyVersion,
  findVersionById,
  findVersionDefinitions,
  insertSurvey,
  insertSurveyVersion,
  lockSurvey,
  surveyCodeExists,
  updateSurveyDraft,
  upsertAssignments,
} from './queries'

/** GET /api/v1/public/surveys/{code}: the questionnaire a counter serves, for clients and integrations. */
export async function getPublicSurvey(deps: Deps, code: string): Promise<PublicSurvey> {
  const served = await findSurveyByCode(deps, code)
  if (!served) throw new AppError('not_found', 'Mã QR không hợp lệ hoặc đã bị thu hồi.')
  const { definition } = served
  return {
    counter: { code, name: served.counterName },
    unit: { code: served.unitCode, name: served.unitName },
    fields: served.fields.map(({ code, name }) => ({ code, name })),
    survey: {
      id: served.surveyId,
      versionId: served.surveyVersionId,
      title: definition.title,
      aspects: definition.aspects,
      questions: definition.questions,
    },
  }
}

const surveyNotFound = () => new AppError('not_found', 'Không tìm thấy phiếu khảo sát.')

/** Parses a draft questionnaire, refusing it as `invalid_input` with every issue worded in Vietnamese. */
export function parseSurveyDefinition(input: unknown): SurveyDefinition {
  const checked = checkSurveyDefinition(input)
  if (!checked.success) throw new AppError('invalid_input', 'Phiếu khảo sát chưa hợp lệ.', checked.issues)
  return checked.data
}

/**
 * Changes that would break a trend: a question key must keep, in every later version, the type and scale it had
 * in every earlier one (docs/domain.md §3). A changed wording or a new option is fine; a new meaning needs a new key.
 */
export function findBreakingChanges(earlier: { version: number; definition: SurveyDefinition }[], next: SurveyDefinition): Issue[] {
  const issues: Issue[] = []
  next.questions.forEach((question, i) => {
    for (const { version, definition } of earlier) {
      const before = definition.questions.find((q) => q.key === question.key)
      if (!before) continue
      if (before.type !== question.type) {
        issues.push({
          path: ['questions', i, 'type'],
          message: `Câu hỏi "${question.key}" là loại ${before.type} ở phiên bản ${version}; không thể đổi sang ${question.type} vì sẽ làm đứt chuỗi số liệu. Hãy dùng khóa mới.`,
        })
        break
      }
      if (before.scale !== question.scale) {
        issues.push({
          path: ['questions', i, 'scale'],
          message: `Câu hỏi "${question.key}" dùng thang đo ${before.scale} ở phiên bản ${version}; không thể đổi sang ${question.scale} vì sẽ làm đứt chuỗi số liệu. Hãy dùng khóa mới.`,
        })
        break
      }
    }
  })
  return issues
}

export async function listSurveys(deps: Deps): Promise<SurveySummary[]> {
  return (await findSurveys(deps.sql)).map((survey) => ({ ...survey, updatedAt: survey.updatedAt.toISOString() }))
}

export async function getSurvey(deps: Deps, surveyId: number): Promise<SurveyDetail> {
  const survey = await findSurvey(deps.sql, surveyId)
  if (!survey) throw surveyNotFound()
  return { ...survey, updatedAt: survey.updatedAt.toISOString() }
}

/** What an official previews: the saved draft, or one published version of the survey. */
export async function getPreviewDefinition(deps: Deps, surveyId: number, version: number | 'draft') {
  const survey = await findSurvey(deps.sql, surveyId)
  if (!survey) throw surveyNotFound()
  if (version === 'draft') {
    if (survey.draft === null) throw new AppError('not_found', 'Phiếu chưa có bản nháp đã lưu.')
    return { survey, label: 'Bản nháp đã lưu', definition: parseSurveyDefinition(survey.draft) }
  }
  const found = await findSurveyVersion(deps.sql, surveyId, version)
  if (!found) throw new AppError('not_found', 'Không tìm thấy phiên bản phiếu.')
  return { survey, label: `Phiên bản ${found.version}`, definition: SurveyDefinition.parse(found.definition) }
}

/** The questionnaire of a survey's newest published version, or undefined before the first publication. */
export async function findLatestSurveyDefinition(deps: Pick<Deps, 'sql'>, surveyId: number): Promise<SurveyDefinition | undefined> {
  const definition = await findLatestDefinition(deps.sql, surveyId)
  return definition === undefined ? undefined : SurveyDefinition.parse(definition)
}

export async function getSurveyVersion(deps: Deps, surveyId: number, versionId: number): Promise<SurveyVersion> {
  const version = await findSurveyVersion(deps.sql, surveyId, versionId)
  if (!version) throw new AppError('not_found', 'Không tìm thấy phiên bản phiếu.')
  return { ...version, publishedAt: version.publishedAt.toISOString(), definition: SurveyDefinition.parse(version.definition) }
}

export async function createSurvey(deps: Deps, user: CurrentUser, input: NewSurvey): Promise<SurveyDetail> {
  if (await surveyCodeExists(deps.sql, input.code)) throw new AppError('conflict', `Mã phiếu "${input.code}" đã được dùng.`)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertSurvey(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'survey', entityId: id, unitId: null, details: input })
    return id
  })
  return getSurvey(deps, id)
}

export async function saveDraft(deps: Deps, user: CurrentUser, surveyId: number, draft: SurveyDefinition): Promise<SurveyDetail> {
  await deps.sql.begin(async (tx) => {
    if (!(await lockSurvey(tx, surveyId))) throw surveyNotFound()
    await updateSurveyDraft(tx, surveyId, draft, deps.clock())
    await recordAudit(tx, user, {
      action: 'save_draft',
      entity: 'survey',
      entityId: surveyId,
      unitId: null,
      details: { title: draft.title, questions: draft.questions.length },
    })
  })
  return getSurvey(deps, surveyId)
}

/**
 * Publishes the draft as the next immutable version and clears the draft. Refused when a question key
 * would change type or scale against any earlier version.
 */
export async function publishSurvey(deps: Deps, user: CurrentUser, surveyId: number): Promise<PublishedVersion> {
  return deps.sql.begin(async (tx) => {
    const survey = await lockSurvey(tx, surveyId)
    if (!survey) throw surveyNotFound()
    if (survey.draft === null) throw new AppError('conflict', 'Phiếu chưa có bản nháp để phát hành.')
    const draft = parseSurveyDefinition(survey.draft)
    const earlier = (await findVersionDefinitions(tx, surveyId)).map((v) => ({
      version: v.version,
      definition: SurveyDefinition.parse(v.definition),
    }))
    const breaking = findBreakingChanges(earlier, draft)
    if (breaking.length > 0) {
      throw new AppError('conflict', 'Bản nháp đổi loại hoặc thang đo của câu hỏi đã phát hành; chưa phát hành.', breaking)
    }
    const at = deps.clock()
    const version = await insertSurveyVersion(tx, { surveyId, definition: draft, publishedBy: user.id, at })
    await updateSurveyDraft(tx, surveyId, null, at)
    await recordAudit(tx, user, {
      action: 'publish',
      entity: 'survey',
      entityId: surveyId,
      unitId: null,
      details: { versionId: version.id, version: version.version },
    })
    return { ...version, publishedAt: version.publishedAt.toISOString(), surveyId }
  })
}

/** Starts a new draft from a published version (replacing any draft), to edit it into the next version. */
export async function draftFromVersion(deps: Deps, user: CurrentUser, surveyId: number, versionId: number): Promise<SurveyDetail> {
  await deps.sql.begin(async (tx) => {
    if (!(await lockSurvey(tx, surveyId))) throw surveyNotFound()
    const version = await findSurveyVersion(tx, surveyId, versionId)
    if (!version) throw new AppError('not_found', 'Không tìm thấy phiên bản phiếu.')
    await updateSurveyDraft(tx, surveyId, version.definition, deps.clock())
    await recordAudit(tx, user, {
      action: 'draft_from_version',
      entity: 'survey',
      entityId: surveyId,
      unitId: null,
      details: { versionId, version: version.version },
    })
  })
  return getSurvey(deps, surveyId)
}

/**
 * Makes counters serve a published version: the listed counters, or every counter of a unit's subtree. All
 * must lie in the user's scope, else nothing changes.
 */
export async function assignSurvey(deps: Deps, user: CurrentUser, input: NewAssignment): Promise<Assignment> {
  const version = await findVersionById(deps.sql, input.surveyVersionId)
  if (!version) throw new AppError('not_found', 'Không tìm thấy phiên bản phiếu.')
  let counters: { id: number; unitId: number }[]
  if (input.unitId !== undefined) {
    const unitIds = await subtreeInScope(deps, user, input.unitId)
    await requireUnitLive(deps, input.unitId)
    counters = await findCountersOfUnits(deps.sql, unitIds)
  } else {
    const requested = [...new Set(input.counterIds)]
    const scope = await scopeOf(deps, user)
    counters = (await findCounterUnits(deps.sql, requested)).filter((c) => isInScope(scope, c.unitId))
    const missing = requested.filter((id) => !counters.some((c) => c.id === id))
    if (missing.length > 0) throw new AppError('not_found', `Không tìm thấy quầy: ${missing.join(', ')}.`)
  }
  const unitOf = new Map(counters.map((c) => [c.id, c.unitId]))
  const assigned = await deps.sql.begin(async (tx) => {
    const rows = await upsertAssignments(
      tx,
      counters.map((c) => c.id),
      version.id,
      deps.clock(),
    )
    await recordAudit(
      tx,
      user,
      rows.map((row) => ({
        action: 'assign_survey',
        entity: 'counter',
        entityId: row.counterId,
        unitId: unitOf.get(row.counterId) ?? null,
        details: { surveyVersionId: version.id, previousVersionId: row.previousVersionId },
      })),
    )
    return rows
  })
  await servedSurveysChanged(deps)
  return { surveyVersionId: version.id, counterIds: assigned.map((row) => row.counterId) }
}
