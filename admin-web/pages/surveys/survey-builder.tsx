import { scaleIds, type ScaleId } from '../../../shared/scales'
import {
  addAspect,
  addOption,
  addQuestion,
  changeAspect,
  changeOption,
  changeQuestion,
  choicesOf,
  hasChoices,
  moveQuestion,
  removeAspect,
  removeOption,
  removeQuestion,
  scaleNames,
  typeNames,
  type QuestionDraft,
  type QuestionType,
  type SurveyDraft,
} from './builder-model'

/** How a key was published before: a later version may not change its type or scale (docs/domain.md §3). */
export type PublishedShape = { version: number; type: QuestionType; scale: ScaleId | undefined }

type Props = {
  draft: SurveyDraft
  update: (change: (draft: SurveyDraft) => SurveyDraft) => void
  issues: Record<string, string[]>
  published: Map<string, PublishedShape[]>
  announce: (message: string) => void
}

const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value
const isCheckedIn = (event: Event) => (event.currentTarget as HTMLInputElement).checked
const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined

function Issue({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null
  return (
    <span class="error field-error" id={id}>
      {messages.join(' ')}
    </span>
  )
}

/** A text input with its label, an optional hint and the issues of `path` right under it. */
function TextField(props: {
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

/** The draft's form: title, aspects, questions with their options and follow-up conditions. */
export function SurveyBuilder({ draft, update, issues, published, announce }: Props) {
  const headlineCandidates = draft.questions.filter((q) => q.type === 'scale')
  const add = () => {
    update(addQuestion)
    announce(`Đã thêm câu ${draft.questions.length + 1}.`)
  }
  return (
    <div class="builder">
      {issues[''] && (
        <p class="error" role="alert">
          {issues[''].join(' ')}
        </p>
      )}
      <TextField
        id="b-title"
        label="Tiêu đề phiếu (người dân nhìn thấy)"
        value={draft.title}
        path="title"
        issues={issues}
        class="wide"
        onInput={(title) => update((d) => ({ ...d, title }))}
      />
      <p class="field">
        <label for="b-headline">Câu hỏi chính</label>
        <select
          id="b-headline"
          value={draft.headlineUid === null ? '' : String(draft.headlineUid)}
          aria-describedby={describedBy('b-headline-hint', issues.headline && 'b-headline-err')}
          onChange={(event: Event) => update((d) => ({ ...d, headlineUid: valueOf(event) ? Number(valueOf(event)) : null }))}
        >
          <option value="">Không có (mọi câu hỏi ngang nhau)</option>
          {headlineCandidates.map((q) => (
            <option value={String(q.uid)}>{`Câu ${draft.questions.indexOf(q) + 1}: ${q.label || q.key}`}</option>
          ))}
        </select>
        <span class="hint" id="b-headline-hint">
          Hiện đầu tiên; một lần chạm là gửi phiếu. Khi phiếu không chia khía cạnh, tỷ lệ hài lòng của phiếu là tỷ lệ của câu này.
        </span>
        <Issue id="b-headline-err" messages={issues.headline} />
      </p>

      <h4>Khía cạnh</h4>
      <p class="hint">
        Nhóm các câu hỏi thang đo (ví dụ 5 khía cạnh của SIPAS). Chỉ số chung là trung bình có trọng số của các khía cạnh. Để trống nếu
        phiếu không chia khía cạnh.
      </p>
      <Issue id="b-aspects-err" messages={issues.aspects} />
      {draft.aspects.map((aspect, i) => (
        <fieldset class="aspect" key={aspect.uid}>
          <legend>{`Khía cạnh ${i + 1}`}</legend>
          <TextField
            id={`a${aspect.uid}-key`}
            label="Khóa"
            value={aspect.key}
            path={`aspects.${i}.key`}
            issues={issues}
            maxlength={40}
            onInput={(key) => update((d) => changeAspect(d, aspect.uid, { key }))}
          />
          <TextField
            id={`a${aspect.uid}-label`}
            label="Tên khía cạnh"
            value={aspect.label}
            path={`aspects.${i}.label`}
            issues={issues}
            class="wide"
            onInput={(label) => update((d) => changeAspect(d, aspect.uid, { label }))}
          />
          <TextField
            id={`a${aspect.uid}-weight`}
            label="Trọng số"
            value={aspect.weight}
            path={`aspects.${i}.weight`}
            issues={issues}
            inputmode="decimal"
            maxlength={6}
            onInput={(weight) => update((d) => changeAspect(d, aspect.uid, { weight }))}
          />
          <p class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => {
                update((d) => removeAspect(d, aspect.uid))
                announce(`Đã xóa khía cạnh ${i + 1}; các câu hỏi của nó không còn thuộc khía cạnh nào.`)
              }}
            >
              Xóa khía cạnh<span class="sr-only">{` ${i + 1}`}</span>
            </button>
          </p>
        </fieldset>
      ))}
      <p>
        <button type="button" class="secondary" onClick={() => update(addAspect)}>
          Thêm khía cạnh
        </button>
      </p>

      <h4>Câu hỏi</h4>
      <Issue id="b-questions-err" messages={issues.questions} />
      {draft.questions.length === 0 && <p class="muted">Chưa có câu hỏi nào. Bấm “Thêm câu hỏi”.</p>}
      {draft.questions.map((q, i) => (
        <QuestionEditor key={q.uid} draft={draft} question={q} index={i} update={update} issues={issues} published={published} announce={announce} />
      ))}
      <p>
        <button type="button" class="secondary" onClick={add}>
          Thêm câu hỏi
        </button>
      </p>
    </div>
  )
}

function publishedHint(key: string, q: QuestionDraft, published: Map<string, PublishedShape[]>) {
  const before = published.get(key)
  if (!before || before.length === 0) return undefined
  const broken = before.find((p) => p.type !== q.type || (q.type === 'scale' && p.scale !== q.scale))
  if (broken) {
    const was = broken.type === 'scale' ? `thang đo “${scaleNames[broken.scale!]}”` : `loại “${typeNames[broken.type]}”`
    return {
      isBreaking: true,
      text: `Khóa “${key}” đã phát hành ở phiên bản ${broken.version} với ${was}. Đổi loại hoặc thang đo sẽ bị từ chối khi phát hành vì làm đứt chuỗi số liệu; câu hỏi có ý nghĩa mới cần một khóa mới.`,
    }
  }
  return { isBreaking: false, text: `Đã phát hành từ phiên bản ${before[0]!.version}: giữ nguyên khóa để so sánh số liệu qua các phiên bản.` }
}

function QuestionEditor({
  draft,
  question: q,
  index: i,
  update,
  issues,
  published,
  announce,
}: {
  draft: SurveyDraft
  question: QuestionDraft
  index: number
  update: Props['update']
  issues: Record<string, string[]>
  published: Map<string, PublishedShape[]>
  announce: (message: string) => void
}) {
  const id = `q${q.uid}`
  const at = (field: string) => `questions.${i}.${field}`
  const set = (change: Partial<QuestionDraft>) => update((d) => changeQuestion(d, q.uid, change))
  const number = i + 1
  const keyHint = publishedHint(q.key, q, published)
  const follows = q.followsUid === null ? undefined : draft.questions.find((x) => x.uid === q.followsUid)
  const candidates = draft.questions.filter((x, j) => (j < i && hasChoices(x.type)) || x.uid === q.followsUid)
  const remove = () => {
    if ((q.label.trim() || q.options.some((o) => o.label.trim())) && !confirm(`Xóa câu ${number} “${q.label.trim() || q.key}” khỏi bản nháp?`)) return
    update((d) => removeQuestion(d, q.uid))
    announce(`Đã xóa câu ${number}.`)
  }
  const move = (by: -1 | 1) => {
    update((d) => moveQuestion(d, q.uid, by))
    announce(`Đã chuyển câu ${number} thành câu ${number + by}.`)
  }
  const scaleMessages = issues[at('scale')]
  const typeMessages = issues[at('type')]
  return (
    <fieldset class="question">
      <legend>{`Câu ${number}`}</legend>
      <Issue id={`${id}-err`} messages={issues[`questions.${i}`]} />
      <div class="row">
        <TextField
          id={`${id}-key`}
          label="Khóa"
          value={q.key}
          path={at('key')}
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
      <TextField
        id={`${id}-label`}
        label="Nội dung câu hỏi"
        value={q.label}
        path={at('label')}
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
            <input type="checkbox" checked={q.allowNotApplicable} onChange={(event: Event) => set({ allowNotApplicable: isCheckedIn(event) })} />{' '}
            Cho phép “Không có ý kiến / Không áp dụng”
          </label>
        )}
      </p>
      {q.type === 'scale' && draft.aspects.length > 0 && (
        <p class="field">
          <label for={`${id}-aspect`}>Khía cạnh</label>
          <select
            id={`${id}-aspect`}
            value={q.aspectUid === null ? '' : String(q.aspectUid)}
            aria-describedby={issues[at('aspect')] ? `${id}-aspect-err` : undefined}
            onChange={(event: Event) => set({ aspectUid: valueOf(event) ? Number(valueOf(event)) : null })}
          >
            <option value="">Không thuộc khía cạnh nào</option>
            {draft.aspects.map((a, j) => (
              <option value={String(a.uid)}>{a.label || a.key || `Khía cạnh ${j + 1}`}</option>
            ))}
          </select>
          <Issue id={`${id}-aspect-err`} messages={issues[at('aspect')]} />
        </p>
      )}
      {(q.type === 'choice' || q.type === 'multi') && (
        <fieldset class="options">
          <legend>Phương án trả lời</legend>
          <Issue id={`${id}-options-err`} messages={issues[at('options')]} />
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
                Xóa<span class="sr-only">{` phương án ${j + 1} của câu ${number}`}</span>
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => update((d) => addOption(d, q.uid))}>
            Thêm phương án<span class="sr-only">{` cho câu ${number}`}</span>
          </button>
        </fieldset>
      )}
      <p class="field">
        <label for={`${id}-follows`}>Câu hỏi phụ: chỉ hỏi khi</label>
        <select
          id={`${id}-follows`}
          value={q.followsUid === null ? '' : String(q.followsUid)}
          aria-invalid={issues[at('showWhen')] ? 'true' : undefined}
          aria-describedby={issues[at('showWhen')] ? `${id}-follows-err` : undefined}
          onChange={(event: Event) => set({ followsUid: valueOf(event) ? Number(valueOf(event)) : null, followValues: [] })}
        >
          <option value="">Luôn hỏi</option>
          {candidates.map((x) => (
            <option value={String(x.uid)}>{`Câu ${draft.questions.indexOf(x) + 1} được trả lời…`}</option>
          ))}
        </select>
        <Issue id={`${id}-follows-err`} messages={issues[at('showWhen')]} />
      </p>
      {follows && (
        <fieldset class="follow-values">
          <legend>{`Hỏi câu ${number} khi câu ${draft.questions.indexOf(follows) + 1} được trả lời là`}</legend>
          {choicesOf(follows).map((choice) => (
            <label class="check-label">
              <input
                type="checkbox"
                checked={q.followValues.includes(choice.value)}
                onChange={(event: Event) => {
                  const isOn = isCheckedIn(event)
                  update((d) => {
                    const values = d.questions.find((x) => x.uid === q.uid)?.followValues ?? []
                    return changeQuestion(d, q.uid, { followValues: isOn ? [...values, choice.value] : values.filter((v) => v !== choice.value) })
                  })
                }}
              />{' '}
              {choice.label || `(phương án mã ${choice.value})`}
            </label>
          ))}
        </fieldset>
      )}
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
    </fieldset>
  )
}
