import { UnitLevel } from '../../../shared/admin-contract'
import { Role } from '../../../shared/auth-contract'
import { formatCount, formatDate } from '../../../shared/format'
import type { AuditItem } from '../../admin-api'
import { levelNames, roleNames } from '../../vietnamese-labels'

// The audit log's rows in words: the action, the entity and its name, and the change in a few words, read
// from the details each service records with the row.

export const actionNames: Record<string, string> = {
  create: 'Tạo mới',
  update: 'Sửa',
  delete: 'Xóa',
  import: 'Nhập từ tệp CSV',
  new_version: 'Ghi phiên bản mới',
  close: 'Giải thể',
  add_predecessor: 'Ghi nhận đơn vị tiền thân',
  reset_password: 'Đặt lại mật khẩu',
  disable: 'Khóa tài khoản',
  enable: 'Mở khóa tài khoản',
  rotate_code: 'Đổi mã QR',
  set_fields: 'Đổi lĩnh vực phục vụ',
  assign_survey: 'Gán phiếu khảo sát',
  save_draft: 'Lưu bản nháp',
  publish: 'Phát hành',
  draft_from_version: 'Tạo bản nháp từ phiên bản cũ',
  exclude: 'Loại khỏi số liệu',
  restore: 'Khôi phục vào số liệu',
}

export const entityNames: Record<string, string> = {
  unit: 'Đơn vị',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục',
  user: 'Tài khoản',
  counter: 'Quầy',
  service_point: 'Bộ phận Một cửa',
  survey: 'Phiếu khảo sát',
  plan: 'Kế hoạch',
  target: 'Chỉ tiêu',
  response: 'Phiếu đánh giá',
  dossier_counts: 'Số liệu hồ sơ',
}

export type Names = { unit: (id: unknown) => string; user: (id: unknown) => string }

const levelOf = (value: unknown) => {
  const level = UnitLevel.safeParse(value)
  return level.success ? `cấp ${levelNames[level.data]}` : ''
}
const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
const record = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {})

/** What the row's entity is called, from its details or, failing that, from today's lists. */
export function subjectOf(item: AuditItem, names: Names) {
  const d = item.details
  const name = text(d.name) ?? text(d.username) ?? text(d.title) ?? text(record(d.next).name)
  if (name) return name
  if (item.entity === 'unit') return names.unit(item.unitId)
  if (item.entity === 'user') return names.user(item.entityId)
  return item.entityId === null ? '' : `mã số ${item.entityId}`
}

/** The change in a few words, from the details each service records (server/*\/service.ts). */
export function detailOf(item: AuditItem, names: Names): string {
  const d = item.details
  const count = (value: unknown) => formatCount(Number(value ?? 0))
  switch (item.action) {
    case 'import':
      return d.created !== undefined
        ? `${count(d.created)} thêm mới, ${count(d.updated)} cập nhật, ${count(d.unchanged)} không đổi`
        : `${count(d.imported)} dòng`
    case 'new_version': {
      const before = record(d.previous)
      const after = record(d.next)
      const changes = [
        after.name !== before.name && `tên "${text(after.name)}"`,
        after.level !== before.level && levelOf(after.level),
        after.parentId !== before.parentId &&
          (after.parentId === null ? 'thành đơn vị cấp cao nhất' : `trực thuộc ${names.unit(after.parentId)}`),
      ].filter(Boolean)
      return `Từ ${formatDate(text(after.validFrom) ?? '')}: ${changes.join(', ')}`
    }
    case 'close':
      return `Không còn tồn tại từ ${formatDate(text(d.validTo) ?? '')}`
    case 'add_predecessor':
      return `Kế thừa ${names.unit(d.predecessorId)} từ ${formatDate(text(d.effectiveOn) ?? '')}`
    case 'reset_password':
    case 'disable':
      return Number(d.endedSessions) > 0 ? `Kết thúc ${count(d.endedSessions)} phiên đăng nhập` : ''
    case 'create':
      if (item.entity === 'user') {
        const role = Role.safeParse(d.role)
        return [role.success ? roleNames[role.data] : '', d.unitId ? names.unit(d.unitId) : 'toàn hệ thống'].filter(Boolean).join(', ')
      }
      if (item.entity === 'unit') {
        return [levelOf(d.level), d.validFrom ? `từ ${formatDate(String(d.validFrom))}` : ''].filter(Boolean).join(', ')
      }
      return text(d.code) ? `Mã ${text(d.code)}` : ''
    case 'update': {
      const changes = record(d.changes)
      return [
        text(changes.name) && `Đổi tên thành "${text(changes.name)}"`,
        changes.isActive === false && 'Ngừng hoạt động',
        changes.isActive === true && 'Hoạt động lại',
      ]
        .filter(Boolean)
        .join(', ')
    }
    default:
      return ''
  }
}

/** Names by id from today's lists; an id the lists lack is shown as a number. */
export function namesFrom(unitNames: Map<number, string>, usernames: Map<number, string>): Names {
  return {
    unit: (id) => unitNames.get(Number(id)) ?? `đơn vị mã số ${String(id)}`,
    user: (id) => usernames.get(Number(id)) ?? `mã số ${String(id)}`,
  }
}
