import type { Db } from '../db'

/** The demo loads on a first start only: when no unit exists yet. */
export async function isEmpty(db: Db) {
  const [row] = await db<[{ isEmpty: boolean }]>`select not exists (select 1 from units) as is_empty`
  return row.isEmpty
}

/** The live code of the first counter that serves a survey, to print as the demo URL. */
export async function findDemoSurveyCode(db: Db) {
  const [row] = await db<[{ code: string }?]>`
    select cc.code
    from counter_codes cc
    join survey_assignments sa on sa.counter_id = cc.counter_id
    where cc.revoked_at is null
    order by cc.counter_id
    limit 1
  `
  return row?.code
}
