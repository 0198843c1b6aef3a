import type { Child } from 'hono/jsx'
import { useState } from 'hono/jsx/dom'
import { fieldErrorsOf } from './field-errors'

type Values = Record<string, string>

export type Form<T extends Values> = {
  id: string
  values: T
  labels: Record<keyof T & string, string>
  errors: Record<string, string>
  isBusy: boolean
  set: (name: keyof T & string, value: string) => void
  /**
   * An onSubmit handler: checks, sends, and on success empties the form; on refusal keeps every value.
   * `send` answers false when the user cancels at a confirmation: nothing is sent, nothing is cleared.
   */
  submit: (send: (values: T) => Promise<unknown>, check?: (values: T) => Record<string, string>) => (event: Event) => Promise<void>
}

// Passwords never go to storage; everything else typed survives leaving the screen until it is saved.
const isSecret = (name: string) => /password/i.test(name)
const draftKey = (key: string) => `sipas:draft:${key}`

function readDraft<T extends Values>(key: string, initial: T): T {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(draftKey(key)) ?? '{}')
    if (typeof stored !== 'object' || stored === null) return initial
    const kept = Object.entries(stored).filter(([name, value]) => name in initial && !isSecret(name) && typeof value === 'string')
    return { ...initial, ...Object.fromEntries(kept) }
  } catch {
    return initial
  }
}

function writeDraft(key: string, values: Values) {
  try {
    sessionStorage.setItem(draftKey(key), JSON.stringify(Object.fromEntries(Object.entries(values).filter(([name]) => !isSecret(name)))))
  } catch {
    // A full or blocked storage only loses the draft across screens, never what is on screen.
  }
}

/**
 * The state of one admin form. `key` names its draft (include the user's id: a shared computer keeps one
 * person's drafts from the next); `id` prefixes the inputs' ids.
 */
export function useForm<T extends Values>(id: string, key: string, initial: T, labels: Record<keyof T & string, string>): Form<T> {
  const [values, setValues] = useState<T>(() => readDraft(key, initial))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [isBusy, setBusy] = useState(false)
  const set = (name: keyof T & string, value: string) =>
    setValues((current) => {
      const next = { ...current, [name]: value }
      writeDraft(key, next)
      return next
    })
  const submit: Form<T>['submit'] = (send, check) => async (event) => {
    event.preventDefault()
    if (isBusy) return
    const refused = check?.(values) ?? {}
    if (Object.keys(refused).length > 0) {
      setErrors(refused)
      return
    }
    setBusy(true)
    setErrors({})
    try {
      if ((await send(values)) === false) return
      sessionStorage.removeItem(draftKey(key))
      setValues(initial)
    } catch (error) {
      setErrors(fieldErrorsOf(error))
    } finally {
      setBusy(false)
    }
  }
  return { id, values, labels, errors, isBusy, set, submit }
}

type ControlProps = {
  id: string
  name: string
  value: string
  onInput: (event: Event) => void
  'aria-invalid': 'true' | undefined
  'aria-describedby': string | undefined
}

/** A label, an optional hint, the control built by `children`, and the field's own error right under it. */
export function Field<T extends Values>({
  form,
  name,
  hint,
  children,
}: {
  form: Form<T>
  name: keyof T & string
  hint?: string
  children: (control: ControlProps) => Child
}) {
  const id = `${form.id}-${name}`
  const error = form.errors[name]
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{form.labels[name]}</label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({
        id,
        name,
        value: form.values[name] ?? '',
        onInput: (event: Event) => form.set(name, (event.currentTarget as HTMLInputElement).value),
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {error && (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  )
}

/** The summary at the top of a refused form: what went wrong, each issue linked to its input. */
export function FormIssues<T extends Values>({ form }: { form: Form<T> }) {
  const issues = Object.entries(form.errors).filter(([name]) => name !== '')
  if (issues.length === 0 && !form.errors['']) return null
  const focus = (event: Event, name: string) => {
    event.preventDefault()
    document.getElementById(`${form.id}-${name}`)?.focus()
  }
  return (
    <div class="issues" role="alert">
      <p>{form.errors[''] ?? `Chưa lưu: có ${issues.length} mục cần sửa.`}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map(([name, message]) => (
            <li>
              <a href={`#${form.id}-${name}`} onClick={(event: Event) => focus(event, name)}>
                {form.labels[name as keyof T & string] ?? name}
              </a>
              : {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The submit button: disabled while the form is sending, saying so. */
export function SubmitButton<T extends Values>({ form, label, busyLabel }: { form: Form<T>; label: string; busyLabel: string }) {
  return (
    <button type="submit" disabled={form.isBusy}>
      {form.isBusy ? busyLabel : label}
    </button>
  )
}
