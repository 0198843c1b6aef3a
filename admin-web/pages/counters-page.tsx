import type { CurrentUser } from '../../shared/auth-contract'
import { NewCounterForm, NewServicePointForm } from './counters/counter-forms'
import { postersHref } from './counters/counters-model'
import { ServicePointCard } from './counters/service-point-card'
import { useCounters } from './counters/use-counters'

/** Service points and their counters: create, rename, rotate the QR code, deactivate, print posters. */
export function CountersPage({ user }: { user: CurrentUser }) {
  const { points, fields, surveys, units, status, actions, created } = useCounters()
  const canWrite = user.role !== 'analyst'
  if (!points) return <p aria-live="polite">{status || 'Đang tải…'}</p>
  return (
    <section>
      <h1>Quầy và mã QR</h1>
      <p>
        <a href={postersHref(user.unitId)} target="_blank" rel="noopener">
          In áp phích mã QR của tất cả các quầy
        </a>
      </p>
      <p role="status">{status}</p>
      {points.map((point) => (
        <ServicePointCard point={point} canWrite={canWrite} actions={actions} />
      ))}
      {canWrite && <NewServicePointForm units={units} created={created} />}
      {canWrite && points.length > 0 && <NewCounterForm points={points} surveys={surveys} fields={fields} created={created} />}
    </section>
  )
}
