import type { UnitLevel } from '../shared/admin-contract'
import type { Role } from '../shared/auth-contract'
import { formatDate } from '../shared/format'
import { localTimeOf } from '../shared/local-time'

export const roleNames: Record<Role, string> = { admin: 'Quản trị hệ thống', manager: 'Cán bộ quản lý', analyst: 'Cán bộ phân tích' }

/** Before the 2025 reform the middle level held huyện, thị xã and thành phố; the lowest xã, phường, thị trấn (docs/domain.md §7). */
export const levelNames: Record<UnitLevel, string> = {
  tinh: 'Tỉnh',
  huyen: 'Huyện/Thị xã/Thành phố',
  xa: 'Xã/Phường/Thị trấn',
  co_quan: 'Cơ quan',
}

const vietnamTimeZone = 'Asia/Ho_Chi_Minh'

/** Today's date in Vietnam, YYYY-MM-DD, whatever the browser's own time zone. */
export const todayInVietnam = () => localTimeOf(new Date(), vietnamTimeZone).date

/** An instant as dd/mm/yyyy HH:mm in Vietnam time. */
export function formatDateTime(instant: string | Date) {
  const local = localTimeOf(new Date(instant), vietnamTimeZone)
  return `${formatDate(local.date)} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
}

/** The day before a YYYY-MM-DD date. */
export function dayBefore(isoDate: string) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}
