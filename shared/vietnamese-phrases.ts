/**
 * Themes of citizens' comments: Vietnamese is written one syllable per space-separated unit and most words
 * are two syllables ("thủ tục", "thái độ"), so a comment is cut into clauses at punctuation, each clause into
 * syllables, and counted as single syllables and as pairs of neighbouring syllables, leaving out common
 * function words. Each phrase counts once per comment.
 */

/** Function words and forms of address that say nothing about the service. */
export const stopWords = new Set(
  (
    'và là của thì mà cho với các những được bị đã đang sẽ rất quá này đó kia một có ở tại trong khi nên vì như để lại ' +
    'cũng thế nào gì ai tôi em anh chị ông bà cô chú mình chúng họ ạ nhé nha à ơi thôi rồi vẫn còn nữa hơn lắm đến từ ' +
    'về ra vào lên theo do nếu thấy phải làm cần nhiều ít hay hoặc mong muốn đề nghị xin cảm ơn hôm nay'
  ).split(' '),
)

const redacted = /\[đã ẩn\]/g

/** The clauses of a comment, each as its lower-cased syllables. */
export function clausesOf(text: string): string[][] {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(redacted, ' , ')
    .split(/[^\p{L}\p{N}\s]+/u)
    .map((clause) => clause.split(/\s+/).filter((s) => s !== '' && !/^\d+$/.test(s)))
    .filter((clause) => clause.length > 0)
}

/** The phrases of one comment: content syllables and pairs of neighbouring content syllables. */
export function phrasesOf(text: string): Set<string> {
  const found = new Set<string>()
  for (const clause of clausesOf(text)) {
    clause.forEach((syllable, i) => {
      if (stopWords.has(syllable)) return
      if (syllable.length > 1) found.add(syllable)
      const next = clause[i + 1]
      if (next !== undefined && !stopWords.has(next)) found.add(`${syllable} ${next}`)
    })
  }
  return found
}

export type Phrase = { phrase: string; comments: number; indexes: number[] }

/**
 * The most frequent phrases over the comments, by the number of comments that use them (at least
 * `minComments`). A pair is preferred to its syllables: a syllable used by no more comments than a pair
 * already listed that contains it adds nothing and is left out. Ties go to the longer phrase, then A–Z.
 */
export function topPhrases(comments: string[], { limit = 10, minComments = 2 } = {}): Phrase[] {
  const byPhrase = new Map<string, number[]>()
  comments.forEach((comment, index) => {
    for (const phrase of phrasesOf(comment)) byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), index])
  })
  const ranked = [...byPhrase.entries()]
    .filter(([, indexes]) => indexes.length >= minComments)
    .sort(([a, ia], [b, ib]) => ib.length - ia.length || b.split(' ').length - a.split(' ').length || a.localeCompare(b, 'vi'))
  const chosen: Phrase[] = []
  for (const [phrase, indexes] of ranked) {
    if (chosen.length >= limit) break
    const isSingle = !phrase.includes(' ')
    const covered = isSingle && chosen.some((c) => c.phrase.split(' ').includes(phrase) && c.comments >= indexes.length)
    if (!covered) chosen.push({ phrase, comments: indexes.length, indexes })
  }
  return chosen
}
