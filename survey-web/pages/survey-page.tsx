import type { Answers } from '../../shared/answers'
import { notApplicable, notApplicableLabel, scales } from '../../shared/scales'
import type { Question, SurveyDefinition } from '../../shared/survey-definition'
import { strings, type Lang } from '../strings'
import { Face } from './faces'
import { Layout, type PageContext } from './layout'

export type SurveyPageProps = PageContext & {
  action: string
  target: { counterCode: string } | { invitationToken: string }
  unitName: string
  place: string
  definition: SurveyDefinition
  fields: { code: string; name: string }[]
  procedures: { code: string; name: string }[]
  /** The officials serving the counter: the citizen may name the one who served them (never pre-selected). */
  officials?: { id: number; displayName: string }[]
  submissionId: string
  formToken: string
  script?: string
  values?: { answers?: Answers; fieldCode?: string; procedure?: string; comment?: string; officialId?: string }
  errors?: Record<string, string>
  /** An official's preview: the same page, but it cannot be sent. */
  isPreview?: boolean
}

const pick = (lang: Lang, item: { label: string; labelEn?: string }) => (lang === 'en' && item.labelEn) || item.label

export function SurveyPage(props: SurveyPageProps) {
  const { lang, definition, values = {}, errors = {} } = props
  const t = strings[lang]
  const title = (lang === 'en' && definition.titleEn) || definition.title
  const headline = definition.headline ? definition.questions.find((q) => q.key === definition.headline) : undefined
  const rest = definition.questions.filter((q) => q !== headline)
  const [targetName, targetValue] = Object.entries(props.target)[0]!
  const hasErrors = Object.keys(errors).length > 0
  const questionInput = (q: Question) => <QuestionInput question={q} lang={lang} value={values.answers?.[q.key]} error={errors[q.key]} />
  return (
    <Layout {...props} title={title} unitName={props.unitName} place={props.place}>
      <h1>{title}</h1>
      {hasErrors && (
        <p class="alert" role="alert">
          {t.fixErrors}
        </p>
      )}
      <form
        id="survey"
        method="post"
        action={props.action}
        data-target={targetName}
        data-target-value={targetValue}
        data-headline={headline?.key}
        data-thanks-title={t.thanksTitle}
        data-thanks-body={t.thanksBody}
        data-follow-up-label={t.followUpCode}
        data-follow-up-hint={t.followUpCodeHint}
      >
        <input type="hidden" name="submissionId" value={props.submissionId} />
        <input type="hidden" name="formToken" value={props.formToken} />
        <div class="hp" aria-hidden="true">
          <label>
            Website <input type="text" name="website" tabindex={-1} autocomplete="off" />
          </label>
        </div>
        {props.fields.length > 1 && (
          <fieldset data-key="fieldCode" aria-describedby={errors.fieldCode ? 'err-fieldCode' : undefined}>
            <legend>{t.field}</legend>
            {errors.fieldCode && (
              <p class="err" id="err-fieldCode">
                {errors.fieldCode}
              </p>
            )}
            <div class="opts">
              {props.fields.map((f) => (
                <label class="opt">
                  <input type="radio" name="fieldCode" value={f.code} checked={values.fieldCode === f.code} />
                  <span>{f.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {headline && questionInput(headline)}
        {headline && rest.length > 0 && <h2>{t.details}</h2>}
        {definition.aspects.length > 0
          ? definition.aspects.map((aspect) => (
              <section>
                <h2>{pick(lang, aspect)}</h2>
                {rest.filter((q) => q.aspect === aspect.key).map(questionInput)}
              </section>
            ))
          : rest.map(questionInput)}
        {definition.aspects.length > 0 && rest.filter((q) => !q.aspect).map(questionInput)}
        {props.procedures.length > 0 && (
          <p>
            <label class="t" for="procedure">
              {t.procedure}
            </label>
            <input
              type="search"
              id="procedure"
              name="procedure"
              list="procedures"
              autocomplete="off"
              value={values.procedure ?? ''}
              aria-describedby={errors.procedureCode ? 'err-procedureCode' : 'procedure-hint'}
            />
            <datalist id="procedures">
              {props.procedures.map((p) => (
                <option value={`${p.code} – ${p.name}`} />
              ))}
            </datalist>
            <span class="hint" id="procedure-hint">
              {t.procedureHint}
            </span>
            {errors.procedureCode && (
              <span class="err" id="err-procedureCode">
                {errors.procedureCode}
              </span>
            )}
          </p>
        )}
        {(props.officials?.length ?? 0) > 0 && (
          <p>
            <label class="t" for="officialId">
              {t.official}
            </label>
            <select id="officialId" name="officialId" aria-describedby={errors.officialId ? 'err-officialId' : undefined}>
              <option value="" selected={!values.officialId}>
                {t.officialNone}
              </option>
              {props.officials!.map((o) => (
                <option value={String(o.id)} selected={values.officialId === String(o.id)}>
                  {o.displayName}
                </option>
              ))}
            </select>
            {errors.officialId && (
              <span class="err" id="err-officialId">
                {errors.officialId}
              </span>
            )}
          </p>
        )}
        <p>
          <label class="t" for="comment">
            {t.comment}
          </label>
          <textarea id="comment" name="comment" maxlength={1000} rows={3} aria-describedby="comment-count">
            {values.comment ?? ''}
          </textarea>
          <span class="count" id="comment-count" data-suffix={`/1000 ${t.characters}`}>
            {`${(values.comment ?? '').length}/1000 ${t.characters}`}
          </span>
          {errors.comment && <span class="err">{errors.comment}</span>}
        </p>
        <p class="notice">{t.anonymity}</p>
        <button type="submit" data-sending={t.sending} disabled={props.isPreview}>
          {props.isPreview ? t.previewSubmit : t.submit}
        </button>
        <p class="status" id="status" role="status" data-queued={t.queued}></p>
      </form>
    </Layout>
  )
}

function QuestionInput({ question, lang, value, error }: { question: Question; lang: Lang; value: unknown; error?: string }) {
  const t = strings[lang]
  const name = `a.${question.key}`
  const errorId = `err-${question.key}`
  const label = pick(lang, question)
  if (question.type === 'text') {
    return (
      <p data-key={question.key} data-kind="text">
        <label class="t" for={name}>
          {label}
        </label>
        <textarea id={name} name={name} maxlength={question.maxLength ?? 1000} aria-describedby={error ? errorId : undefined}>
          {typeof value === 'string' ? value : ''}
        </textarea>
        {error && (
          <span class="err" id={errorId}>
            {error}
          </span>
        )}
      </p>
    )
  }
  const isFaces = question.scale === 'satisfaction-3'
  const type = question.type === 'multi' ? 'checkbox' : 'radio'
  const isChecked = (v: number) => (Array.isArray(value) ? value.includes(v) : value === v)
  return (
    <fieldset
      class={isFaces ? 'faces' : type === 'checkbox' ? 'check' : undefined}
      data-key={question.key}
      data-kind={question.type}
      data-when={question.showWhen?.question}
      data-values={question.showWhen?.values.join(',')}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>
        {label}
        {question.required && <span class="hint"> ({t.required})</span>}
      </legend>
      {question.showWhen && <p class="hint fu-hint">{t.followUpHint}</p>}
      {error && (
        <p class="err" id={errorId}>
          {error}
        </p>
      )}
      <div class="opts">
        {choicesOf(question, lang).map((choice) => (
          <label class="opt">
            <input type={type} name={name} value={String(choice.value)} checked={isChecked(choice.value)} />
            <span>
              {isFaces && choice.value !== notApplicable && <Face value={choice.value} />}
              {choice.label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

function choicesOf(question: Question, lang: Lang) {
  if (question.type === 'scale') {
    const levels = scales[question.scale!].levels.map((l) => ({ value: l.value, label: pick(lang, l) }))
    return question.allowNotApplicable ? [...levels, { value: notApplicable, label: pick(lang, notApplicableLabel) }] : levels
  }
  return (question.options ?? []).map((o) => ({ value: o.value, label: pick(lang, o) }))
}
