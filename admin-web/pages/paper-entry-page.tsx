import { useEffect, useState } from 'hono/jsx/dom'
import { ethnicityNotice, type Campaign } from '../../shared/campaign-contract'
import { SurveyDefinition } from '../../shared/survey-definition'
import { ApiError } from '../api'
import { campaignApi } from '../campaign-api'
import { askedBands, bandHint, codeHint, nextFormNumber, paperFormOf, typedQuestions } from './paper/paper-model'

type Summary = Awaited<ReturnType<typeof campaignApi.campaigns>>[number]

/**
 * Typing a stack of paper forms, keyboard only: one screen per form, Tab from answer to answer, Enter saves
 * and opens the next form with its number counted on and the cursor back on it.
 */
export function PaperEntryPage() {
  const [campaigns, setCampaigns] = useState<Summary[]>([])
  const [campaign, setCampaign] = useState<Campaign | undefined>(undefined)
  const [counterId, setCounterId] = useState<number | undefined>(undefined)
  const [formNumber, setFormNumber] = useState('')
  const [filledOn, setFilledOn] = useState('')
  const [formKey, setFormKey] = useState(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')

  const open = async (id: number) => {
    const loaded = await campaignApi.campaign(id)
    setCampaign(loaded)
    setCounterId((current) => current ?? loaded.samples[0]?.counterId)
    setFilledOn((current) => current || loaded.periodStart)
  }
  useEffect(() => {
    void campaignApi.campaigns().then((list) => {
      setCampaigns(list)
      if (list[0]) void open(list[0].id)
    })
  }, [])
  useEffect(() => {
    document.getElementById('paper-number')?.focus()
  }, [formKey, campaign?.id])

  const definition = campaign ? SurveyDefinition.parse(campaign.definition) : undefined
  const bands = campaign ? askedBands(campaign.demographics) : []
  const save = async (event: Event) => {
    event.preventDefault()
    if (!campaign || !definition || counterId === undefined) return
    const data = new FormData(event.target as HTMLFormElement)
    const form = paperFormOf(definition, data, counterId, bands)
    try {
      const receipt = await campaignApi.enterForm(campaign.id, form)
      setErrors({})
      setStatus(receipt.isNew ? `Đã lưu phiếu số ${form.formNumber}.` : `Phiếu số ${form.formNumber} đã có, không lưu lại.`)
      setFilledOn(form.filledOn)
      setFormNumber(nextFormNumber(form.formNumber))
      setFormKey((k) => k + 1)
      await open(campaign.id)
    } catch (error) {
      const byField: Record<string, string> = {}
      if (error instanceof ApiError) for (const issue of error.issues) byField[String(issue.path.at(-1) ?? '')] ??= issue.message
      setErrors(byField)
      setFormNumber(form.formNumber)
      setFilledOn(form.filledOn)
      setStatus(error instanceof ApiError ? `Chưa lưu: ${error.message}` : 'Không kết nối được máy chủ. Phiếu chưa được lưu.')
    }
  }
  const errorOf = (name: string) =>
    errors[name] ? (
      <span class="error" id={`paper-${name}-error`}>
        {errors[name]}
      </span>
    ) : null

  return (
    <section>
      <h1>Nhập phiếu khảo sát giấy</h1>
      {campaigns.length === 0 && <p>Chưa có đợt khảo sát nào Ông/Bà được nhập phiếu.</p>}
      <p>
        <label for="paper-campaign">Đợt khảo sát</label>
        <br />
        <select id="paper-campaign" onChange={(e: Event) => void open(Number((e.target as HTMLSelectElement).value))}>
          {campaigns.map((c) => (
            <option value={String(c.id)} selected={c.id === campaign?.id}>
              {c.name}
            </option>
          ))}
        </select>
      </p>
      {campaign && definition && (
        <>
          <table>
            <caption>Tiến độ so với mẫu</caption>
            <thead>
              <tr>
                <th scope="col">Điểm khảo sát</th>
                <th scope="col">Mẫu</th>
                <th scope="col">Đã nhập</th>
              </tr>
            </thead>
            <tbody>
              {campaign.samples.map((s) => (
                <tr>
                  <td>
                    {s.unitName} · {s.counterName}
                  </td>
                  <td>{s.sampleSize}</td>
                  <td>{s.entered}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status">{status}</p>
          <form key={formKey} aria-label="Phiếu giấy" onSubmit={save}>
            <p>
              <label for="paper-counter">Điểm khảo sát</label>
              <br />
              <select id="paper-counter" onChange={(e: Event) => setCounterId(Number((e.target as HTMLSelectElement).value))}>
                {campaign.samples.map((s) => (
                  <option value={String(s.counterId)} selected={s.counterId === counterId}>
                    {s.unitName} · {s.counterName}
                  </option>
                ))}
              </select>
              {errorOf('counterId')}
            </p>
            <p>
              <label for="paper-number">Số phiếu</label>
              <br />
              <input id="paper-number" name="formNumber" value={formNumber} required autocomplete="off" />
              {errorOf('formNumber')}
            </p>
            <p>
              <label for="paper-date">Ngày điền phiếu (YYYY-MM-DD)</label>
              <br />
              <input id="paper-date" name="filledOn" value={filledOn} required autocomplete="off" />
              {errorOf('filledOn')}
            </p>
            {typedQuestions(definition).map((q) => (
              <p>
                <label for={`paper-a-${q.key}`}>{q.label}</label>
                <br />
                <input
                  id={`paper-a-${q.key}`}
                  name={`a.${q.key}`}
                  inputmode="numeric"
                  autocomplete="off"
                  aria-describedby={`paper-a-${q.key}-hint`}
                />{' '}
                <span class="muted" id={`paper-a-${q.key}-hint`}>
                  {codeHint(q)}
                </span>
                {errorOf(q.key)}
              </p>
            ))}
            {bands.length > 0 && <h2>Thông tin người trả lời (không bắt buộc)</h2>}
            {bands.map((band) => (
              <p>
                <label for={`paper-d-${band.key}`}>{band.label}</label>
                <br />
                <input
                  id={`paper-d-${band.key}`}
                  name={`d.${band.key}`}
                  inputmode="numeric"
                  autocomplete="off"
                  aria-describedby={`paper-d-${band.key}-hint`}
                />{' '}
                <span class="muted" id={`paper-d-${band.key}-hint`}>
                  {bandHint(band)}
                </span>
                {band.key === 'dan_toc' && <span class="notice">{ethnicityNotice}</span>}
                {errorOf(band.key)}
              </p>
            ))}
            <button type="submit">Lưu phiếu (Enter)</button>
          </form>
        </>
      )}
    </section>
  )
}
