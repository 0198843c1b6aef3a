import { scaleIds, type ScaleId } from '../../../shared/scales'
import {
  addOption,
  changeOption,
  changeQuestion,
  choicesOf,
  moveQuestion,
  removeOption,
  removeQuestion,
  scaleNames,
  typeNames,
  type QuestionDraft,
  type QuestionType,
  type SurveyDraft,
} from './builder-model'
import { Issue, TextField, isCheckedIn, uidOf, valueOf } from './builder-fields'
import { followCandidates, hasTypedText, publishedHint, toggleFollowValue, type PublishedShape } from './question-model'

export type Update = (change: (draft: SurveyDraft) => SurveyDraft) => void
type Issues = Record<string, string[]>

/** What every part of one question's editor is given: the question, where it stands, and how to change the draft. */
type Part = { draft: SurveyDraft; q: QuestionDraft; i: number; update: Update; issues: Issues }

const idOf = (q: QuestionDraft) => `q${q.uid}`
const pathOf = (i: number, field: string) => `questions.${i}.${field}`
const setter = (update: Update, q: QuestionDraft) => (change: Partial<QuestionDraft>) => update((d) => changeQuestion(d, q.uid, change))

/** One question: key, type and scale, text, answers, follow-up condition, and its place in the list. */
export function QuestionEditor(props: Part & { published: Map<string, PublishedShape[]>; announce: (message: string) => void }) {
  const { draft, q, i, update, issues } = props
  const set = setter(update, q)
  return (
    <fieldset class="question">
      <legend>{`Câu ${i + 1}`}</legend>
      <Issue id={`${idOf(q)}-err`} messages={issues[`questions.${i}`]} />
      <KindFields {...props} />
      <TextField
        id={`${idOf(q)}-label`}
        label="Nội dung câu hỏi"
        value={q.label}
        path={pathOf(i, 'label')}
        issues={issues}
        class="wide"
        onInput={(label) => set({ label })}
      />
      <p class="checks">
        <label class="check-label">
          <input type="checkbox" checked={q.required} onChange={(event: Event) => set({ required: isCheckedIn(event) })} /> Bắt buộc trả lời
        </label>
        {q.type === 'scale' && (
          <label class="check-label">
            <input
              type="checkbox"
              checked={q.allowNotApplicable}
              onChange={(event: Event) => set({ allowNotApplicable: isCheckedIn(event) })}
            />{' '}
            Cho phép “Không có ý kiến / Không áp dụng”
          </label>
        )}
      </p>
      {q.type === 'scale' && draft.aspects.length > 0 && <AspectField {...props} />}
      {(q.type === 'choice' || q.type === 'multi') && <OptionsEditor {...props} />}
      <FollowUpFields {...props} />
      <QuestionActions {...props} />
    </fieldset>
  )
}

/** Key, type and scale, with the warning when a published key would change its type or scale. */
function KindFields({ q, i, update, issues, published }: Part & { published: Map<string, PublishedShape[]> }) {
  const id = idOf(q)
  const set = setter(update, q)
  const keyHint = publishedHint(q.key, q, published)
  const scaleMessages = issues[pathOf(i, 'scale')]
  const typeMessages = issues[pathOf(i, 'type')]
  return (
    <>
      <div class="row">
        <TextField
          id={`${id}-key`}
          label="Khóa"
          value={q.key}
          path={pathOf(i, 'key')}
          issues={issues}
          maxlength={40}
          hint={keyHint && !keyHint.isBreaking ? keyHint.text : 'Chữ thường không dấu, số và “_”; giữ nguyên qua các phiên bản.'}
          onInput={(key) => set({ key })}
        />
        <p class="field">
          <label for={`${id}-type`}>Loại câu hỏi</label>
          <select
            id={`${id}-type`}
            value={q.type}
            aria-invalid={typeMessages ? 'true' : undefined}
            aria-describedby={typeMessages ? `${id}-type-err` : undefined}
            onChange={(event: Event) => set({ type: valueOf(event) as QuestionType })}
          >
            {(Object.keys(typeNames) as QuestionType[]).map((type) => (
              <option value={type}>{typeNames[type]}</option>
            ))}
          </select>
          <Issue id={`${id}-type-err`} messages={typeMessages} />
        </p>
        {q.type === 'scale' && (
          <p class="field">
            <label for={`${id}-scale`}>Thang đo</label>
            <select
              id={`${id}-scale`}
              value={q.scale}
              aria-invalid={scaleMessages ? 'true' : undefined}
              aria-describedby={scaleMessages ? `${id}-scale-err` : keyHint?.isBreaking ? `${id}-scale-warn` : undefined}
              onChange={(event: Event) => set({ scale: valueOf(event) as ScaleId })}
            >
              {scaleIds.map((scale) => (
                <option value={scale}>{scaleNames[scale]}</option>
              ))}
            </select>
            <Issue id={`${id}-scale-err`} messages={scaleMessages} />
          </p>
        )}
      </div>
      {keyHint?.isBreaking && !scaleMessages && !typeMessages && (
        <p class="warn" id={`${id}-scale-warn`}>
          {keyHint.text}
        </p>
      )}
    </>
  )
}

function AspectField({ draft, q, i, update, issues }: Part) {
  const id = idOf(q)
  const messages = issues[pathOf(i, 'aspect')]
  return (
    <p class="field">
      <label for={`${id}-aspect`}>Khía cạnh</label>
      <select
        id={`${id}-aspect`}
        value={q.aspectUid === null ? '' : String(q.aspectUid)}
        aria-describedby={messages ? `${id}-aspect-err` : undefined}
        onChange={(event: Event) => setter(update, q)({ aspectUid: uidOf(event) })}
      >
        <option value="">Không thuộc khía cạnh nào</option>
        {draft.aspects.map((a, j) => (
          <option value={String(a.uid)}>{a.label || a.key || `Khía cạnh ${j + 1}`}</option>
        ))}
      </select>
      <Issue id={`${id}-aspect-err`} messages={messages} />
    </p>
  )
}

/** The answers of a choice question; a new one takes the next unused code. */
function OptionsEditor({ q, i, update, issues }: Part) {
  const id = idOf(q)
  return (
    <fieldset class="options">
      <legend>Phương án trả lời</legend>
      <Issue id={`${id}-options-err`} messages={issues[pathOf(i, 'options')]} />
      {q.options.map((option, j) => (
        <div class="option-row" key={option.uid}>
          <TextField
            id={`${id}-o${option.uid}`}
            label={`Phương án ${j + 1} (mã ${option.value})`}
            value={option.label}
            path={`questions.${i}.options.${j}.label`}
            issues={issues}
            class="wide"
            onInput={(label) => update((d) => changeOption(d, q.uid, option.uid, label))}
          />
          <button type="button" class="secondary" onClick={() => update((d) => removeOption(d, q.uid, option.uid))}>
            Xóa<span class="sr-only">{` phương án ${j + 1} của câu ${i + 1}`}</span>
          </button>
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => update((d) => addOption(d, q.uid))}>
        Thêm phương án<span class="sr-only">{` cho câu ${i + 1}`}</span>
      </button>
    </fieldset>
  )
}

/** "Chỉ hỏi khi": the earlier question this one follows up on, and which of its answers ask it. */
function FollowUpFields({ draft, q, i, update, issues }: Part) {
  const id = idOf(q)
  const messages = issues[pathOf(i, 'showWhen')]
  const follows = q.followsUid === null ? undefined : draft.questions.find((x) => x.uid === q.followsUid)
  return (
    <>
      <p class="field">
        <label for={`${id}-follows`}>Câu hỏi phụ: chỉ hỏi khi</label>
        <select
          id={`${id}-follows`}
          value={q.followsUid === null ? '' : String(q.followsUid)}
          aria-invalid={messages ? 'true' : undefined}
          aria-describedby={messages ? `${id}-follows-err` : undefined}
          onChange={(event: Event) => setter(update, q)({ followsUid: uidOf(event), followValues: [] })}
        >
          <option value="">Luôn hỏi</option>
          {followCandidates(draft, i).map((x) => (
            <option value={String(x.uid)}>{`Câu ${draft.questions.indexOf(x) + 1} được trả lời…`}</option>
          ))}
        </select>
        <Issue id={`${id}-follows-err`} messages={messages} />
      </p>
      {follows && (
        <fieldset class="follow-values">
          <legend>{`Hỏi câu ${i + 1} khi câu ${draft.questions.indexOf(follows) + 1} được trả lời là`}</legend>
          {choicesOf(follows).map((choice) => (
            <label class="check-label">
              <input
                type="checkbox"
                checked={q.followValues.includes(choice.value)}
                onChange={(event: Event) => {
                  const isOn = isCheckedIn(event)
                  update((d) => changeQuestion(d, q.uid, { followValues: toggleFollowValue(d, q.uid, choice.value, isOn) }))
                }}
              />{' '}
              {choice.label || `(phương án mã ${choice.value})`}
            </label>
          ))}
        </fieldset>
      )}
    </>
  )
}

function QuestionActions({ draft, q, i, update, announce }: Part & { announce: (message: string) => void }) {
  const number = i + 1
  const remove = () => {
    if (hasTypedText(q) && !confirm(`Xóa câu ${number} “${q.label.trim() || q.key}” khỏi bản nháp?`)) return
    update((d) => removeQuestion(d, q.uid))
    announce(`Đã xóa câu ${number}.`)
  }
  const move = (by: -1 | 1) => {
    update((d) => moveQuestion(d, q.uid, by))
    announce(`Đã chuyển câu ${number} thành câu ${number + by}.`)
  }
  return (
    <p class="actions">
      <button type="button" class="secondary" disabled={i === 0} onClick={() => move(-1)}>
        Lên<span class="sr-only">{` câu ${number}`}</span>
      </button>{' '}
      <button type="button" class="secondary" disabled={i === draft.questions.length - 1} onClick={() => move(1)}>
        Xuống<span class="sr-only">{` câu ${number}`}</span>
      </button>{' '}
      <button type="button" class="secondary danger" onClick={remove}>
        Xóa câu hỏi<span class="sr-only">{` ${number}`}</span>
      </button>
    </p>
  )
}
