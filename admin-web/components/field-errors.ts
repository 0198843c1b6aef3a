import { ApiError } from '../api'

/** The API's issues by the field they name, to show each message next to its input. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return { '': 'Không kết nối được máy chủ. Dữ liệu chưa được lưu.' }
  const byField: Record<string, string> = {}
  for (const issue of error.issues) byField[String(issue.path[0] ?? '')] ??= issue.message
  if (error.issues.length === 0) byField[''] = error.message
  return byField
}
