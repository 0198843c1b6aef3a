import { createHmac } from 'node:crypto'
import type { CurrentUser } from '../../shared/auth-contract'
import {
  demographicKeys,
  demographicQuestions,
  type Campaign,
  type DemographicKey,
  type Demographics,
  type DemographicsSummary,
  type NewCampaign,
  type PaperForm,
} from '../../shared/campaign-contract'
import { isSuppressed, minimumCell } from '../../shared/scoring'
import { localTimeOf } from '../../shared/local-time'
import { SurveyDefinition } from '../../shared/survey-definition'
import { recordAudit } from '../audit/service'
import { parseCsv } from '../catalogue/service'
import type { Deps } from '../deps'
import { AppError, type Issue } from '../errors'
import { storePaperForms, type PaperInput } from '../responses/service'
import { findSurveyByCounter } from '../serving/service'
import { isInScope, requireUnitInScope, scopeOf } from '../units/scope'
import { listUsers } from '../users/service'
import {
  countDemographics,
  findCampaign,
  findCampaigns,
  findCounterUnits,
  insertCampaign,
  insertCampaignForms,
  insertFormDemographics,
  surveyVersionExists,
  type CampaignRow,
} from './queries'

const invalid = (issues: Issue[]) => new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issues)
const publicOf = ({ surveyId: _, ...campaign }: CampaignRow): Campaign => campaign

/** A campaign of the user's subtree: the survey version exists, every sampled counter and enumerator is theirs. */
export async function createCampaign(deps: Deps, user: CurrentUser, input: NewCampaign) {
  await requireUnitInScope(deps, user, input.unitId)
  const issues: Issue[] = []
  if (!(await surveyVersionExists(deps.sql, input.surveyVersionId))) {
    issues.push({ path: ['surveyVersionId'], message: 'Không có phiên bản phiếu này.' })
  }
  const scope = await scopeOf(deps, user)
  const units = new Map(
    (
      await findCounterUnits(
        deps.sql,
        input.samples.map((s) => s.counterId),
      )
    ).map((c) => [c.counterId, c.unitId]),
  )
  input.samples.forEach((s, i) => {
    const unitId = units.get(s.counterId)
    if (unitId === undefined || !isInScope(scope, unitId))
      issues.push({ path: ['samples', i, 'counterId'], message: 'Không có quầy này trong phạm vi.' })
  })
  const users = new Set((await listUsers(deps, user)).map((u) => u.id))
  input.enumeratorIds.forEach((id, i) => {
    if (!users.has(id)) issues.push({ path: ['enumeratorIds', i], message: 'Không có tài khoản này trong phạm vi.' })
  })
  if (issues.length > 0) throw invalid(issues)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertCampaign(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'campaign', entityId: id, unitId: input.unitId, details: input })
    return id
  })
  return publicOf((await findCampaign(deps.sql, id))!)
}

export async function listCampaigns(deps: Deps, user: CurrentUser) {
  const scope = await scopeOf(deps, user)
  return (await findCampaigns(deps.sql, scope, user.id)).map(({ definition: _, ...c }) => publicOf({ ...c, definition: null }))
}

/** A campaign the user may see: of their subtree, or one they type forms for. */
async function getVisibleCampaign(deps: Deps, user: CurrentUser, id: number) {
  const campaign = await findCampaign(deps.sql, id)
  const isVisible = campaign && (isInScope(await scopeOf(deps, user), campaign.unitId) || campaign.enumeratorIds.includes(user.id))
  if (!isVisible) throw new AppError('not_found', 'Không tìm thấy đợt khảo sát.')
  return campaign
}

export async function getCampaign(deps: Deps, user: CurrentUser, id: number) {
  return publicOf(await getVisibleCampaign(deps, user, id))
}

/** Enumerators of the campaign type forms in, and managers of its subtree; analysts only read. */
async function getCampaignForEntry(deps: Deps, user: CurrentUser, id: number) {
  const campaign = await getVisibleCampaign(deps, user, id)
  const mayEnter =
    campaign.enumeratorIds.includes(user.id) || (user.role !== 'analyst' && isInScope(await scopeOf(deps, user), campaign.unitId))
  if (!mayEnter) throw new AppError('forbidden', 'Chỉ điều tra viên của đợt khảo sát hoặc cán bộ quản lý được nhập phiếu.')
  return campaign
}

/** The same form number of a campaign always makes the same submission id: a form typed twice is stored once. */
function submissionIdOf(secretKey: string, campaignId: number, formNumber: string) {
  const hex = createHmac('sha256', secretKey).update(`paper:${campaignId}:${formNumber.trim().toUpperCase()}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Noon, local time, of the day the form was filled: its day in every report, whatever the time zone. */
function noonOf(date: string, timeZone: string) {
  const noonUtc = Date.parse(`${date}T12:00:00Z`)
  const local = localTimeOf(new Date(noonUtc), timeZone)
  const dayShift = local.date === date ? 0 : local.date > date ? 24 : -24
  return new Date(noonUtc - (local.hour + dayShift - 12) * 3_600_000 - local.minute * 60_000)
}

/** `demographics[i]` are the bands of `forms[i]`, when given. */
type Prepared = { campaign: CampaignRow; forms: PaperInput[]; demographics: (Demographics | undefined)[]; issues: Issue[] }

/** The bands a form may carry: none unless the campaign asks them, ethnicity only when it asks that too. */
function demographicsIssues(campaign: CampaignRow, demographics: Demographics | undefined, at: (string | number)[]): Issue[] {
  if (demographics === undefined || Object.keys(demographics).length === 0) return []
  if (!campaign.demographics.enabled) {
    return [{ path: [...at, 'demographics'], message: 'Đợt khảo sát này không thu thông tin nhân khẩu học.' }]
  }
  if (demographics.dan_toc !== undefined && !campaign.demographics.ethnicity) {
    return [{ path: [...at, 'demographics', 'dan_toc'], message: 'Đợt khảo sát này không hỏi dân tộc.' }]
  }
  return []
}

/** Checks forms against the campaign (its places and period) and makes them ready to store; `at` names each in issues. */
async function prepareForms(
  deps: Deps,
  campaign: CampaignRow,
  forms: PaperForm[],
  at: (i: number) => (string | number)[],
): Promise<Prepared> {
  const definition = SurveyDefinition.parse(campaign.definition)
  const issues: Issue[] = []
  const prepared: PaperInput[] = []
  const demographics: (Demographics | undefined)[] = []
  for (const [i, form] of forms.entries()) {
    issues.push(...demographicsIssues(campaign, form.demographics, at(i)))
    const served = campaign.samples.some((s) => s.counterId === form.counterId)
      ? await findSurveyByCounter(deps, form.counterId)
      : undefined
    if (!served) issues.push({ path: [...at(i), 'counterId'], message: 'Quầy không thuộc mẫu của đợt khảo sát.' })
    if (form.filledOn < campaign.periodStart || form.filledOn > campaign.periodEnd) {
      issues.push({
        path: [...at(i), 'filledOn'],
        message: `Ngày phải trong đợt khảo sát (${campaign.periodStart} – ${campaign.periodEnd}).`,
      })
    }
    if (!served) continue
    prepared.push({
      served: { ...served, surveyId: campaign.surveyId, surveyVersionId: campaign.surveyVersionId, definition },
      campaignId: campaign.id,
      submissionId: submissionIdOf(deps.config.secretKey, campaign.id, form.formNumber),
      answers: form.answers,
      submittedAt: noonOf(form.filledOn, deps.config.timeZone),
    })
    demographics.push(form.demographics && Object.keys(form.demographics).length > 0 ? form.demographics : undefined)
  }
  return { campaign, forms: prepared, demographics, issues }
}

/** Stores checked forms and links them to the campaign, all or none; answer issues are named by `at`. */
async function storeForms(
  deps: Deps,
  user: CurrentUser,
  { campaign, forms, demographics, issues }: Prepared,
  at: (i: number) => (string | number)[],
) {
  if (issues.length > 0) throw invalid(issues)
  return deps.sql.begin(async (tx) => {
    let receipts: { id: string; isNew: boolean }[]
    try {
      receipts = await storePaperForms(deps, tx, forms)
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_input') {
        const issues = (error.issues ?? []).map(({ path: [i, ...rest], message }) => ({
          path: [...at(Number(i)), ...rest.filter((p) => p !== 'answers')],
          message,
        }))
        throw invalid(issues)
      }
      throw error
    }
    await insertCampaignForms(
      tx,
      campaign.id,
      receipts.map((r) => r.id),
    )
    await storeDemographics(tx, campaign.id, receipts, demographics)
    const stored = receipts.filter((r) => r.isNew).length
    await recordAudit(tx, user, {
      action: 'create',
      entity: 'paper_forms',
      entityId: campaign.id,
      unitId: campaign.unitId,
      details: { stored },
    })
    return receipts
  })
}

const bandColumns = {
  gioi_tinh: 'gender',
  do_tuoi: 'ageBand',
  hoc_van: 'education',
  nghe_nghiep: 'occupation',
  dan_toc: 'ethnicity',
} as const

/**
 * Keeps the bands of each form that gave some, beside its rating; a form typed again with other bands is a
 * conflict (as other answers are), the same bands a replay.
 */
async function storeDemographics(
  tx: Parameters<typeof insertCampaignForms>[0],
  campaignId: number,
  receipts: { id: string }[],
  demographics: (Demographics | undefined)[],
) {
  const rows = receipts.flatMap((receipt, i) => {
    const given = demographics[i]
    if (!given) return []
    const row = { responseId: receipt.id, gender: null, ageBand: null, education: null, occupation: null, ethnicity: null } as Record<
      string,
      string | number | null
    >
    for (const key of demographicKeys) row[bandColumns[key]] = given[key] ?? null
    return [row as unknown as Parameters<typeof insertFormDemographics>[2][number]]
  })
  if (rows.length === 0) return
  const stored = new Map((await insertFormDemographics(tx, campaignId, rows)).map((r) => [r.responseId, r]))
  for (const [i, row] of rows.entries()) {
    const kept = stored.get(row.responseId)
    const isSame = kept && demographicKeys.every((key) => kept[bandColumns[key]] === row[bandColumns[key]])
    if (!isSame) throw new AppError('conflict', `Phiếu thứ ${i + 1} đã được nhập với thông tin nhân khẩu học khác.`)
  }
}

/**
 * GET /api/v1/campaigns/{id}/demographics: counts per band of each dimension the campaign asks, over its forms;
 * a cell under the minimum is withheld, so no small group (nor one respondent's ethnicity) can be singled out.
 * There is no row-level export of the bands.
 */
export async function getDemographics(deps: Deps, user: CurrentUser, id: number): Promise<DemographicsSummary> {
  const campaign = await getVisibleCampaign(deps, user, id)
  if (!isInScope(await scopeOf(deps, user), campaign.unitId)) throw new AppError('not_found', 'Không tìm thấy đợt khảo sát.')
  const { forms, rows } = await countDemographics(deps.sql, id)
  const countOf = (key: DemographicKey, value: number | null) => rows.find((r) => r.dimension === key && r.value === value)?.n ?? 0
  const shown = (n: number) => (n > 0 && isSuppressed(n) ? null : n)
  const asked = campaign.demographics.enabled
    ? demographicQuestions.filter((q) => q.key !== 'dan_toc' || campaign.demographics.ethnicity)
    : []
  return {
    minCell: minimumCell,
    forms,
    dimensions: asked.map((q) => ({
      key: q.key,
      label: q.label,
      bands: q.options.map((o) => ({ value: o.value, label: o.label, count: shown(countOf(q.key, o.value)) })),
      notGiven: shown(countOf(q.key, null)),
    })),
  }
}

/** One paper form typed on the entry screen. */
export async function enterForm(deps: Deps, user: CurrentUser, campaignId: number, form: PaperForm) {
  const campaign = await getCampaignForEntry(deps, user, campaignId)
  const [receipt] = await storeForms(deps, user, await prepareForms(deps, campaign, [form], () => []), () => [])
  return receipt!
}

const fixedColumns = ['so_phieu', 'ma_quay', 'ngay']

/**
 * A campaign's CSV: columns so_phieu, ma_quay (counter id), ngay (YYYY-MM-DD or DD/MM/YYYY) and one per question
 * key (a code, "1|3" for several choices, empty when not answered). Every line is checked; one bad line stores
 * nothing, and the answer names each bad line and column.
 */
export async function importForms(deps: Deps, user: CurrentUser, campaignId: number, text: string) {
  const campaign = await getCampaignForEntry(deps, user, campaignId)
  const definition = SurveyDefinition.parse(campaign.definition)
  const [header, ...records] = parseCsv(text)
  const columns = header?.cells.map((c) => c.trim().toLowerCase()) ?? []
  const missing = fixedColumns.filter((c) => !columns.includes(c))
  const questionKeys = new Set(definition.questions.map((q) => q.key))
  // Band columns only for a campaign that asks them (dan_toc only when it asks ethnicity): refused as a whole column.
  const askedBands = new Set<string>(
    demographicKeys.filter((k) => campaign.demographics.enabled && (k !== 'dan_toc' || campaign.demographics.ethnicity)),
  )
  const refusedBands = columns.filter((c) => (demographicKeys as string[]).includes(c) && !askedBands.has(c))
  const unknown = columns.filter((c) => !fixedColumns.includes(c) && !questionKeys.has(c) && !(demographicKeys as string[]).includes(c))
  if (missing.length > 0 || unknown.length > 0 || refusedBands.length > 0 || records.length === 0) {
    throw invalid([
      ...missing.map((c) => ({ path: ['dong', 1, c], message: `Thiếu cột ${c}.` })),
      ...refusedBands.map((c) => ({
        path: ['dong', 1, c],
        message:
          c === 'dan_toc' && campaign.demographics.enabled
            ? 'Đợt khảo sát này không hỏi dân tộc.'
            : 'Đợt khảo sát này không thu thông tin nhân khẩu học.',
      })),
      ...unknown.map((c) => ({ path: ['dong', 1, c], message: `Cột ${c} không phải câu hỏi của phiếu.` })),
      ...(records.length === 0 ? [{ path: ['dong', 2], message: 'Tệp không có phiếu nào.' }] : []),
    ])
  }
  const issues: Issue[] = []
  const forms: PaperForm[] = []
  const lines: number[] = []
  const seen = new Map<string, number>()
  for (const record of records) {
    const cell = (name: string) => (record.cells[columns.indexOf(name)] ?? '').trim()
    const at = (column: string) => ['dong', record.line, column]
    const formNumber = cell('so_phieu')
    const counterId = Number(cell('ma_quay'))
    const date = cell('ngay').replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1')
    const before = issues.length
    if (!formNumber || formNumber.length > 40) issues.push({ path: at('so_phieu'), message: 'Cần số phiếu (tối đa 40 ký tự).' })
    else if (seen.has(formNumber.toUpperCase())) {
      issues.push({ path: at('so_phieu'), message: `Số phiếu trùng với dòng ${seen.get(formNumber.toUpperCase())}.` })
    } else seen.set(formNumber.toUpperCase(), record.line)
    if (!Number.isInteger(counterId) || counterId <= 0) issues.push({ path: at('ma_quay'), message: 'Mã quầy là một số.' })
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      issues.push({ path: at('ngay'), message: 'Ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY.' })
    }
    const answers: PaperForm['answers'] = {}
    for (const key of questionKeys) {
      const value = columns.includes(key) ? cell(key) : ''
      if (value === '') continue
      const codes = value.split('|').map((v) => Number(v.trim()))
      if (codes.some((c) => !Number.isInteger(c) || c < 0 || c > 99)) {
        issues.push({ path: at(key), message: 'Mã trả lời là số từ 0 đến 99.' })
        continue
      }
      answers[key] = definition.questions.find((q) => q.key === key)?.type === 'multi' ? codes : codes[0]!
    }
    const demographics: Record<string, number> = {}
    for (const q of demographicQuestions) {
      const value = columns.includes(q.key) ? cell(q.key) : ''
      if (value === '') continue
      const code = Number(value)
      if (!q.options.some((o) => o.value === code)) {
        issues.push({ path: at(q.key), message: `Mã ${q.label.toLowerCase()} là một trong ${q.options.map((o) => o.value).join(', ')}.` })
      } else demographics[q.key] = code
    }
    if (issues.length === before) {
      const withBands = Object.keys(demographics).length > 0 ? { demographics: demographics as Demographics } : {}
      forms.push({ counterId, formNumber, filledOn: date, answers, ...withBands })
      lines.push(record.line)
    }
  }
  const lineAt = (i: number) => ['dong', lines[i]!]
  const prepared = await prepareForms(deps, campaign, forms, lineAt)
  prepared.issues.unshift(...issues)
  const named = prepared.issues.map(({ path, message }) => ({ path: path.map((p, i) => (i === 2 ? columnOf(String(p)) : p)), message }))
  // Every bad line is named at once; answers are checked against the questionnaire once the lines are readable.
  const receipts = await storeForms(deps, user, { ...prepared, issues: named }, lineAt)
  return { stored: receipts.filter((r) => r.isNew).length, alreadyEntered: receipts.filter((r) => !r.isNew).length }
}

const columnOf = (field: string) => (field === 'counterId' ? 'ma_quay' : field === 'filledOn' ? 'ngay' : field)
