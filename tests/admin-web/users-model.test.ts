import { describe, expect, it } from 'vitest'
import { checkRepeated, lockDone, lockQuestion, newUserOf, rolesFor, unitNameIn } from '../../admin-web/pages/users/users-model'

describe('users model', () => {
  it('offers the admin role to admins only', () => {
    expect(rolesFor('admin')).toEqual(['admin', 'manager', 'analyst'])
    expect(rolesFor('manager')).toEqual(['manager', 'analyst'])
  })

  it('refuses a repeated password that differs, at the second input', () => {
    expect(checkRepeated({ password: 'mat-khau-dai', passwordAgain: 'mat-khau-dai' })).toEqual({})
    expect(checkRepeated({ password: 'mat-khau-dai', passwordAgain: 'mat-khau-dai ' })).toEqual({
      passwordAgain: 'Hai lần nhập mật khẩu không khớp.',
    })
  })

  it('names a unit, the whole system for none, and a unit’s number when unknown', () => {
    const units = [{ id: 3, name: 'Thành phố Chí Linh' }]
    expect(unitNameIn(units, 3)).toBe('Thành phố Chí Linh')
    expect(unitNameIn(units, null)).toBe('Toàn hệ thống')
    expect(unitNameIn(units, 4)).toBe('Đơn vị mã số 4')
  })

  it('sends a new account with its unit as a number, none for ""', () => {
    const typed = { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', role: 'manager', unitId: '3', password: 'mat-khau-dai' }
    expect(newUserOf(typed)).toEqual({ ...typed, unitId: 3 })
    expect(newUserOf({ ...typed, role: 'admin', unitId: '' }).unitId).toBeNull()
    expect(() => newUserOf({ ...typed, role: 'root' })).toThrow()
  })

  it('words a lock and an unlock differently', () => {
    expect(lockQuestion('a', true)).toMatch(/^Khóa tài khoản "a"\? Người dùng bị đăng xuất ngay/)
    expect(lockQuestion('a', false)).toMatch(/^Mở khóa tài khoản "a"\? /)
    expect([lockDone('a', true), lockDone('a', false)]).toEqual(['Đã khóa tài khoản "a".', 'Đã mở khóa tài khoản "a".'])
  })
})
