/** The first issue of each field of a shared/ schema's check, to show next to its input before anything is sent. */
export function issuesByField(issues: { path: PropertyKey[]; message: string }[]) {
  const byField: Record<string, string> = {}
  for (const issue of issues) byField[String(issue.path[0] ?? '')] ??= issue.message
  return byField
}
