// Enhances the survey form: one-tap rating, follow-ups shown when they apply, a live character count, and
// submissions that survive a lost connection (kept in localStorage, retried with backoff until the server
// answers 2xx or 4xx). The server validates everything; this file ships no schema library.

type Pending = { id: string; body: Record<string, unknown>; tries: number }

const queueKey = 'sipas.pending'
const endpoint = '/api/v1/responses'
const timeoutMs = 15000
let memoryQueue: Pending[] = []

function readQueue(): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(queueKey) || '[]') as Pending[]
  } catch {
    return memoryQueue
  }
}

function writeQueue(items: Pending[]) {
  memoryQueue = items
  try {
    localStorage.setItem(queueKey, JSON.stringify(items))
  } catch {
    // Private mode or a full store: the in-memory queue still retries while the page is open.
  }
}

const upsert = (item: Pending) =>
  writeQueue(
    readQueue()
      .filter((p) => p.id !== item.id)
      .concat([item]),
  )
const remove = (id: string) => writeQueue(readQueue().filter((p) => p.id !== id))

function post(body: Record<string, unknown>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      (res) => {
        clearTimeout(timer)
        resolve(res)
      },
      (error) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

type Outcome = 'done' | 'invalid' | 'retry'

/** Follow-up codes the server gave for comments sent from this page, by submission id. */
const followUpCodes: Record<string, string> = {}

async function send(item: Pending): Promise<Outcome> {
  try {
    const res = await post(item.body)
    if (res.status < 500 && res.status !== 429) {
      remove(item.id)
      if (res.ok) {
        const answer = (await res.json().catch(() => ({}))) as { followUpCode?: unknown }
        if (typeof answer.followUpCode === 'string' && /^[A-Z2-7]{16}$/.test(answer.followUpCode)) {
          followUpCodes[item.id] = answer.followUpCode
        }
      }
      // 409: this submission id already holds other content, so this form was counted once already.
      return res.ok || res.status === 409 ? 'done' : 'invalid'
    }
  } catch {
    // Offline, timed out or refused: keep it queued.
  }
  item.tries += 1
  upsert(item)
  return 'retry'
}

let flushTimer: ReturnType<typeof setTimeout> | undefined
function scheduleFlush(delayMs: number, onDone?: (id: string) => void) {
  clearTimeout(flushTimer)
  flushTimer = setTimeout(async () => {
    let maxTries = 0
    for (const item of readQueue()) {
      const outcome = await send(item)
      if (outcome === 'retry') maxTries = Math.max(maxTries, item.tries)
      else if (onDone) onDone(item.id)
    }
    if (readQueue().length > 0) scheduleFlush(Math.min(60000, 2000 * 2 ** maxTries), onDone)
  }, delayMs)
}

function answersOf(form: HTMLFormElement) {
  const answers: Record<string, number | number[] | string> = {}
  const blocks = form.querySelectorAll<HTMLElement>('[data-kind]')
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    if (block.hidden) continue
    const key = block.getAttribute('data-key')!
    const kind = block.getAttribute('data-kind')
    if (kind === 'text') {
      const text = (block.querySelector('textarea') as HTMLTextAreaElement).value.trim()
      if (text) answers[key] = text
      continue
    }
    const checked = block.querySelectorAll<HTMLInputElement>('input:checked')
    const picked: number[] = []
    for (let j = 0; j < checked.length; j++) picked.push(Number(checked[j]!.value))
    if (picked.length > 0) answers[key] = kind === 'multi' ? picked : picked[0]!
  }
  return answers
}

function valueOf(form: HTMLFormElement, name: string): string | undefined {
  const field = form.elements.namedItem(name) as HTMLInputElement | RadioNodeList | null
  const value = field ? field.value.trim() : ''
  return value || undefined
}

function bodyOf(form: HTMLFormElement) {
  const body: Record<string, unknown> = {
    submissionId: valueOf(form, 'submissionId'),
    formToken: valueOf(form, 'formToken'),
    answers: answersOf(form),
  }
  body[form.getAttribute('data-target')!] = form.getAttribute('data-target-value')
  const optional: [string, string][] = [
    ['fieldCode', 'fieldCode'],
    ['procedure', 'procedureCode'],
    ['comment', 'comment'],
    ['website', 'website'],
  ]
  for (const pair of optional) {
    const value = valueOf(form, pair[0])
    if (value) body[pair[1]] = pair[0] === 'procedure' ? value.split(/\s/)[0] : value
  }
  const official = valueOf(form, 'officialId')
  if (official) body.officialId = Number(official)
  return body
}

function showFollowUps(form: HTMLFormElement) {
  const followUps = form.querySelectorAll<HTMLElement>('[data-when]')
  for (let i = 0; i < followUps.length; i++) {
    const block = followUps[i]!
    const trigger = form.querySelectorAll<HTMLInputElement>(`input[name="a.${block.getAttribute('data-when')}"]:checked`)
    const wanted = block.getAttribute('data-values')!.split(',')
    let isAsked = false
    for (let j = 0; j < trigger.length; j++) if (wanted.indexOf(trigger[j]!.value) >= 0) isAsked = true
    block.hidden = !isAsked
    const hint = block.querySelector<HTMLElement>('.fu-hint')
    if (hint) hint.hidden = true
  }
}

function showDone(form: HTMLFormElement, followUpCode?: string) {
  const main = form.parentElement!
  const done = document.createElement('div')
  done.className = 'done'
  const heading = document.createElement('h1')
  heading.textContent = form.getAttribute('data-thanks-title') || ''
  heading.tabIndex = -1
  const text = document.createElement('p')
  text.setAttribute('role', 'status')
  text.textContent = form.getAttribute('data-thanks-body') || ''
  done.appendChild(heading)
  done.appendChild(text)
  if (followUpCode) {
    // The code to read the unit's answer with, at /phan-hoi/{code}; shown once, kept nowhere in the browser.
    const grouped = followUpCode.replace(/(.{4})(?=.)/g, '$1-')
    const code = document.createElement('p')
    code.textContent = `${form.getAttribute('data-follow-up-label') || ''}: `
    const strong = document.createElement('strong')
    strong.className = 'follow-up-code'
    strong.textContent = grouped
    code.appendChild(strong)
    const hint = document.createElement('p')
    hint.textContent = form.getAttribute('data-follow-up-hint') || ''
    const link = document.createElement('a')
    link.href = `/phan-hoi/${grouped}`
    link.textContent = `${location.origin}/phan-hoi/${grouped}`
    const linkLine = document.createElement('p')
    linkLine.appendChild(link)
    done.appendChild(code)
    done.appendChild(hint)
    done.appendChild(linkLine)
  }
  while (main.firstChild) main.removeChild(main.firstChild)
  main.appendChild(done)
  heading.focus()
}

function start() {
  const form = document.getElementById('survey') as HTMLFormElement | null
  if (!form || !window.fetch || !window.JSON) return
  const button = form.querySelector('button[type=submit]') as HTMLButtonElement
  const status = document.getElementById('status')!
  const headline = form.getAttribute('data-headline')
  const submissionId = valueOf(form, 'submissionId')!
  let isTouched = false
  let isSent = false
  // One tap submits only for a touch or a click: a keyboard user moving through the faces with the arrow
  // keys changes the selection at each step and submits with the button.
  let lastPointerAt = 0
  const notePointer = () => {
    lastPointerAt = Date.now()
  }
  form.addEventListener('mousedown', notePointer, true)
  form.addEventListener('touchstart', notePointer, true)

  const finishedElsewhere = (id: string) => {
    if (id === submissionId) showDone(form, followUpCodes[id])
  }
  if (readQueue().length > 0) scheduleFlush(0, finishedElsewhere)
  window.addEventListener('online', () => scheduleFlush(0, finishedElsewhere))

  const submit = async () => {
    if (isSent) return
    isSent = true
    button.disabled = true
    const label = button.textContent
    button.textContent = button.getAttribute('data-sending')
    const item: Pending = { id: submissionId, body: bodyOf(form), tries: 0 }
    upsert(item)
    const outcome = await send(item)
    if (outcome === 'done') return showDone(form, followUpCodes[submissionId])
    if (outcome === 'retry') {
      status.textContent = status.getAttribute('data-queued')
      return scheduleFlush(2000, finishedElsewhere)
    }
    // A 4xx: the server's form page shows each error next to its question, so let the browser post it.
    isSent = false
    button.disabled = false
    button.textContent = label
    HTMLFormElement.prototype.submit.call(form)
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void submit()
  })
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement
    showFollowUps(form)
    const isHeadline = target.name === `a.${headline}`
    const opensFollowUp = form.querySelector(`[data-when="${headline}"]:not([hidden])`) !== null
    const isPointer = Date.now() - lastPointerAt < 1500
    if (isHeadline && isPointer && !isTouched && !opensFollowUp) void submit()
    else if (!isHeadline && target.name !== 'fieldCode') isTouched = true
  })
  const comment = document.getElementById('comment') as HTMLTextAreaElement | null
  const count = document.getElementById('comment-count')
  if (comment && count) {
    comment.addEventListener('input', () => {
      isTouched = true
      count.textContent = comment.value.length + (count.getAttribute('data-suffix') || '')
    })
  }
  showFollowUps(form)
}

start()
