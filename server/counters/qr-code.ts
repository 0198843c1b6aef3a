import QRCode from 'qrcode'

// Level Q (25% recovery) rather than M: posters at a counter get creased, stained and laminated with glare,
// and a 40-odd character URL still fits a small symbol. The 4-module quiet zone is what scanners expect.
const options = { errorCorrectionLevel: 'Q', margin: 4 } as const

export const qrSvgOf = (text: string) => QRCode.toString(text, { ...options, type: 'svg' })

export const qrPngOf = (text: string) => QRCode.toBuffer(text, { ...options, type: 'png', scale: 10 })
