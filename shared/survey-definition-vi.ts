import { SurveyDefinition } from './survey-definition'
import { vietnameseErrorMap } from './zod-vietnamese'

export type DefinitionIssue = { path: (string | number)[]; message: string }

// survey-definition.ts words its own rules in English (the citizen pages never show them); officials editing a
// draft read them in Vietnamese. Each pattern matches a whole message, so no English tail is left behind.
const definitionMessages: [RegExp, string][] = [
  [/^lowercase letters, digits and _.*$/, 'Khóa gồm chữ thường không dấu, số và "_", bắt đầu bằng chữ, tối đa 40 ký tự.'],
  [/^duplicate aspect key$/, 'Khóa khía cạnh bị trùng.'],
  [/^duplicate question key$/, 'Khóa câu hỏi bị trùng.'],
  [/^a scale question needs a scale.*$/, 'Câu hỏi thang đo cần chọn thang đo; các loại câu hỏi khác không có thang đo.'],
  [/^choice and multi questions need options.*$/, 'Câu hỏi chọn một hoặc chọn nhiều cần có phương án; các loại khác không có.'],
  [/^option values must be unique$/, 'Giá trị các phương án không được trùng nhau.'],
  [/^unknown aspect "(.*)"$/, 'Không có khía cạnh "$1".'],
  [/^only scale questions belong to an aspect$/, 'Chỉ câu hỏi thang đo mới thuộc một khía cạnh.'],
  [/^a follow-up must depend on an earlier question$/, 'Câu hỏi phụ phải dựa vào một câu hỏi đứng trước nó.'],
  [/^the headline must be a scale question$/, 'Câu hỏi chính (headline) phải là câu hỏi thang đo.'],
]

export function definitionMessageInVietnamese(message: string) {
  const found = definitionMessages.find(([pattern]) => pattern.test(message))
  return found ? message.replace(found[0], found[1]) : message
}

/** Checks a questionnaire draft, every issue worded in Vietnamese with the path of the input it concerns. */
export function checkSurveyDefinition(
  input: unknown,
): { success: true; data: SurveyDefinition } | { success: false; issues: DefinitionIssue[] } {
  const parsed = SurveyDefinition.safeParse(input, { error: vietnameseErrorMap })
  if (parsed.success) return { success: true, data: parsed.data }
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: definitionMessageInVietnamese(issue.message),
    })),
  }
}
