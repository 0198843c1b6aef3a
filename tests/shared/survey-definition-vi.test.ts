import { describe, expect, it } from 'vitest'
import { checkSurveyDefinition } from '../../shared/survey-definition-vi'

const question = { key: 'tong_the', type: 'scale', scale: 'satisfaction-3', label: 'Đánh giá chung' }

describe('checking a questionnaire draft for officials', () => {
  it('accepts a valid draft with the schema defaults applied', () => {
    const checked = checkSurveyDefinition({ title: 'Phiếu', questions: [question] })
    expect(checked).toMatchObject({ success: true, data: { aspects: [], questions: [{ required: false, allowNotApplicable: false }] } })
  })

  it('words the schema rules in Vietnamese with the path of the input they concern', () => {
    const checked = checkSurveyDefinition({
      title: ' ',
      questions: [
        { ...question, key: 'Tong The' },
        { key: 'ly_do', type: 'multi', label: 'Lý do', showWhen: { question: 'sau', values: [1] } },
      ],
    })
    expect(checked.success).toBe(false)
    expect(checked.success ? [] : checked.issues).toEqual([
      { path: ['title'], message: 'Không được để trống.' },
      { path: ['questions', 0, 'key'], message: 'Khóa gồm chữ thường không dấu, số và "_", bắt đầu bằng chữ, tối đa 40 ký tự.' },
      { path: ['questions', 1, 'options'], message: 'Câu hỏi chọn một hoặc chọn nhiều cần có phương án; các loại khác không có.' },
      { path: ['questions', 1, 'showWhen'], message: 'Câu hỏi phụ phải dựa vào một câu hỏi đứng trước nó.' },
    ])
  })
})
