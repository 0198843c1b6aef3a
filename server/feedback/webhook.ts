import { createHmac } from 'node:crypto'

/** The header carrying the body's signature: `sha256=<hex HMAC-SHA256 of the raw body with the unit's secret>`. */
export const signatureHeader = 'x-sipas-signature'

export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

export type Delivery = { url: string; secret: string; event: string; payload: unknown }

export type DeliveryOptions = {
  /** Waits before each retry; the default backs off 1 s, 4 s, 16 s, 64 s. */
  retryDelaysMs?: readonly number[]
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

const defaultDelays = [1_000, 4_000, 16_000, 64_000]

/**
 * Posts a signed JSON body to a unit's webhook, retrying with growing waits while the receiver is unreachable
 * or answers 5xx or 429; a 2xx ends it, and so does any other 4xx (the receiver refused it: asking again
 * would not help). Answers whether it was delivered and after how many attempts.
 */
export async function deliver(d: Delivery, options: DeliveryOptions = {}) {
  const delays = options.retryDelaysMs ?? defaultDelays
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const body = JSON.stringify({ event: d.event, ...(d.payload as object) })
  for (let attempt = 1; ; attempt++) {
    let retry = true
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sipas-event': d.event, [signatureHeader]: signatureOf(d.secret, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      })
      await res.body?.cancel()
      if (res.ok) return { delivered: true, attempts: attempt }
      retry = res.status >= 500 || res.status === 429
    } catch {
      // Unreachable, refused or timed out: try again later.
    }
    if (!retry || attempt > delays.length) return { delivered: false, attempts: attempt }
    await sleep(delays[attempt - 1]!)
  }
}
