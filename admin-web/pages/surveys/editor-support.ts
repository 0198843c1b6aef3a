import { useEffect, useState } from 'hono/jsx/dom'
import { adoptStoredDraft, type SurveyDraft } from './builder-model'
import { isStoredDraft } from './survey-editor-model'

// The survey editor's browser-side helpers: a draft kept across reloads, a warning before leaving unsaved
// work, and focus moved to the first invalid input.

/** The copy of an unsaved draft kept in the browser across reloads, per user and questionnaire. */
export function draftStorage(key: string) {
  return {
    read(): SurveyDraft | undefined {
      try {
        const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null')
        return isStoredDraft(stored) ? adoptStoredDraft(stored) : undefined
      } catch {
        return undefined
      }
    },
    write(draft: SurveyDraft | undefined) {
      try {
        if (draft) localStorage.setItem(key, JSON.stringify(draft))
        else localStorage.removeItem(key)
      } catch {
        // A full or blocked storage loses the copy kept across reloads, never what is on screen.
      }
    },
  }
}

/** Leaving the page with unsaved changes asks first. */
export function useLeaveWarning(isDirty: boolean) {
  useEffect(() => {
    if (!isDirty) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    addEventListener('beforeunload', warn)
    return () => removeEventListener('beforeunload', warn)
  }, [isDirty])
}

/** A request to move focus to the builder's first invalid input, once the issues are on screen. */
export function useFocusFirstInvalid() {
  const [request, setRequest] = useState(0)
  useEffect(() => {
    if (request > 0) document.querySelector<HTMLElement>('.builder [aria-invalid="true"]')?.focus()
  }, [request])
  return () => setRequest((n) => n + 1)
}
