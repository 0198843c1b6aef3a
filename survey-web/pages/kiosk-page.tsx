import { raw } from 'hono/html'

const styles = `
*{box-sizing:border-box}html,body{margin:0;height:100%}
body{font:20px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#f4f7fb;display:flex;flex-direction:column}
main{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:24px;text-align:center}
[hidden]{display:none!important}
h1{font-size:1.6em;margin:0 0 24px}.place{color:#4a5a6a;margin:0 0 8px}
.options{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:16px;justify-content:center}
.options button{font:inherit;font-size:1.2em;min-width:180px;min-height:160px;border:2px solid #1f5fa8;border-radius:16px;background:#fff;color:#12355e;cursor:pointer}
.options button span{display:block;font-size:2.4em}
.options button:active{background:#e3eefb}
input,form button{font:inherit;font-size:1.4em;padding:12px;border-radius:8px;border:2px solid #1f5fa8;text-transform:uppercase}
form button{background:#1f5fa8;color:#fff;margin-left:8px}
.alert{color:#a11}.queue{color:#4a5a6a;margin:16px 0 0;min-height:1.4em}
`

/** The kiosk's one page: sections the script shows in turn (pairing, question, thanks). */
export function KioskPage({ nonce, script }: { nonce: string; script: string }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>Đánh giá mức độ hài lòng</title>
          <style nonce={nonce}>{raw(styles)}</style>
        </head>
        <body>
          <main>
            <noscript>Máy đánh giá cần bật JavaScript.</noscript>
            <section id="pair" hidden>
              <h1>Ghép nối máy đánh giá với quầy</h1>
              <form id="pair-form">
                <label for="pairing-code">Mã ghép nối</label>
                <br />
                <input id="pairing-code" name="pairingCode" autocomplete="off" maxlength={9} required />
                <button type="submit">Ghép nối</button>
              </form>
              <p id="pair-error" class="alert" role="alert" />
            </section>
            <section id="rate" hidden>
              <p id="place" class="place" />
              <h1 id="question">Đang tải…</h1>
              <fieldset id="options" class="options" aria-labelledby="question" />
            </section>
            <section id="thanks" hidden>
              <h1>Cảm ơn Ông/Bà đã đánh giá!</h1>
            </section>
            <p id="queue" class="queue" role="status" />
          </main>
          <script nonce={nonce}>{raw(script)}</script>
        </body>
      </html>
    </>
  )
}
