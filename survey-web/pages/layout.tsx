import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { strings, type Lang } from '../strings'
import { styles } from './styles'

export type PageContext = { lang: Lang; nonce: string; langSwitchHref: string }

type Props = PageContext & { title: string; unitName?: string; place?: string; script?: string; children: Child }

export function Layout({ lang, nonce, langSwitchHref, title, unitName, place, script, children }: Props) {
  const other = lang === 'vi' ? 'en' : 'vi'
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{title}</title>
          <style nonce={nonce}>{raw(styles)}</style>
        </head>
        <body>
          <header>
            <a class="lang" href={langSwitchHref} lang={other} hreflang={other}>
              {strings[lang].switchLang}
            </a>
            {unitName && <p class="unit">{unitName}</p>}
            {place && <p>{place}</p>}
          </header>
          <main>{children}</main>
          {script && <script nonce={nonce}>{raw(script)}</script>}
        </body>
      </html>
    </>
  )
}
