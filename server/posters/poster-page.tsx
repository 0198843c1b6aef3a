import { raw } from 'hono/html'
import type { Poster } from './service'

const scanLine = 'Quét mã QR để đánh giá mức độ hài lòng'
const hintLine = 'Dùng Zalo hoặc camera điện thoại'
const anonymousLine = 'Đánh giá ẩn danh, chỉ mất vài giây.'

// Every sheet is one A4 page at zero margin: two A5 posters (landscape halves, cut along the dashed line)
// or two A6 tent cards (105 × 297 mm strips, folded at the middle; the upper face is printed upside down so
// both faces read upright once the card stands).
const styles = `
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
html, body, p { margin: 0; padding: 0 }
body { font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #111; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.sheet { width: 210mm; height: 297mm; overflow: hidden; display: flex; break-after: page; page-break-after: always; background: #fff }
.sheet:last-of-type { break-after: auto; page-break-after: auto }
.a5-sheet { flex-direction: column }
.tent-sheet { flex-direction: row }
.poster, .face { break-inside: avoid; page-break-inside: avoid }
.poster { width: 210mm; height: 148.5mm; padding: 10mm 12mm; display: flex; align-items: center; gap: 9mm }
.poster + .poster { border-top: 0.3mm dashed #999 }
.poster .qr { flex: 0 0 100mm; width: 100mm; height: 100mm }
.poster .text { flex: 1; display: flex; flex-direction: column; gap: 3mm }
.qr svg { display: block; width: 100%; height: 100% }
.unit { font-size: 13pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em }
.place { font-size: 11pt; color: #333 }
.counter { font-size: 16pt; font-weight: 700 }
.scan { font-size: 20pt; font-weight: 800; line-height: 1.2; color: #b3121f; margin-top: 4mm }
.hint { font-size: 13pt }
.anonymous { font-size: 10pt; color: #444 }
.url { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 10pt; word-break: break-all; color: #222 }
.tent { width: 105mm; height: 297mm; display: flex; flex-direction: column }
.tent + .tent { border-left: 0.3mm dashed #999 }
.face { height: 148.5mm; padding: 7mm 6mm; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2mm; text-align: center }
.face.upper { transform: rotate(180deg); border-bottom: 0.3mm dashed #999 }
.face .qr { width: 62mm; height: 62mm }
.face .scan { font-size: 13pt; margin-top: 1mm }
.face .unit { font-size: 10pt }
.face .place, .face .hint { font-size: 9pt }
.face .counter { font-size: 12pt }
.face .url { font-size: 7.5pt }
.screen-only { font-family: system-ui, sans-serif; max-width: 210mm; margin: 8mm auto; line-height: 1.5 }
@media screen {
  body { background: #d9d9d9 }
  .sheet { margin: 8mm auto; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25) }
}
@media print { .screen-only { display: none } }
`

type Props = { unitName: string; posters: Poster[]; nonce: string | undefined }

const pairsOf = <T,>(items: T[]) => Array.from({ length: Math.ceil(items.length / 2) }, (_, i) => items.slice(2 * i, 2 * i + 2))

function Lines({ poster }: { poster: Poster }) {
  return (
    <>
      <p class="unit">{poster.unitName}</p>
      <p class="place">{poster.servicePointName}</p>
      <p class="counter">{poster.counterName}</p>
      <p class="scan">{scanLine}</p>
      <p class="hint">{hintLine}</p>
    </>
  )
}

function A5Poster({ poster }: { poster: Poster }) {
  return (
    <article class="poster" aria-label={`Áp phích A5: ${poster.counterName}`}>
      <div class="qr">{raw(poster.qrSvg)}</div>
      <div class="text">
        <Lines poster={poster} />
        <p class="anonymous">{anonymousLine}</p>
        <p class="url">{poster.shortUrl}</p>
      </div>
    </article>
  )
}

function Face({ poster, isUpper }: { poster: Poster; isUpper: boolean }) {
  return (
    <div class={isUpper ? 'face upper' : 'face'}>
      <div class="qr">{raw(poster.qrSvg)}</div>
      <Lines poster={poster} />
      <p class="url">{poster.shortUrl}</p>
    </div>
  )
}

/** The printable sheet: A5 posters, then A6 tent cards, for every live counter of a unit subtree. */
export function PosterPage({ unitName, posters, nonce }: Props) {
  const title = `Mã QR đánh giá – ${unitName}`
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{title}</title>
          <style nonce={nonce}>{raw(styles)}</style>
        </head>
        <body>
          <div class="screen-only">
            <h1>{title}</h1>
            {posters.length === 0 ? (
              <p role="status">Đơn vị này chưa có quầy nào đang hoạt động.</p>
            ) : (
              <p>
                {posters.length} quầy: {posters.length} áp phích A5 (2 tờ mỗi trang A4) và {posters.length} thẻ để bàn A6 (2 thẻ mỗi trang
                A4, gấp đôi theo đường kẻ giữa). In bằng trình duyệt (Ctrl+P) với khổ giấy A4, lề “Không”, tắt đầu trang và chân trang; hoặc
                chọn “Lưu dưới dạng PDF”.
              </p>
            )}
          </div>
          {pairsOf(posters).map((pair) => (
            <section class="sheet a5-sheet" aria-label="Trang áp phích A5">
              {pair.map((poster) => (
                <A5Poster poster={poster} />
              ))}
            </section>
          ))}
          {pairsOf(posters).map((pair) => (
            <section class="sheet tent-sheet" aria-label="Trang thẻ để bàn A6">
              {pair.map((poster) => (
                <article class="tent" aria-label={`Thẻ để bàn A6: ${poster.counterName}`}>
                  <Face poster={poster} isUpper={true} />
                  <Face poster={poster} isUpper={false} />
                </article>
              ))}
            </section>
          ))}
        </body>
      </html>
    </>
  )
}
