import type { Lang } from '../strings'
import { Layout } from './layout'

/** A short page with a heading and one message: thank-you, not found, already rated. */
export function MessagePage({ lang, title, body }: { lang: Lang; title: string; body: string }) {
  return (
    <Layout lang={lang} title={title}>
      <h1>{title}</h1>
      <p role="status">{body}</p>
    </Layout>
  )
}
