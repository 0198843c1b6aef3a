import { addAspect, changeAspect, removeAspect, type AspectDraft, type SurveyDraft } from './builder-model'
import { Issue, TextField } from './builder-fields'
import type { Update } from './question-editor'

type Props = { draft: SurveyDraft; update: Update; issues: Record<string, string[]>; announce: (message: string) => void }

/** The aspects that group scale questions; the overall index is their weighted mean. */
export function AspectsEditor({ draft, update, issues, announce }: Props) {
  return (
    <>
      <h4>Khía cạnh</h4>
      <p class="hint">
        Nhóm các câu hỏi thang đo (ví dụ 5 khía cạnh của SIPAS). Chỉ số chung là trung bình có trọng số của các khía cạnh. Để trống nếu
        phiếu không chia khía cạnh.
      </p>
      <Issue id="b-aspects-err" messages={issues.aspects} />
      {draft.aspects.map((aspect, i) => (
        <AspectFields key={aspect.uid} aspect={aspect} i={i} update={update} issues={issues} announce={announce} />
      ))}
      <p>
        <button type="button" class="secondary" onClick={() => update(addAspect)}>
          Thêm khía cạnh
        </button>
      </p>
    </>
  )
}

function AspectFields({ aspect, i, update, issues, announce }: Omit<Props, 'draft'> & { aspect: AspectDraft; i: number }) {
  const set = (change: Partial<AspectDraft>) => update((d) => changeAspect(d, aspect.uid, change))
  const field = (name: 'key' | 'label' | 'weight') => ({
    id: `a${aspect.uid}-${name}`,
    value: aspect[name],
    path: `aspects.${i}.${name}`,
    issues,
  })
  const remove = () => {
    update((d) => removeAspect(d, aspect.uid))
    announce(`Đã xóa khía cạnh ${i + 1}; các câu hỏi của nó không còn thuộc khía cạnh nào.`)
  }
  return (
    <fieldset class="aspect">
      <legend>{`Khía cạnh ${i + 1}`}</legend>
      <TextField {...field('key')} label="Khóa" maxlength={40} onInput={(key) => set({ key })} />
      <TextField {...field('label')} label="Tên khía cạnh" class="wide" onInput={(label) => set({ label })} />
      <TextField {...field('weight')} label="Trọng số" inputmode="decimal" maxlength={6} onInput={(weight) => set({ weight })} />
      <p class="actions">
        <button type="button" class="secondary" onClick={remove}>
          Xóa khía cạnh<span class="sr-only">{` ${i + 1}`}</span>
        </button>
      </p>
    </fieldset>
  )
}
