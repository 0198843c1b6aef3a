import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactedMark, redactPersonalData } from '../../shared/redact'

const seed = 20261128

describe('redactPersonalData', () => {
  it.each([
    ['SĐT 0912345678 nhé', 'SĐT [đã ẩn] nhé'],
    ['gọi +84 912 345 678', 'gọi [đã ẩn]'],
    ['số 091.234.5678', 'số [đã ẩn]'],
    ['CMND 123456789', 'CMND [đã ẩn]'],
    ['CCCD 001 203 004 005', 'CCCD [đã ẩn]'],
    ['mail nguyen.van.a@gmail.com', 'mail [đã ẩn]'],
    ['bàn 024 3826 1234 ạ', 'bàn [đã ẩn] ạ'],
    ['số 0912  345 678', 'số [đã ẩn]'],
    ['số 0912/345/678', 'số [đã ẩn]'],
    ['số ０９１２３４５６７８', 'số [đã ẩn]'],
    ['gọi 0084 912 345 678', 'gọi [đã ẩn]'],
    ['CCCD 001-203-004-005', 'CCCD [đã ẩn]'],
    ['mail a @ gmail.com nhé', 'mail [đã ẩn] nhé'],
    ['mail a＠gmail．com', 'mail [đã ẩn]'],
    ['gọi (024) 3826-1234', 'gọi ([đã ẩn]'],
    ['số 0912\u200b345\u200b678', 'số [đã ẩn]'],
    ['hai số 123456789 0912345678', 'hai số [đã ẩn]'],
  ])('hides %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected)
  })

  it('leaves dates, amounts and procedure codes alone', () => {
    const text = 'Ngày 14/3/2025 nộp 50.000 đồng cho thủ tục 1.001193, chờ 3 ngày'
    expect(redactPersonalData(text)).toBe(text)
  })

  it('cuts the result to the limit in characters, even when a short address grows into the mark', () => {
    const text = 'a@b.vn '.repeat(200)
    const redacted = redactPersonalData(text, 1000)
    expect(Array.from(redacted).length).toBe(1000)
    expect(redacted).not.toContain('@')
    expect(redactPersonalData('😀'.repeat(600), 500)).toBe('😀'.repeat(500))
  })
})

// Generated variants: every way of writing a number that people use, inside ordinary Vietnamese text.
const separators = [' ', '  ', '.', '-', '/', '\u3000', '\u2013', '\u00a0', '\u200b', ' - ', '_', '．', '－', '／']
const digitGroups = (digits: string) =>
  fc
    .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 })
    .chain((sizes) =>
      fc.array(fc.constantFrom(...separators), { minLength: sizes.length, maxLength: sizes.length }).map((seps) => ({ sizes, seps })),
    )
    .map(({ sizes, seps }) => {
      let out = ''
      let at = 0
      for (let i = 0; at < digits.length; i++) {
        const size = sizes[i % sizes.length]!
        out += (i > 0 ? seps[i % seps.length] : '') + digits.slice(at, at + size)
        at += size
      }
      return out
    })
const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
const digitsOf = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(''))

const mobile = digitsOf(8).chain((rest) =>
  fc.constantFrom('09', '03', '08', '07', '05').map((head) => ({ national: head + rest, tail: head.slice(1) + rest })),
)
const landline = digitsOf(8).map((rest) => ({ national: `024${rest}`, tail: `24${rest}` }))
const phone = fc.tuple(fc.oneof(mobile, landline), fc.constantFrom('', '+84', '+84 ', '0084', '0084 ', '84')).chain(([number, prefix]) =>
  digitGroups(prefix === '' ? number.national : number.tail).map((grouped) => ({
    secret: prefix === '' ? number.national : number.tail,
    text: prefix + grouped,
  })),
)
const idNumber = fc.oneof(digitsOf(9), digitsOf(12)).chain((digits) => digitGroups(digits).map((text) => ({ secret: digits, text })))
const words = fc.constantFrom(
  'Cán bộ',
  'nhiệt tình,',
  'liên hệ',
  'số',
  'ngày 14/3/2025',
  'phí 50.000 đồng',
  'thủ tục 1.001193',
  'cảm ơn',
  '',
)
const around = (value: fc.Arbitrary<{ secret: string; text: string }>) =>
  fc.tuple(words, value, words, fc.boolean()).map(([before, v, after, wide]) => ({
    secret: v.secret,
    text: `${before} ${wide ? fullWidth(v.text) : v.text} ${after}`,
  }))

const onlyDigits = (text: string) => text.normalize('NFKC').replace(/\P{Nd}/gu, '')

describe('redactPersonalData on generated variants', () => {
  it('hides every phone number, in any grouping, prefix and width', () => {
    fc.assert(
      fc.property(around(phone), ({ secret, text }) => {
        const redacted = redactPersonalData(text)
        expect(redacted).toContain(redactedMark)
        expect(onlyDigits(redacted)).not.toContain(secret.slice(-7))
      }),
      { seed, numRuns: 2000 },
    )
  })

  it('hides every 9- and 12-digit ID number, in any grouping and width', () => {
    fc.assert(
      fc.property(around(idNumber), ({ secret, text }) => {
        const redacted = redactPersonalData(text)
        expect(redacted).toContain(redactedMark)
        expect(onlyDigits(redacted)).not.toContain(secret.slice(-7))
      }),
      { seed, numRuns: 2000 },
    )
  })

  it('hides e-mail addresses with spaces around "@"', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/)
    fc.assert(
      fc.property(
        label,
        label,
        fc.constantFrom('@', ' @ ', ' @', '@ ', '＠', '(at)'),
        fc.constantFrom('gmail.com', 'yahoo.com.vn', 'hanoi.gov.vn'),
        (before, local, at, domain) => {
          const redacted = redactPersonalData(`${before} ${local}${at}${domain} cảm ơn`)
          expect(redacted).toBe(`${before} ${redactedMark} cảm ơn`)
        },
      ),
      { seed, numRuns: 1000 },
    )
  })

  it('never returns more characters than the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1000 }), fc.integer({ min: 1, max: 1000 }), (text, limit) => {
        expect(Array.from(redactPersonalData(text, limit)).length).toBeLessThanOrEqual(limit)
      }),
      { seed, numRuns: 100 },
    )
  })
})
