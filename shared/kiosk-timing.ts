// Shared by the kiosk's script and the server, with no library: the kiosk script stays small.

/** The kiosk shows its thanks this long, then resets to the question; taps meanwhile are ignored. */
export const kioskResetMs = 4000

/**
 * Ratings of one kiosk closer together than this are flagged `too_fast`: a terminal's response interval. Below
 * the reset time, so an honest tablet, which cannot rate faster than it resets, is never flagged.
 */
export const kioskIntervalMs = 3000
