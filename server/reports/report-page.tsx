import { raw } from 'hono/html'
import type { Block, LocalDay } from './blocks'
import { authorityOf, placeOf } from './blocks'

const styles = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.4; color: #000; max-width: 165mm; margin: 1rem auto }
.header { display: grid; grid-template-columns: 1fr 1.4fr; text-align: center; margin-bottom: 1.5rem }
.header p { margin: 0 }
.bold { font-weight: 700 }
.motto { font-weight: 700; text-decoration: underline; text-underline-offset: 3px }
.date { font-style: italic; margin-top: .75rem !important }
h1 { text-align: center; font-size: 14pt; margin: 1rem 0 .25rem }
.subtitle { text-align: center; font-weight: 700; margin: 0 0 1rem }
h2 { font-size: 13pt; margin: 1rem 0 .5rem }
p { text-align: justify; margin: .4rem 0 }
table { border-collapse: collapse; width: 100%; font-size: 12pt; margin: .5rem 0 }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top }
td.num { text-align: right; white-space: nowrap }
.sign { display: grid; grid-template-columns: 1fr 1fr; margin-top: 1.5rem; font-size: 12pt }
.sign .right { text-align: center; font-weight: 700 }
.actions { margin: 1rem 0; font-family: system-ui, sans-serif; font-size: 11pt }
@media print { .actions { display: none } }
`

type Props = {
  unitName: string
  periodLabel: string
  surveyTitle: string
  today: LocalDay
  blocks: Block[]
  docxHref: string
  nonce: string | undefined
  /** The "Nơi nhận" line: the supervising unit a sent report went to. */
  recipient?: string
}

/** The periodic report in the layout of an official document (Nghị định 30/2020/NĐ-CP), ready to print. */
export function ReportPage({ unitName, periodLabel, surveyTitle, today, blocks, docxHref, nonce, recipient = 'Sở Nội vụ' }: Props) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <title>{`Báo cáo kết quả khảo sát mức độ hài lòng — ${unitName} — ${periodLabel}`}</title>
          <style nonce={nonce}>{raw(styles)}</style>
        </head>
        <body>
          <p class="actions">
            <a href={docxHref}>Tải bản Word (.docx)</a> · Dùng lệnh In của trình duyệt (Ctrl+P) để in hoặc lưu PDF.
          </p>
          <div class="header">
            <div>
              <p class="bold">{authorityOf(unitName)}</p>
              <p>Số: ……/BC-UBND</p>
            </div>
            <div>
              <p class="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
              <p class="motto">Độc lập - Tự do - Hạnh phúc</p>
              <p class="date">{`${placeOf(unitName)}, ngày ${today.day} tháng ${today.month} năm ${today.year}`}</p>
            </div>
          </div>
          <h1>BÁO CÁO</h1>
          <p class="subtitle">
            Kết quả khảo sát mức độ hài lòng của người dân, tổ chức
            <br />
            {periodLabel}
          </p>
          <p>{`Mẫu phiếu: ${surveyTitle}.`}</p>
          {blocks.map((block) =>
            block.kind === 'heading' ? (
              <h2>{block.text}</h2>
            ) : block.kind === 'paragraph' ? (
              <p>{block.text}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    {block.headers.map((h) => (
                      <th scope="col">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {block.rows.map((row) => (
                    <tr>
                      {row.map((cell, i) => (
                        <td class={block.numeric.includes(i) ? 'num' : undefined}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ),
          )}
          <div class="sign">
            <div>
              <p>
                <em>Nơi nhận:</em>
                <br />
                {`- ${recipient};`}
                <br />- Lưu: VT.
              </p>
            </div>
            <div class="right">
              <p>
                TM. ỦY BAN NHÂN DÂN
                <br />
                CHỦ TỊCH
              </p>
            </div>
          </div>
        </body>
      </html>
    </>
  )
}
