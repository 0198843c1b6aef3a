// The online public-service portal's rating widget: one <script src=".../widget.js" data-code="…"> tag.
// It draws the quick rating in a shadow root beside its tag, fetches a fresh form from our origin and posts
// the rating there, never with credentials: it sets no cookie and keeps nothing on the portal's origin.
import type { WidgetForm } from '../../shared/widget-contract'

const styles =
  ':host{all:initial;display:block;font:16px/1.4 system-ui,sans-serif;color:#1a1a1a}' +
  '.w{border:1px solid #c8d1dc;border-radius:8px;padding:12px;max-width:420px;background:#fff}' +
  '.t{font-weight:600;margin:0 0 6px}.q{margin:0 0 8px}' +
  '.o{display:flex;flex-wrap:wrap;gap:6px}' +
  'button{font:inherit;min-height:44px;padding:6px 12px;border:1px solid #1f5fa8;border-radius:6px;background:#fff;color:#1f5fa8;cursor:pointer}' +
  'button:disabled{opacity:.6}.s{min-height:1.4em;margin:8px 0 0}a{color:#1f5fa8}'

const texts = {
  thanks: 'Cảm ơn Ông/Bà đã đánh giá!',
  failed: 'Chưa gửi được đánh giá. Vui lòng thử lại.',
  sending: 'Đang gửi…',
  more: 'Đánh giá chi tiết',
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function render(root: ShadowRoot, origin: string, form: WidgetForm) {
  const style = document.createElement('style')
  style.textContent = styles
  const box = element('section', 'w')
  box.setAttribute('aria-label', form.title)
  const question = element('p', 'q', form.question.label)
  question.id = 'q'
  const options = element('div', 'o')
  options.setAttribute('role', 'group')
  options.setAttribute('aria-labelledby', 'q')
  const status = element('p', 's')
  status.setAttribute('role', 'status')
  const more = element('a', '', texts.more)
  more.href = form.ratingUrl
  more.target = '_blank'
  more.rel = 'noopener'
  const buttons = form.question.options.map((option) => {
    const button = element('button', '', option.label)
    button.type = 'button'
    button.onclick = () => send(option.value)
    return button
  })
  const setBusy = (isBusy: boolean) => {
    for (const b of buttons) b.disabled = isBusy
  }
  // The same submission id on every try: a retry after a lost answer is a replay, stored once.
  const send = (value: number) => {
    setBusy(true)
    status.textContent = texts.sending
    fetch(`${origin}/api/v1/responses`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        counterCode: form.counterCode,
        submissionId: form.submissionId,
        formToken: form.formToken,
        answers: { [form.question.key]: value },
      }),
    })
      .then((res) => {
        if (!res.ok) throw new Error(String(res.status))
        options.remove()
        status.textContent = texts.thanks
      })
      .catch(() => {
        setBusy(false)
        status.textContent = texts.failed
      })
  }
  for (const b of buttons) options.append(b)
  box.append(element('p', 't', form.title), question, options, status, more)
  root.append(style, box)
}

const script = document.currentScript as HTMLScriptElement | null
const code = script?.getAttribute('data-code')
if (script && code) {
  const origin = new URL(script.src).origin
  const host = document.createElement('div')
  host.setAttribute('data-sipas-widget', '')
  script.parentNode?.insertBefore(host, script.nextSibling)
  const root = host.attachShadow({ mode: 'open' })
  fetch(`${origin}/api/v1/widget/${encodeURIComponent(code)}`, { credentials: 'omit' })
    .then((res) => (res.ok ? (res.json() as Promise<WidgetForm>) : Promise.reject(new Error(String(res.status)))))
    .then((form) => render(root, origin, form))
    .catch(() => host.remove())
}
