/** Answer scales of docs/domain.md §2. Stored codes never change when labels, faces or translations do. */
export type ScaleLevel = { value: number; label: string; labelEn: string; face?: string }
export type Scale = { levels: ScaleLevel[]; satisfied: number[]; isSatisfaction: boolean }

export const scaleIds = ['satisfaction-3', 'satisfaction-5', 'agreement-4'] as const
export type ScaleId = (typeof scaleIds)[number]

/** "Không có ý kiến / Không áp dụng": kept, but excluded from every denominator. */
export const notApplicable = 0

export const scales: Record<ScaleId, Scale> = {
  'satisfaction-3': {
    levels: [
      { value: 3, label: 'Rất hài lòng', labelEn: 'Very satisfied', face: '😄' },
      { value: 2, label: 'Hài lòng', labelEn: 'Satisfied', face: '🙂' },
      { value: 1, label: 'Không hài lòng', labelEn: 'Not satisfied', face: '🙁' },
    ],
    satisfied: [3, 2],
    isSatisfaction: true,
  },
  'satisfaction-5': {
    levels: [
      { value: 5, label: 'Rất hài lòng', labelEn: 'Very satisfied', face: '😄' },
      { value: 4, label: 'Hài lòng', labelEn: 'Satisfied', face: '🙂' },
      { value: 3, label: 'Bình thường', labelEn: 'Neutral', face: '😐' },
      { value: 2, label: 'Không hài lòng', labelEn: 'Dissatisfied', face: '🙁' },
      { value: 1, label: 'Rất không hài lòng', labelEn: 'Very dissatisfied', face: '😠' },
    ],
    satisfied: [5, 4],
    isSatisfaction: true,
  },
  'agreement-4': {
    levels: [
      { value: 4, label: 'Rất phù hợp', labelEn: 'Very suitable' },
      { value: 3, label: 'Phù hợp', labelEn: 'Suitable' },
      { value: 2, label: 'Khá phù hợp', labelEn: 'Fairly suitable' },
      { value: 1, label: 'Không phù hợp', labelEn: 'Not suitable' },
    ],
    satisfied: [],
    isSatisfaction: false,
  },
}

export const notApplicableLabel = { label: 'Không có ý kiến / Không áp dụng', labelEn: 'No opinion / Not applicable' }
