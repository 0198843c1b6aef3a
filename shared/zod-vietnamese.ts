import type { z } from 'zod'

const typeNames: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  bigint: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'một đối tượng',
  array: 'một danh sách',
  date: 'ngày',
}

const formatNames: Record<string, string> = {
  date: 'Phải là ngày dạng YYYY-MM-DD.',
  datetime: 'Phải là thời điểm dạng ISO 8601.',
  uuid: 'Phải là một UUID.',
  url: 'Phải là một địa chỉ URL.',
  email: 'Phải là một địa chỉ email.',
}

const sizeUnits: Record<string, string> = { string: 'ký tự', array: 'phần tử', set: 'phần tử' }

function boundMessage(kind: 'min' | 'max', origin: string, bound: number | bigint, isInclusive: boolean) {
  const unit = sizeUnits[origin]
  if (unit) {
    if (kind === 'min' && origin === 'string' && Number(bound) === 1) return 'Không được để trống.'
    return kind === 'min' ? `Cần ít nhất ${bound} ${unit}.` : `Tối đa ${bound} ${unit}.`
  }
  const sign = kind === 'min' ? (isInclusive ? '≥' : '>') : isInclusive ? '≤' : '<'
  return `Phải ${sign} ${bound}.`
}

/**
 * Vietnamese messages for zod's own issues, for the admin API (zod's bundled `vi` locale leaves type names
 * such as "string" and "undefined" in English). Messages a schema states itself are kept.
 */
export const vietnameseErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Bắt buộc nhập.' : `Phải là ${typeNames[issue.expected] ?? issue.expected}.`
    case 'too_small':
      return boundMessage('min', issue.origin, issue.minimum, issue.inclusive ?? true)
    case 'too_big':
      return boundMessage('max', issue.origin, issue.maximum, issue.inclusive ?? true)
    case 'invalid_format':
      return formatNames[issue.format] ?? 'Không đúng định dạng.'
    case 'not_multiple_of':
      return `Phải là bội số của ${issue.divisor}.`
    case 'invalid_value':
      return `Phải là một trong: ${issue.values.map(String).join(', ')}.`
    case 'unrecognized_keys':
      return `Trường không được hỗ trợ: ${issue.keys.join(', ')}.`
    default:
      return 'Giá trị không hợp lệ.'
  }
}
