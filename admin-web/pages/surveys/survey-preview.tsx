import { useState } from 'hono/jsx/dom'
import { notApplicable } from '../../../shared/scales'
import { Face } from '../../components/face'
import { choicesOf, type DefinitionInput } from './builder-model'

type PreviewQuestion = DefinitionInput['questions'][number]

// The citizen page's Vietnamese words (survey-web/strings.ts), which admin-web may not import.
const t = {
  details: 'Đánh giá chi tiết (không bắt buộc)',
  comment: 'Góp ý thêm (không bắt buộc)',
  characters: 'ký tự',
  submit: 'Gửi đánh giá',
  required: 'bắt buộc',
  anonymity: 'Phiếu ẩn danh: không thu thập họ tên, số điện thoại, mã hồ sơ. Chỉ lưu câu trả lời và thời điểm gửi.',
}

const untitled = '(chưa nhập nội dung)'

/**
 * A questionnaire laid out as survey-web/pages/survey-page.tsx lays it out, in its look: faces for 3-level
 * questions, option buttons for the others, follow-ups appearing once their trigger is chosen.
 */
export function SurveyPreview({ survey, idPrefix }: { survey: DefinitionInput; idPrefix: string }) {
  const [answers, setAnswers] = useState<Record<string, number[]>>({})
  const headline = survey.headline ? survey.questions.find((q) => q.key === survey.headline) : undefined
  const rest = survey.questions.filter((q) => q !== headline)
  const isAsked = (q: PreviewQuestion) => !q.showWhen || (answers[q.showWhen.question] ?? []).some((v) => q.showWhen!.values.includes(v))
  const pick = (q: PreviewQuestion, value: number, isOn: boolean) =>
    setAnswers((current) => {
      const before = current[q.key] ?? []
      const after = q.type === 'multi' ? (isOn ? [...before, value] : before.filter((v) => v !== value)) : [value]
      return { ...current, [q.key]: after }
    })
  const input = (q: PreviewQuestion) => (
    <PreviewQuestionInput question={q} name={`${idPrefix}-${survey.questions.indexOf(q)}`} isHidden={!isAsked(q)} onPick={pick} />
  )
  return (
    <div class="citizen">
      <div class="citizen-top">
        <p class="unit">Tên đơn vị của quầy</p>
        <p>Bộ phận Một cửa · Quầy</p>
      </div>
      <div class="citizen-main">
        <h4 class="citizen-title">{survey.title.trim() || untitled}</h4>
        {headline && input(headline)}
        {headline && rest.length > 0 && <h5>{t.details}</h5>}
        {survey.aspects.length > 0
          ? survey.aspects.map((aspect) => (
              <section>
                <h5>{aspect.label.trim() || untitled}</h5>
                {rest.filter((q) => q.aspect !== undefined && q.aspect === aspect.key).map(input)}
              </section>
            ))
          : rest.map(input)}
        {survey.aspects.length > 0 && rest.filter((q) => !q.aspect).map(input)}
        <p>
          <label class="t" for={`${idPrefix}-comment`}>
            {t.comment}
          </label>
          <textarea id={`${idPrefix}-comment`} maxlength={1000} rows={3}></textarea>
          <span class="count">{`0/1000 ${t.characters}`}</span>
        </p>
        <p class="notice">{t.anonymity}</p>
        <button type="button" class="citizen-submit" disabled>
          {t.submit}
        </button>
      </div>
    </div>
  )
}

function PreviewQuestionInput({
  question,
  name,
  isHidden,
  onPick,
}: {
  question: PreviewQuestion
  name: string
  isHidden: boolean
  onPick: (q: PreviewQuestion, value: number, isOn: boolean) => void
}) {
  const label = question.label.trim() || untitled
  if (question.type === 'text') {
    return (
      <p hidden={isHidden}>
        <label class="t" for={name}>
          {label}
        </label>
        <textarea id={name} maxlength={question.maxLength ?? 1000}></textarea>
      </p>
    )
  }
  const isFaces = question.scale === 'satisfaction-3'
  const type = question.type === 'multi' ? 'checkbox' : 'radio'
  const choices = choicesOf({
    type: question.type,
    scale: question.scale ?? 'satisfaction-3',
    allowNotApplicable: question.allowNotApplicable,
    options: (question.options ?? []).map((o) => ({ ...o, uid: 0 })),
  })
  return (
    <fieldset class={isFaces ? 'faces' : type === 'checkbox' ? 'check' : undefined} hidden={isHidden}>
      <legend>
        {label}
        {question.required && <span class="hint"> ({t.required})</span>}
      </legend>
      <div class="opts">
        {choices.map((choice) => (
          <label class="opt">
            <input
              type={type}
              name={name}
              value={String(choice.value)}
              onChange={(event: Event) => onPick(question, choice.value, (event.currentTarget as HTMLInputElement).checked)}
            />
            <span>
              {isFaces && choice.value !== notApplicable && <Face value={choice.value} />}
              {choice.label.trim() || untitled}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
