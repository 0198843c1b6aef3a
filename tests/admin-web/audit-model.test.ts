import { describe, expect, it } from 'vitest'
import type { AuditItem } from '../../admin-web/admin-api'
import { detailOf, namesFrom, subjectOf } from '../../admin-web/pages/audit/audit-model'

const names = namesFrom(
  new Map([
    [3, 'Thành phố Chí Linh'],
    [4, 'Phường Sao Đỏ'],
  ]),
  new Map([[7, 'nguyen.van.a']]),
)
const row = (action: string, entity: string, details: Record<string, unknown>, more: Partial<AuditItem> = {}): AuditItem => ({
  id: 1,
  at: '2025-07-01T02:00:00Z',
  userId: 1,
  username: 'admin',
  action,
  entity,
  entityId: '9',
  unitId: null,
  details,
  ...more,
})

describe('subjectOf', () => {
  it('names the entity from its details first', () => {
    expect(subjectOf(row('create', 'counter', { name: 'Quầy 1' }), names)).toBe('Quầy 1')
    expect(subjectOf(row('create', 'user', { username: 'tran.thi.b' }), names)).toBe('tran.thi.b')
    expect(subjectOf(row('new_version', 'unit', { next: { name: 'Phường mới' } }), names)).toBe('Phường mới')
  })

  it('falls back to today’s lists, then to the id', () => {
    expect(subjectOf(row('close', 'unit', {}, { unitId: 4 }), names)).toBe('Phường Sao Đỏ')
    expect(subjectOf(row('disable', 'user', {}, { entityId: '7' }), names)).toBe('nguyen.van.a')
    expect(subjectOf(row('disable', 'user', {}, { entityId: '8' }), names)).toBe('mã số 8')
    expect(subjectOf(row('delete', 'target', {}), names)).toBe('mã số 9')
    expect(subjectOf(row('delete', 'target', {}, { entityId: null }), names)).toBe('')
  })
})

describe('detailOf', () => {
  it('counts an import with Vietnamese thousands separators', () => {
    expect(detailOf(row('import', 'procedure', { created: 1234, updated: 5, unchanged: 0 }), names)).toBe(
      '1.234 thêm mới, 5 cập nhật, 0 không đổi',
    )
    expect(detailOf(row('import', 'dossier_counts', { imported: 12 }), names)).toBe('12 dòng')
  })

  it('lists only what a unit version changed, with its date as dd/mm/yyyy', () => {
    const details = {
      previous: { name: 'Xã Cẩm Điền', level: 'xa', parentId: 3 },
      next: { name: 'Xã Cẩm Điền', level: 'xa', parentId: 4, validFrom: '2025-07-01' },
    }
    expect(detailOf(row('new_version', 'unit', details), names)).toBe('Từ 01/07/2025: trực thuộc Phường Sao Đỏ')
    const renamedAndRoot = {
      previous: { name: 'A', level: 'xa', parentId: 3 },
      next: { name: 'B', level: 'huyen', parentId: null, validFrom: '2025-07-01' },
    }
    expect(detailOf(row('new_version', 'unit', renamedAndRoot), names)).toBe(
      'Từ 01/07/2025: tên "B", cấp Huyện/Thị xã/Thành phố, thành đơn vị cấp cao nhất',
    )
  })

  it('words a closing and a succession', () => {
    expect(detailOf(row('close', 'unit', { validTo: '2025-07-01' }), names)).toBe('Không còn tồn tại từ 01/07/2025')
    expect(detailOf(row('add_predecessor', 'unit', { predecessorId: 99, effectiveOn: '2025-07-01' }), names)).toBe(
      'Kế thừa đơn vị mã số 99 từ 01/07/2025',
    )
  })

  it('mentions ended sessions only when there were some', () => {
    expect(detailOf(row('disable', 'user', { endedSessions: 2 }), names)).toBe('Kết thúc 2 phiên đăng nhập')
    expect(detailOf(row('reset_password', 'user', { endedSessions: 0 }), names)).toBe('')
  })

  it('describes a new account, a new unit and another new entity', () => {
    expect(detailOf(row('create', 'user', { role: 'analyst', unitId: 3 }), names)).toBe('Cán bộ phân tích, Thành phố Chí Linh')
    expect(detailOf(row('create', 'user', { role: 'admin', unitId: null }), names)).toBe('Quản trị hệ thống, toàn hệ thống')
    expect(detailOf(row('create', 'unit', { level: 'xa', validFrom: '2025-07-01' }), names)).toBe('cấp Xã/Phường/Thị trấn, từ 01/07/2025')
    expect(detailOf(row('create', 'procedure', { code: '1.001' }), names)).toBe('Mã 1.001')
  })

  it('words an update by what changed, and says nothing of an unknown action', () => {
    expect(detailOf(row('update', 'counter', { changes: { name: 'Quầy A', isActive: false } }), names)).toBe(
      'Đổi tên thành "Quầy A", Ngừng hoạt động',
    )
    expect(detailOf(row('update', 'counter', { changes: { isActive: true } }), names)).toBe('Hoạt động lại')
    expect(detailOf(row('exclude', 'response', { reason: 'x' }), names)).toBe('')
  })
})
