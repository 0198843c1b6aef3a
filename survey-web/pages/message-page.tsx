import type { Child } from 'hono/jsx'
import { Layout, type PageContext } from './layout'

/** A short page with a heading and one message: thank-you, not found, already rated, expired. */
export function MessagePage({ title, body, children, ...context }: PageContext & { title: string; body: string; children?: Child }) {
  return (
    <Layout {...context} title={title}>
      <div class="done">
        <h1>{title}</h1>
        <p role="status">{body}</p>
        {children}
      </div>
    </Layout>
  )
}
