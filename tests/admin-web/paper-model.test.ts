import { describe, expect, it } from 'vitest'
import { askedBands, bandHint, codeHint, nextFormNumber, paperFormOf } from '../../admin-web/pages/paper/paper-model'
import { counterQuickRating } from '../../server/demo/questionnaires'

describe('the paper entry model', () => {
  it('counts a numbered stack on and leaves other numbers to the enumerator', () => {
    expect(nextFormNumber('007')).toBe('008')
    expect(nextFormNumber('PL-099')).toBe('PL-100')
    expect(nextFormNumber('A')).toBe('')
  })

  it('reads typed codes, several for a multiple choice, and leaves empty inputs unanswered', () => {
    const data = new FormData()
    data.set('formNumber', '12')
    data.set('filledOn', '2025-11-05')
    data.set('a.overall', ' 1 ')
    data.set('a.reasons', '1 5')
    data.set('a.thai_do', '')
    expect(paperFormOf(counterQuickRating.definition, data, 9)).toEqual({
      counterId: 9,
      formNumber: '12',
      filledOn: '2025-11-05',
      answers: { overall: 1, reasons: [1, 5] },
    })
  })

  it('prints the codes of a scale beside its input, with 0 when it may be left without opinion', () => {
    const [overall, , convenience] = counterQuickRating.definition.questions
    expect(codeHint(overall!)).toBe('3 = Rất hài lòng, 2 = Hài lòng, 1 = Không hài lòng')
    expect(codeHint(convenience!)).toBe('3 = Rất hài lòng, 2 = Hài lòng, 1 = Không hài lòng; 0 = Không có ý kiến / Không áp dụng')
  })
})

describe('demographics on the paper entry screen', () => {
  it('asks none by default, the four bands when on, ethnicity only when turned on too', () => {
    expect(askedBands({ enabled: false, ethnicity: false })).toEqual([])
    expect(askedBands({ enabled: true, ethnicity: false }).map((b) => b.key)).toEqual(['gioi_tinh', 'do_tuoi', 'hoc_van', 'nghe_nghiep'])
    expect(askedBands({ enabled: true, ethnicity: true }).map((b) => b.key)).toContain('dan_toc')
  })

  it('sends the bands typed, and none when all were left empty', () => {
    const bands = askedBands({ enabled: true, ethnicity: true })
    const data = new FormData()
    data.set('formNumber', '12')
    data.set('filledOn', '2025-11-05')
    data.set('a.overall', '3')
    data.set('d.do_tuoi', ' 2 ')
    data.set('d.dan_toc', '')
    expect(paperFormOf(counterQuickRating.definition, data, 9, bands).demographics).toEqual({ do_tuoi: 2 })
    data.set('d.do_tuoi', '')
    expect(paperFormOf(counterQuickRating.definition, data, 9, bands)).not.toHaveProperty('demographics')
    expect(bandHint(bands[1]!)).toBe('1 = 18–30, 2 = 31–45, 3 = 46–60, 4 = Trên 60; để trống nếu không trả lời')
  })
})
