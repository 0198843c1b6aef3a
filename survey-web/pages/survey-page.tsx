import { isAsked, type Answers } from '../../shared/answers'
import { notApplicable, notApplicableLabel, scales } from '../../shared/scales'
import type { Question, SurveyDefinition } from '../../shared/survey-definition'
import { strings, type Lang } from '../strings'
import { Layout } from './layout'

export type SurveyPageProps = {
  lang: Lang
  action: string
  counterName: string
  unitName: string
  definition: SurveyDefinition
  fields: { code: string; name: string }[]
  submissionId: string
  answers?: Answers
  fieldCode?: string
  comment?: string
  errors?: Record<string, string>
}

export function SurveyPage(props: SurveyPageProps) {
  const t = strings[props.lang]
  const { definition, errors = {} } = props
  const title = (props.lang === 'en' && definition.titleEn) || definition.title
  return (
    <Layout lang={props.lang} title={title}>
      <h1>{title}</h1>
      <p>
        {props.unitName} · {props.counterName}
      </p>
      {Object.keys(errors).length > 0 && <p role="alert">{t.fixErrors}</p>}
      <form method="post" action={props.action}>
        <input type="hidden" name="submissionId" value={props.submissionId} />
        {props.fields.length > 1 && (
          <p>
            <label for="fieldCode">{t.field}</label>
            <select id="fieldCode" name="fieldCode">
              <option value="">{t.fieldPrompt}</option>
              {props.fields.map((f) => (
                <option value={f.code} selected={f.code === props.fieldCode}>
                  {f.name}
                </option>
              ))}
            </select>
            {errors.fieldCode && <span>{errors.fieldCode}</span>}
          </p>
        )}
        {definition.questions
          .filter((q) => isAsked(q, props.answers ?? {}) || q.showWhen)
          .map((q) => (
            <QuestionInput question={q} lang={props.lang} value={props.answers?.[q.key]} error={errors[q.key]} />
          ))}
        <p>
          <label for="comment">{t.comment}</label>
          <textarea id="comment" name="comment" maxlength={1000} rows={3}>
            {props.comment ?? ''}
          </textarea>
        </p>
        <p>{t.anonymity}</p>
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  )
}

function QuestionInput({ question, lang, value, error }: { question: Question; lang: Lang; value: unknown; error?: string }) {
  const label = (lang === 'en' && question.labelEn) || question.label
  const name = `a.${question.key}`
  const choices = choicesOf(question, lang)
  if (question.type === 'text') {
    return (
      <p>
        <label for={name}>{label}</label>
        <textarea id={name} name={name} maxlength={question.maxLength ?? 1000}>
          {typeof value === 'string' ? value : ''}
        </textarea>
        {error && <span>{error}</span>}
      </p>
    )
  }
  const type = question.type === 'multi' ? 'checkbox' : 'radio'
  const isChecked = (v: number) => (Array.isArray(value) ? value.includes(v) : value === v)
  return (
    <fieldset>
      <legend>
        {label}
        {question.required && <span> ({strings[lang].required})</span>}
      </legend>
      {choices.map((choice) => (
        <label>
          <input type={type} name={name} value={String(choice.value)} checked={isChecked(choice.value)} />
          {choice.label}
        </label>
      ))}
      {error && <span>{error}</span>}
    </fieldset>
  )
}

function choicesOf(question: Question, lang: Lang) {
  const pick = (o: { label: string; labelEn?: string }) => (lang === 'en' && o.labelEn) || o.label
  if (question.type === 'scale') {
    const levels = scales[question.scale!].levels.map((l) => ({ value: l.value, label: pick(l) }))
    return question.allowNotApplicable ? [...levels, { value: notApplicable, label: pick(notApplicableLabel) }] : levels
  }
  return (question.options ?? []).map((o) => ({ value: o.value, label: pick(o) }))
}
