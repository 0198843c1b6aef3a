import type postgres from 'postgres'
import { QuestionKey } from '../../shared/survey-definition'
import type { Db, Tx } from '../db'
import type { ResolvedUnit } from '../stats/scope-queries'

export type ExportQuestion = { key: string; type: string }

/** Every question of a survey: the latest version's in its order, then those only older versions had. */
export async function findSurveyQuestions(db: Db, surveyId: number) {
  return db<ExportQuestion[]>`
    select key, type
    from (
      select
        q->>'key' as key,
        (array_agg(q->>'type' order by v.version desc))[1] as type,
        max(v.version) as version,
        (array_agg(e.ord order by v.version desc))[1] as ord
      from survey_versions v
      cross join jsonb_array_elements(v.definition->'questions') with ordinality as e(q, ord)
      where v.survey_id = ${surveyId}
      group by q->>'key'
    ) questions
    order by version desc, ord
  `
}

export type ExportParameters = { surveyId: number; from: string; to: string; timeZone: string; scope: ResolvedUnit[] }

// Enough to sort a large export in memory rather than in temporary files on disk.
const exportWorkMem = '64MB'

/**
 * COPY takes no bind parameters (postgres.js sends it as a simple query), so the export's parameters travel
 * as settings local to the transaction, read back by `responsesSelect`, never spliced into SQL: one JSON setting,
 * and the units and the period's two instants again as settings of their own. The planner reads a setting's value
 * when it estimates (as it reads now()), but not a field of the JSON behind a CTE: with them it knows how few of
 * the responses the export takes and reads those through the index rather than the whole table. Also bounds the
 * export's statements by its own time limit, in place of the pool's shorter one.
 */
export async function setExportParameters(tx: Tx, parameters: ExportParameters, maxSeconds: number) {
  const scope = parameters.scope.map((s) => ({ unit_id: s.unitId, valid_from: s.validFrom, valid_to: s.validTo }))
  await tx`
    select
      set_config('sipas.export', ${JSON.stringify({ ...parameters, scope })}, true),
      set_config('sipas.export_units', ${`{${parameters.scope.map((s) => s.unitId).join(',')}}`}, true),
      set_config('sipas.export_starts', (${parameters.from}::date::timestamp at time zone ${parameters.timeZone})::text, true),
      set_config('sipas.export_ends', ((${parameters.to}::date + 1)::timestamp at time zone ${parameters.timeZone})::text, true),
      set_config('work_mem', ${exportWorkMem}, true),
      set_config('statement_timeout', ${`${maxSeconds}s`}, true)
  `
}

// A spreadsheet runs a cell starting with = + - @ (or a tab or CR before one) as a formula: such text gets
// a leading apostrophe (OWASP "CSV injection").
const neutralised = (tx: Tx, text: postgres.Fragment) => tx`case when ${text} ~ '^[-=+@\\t\\r]' then '''' || ${text} else ${text} end`

/**
 * An answer as text ('3', '[2, 5]', 'chữ'): a multiple choice becomes "2;5" and free text is neutralised, by the
 * question's type rather than per value. One `->>` per question costs less than jsonb_to_record's record per row
 * (measured: 2.0 against 2.9 µs a row for sixteen questions).
 */
function answerCell(tx: Tx, { key, type }: ExportQuestion) {
  // COPY takes no parameters, so the key is written into the statement: only a key the survey schema allows.
  if (!QuestionKey.safeParse(key).success) throw new Error(`question key ${JSON.stringify(key)} is not a valid key`)
  const answer = tx`(r.answers->>${tx.unsafe(`'${key}'`)})`
  if (type === 'multi') return tx`replace(translate(${answer}, '[] ', ''), ',', ';')`
  if (type === 'text') return neutralised(tx, answer)
  return answer
}

/**
 * One row per response of the survey in the scope's unit-days, excluded ones included (flagged = true): the
 * columns of the export in docs/api.md, all text, except the first: the rating's id, which the app replaces by its
 * keyed hash (a sha256 per row cost PostgreSQL 2.3 of the 8 seconds a million rows took; the app does it beside the
 * query, in its own process). Identifiers only, no parameters, so COPY can run it. Per-unit and per-counter cells
 * are made once in the CTEs, not once per row (the export's budget is 300,000 rows/s).
 */
function responsesSelect(tx: Tx, questions: ExportQuestion[]) {
  return tx`
    with params as (
      select current_setting('sipas.export')::jsonb as p
    ),
    scope as (
      select
        s.unit_id,
        s.valid_from::timestamp at time zone (params.p->>'timeZone') as starts_at,
        s.valid_to::timestamp at time zone (params.p->>'timeZone') as ends_at
      from params, jsonb_to_recordset(params.p->'scope') as s(unit_id int, valid_from date, valid_to date)
    ),
    unit_cells as (
      select distinct on (v.unit_id) v.unit_id, ${neutralised(tx, tx`u.code`)} as code, ${neutralised(tx, tx`v.name`)} as name
      from unit_versions v
      join units u on u.id = v.unit_id
      cross join params
      where v.unit_id in (select unit_id from scope)
      order by v.unit_id, v.valid_from <= (params.p->>'to')::date desc, v.valid_from desc
    ),
    counter_cells as (
      select cc.counter_id, ${neutralised(tx, tx`cc.code`)} as code
      from counter_codes cc
      where cc.revoked_at is null
    )
    select
      -- The id itself, 36 characters first on every row: the app writes its keyed hash in its place (exportIdsOf).
      r.id as response_id,
      date_trunc('second', r.submitted_at at time zone (params.p->>'timeZone')) as submitted_at,
      uc.code as unit_code,
      uc.name as unit_name,
      cc.code as counter_code,
      f.code as field_code,
      r.procedure_code,
      r.channel,
      r.is_verified::text as verified,
      r.is_excluded::text as flagged,
      sv.version as survey_version,
      ${questions.map((q) => tx`${answerCell(tx, q)} as ${tx(q.key)},`)}
      ${neutralised(tx, tx`r.comment`)} as comment
    from params
    cross join scope s
    join responses r on r.unit_id = s.unit_id and r.submitted_at >= s.starts_at and r.submitted_at < s.ends_at
    join unit_cells uc on uc.unit_id = r.unit_id
    join survey_versions sv on sv.id = r.survey_version_id
    left join fields f on f.id = r.field_id
    left join counter_cells cc on cc.counter_id = r.counter_id
    where r.survey_id = (params.p->>'surveyId')::int
      and r.unit_id = any(current_setting('sipas.export_units')::int[])
      and r.submitted_at >= current_setting('sipas.export_starts')::timestamptz
      and r.submitted_at < current_setting('sipas.export_ends')::timestamptz
    order by r.submitted_at, r.id
  `
}

/** The CSV (with its header line) straight from PostgreSQL: await `.readable()` for the stream. */
export function copyResponsesCsv(tx: Tx, questions: ExportQuestion[]) {
  return tx`copy (${responsesSelect(tx, questions)}) to stdout with (format csv, header true, encoding 'UTF8')`
}

/** The same rows as arrays of text, `batchSize` at a time, for the XLSX writer. */
export function cursorResponses(tx: Tx, questions: ExportQuestion[], batchSize: number) {
  return tx`${responsesSelect(tx, questions)}`.values().cursor(batchSize)
}
