import { describe, expect, it } from 'vitest'
import { clausesOf, phrasesOf, topPhrases } from '../../shared/vietnamese-phrases'

describe('themes of comments', () => {
  it('cuts clauses at punctuation and keeps syllables whole, redactions and numbers left out', () => {
    expect(clausesOf('Chờ LÂU quá, gọi [đã ẩn] mà không ai nghe! Hẹn 3 ngày')).toEqual([
      ['chờ', 'lâu', 'quá'],
      ['gọi'],
      ['mà', 'không', 'ai', 'nghe'],
      ['hẹn', 'ngày'],
    ])
  })

  it('counts single syllables and neighbouring pairs, without function words, once per comment', () => {
    expect([...phrasesOf('Thái độ của cán bộ, thái độ chưa tốt')].sort()).toEqual(
      ['bộ', 'cán', 'cán bộ', 'chưa', 'chưa tốt', 'thái', 'thái độ', 'tốt', 'độ', 'độ chưa'].sort(),
    )
  })

  it('ranks phrases by the comments using them, preferring a pair to its syllables', () => {
    const comments = [
      'Thời gian chờ lâu quá',
      'Chờ lâu, hướng dẫn chưa rõ',
      'Cán bộ hướng dẫn nhiệt tình',
      'Phải chờ lâu mới đến lượt',
      'Thủ tục nhanh',
    ]
    const top = topPhrases(comments, { limit: 3 })
    expect(top.map((p) => [p.phrase, p.comments])).toEqual([
      ['chờ lâu', 3],
      ['hướng dẫn', 2],
    ])
    expect(top[0]!.indexes).toEqual([0, 1, 3])
    expect(topPhrases(comments, { minComments: 4 })).toEqual([])
  })
})
