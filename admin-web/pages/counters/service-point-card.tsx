import type { ServicePointWithCounters } from '../../../shared/admin-contract'
import { OfficialsCell } from './officials-cell'
import type { CounterActions } from './use-counters'

type Props = { point: ServicePointWithCounters; canWrite: boolean; actions: CounterActions }

/** One service point: its name and state, and its counters with their QR codes and the changes allowed. */
export function ServicePointCard({ point, canWrite, actions }: Props) {
  return (
    <section class="card" aria-label={point.name}>
      <h2>
        {point.name}
        {!point.isActive && <span class="muted"> (ngừng hoạt động)</span>}
      </h2>
      {canWrite && point.isActive && (
        <p>
          <button type="button" class="secondary" onClick={() => actions.renamePoint(point.id, point.name)}>
            Đổi tên bộ phận
          </button>{' '}
          <button type="button" class="secondary" onClick={() => actions.deactivatePoint(point.id, point.name)}>
            Ngừng hoạt động bộ phận
          </button>
        </p>
      )}
      <table class="records" aria-label={`Các quầy của ${point.name}`}>
        <thead>
          <tr>
            <th>Quầy</th>
            <th>Mã QR</th>
            <th>Trạng thái</th>
            <th>Công chức</th>
            {canWrite && <th>Thao tác</th>}
          </tr>
        </thead>
        <tbody>
          {point.counters.map((counter) => (
            <CounterRow counter={counter} canWrite={canWrite} actions={actions} />
          ))}
        </tbody>
      </table>
    </section>
  )
}

function CounterRow({ counter, canWrite, actions }: Omit<Props, 'point'> & { counter: ServicePointWithCounters['counters'][number] }) {
  return (
    <tr>
      <td>{counter.name}</td>
      <td data-label="Mã QR">
        <a href={counter.surveyUrl} target="_blank" rel="noopener">
          {counter.code}
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/counters/${counter.id}/qr.svg`} target="_blank" rel="noopener">
          SVG
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/counters/${counter.id}/qr.png`} download={`qr-${counter.code}.png`}>
          PNG
        </a>
      </td>
      <td data-label="Trạng thái">{counter.isActive ? 'Đang hoạt động' : 'Ngừng hoạt động'}</td>
      <td>
        <OfficialsCell counterId={counter.id} canWrite={canWrite} />
      </td>
      {canWrite && (
        <td>
          <button type="button" class="secondary" onClick={() => actions.rename(counter.id, counter.name)}>
            Đổi tên
          </button>{' '}
          <button type="button" class="secondary" onClick={() => actions.rotate(counter.id, counter.name)}>
            Đổi mã QR
          </button>{' '}
          {counter.isActive && (
            <>
              <button type="button" class="secondary" onClick={() => void actions.pairKiosk(counter.id, counter.name)}>
                Ghép máy đánh giá
              </button>{' '}
            </>
          )}
          {counter.isActive && (
            <button type="button" class="secondary" onClick={() => actions.deactivate(counter.id, counter.name)}>
              Ngừng hoạt động
            </button>
          )}
        </td>
      )}
    </tr>
  )
}
