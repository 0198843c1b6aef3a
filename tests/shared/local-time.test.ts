import { describe, expect, it } from 'vitest'
import { localTimeOf } from '../../shared/local-time'

describe('localTimeOf', () => {
  it('reads Vietnam time across a day boundary and keeps each time zone apart', () => {
    const instant = new Date('2025-07-14T17:30:45Z')
    expect(localTimeOf(instant, 'Asia/Ho_Chi_Minh')).toEqual({ date: '2025-07-15', hour: 0, minute: 30, weekday: 2 })
    expect(localTimeOf(instant, 'UTC')).toEqual({ date: '2025-07-14', hour: 17, minute: 30, weekday: 1 })
    expect(localTimeOf(new Date('2025-07-14T17:30:59Z'), 'Asia/Ho_Chi_Minh').minute).toBe(30)
    expect(localTimeOf(new Date('2025-07-14T17:31:00Z'), 'Asia/Ho_Chi_Minh').minute).toBe(31)
    expect(localTimeOf(new Date('2025-07-14T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      date: '2025-07-14',
      hour: 23,
      minute: 59,
      weekday: 1,
    })
  })
})
