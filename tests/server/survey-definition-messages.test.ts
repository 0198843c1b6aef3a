import { describe, expect, it } from 'vitest'
import { AppError } from '../../server/errors'
import { parseSurveyDefinition } from '../../server/surveys/service'

describe('parseSurveyDefinition', () => {
  it('words every issue of a bad draft in Vietnamese, with no English left behind', () => {
    const attempt = () =>
      parseSurveyDefinition({
        title: 'Phiếu thử',
        aspects: [],
        questions: [
          { key: 'Bad Key', type: 'scale', label: 'Câu 1' },
          { key: 'q2', type: 'choice', label: 'Câu 2' },
        ],
      })
    expect(attempt).toThrow(AppError)
    try {
      attempt()
    } catch (error) {
      const messages = ((error as AppError).issues ?? []).map((i) => i.message)
      expect(messages).toContain('Khóa gồm chữ thường không dấu, số và "_", bắt đầu bằng chữ, tối đa 40 ký tự.')
      expect(messages).toContain('Câu hỏi thang đo cần chọn thang đo; các loại câu hỏi khác không có thang đo.')
      for (const message of messages) expect(message).not.toMatch(/\b(lowercase|starting|other types|need options|have none)\b/)
    }
  })
})
