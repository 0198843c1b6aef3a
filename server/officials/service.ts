import type { CurrentUser } from '../../shared/auth-contract'
import type { NewOfficial, Official, OfficialResult, OfficialResultsAnswer, OfficialResultsQuery } from '../../shared/officials-contract'
import { SurveyDefinition } from '../../shared/survey-definition'
import { recordAudit } from '../audit/service'
import { getCounter } from '../counters/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { servedSurveysChanged } from '../served-cache'
import { analyticsReader, buildGroup, findScoringSurvey, type CountRow } from '../stats/service'
import { isInScope, listScopeOf, scopeOf } from '../units/scope'
import { listUsers } from '../users/service'
import {
  countOfficialAnswers,
  findOfficial,
  findOfficials,
  insertOfficial,
  markOfficialRemoved,
  type OfficialCountRow,
  type OfficialRow,
} from './queries'

const publicOf = ({ id, counterId, displayName, userId }: OfficialRow): Official => ({ id, counterId, displayName, userId })

/** GET /api/v1/officials?counterId=: the officials serving a counter of the user's scope. */
export async function listOfficials(deps: Deps, user: CurrentUser, counterId: number): Promise<Official[]> {
  await getCounter(deps, user, counterId)
  return (await findOfficials(deps.sql, counterId)).map(publicOf)
}

/** Adds an official to a counter of the user's subtree; a linked account must be one the user manages. */
export async function addOfficial(deps: Deps, user: CurrentUser, input: NewOfficial): Promise<Official> {
  const counter = await getCounter(deps, user, input.counterId)
  if (input.userId !== null && !(await listUsers(deps, user)).some((u) => u.id === input.userId)) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['userId'], message: 'Không có tài khoản này trong phạm vi.' }])
  }
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertOfficial(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'official', entityId: id, unitId: counter.unitId, details: input })
    return id
  })
  // The survey page lists the counter's officials: it must show the new one at once.
  await servedSurveysChanged(deps)
  return publicOf((await findOfficial(deps.sql, id))!)
}

/** Takes an official off a counter's list; ratings that named them keep naming them. */
export async function removeOfficial(deps: Deps, user: CurrentUser, id: number) {
  const official = await findOfficial(deps.sql, id)
  if (!official || official.isRemoved || !isInScope(await scopeOf(deps, user), official.unitId)) {
    throw new AppError('not_found', 'Không tìm thấy công chức này.')
  }
  await deps.sql.begin(async (tx) => {
    await markOfficialRemoved(tx, id, deps.clock())
    await recordAudit(tx, user, {
      action: 'delete',
      entity: 'official',
      entityId: id,
      unitId: official.unitId,
      details: publicOf(official),
    })
  })
  await servedSurveysChanged(deps)
}

/**
 * GET /api/v1/officials/results: rate, interval and count of kept ratings per official and questionnaire, for
 * supervising levels only: officials of units strictly below the reader's (an admin: all), never the reader's
 * own unit (peers) and never the reader themself (a linked account). Below the minimum n only the count is
 * given. No comment is read.
 */
export async function getOfficialResults(
  primaryDeps: Deps,
  user: CurrentUser,
  query: OfficialResultsQuery,
): Promise<OfficialResultsAnswer> {
  const { deps } = await analyticsReader(primaryDeps)
  const unitIds = await listScopeOf(deps, user, query.unitId)
  const rows = await countOfficialAnswers(deps.sql, {
    from: query.from,
    to: query.to,
    timeZone: deps.config.timeZone,
    unitIds,
    ownUnitId: user.role === 'admin' ? null : user.unitId,
    readerId: user.id,
  })
  const minResponses = deps.config.officialMinN
  const items = (await scoreOfficials(deps, rows, minResponses)).map(({ metric: _, ...item }) => item)
  return { from: query.from, to: query.to, minResponses, items }
}

export type ScoredOfficial = OfficialResult & { metric: string }

/** Scores each official's counts with the dashboard's rules (shared/scoring.ts through the stats service). */
async function scoreOfficials(deps: Deps, rows: OfficialCountRow[], minResponses: number) {
  const byKey = new Map<string, typeof rows>()
  for (const row of rows) {
    const key = `${row.officialId}:${row.surveyId}`
    const list = byKey.get(key)
    if (list) list.push(row)
    else byKey.set(key, [row])
  }
  const surveys = new Map<number, Awaited<ReturnType<typeof findScoringSurvey>>>()
  const items: ScoredOfficial[] = []
  for (const group of byKey.values()) {
    const first = group[0]!
    let survey = surveys.get(first.surveyId)
    if (!survey) {
      survey = await findScoringSurvey(deps, first.surveyId)
      surveys.set(first.surveyId, survey)
    }
    const counts: CountRow[] = group.map((r) => ({ groupKey: null, isExcluded: false, questionKey: r.questionKey, value: r.value, n: r.n }))
    const scored = buildGroup(SurveyDefinition.parse(survey.definition), { key: '', label: '' }, counts, [])
    const suppressed = scored.responses < minResponses || scored.rate === null
    items.push({
      officialId: first.officialId,
      displayName: first.displayName,
      counterId: first.counterId,
      counterName: first.counterName,
      unitId: first.unitId,
      surveyId: survey.id,
      surveyTitle: survey.title,
      metric: survey.metric,
      responses: scored.responses,
      suppressed,
      rate: suppressed ? null : scored.rate,
      ci95: suppressed ? null : scored.ci95,
    })
  }
  return items
}

/** Per-official figures for the emulation table (same visibility rules as the results). */
export async function scoreOfficialsForYear(
  deps: Deps,
  user: CurrentUser,
  range: { from: string; to: string },
  unitId: number | undefined,
) {
  const unitIds = await listScopeOf(deps, user, unitId)
  const rows = await countOfficialAnswers(deps.sql, {
    ...range,
    timeZone: deps.config.timeZone,
    unitIds,
    ownUnitId: user.role === 'admin' ? null : user.unitId,
    readerId: user.id,
  })
  return scoreOfficials(deps, rows, deps.config.officialMinN)
}
