/** The builder's small inputs: a text field with its label, hint and issues, and the issues line itself. */

export const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value
export const isCheckedIn = (event: Event) => (event.currentTarget as HTMLInputElement).checked
export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined
/** A select's value as a uid, "" meaning none. */
export const uidOf = (event: Event) => (valueOf(event) ? Number(valueOf(event)) : null)

export function Issue({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null
  return (
    <span class="error field-error" id={id}>
      {messages.join(' ')}
    </span>
  )
}

/** A text input with its label, an optional hint and the issues of `path` right under it. */
export function TextField(props: {
  id: string
  label: string
  value: string
  path: string
  issues: Record<string, string[]>
  onInput: (value: string) => void
  hint?: string | undefined
  class?: string
  inputmode?: 'decimal'
  maxlength?: number
}) {
  const messages = props.issues[props.path]
  const hintId = props.hint ? `${props.id}-hint` : undefined
  const errorId = messages ? `${props.id}-err` : undefined
  return (
    <p class={`field ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={props.value}
        maxlength={props.maxlength ?? 300}
        inputmode={props.inputmode}
        autocomplete="off"
        aria-invalid={messages ? 'true' : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        onInput={(event: Event) => props.onInput(valueOf(event))}
      />
      {props.hint && (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <Issue id={`${props.id}-err`} messages={messages} />
    </p>
  )
}
