import { describe, expect, it } from 'vitest'
import { importedText, refusalHeadline, refusalOf } from '../../admin-web/components/csv-import-model'

const csv = '\uFEFFcode,name,field\r\n1.001193,Đăng ký khai sinh,ho-tich\r\nsai-ma,Thủ tục lỗi,ho-tich\r\n1.000001,,dat-dai\r\n'

describe('refusalOf', () => {
  it('puts each refused line beside the text the file held on that line, the byte-order mark ignored', () => {
    const refusal = refusalOf(
      {
        message: 'Tệp có dòng không hợp lệ.',
        issues: [
          { path: [3, 'code'], message: 'Mã TTHC phải có dạng d.dddddd.' },
          { path: [4, 'name'], message: 'Không được để trống.' },
          { path: ['header'], message: 'Thiếu cột "field".' },
        ],
      },
      csv,
    )
    expect(refusal.lines).toEqual([
      { line: 3, text: 'sai-ma,Thủ tục lỗi,ho-tich', message: 'Mã TTHC phải có dạng d.dddddd.' },
      { line: 4, text: '1.000001,,dat-dai', message: 'Không được để trống.' },
      { line: undefined, text: '', message: 'Thiếu cột "field".' },
    ])
  })

  it('says the server was not reached when there is no answer to show', () => {
    expect(refusalOf(undefined, csv)).toEqual({ message: 'Không kết nối được máy chủ.', lines: [] })
  })
})

describe('refusalHeadline', () => {
  it('counts distinct bad lines, or repeats the message when no line is named', () => {
    const line = (n: number) => ({ line: n, text: '', message: 'x' })
    expect(refusalHeadline({ message: 'm', lines: [line(3), line(3), line(9)] })).toBe(
      'Có 2 dòng lỗi; hãy sửa các dòng dưới đây rồi nhập lại cả tệp.',
    )
    expect(refusalHeadline({ message: 'Tệp không phải UTF-8.', lines: [] })).toBe('Tệp không phải UTF-8.')
  })
})

describe('importedText', () => {
  it('tells the totals with Vietnamese digit grouping', () => {
    expect(importedText({ created: 1200, updated: 3, unchanged: 0 })).toBe('Đã nhập 1.203 dòng: 1.200 thêm mới, 3 cập nhật, 0 không đổi.')
  })
})
