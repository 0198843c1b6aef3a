import { addQuestion, type SurveyDraft } from './builder-model'
import { AspectsEditor } from './aspects-editor'
import { Issue, TextField, describedBy, uidOf } from './builder-fields'
import { QuestionEditor, type Update } from './question-editor'
import { questionTitle, type PublishedShape } from './question-model'

type Props = {
  draft: SurveyDraft
  update: Update
  issues: Record<string, string[]>
  published: Map<string, PublishedShape[]>
  announce: (message: string) => void
}

/** The draft's form: title, aspects, questions with their options and follow-up conditions. */
export function SurveyBuilder({ draft, update, issues, published, announce }: Props) {
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
      <HeadlineField draft={draft} update={update} issues={issues} />
      <AspectsEditor draft={draft} update={update} issues={issues} announce={announce} />

      <h4>Câu hỏi</h4>
      <Issue id="b-questions-err" messages={issues.questions} />
      {draft.questions.length === 0 && <p class="muted">Chưa có câu hỏi nào. Bấm “Thêm câu hỏi”.</p>}
      {draft.questions.map((q, i) => (
        <QuestionEditor key={q.uid} draft={draft} q={q} i={i} update={update} issues={issues} published={published} announce={announce} />
      ))}
      <p>
        <button type="button" class="secondary" onClick={add}>
          Thêm câu hỏi
        </button>
      </p>
    </div>
  )
}

/** The question shown first, a single tap that sends the form; only a scale question can be it. */
function HeadlineField({ draft, update, issues }: Pick<Props, 'draft' | 'update' | 'issues'>) {
  return (
    <p class="field">
      <label for="b-headline">Câu hỏi chính</label>
      <select
        id="b-headline"
        value={draft.headlineUid === null ? '' : String(draft.headlineUid)}
        aria-describedby={describedBy('b-headline-hint', issues.headline && 'b-headline-err')}
        onChange={(event: Event) => {
          const headlineUid = uidOf(event)
          update((d) => ({ ...d, headlineUid }))
        }}
      >
        <option value="">Không có (mọi câu hỏi ngang nhau)</option>
        {draft.questions
          .filter((q) => q.type === 'scale')
          .map((q) => (
            <option value={String(q.uid)}>{questionTitle(draft, q)}</option>
          ))}
      </select>
      <span class="hint" id="b-headline-hint">
        Hiện đầu tiên; một lần chạm là gửi phiếu. Khi phiếu không chia khía cạnh, tỷ lệ hài lòng của phiếu là tỷ lệ của câu này.
      </span>
      <Issue id="b-headline-err" messages={issues.headline} />
    </p>
  )
}
