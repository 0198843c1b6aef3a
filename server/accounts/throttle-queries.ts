import type { Db, Tx } from '../db'

export type ThrottleSubject = 'username' | 'ip' | 'pair'
export type ThrottleKey = { subject: ThrottleSubject; keyHash: Buffer }

/** Serializes login attempts until the transaction ends, so two parallel guesses never both count zero. */
export async function lockLoginThrottle(tx: Tx) {
  await tx`select pg_advisory_xact_lock(hashtext('login_failures'))`
}

export async function findLoginFailures(tx: Tx, keys: ThrottleKey[], since: Date) {
  return tx<{ subject: ThrottleSubject; failedAt: Date }[]>`
    select subject, failed_at
    from login_failures
    where key_hash in ${tx(keys.map((k) => k.keyHash))}
    and failed_at > ${since}
    order by failed_at
  `
}

export async function insertLoginAttempts(tx: Tx, keys: ThrottleKey[], at: Date) {
  const rows = await tx<{ id: string }[]>`
    insert into login_failures ${tx(keys.map((k) => ({ subject: k.subject, keyHash: k.keyHash, failedAt: at })))}
    returning id
  `
  return rows.map((row) => row.id)
}

/** Clears a username's failures (alone and paired with the client's IP) along with the given attempt rows. */
export async function deleteLoginFailuresOf(db: Db, keys: Buffer[], attemptIds: string[]) {
  await db`
    delete from login_failures
    where (subject in ('username', 'pair') and key_hash in ${db(keys)})
    or id in ${db(attemptIds)}
  `
}

export async function deleteLoginFailuresBefore(db: Db, before: Date) {
  await db`delete from login_failures where failed_at < ${before}`
}
