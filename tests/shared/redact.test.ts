import { describe, expect, it } from 'vitest'
import { redactPersonalData } from '../../shared/redact'

describe('redactPersonalData', () => {
  it.each([
    ['SĐT 0912345678 nhé', 'SĐT [đã ẩn] nhé'],
    ['gọi +84 912 345 678', 'gọi [đã ẩn]'],
    ['số 091.234.5678', 'số [đã ẩn]'],
    ['CMND 123456789', 'CMND [đã ẩn]'],
    ['CCCD 001 203 004 005', 'CCCD [đã ẩn]'],
    ['mail nguyen.van.a@gmail.com', 'mail [đã ẩn]'],
  ])('hides %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected)
  })

  it('leaves dates, amounts and procedure codes alone', () => {
    const text = 'Ngày 14/3/2025 nộp 50.000 đồng cho thủ tục 1.001193, chờ 3 ngày'
    expect(redactPersonalData(text)).toBe(text)
  })
})
