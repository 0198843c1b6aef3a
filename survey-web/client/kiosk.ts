// The kiosk: pairs once with a code, then shows the counter's question full-screen, thanks the citizen and
// resets. Each tap is queued in localStorage with its own submission id before it is sent, and the queue is
// sent in order whenever the network is back: a tap is stored once, however often it is resent.
import type { KioskForm } from '../../shared/kiosk-contract'
import { kioskResetMs } from '../../shared/kiosk-timing'

type Tap = { submissionId: string; ratedAt: string; answers: Record<string, number> }

const keys = { token: 'sipas.kiosk.token', form: 'sipas.kiosk.form', queue: 'sipas.kiosk.queue' }
const byId = (id: string) => document.getElementById(id) as HTMLElement
const sections = ['pair', 'rate', 'thanks']
const show = (id: string) => {
  for (const s of sections) byId(s).hidden = s !== id
}

const readQueue = (): Tap[] => JSON.parse(localStorage.getItem(keys.queue) || '[]') as Tap[]
const writeQueue = (taps: Tap[]) => {
  localStorage.setItem(keys.queue, JSON.stringify(taps))
  byId('queue').textContent = taps.length > 0 ? `${taps.length} đánh giá đang chờ gửi (mất kết nối)` : ''
}

function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const authorized = () => ({ authorization: `Bearer ${localStorage.getItem(keys.token) ?? ''}`, 'content-type': 'application/json' })

let isSending = false
async function flush() {
  if (isSending) return
  isSending = true
  try {
    for (let queue = readQueue(); queue.length > 0; queue = readQueue()) {
      const tap = queue[0]!
      const res = await fetch('/api/v1/kiosks/ratings', { method: 'POST', headers: authorized(), body: JSON.stringify(tap) })
      // Kept for later: no answer, throttled, the server failing, or the kiosk unpaired (its taps wait for a new pairing).
      if (res.status === 401 || res.status === 429 || res.status >= 500) break
      // Stored (2xx) or refused for good (another 4xx): either way it leaves the queue.
      writeQueue(readQueue().filter((t) => t.submissionId !== tap.submissionId))
    }
  } catch {
    // Offline: the 'online' event or the next round sends it.
  } finally {
    isSending = false
  }
}

let lockedUntil = 0
function render(form: KioskForm) {
  byId('place').textContent = `${form.unitName} · ${form.place}`
  byId('question').textContent = form.question.label
  const options = byId('options')
  options.textContent = ''
  for (const option of form.question.options) {
    const button = document.createElement('button')
    button.type = 'button'
    if (option.face) {
      const face = document.createElement('span')
      face.setAttribute('aria-hidden', 'true')
      face.textContent = option.face
      button.append(face)
    }
    button.append(option.label)
    button.onclick = () => {
      // The terminal's interval: one tap per reset, however fast the next citizen (or a finger) is.
      if (Date.now() < lockedUntil) return
      lockedUntil = Date.now() + kioskResetMs
      writeQueue([
        ...readQueue(),
        { submissionId: uuid(), ratedAt: new Date().toISOString(), answers: { [form.question.key]: option.value } },
      ])
      show('thanks')
      setTimeout(() => show('rate'), kioskResetMs)
      void flush()
    }
    options.append(button)
  }
  show('rate')
}

async function start() {
  if (!localStorage.getItem(keys.token)) return show('pair')
  try {
    const res = await fetch('/api/v1/kiosks/me', { headers: authorized() })
    if (res.status === 401) {
      localStorage.removeItem(keys.token)
      return show('pair')
    }
    if (res.ok) {
      const form = (await res.json()) as KioskForm
      localStorage.setItem(keys.form, JSON.stringify(form))
      return render(form)
    }
  } catch {
    // Started offline: the last form shown will do.
  }
  const cached = localStorage.getItem(keys.form)
  if (cached) render(JSON.parse(cached) as KioskForm)
  else setTimeout(start, 5000)
}

byId('pair-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const code = (byId('pairing-code') as HTMLInputElement).value
  fetch('/api/v1/kiosks/pair', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pairingCode: code }),
  })
    .then(async (res) => {
      if (!res.ok) throw new Error(String(res.status))
      localStorage.setItem(keys.token, ((await res.json()) as { token: string }).token)
      byId('pair-error').textContent = ''
      await start()
    })
    .catch(() => {
      byId('pair-error').textContent = 'Mã ghép nối không đúng, đã dùng hoặc đã hết hạn.'
    })
})

window.addEventListener('online', () => void flush())
setInterval(() => void flush(), 10_000)
writeQueue(readQueue())
void start().then(flush)
