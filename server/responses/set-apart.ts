import type { Deps } from '../deps'
import type { FlagReason } from './integrity'
import { rollupDeltasOf } from './rollup-deltas'
import { addToAllRollups, compactRollups } from './rollup-queries'
import { addFlagAndSetApart, lockResponse, subtractFromAllRollups } from './set-apart-queries'

/**
 * Sets apart a rating that a later one showed to be part of a series (the first rating of a device that then
 * rated the same counter again within the interval): flagged with `reason`, its counts moved to excluded in
 * all five rollups, in one transaction. A rating already set apart is left as it is.
 */
export async function setApartLater(deps: Deps, id: string, reason: FlagReason) {
  const timeZone = deps.config.timeZone
  await deps.sql.begin(async (tx) => {
    const row = await lockResponse(tx, id)
    if (!row || row.isExcluded) return
    // Its counts were appended moments ago and may still wait in rollup_deltas: move them in first.
    await compactRollups(tx)
    await subtractFromAllRollups(tx, rollupDeltasOf([row], timeZone))
    await addToAllRollups(tx, rollupDeltasOf([{ ...row, isExcluded: true }], timeZone))
    await addFlagAndSetApart(tx, id, reason)
  })
}
