import { createHash } from 'node:crypto'
import { raw } from 'hono/html'
import { formatCount, formatDate, formatInterval, formatPercent } from '../../shared/format'
import { type PublicFigure, type PublicResults, verdictLabels } from '../../shared/public-results-contract'

// The public results page: one request, no script, a few hundred bytes of style. The same HTML serves the
// phone and the notice printed for the one-stop office's wall (@media print: A4, large type, the QR code).

export const pageStyles = [
  'body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}',
  'main{max-width:56rem;margin:0 auto;padding:.75rem}',
  'h1{font-size:1.35rem;margin:.1rem 0 .2rem}h2{font-size:1.05rem;margin:1.4rem 0 .3rem}h3{font-size:.95rem;margin:1rem 0 .2rem}',
  '.kicker{font-size:.8rem;letter-spacing:.04em;text-transform:uppercase;color:#555;margin:0}',
  'table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.2rem 0 .6rem}',
  'th,td{border-bottom:1px solid #ddd;padding:.3rem .3rem;text-align:left;vertical-align:top}',
  'th{font-weight:600;background:#f4f6f8}td.n,th.n{text-align:right}',
  '.dat{color:#0b6b2e;font-weight:600}.chua-dat{color:#b3261e;font-weight:600}.chua-du-du-lieu,.khong-co-chi-tieu{color:#666}',
  '.muted,.note{color:#555;font-size:.85rem}.note{margin:.2rem 0}',
  'nav{font-size:.9rem;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.2rem .7rem}nav a{white-space:nowrap}',
  '.print{display:none}',
  '@media print{@page{size:A4;margin:14mm}body{font-size:13pt}main{max-width:none;padding:0}nav,.screen{display:none}',
  '.print{display:block}h1{font-size:24pt}h2{font-size:16pt}table{font-size:12pt}th{background:none}',
  '.head{display:flex;justify-content:space-between;gap:6mm;align-items:flex-start}.qr svg{width:32mm;height:32mm}',
  'table,tr{break-inside:avoid}}',
].join('')

/** The CSP hash of the style block: the page carries no nonce, so one rendered answer can be cached and shared. */
export const pageStyleHash = `'sha256-${createHash('sha256').update(pageStyles).digest('base64')}'`

const source = 'Nguồn: Hệ thống đánh giá mức độ hài lòng'

/** "12/KH-UBND của UBND …" out of a target's source, "12/KH-UBND (UBND …): Kế hoạch …". */
function planOf(text: string) {
  const head = text.split('): ')[0]!
  const at = head.lastIndexOf(' (')
  return at < 0 ? head : `${head.slice(0, at)} của ${head.slice(at + 2)}`
}

function Count({ figure }: { figure: PublicFigure }) {
  return <td class="n">{figure.suppressed ? (figure.responses === 0 ? '0' : 'dưới 5') : formatCount(figure.responses)}</td>
}

function Cells({ figure }: { figure: PublicFigure }) {
  const rate = figure.suppressed ? '—' : `${formatPercent(figure.rate)}${figure.sufficient ? '' : '*'}`
  return (
    <>
      <Count figure={figure} />
      <td class="n">{rate}</td>
      <td class="n">{figure.suppressed ? '—' : formatInterval(figure.ci95)}</td>
      <td class={figure.verdict}>
        {verdictLabels[figure.verdict]}
        {figure.target !== null && figure.verdict !== 'chua-du-du-lieu' ? ` (≥ ${formatPercent(figure.target)})` : ''}
      </td>
    </>
  )
}

/** One table per questionnaire of a period's rows by field or by subordinate unit, under one heading. */
function Breakdowns({
  title,
  first,
  kind,
  breakdowns,
}: {
  title: string
  first: string
  kind: string
  breakdowns: PublicResults['byField']
}) {
  if (breakdowns.length === 0) return null
  return (
    <>
      <h2>{title}</h2>
      {breakdowns.map((breakdown) => (
        <section class={kind}>
          <p class="note">{`Phiếu: ${breakdown.surveyTitle}`}</p>
          <table>
            <Head first={first} />
            <tbody>
              {breakdown.rows.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <Cells figure={row.figure} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  )
}

function Head({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" class="n">
          Số phiếu
        </th>
        <th scope="col" class="n">
          Tỷ lệ hài lòng
        </th>
        <th scope="col" class="n">
          Khoảng tin cậy 95%
        </th>
        <th scope="col">Đánh giá</th>
      </tr>
    </thead>
  )
}

export function PublicResultsPage({ results, pageUrl, qrSvg }: { results: PublicResults; pageUrl: string; qrSvg: string }) {
  const { unit, period } = results
  const title = `Kết quả đánh giá mức độ hài lòng: ${unit.name}, ${period.name}`
  const excluded = results.counted.reduce((sum, c) => sum + c.excluded, 0)
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{title}</title>
          <style>{raw(pageStyles)}</style>
        </head>
        <body>
          <main>
            <div class="head">
              <div>
                <p class="kicker">Công khai kết quả đánh giá mức độ hài lòng</p>
                <h1>{unit.name}</h1>
                <p class="period">{period.label}</p>
                <p class="print note">{`Ngày in: ${formatDate(results.asOfDate)}. ${source}.`}</p>
              </div>
              <div class="print qr">{raw(qrSvg)}</div>
            </div>
            {results.fellBackFrom !== null && (
              <p class="note">{`Năm ${results.fellBackFrom} chưa có đánh giá; đang hiển thị năm ${results.fellBackFrom - 1}.`}</p>
            )}
            <nav class="screen" aria-label="Kỳ khác">
              {results.otherPeriods.map((p) => (
                <a href={`?ky=${p.key}`}>{p.label}</a>
              ))}
            </nav>

            <h2>Kết quả so với chỉ tiêu</h2>
            {results.indicators.length === 0 && <p>Chưa có chỉ tiêu hay đánh giá nào trong kỳ này.</p>}
            {results.indicators.map((indicator) => (
              <section class="indicator">
                <h3>
                  {indicator.title}
                  {indicator.fields.length > 0 ? `: lĩnh vực ${indicator.fields.join(', ')} (gộp)` : ''}
                </h3>
                <p class="note">
                  {`Phiếu: ${indicator.surveyTitle}. `}
                  {indicator.targets.length === 0
                    ? 'Kế hoạch không giao chỉ tiêu cho chỉ số này.'
                    : `Chỉ tiêu: ${indicator.targets.map((t) => `≥ ${formatPercent(t.value)} theo ${planOf(t.source)}`).join('; ')}.`}
                </p>
                <table>
                  <Head first="Kỳ" />
                  <tbody>
                    {results.columns.map((column, i) => (
                      <tr>
                        <th scope="row">{column.name}</th>
                        <Cells figure={indicator.figures[i]!} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}

            <Breakdowns title={`Theo lĩnh vực, ${period.name}`} first="Lĩnh vực" kind="by-field" breakdowns={results.byField} />
            <Breakdowns title={`Theo đơn vị trực thuộc, ${period.name}`} first="Đơn vị" kind="by-unit" breakdowns={results.bySubunit} />

            <h2>Cách tính</h2>
            <p class="note">
              Tỷ lệ hài lòng là tỷ lệ câu trả lời “Hài lòng” và “Rất hài lòng” trên số câu trả lời hợp lệ; khoảng tin cậy 95% tính theo
              phương pháp Wilson. “Đạt” khi tỷ lệ không thấp hơn chỉ tiêu cao nhất áp dụng cho đơn vị (của kế hoạch đơn vị và của cấp trên).
            </p>
            <p class="note">
              Tính cả phiếu đã xác thực (gắn với hồ sơ đã trả kết quả) và phiếu chưa xác thực (quét mã QR tại quầy). Phiếu bị gắn cờ nghi
              vấn và đã được cấp trên loại ra sau khi xem xét không được tính.
            </p>
            <p class="note counted">
              {`${period.name}: `}
              {results.counted.length === 0
                ? 'chưa có phiếu nào.'
                : `${results.counted.map((c) => `${c.surveyTitle}: ${formatCount(c.responses)} phiếu được tính`).join('; ')}; ${formatCount(excluded)} phiếu bị loại ra.`}
            </p>
            <p class="note">
              “—”: dưới 5 phiếu, không công bố để không thể nhận ra người đánh giá. “*”: dưới 30 phiếu, kết quả chỉ có giá trị tham khảo.
              Trang không đăng ý kiến, góp ý hay bất kỳ thông tin cá nhân nào của người đánh giá.
            </p>
            <p class="note">
              {source}. Số liệu ngày {formatDate(results.asOfDate)}.<span class="print">{` Địa chỉ trang: ${pageUrl}`}</span>
            </p>
            <p class="note screen">In trang này (Ctrl+P) để có bản thông báo khổ A4 niêm yết tại Bộ phận Một cửa.</p>
          </main>
        </body>
      </html>
    </>
  )
}

/** A 404 or 400 for a browser, in the page's own look; API clients get the JSON error shape instead. */
export function PublicErrorPage({ title, body }: { title: string; body: string }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <style>{raw(pageStyles)}</style>
        </head>
        <body>
          <main>
            <h1>{title}</h1>
            <p>{body}</p>
          </main>
        </body>
      </html>
    </>
  )
}
