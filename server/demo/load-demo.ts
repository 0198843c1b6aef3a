import type { Db } from '../db'
import { storeBatch } from '../responses/writer'
import { compactRollups } from '../responses/service'
import { mintCounterCode } from '../serving/codes'
import { demoFields, demoPlans, demoProcedures, demoServicePoints, demoUnits, type DemoFieldCode } from './catalogue'
import * as q from './queries'
import { counterQuickRating, educationServices, healthServices, onlineServices, sipasService } from './questionnaires'
import { syntheticResponses, type SyntheticCounter } from './synthetic'

const batchSize = 2000

/**
 * Loads the demo world and a year of ratings in one transaction. Idempotent: every row has a natural or
 * deterministic key, so a second load changes nothing.
 */
export async function loadDemo(db: Db, { secretKey, timeZone }: { secretKey: string; timeZone: string }) {
  return db.begin(async (tx) => {
    const unitIds = new Map<string, number>()
    for (const u of demoUnits) {
      const parentId = u.parent ? unitIds.get(u.parent)! : null
      unitIds.set(u.code, await q.upsertUnit(tx, { ...u, parentId }))
    }
    const fieldIds = new Map<DemoFieldCode, number>()
    for (const f of demoFields) fieldIds.set(f.code, await q.upsertField(tx, f.code, f.name))
    for (const p of demoProcedures) await q.upsertProcedure(tx, p.code, p.name, fieldIds.get(p.field)!)

    const surveys = new Map<string, { surveyId: number; versionId: number }>()
    for (const s of [counterQuickRating, sipasService, onlineServices, healthServices, educationServices]) {
      surveys.set(s.code, await q.upsertPublishedSurvey(tx, { ...s, title: s.definition.title }))
    }

    const counters: SyntheticCounter[] = []
    for (const point of demoServicePoints) {
      const unitId = unitIds.get(point.unit)!
      const servicePointId = await q.upsertServicePoint(tx, unitId, point.name, point.kind ?? 'mot_cua')
      for (const c of point.counters) {
        const counterId = await q.upsertCounter(
          tx,
          servicePointId,
          c.name,
          c.fields.map((f) => fieldIds.get(f)!),
        )
        await q.insertCodeIfNone(tx, counterId, mintCounterCode(secretKey))
        const survey = surveys.get(c.survey)!
        await q.assignSurvey(tx, counterId, survey.versionId)
        counters.push({
          counterId,
          unitId,
          unitCode: point.unit,
          surveyId: survey.surveyId,
          surveyVersionId: survey.versionId,
          surveyCode: c.survey,
          ratingsPerDay: c.ratingsPerDay,
          landUnsatisfied: c.landUnsatisfied,
          unsatisfied: c.unsatisfied ?? 0,
          fields: c.fields.map((code) => ({
            id: fieldIds.get(code)!,
            code,
            procedures: demoProcedures.filter((p) => p.field === code).map((p) => p.code),
          })),
        })
      }
    }

    for (const plan of demoPlans) {
      const { id: planId, isNew } = await q.upsertPlan(tx, { ...plan, unitId: unitIds.get(plan.unit)! })
      if (!isNew) continue
      for (const t of plan.targets) {
        await q.insertTarget(tx, {
          planId,
          unitId: unitIds.get(t.unit)!,
          metric: t.metric,
          periodStart: 'periodStart' in t ? t.periodStart : plan.periodStart,
          periodEnd: 'periodEnd' in t ? t.periodEnd : plan.periodEnd,
          value: t.value,
          fieldIds: t.fields.map((f) => fieldIds.get(f)!),
        })
      }
    }

    // Stored through the same path as live ratings, so rollups are kept by the production code.
    const rows = syntheticResponses(counters)
    for (let i = 0; i < rows.length; i += batchSize) await storeBatch(tx, rows.slice(i, i + batchSize), { timeZone })
    await compactRollups(tx)
    return q.countDemoRows(tx)
  })
}
