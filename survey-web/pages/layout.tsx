import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Lang } from '../strings'

export function Layout({ lang, title, children }: { lang: Lang; title: string; children: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
    </>
  )
}
