// The citizen page's drawn faces (survey-web/pages/faces.tsx), redrawn here because admin-web may not import
// survey-web: keep the two in step until the server serves the preview itself.
const mouths: Record<number, string> = {
  3: 'M17 33q11 11 22 0',
  2: 'M19 35q9 5 18 0',
  1: 'M19 39q9-9 18 0',
}

export function Face({ value }: { value: number }) {
  return (
    <svg viewBox="0 0 56 56" aria-hidden="true" focusable="false">
      <circle cx="28" cy="28" r="25" fill="#fde68a" stroke="#1a1a1a" stroke-width="2.5" />
      <circle cx="20" cy="22" r="3" />
      <circle cx="36" cy="22" r="3" />
      <path d={mouths[value] ?? mouths[2]} fill="none" stroke="#1a1a1a" stroke-width="3" stroke-linecap="round" />
    </svg>
  )
}
