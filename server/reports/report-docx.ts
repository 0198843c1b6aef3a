import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx'
import type { Block, LocalDay } from './blocks'
import { authorityOf, placeOf } from './blocks'

const font = 'Times New Roman'
// Sizes in half-points: 13 pt body, 12 pt tables, 14 pt title (Nghị định 30/2020/NĐ-CP).
const body = 26
const small = 24

const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text: value,
    font,
    size: options.size ?? body,
    bold: options.bold,
    italics: options.italics,
    ...(options.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
  })
const centered = (...runs: TextRun[]) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs })
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }

function header(unitName: string, today: LocalDay) {
  const cell = (paragraphs: Paragraph[], width: number) =>
    new TableCell({ children: paragraphs, width: { size: width, type: WidthType.PERCENTAGE } })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell([centered(text(authorityOf(unitName), { bold: true, size: small })), centered(text('Số: ……/BC-UBND', { size: small }))], 40),
          cell(
            [
              centered(text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: small })),
              centered(text('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })),
              centered(text(`${placeOf(unitName)}, ngày ${today.day} tháng ${today.month} năm ${today.year}`, { italics: true })),
            ],
            60,
          ),
        ],
      }),
    ],
  })
}

function table(block: Extract<Block, { kind: 'table' }>) {
  const row = (cells: string[], isHeader: boolean) =>
    new TableRow({
      tableHeader: isHeader,
      children: cells.map(
        (value, i) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: !isHeader && block.numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [text(value, { bold: isHeader, size: small })],
              }),
            ],
          }),
      ),
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(block.headers, true), ...block.rows.map((r) => row(r, false))],
  })
}

/** The same report as a Word document for the Sở Nội vụ, built from the same blocks as the page. */
export async function reportDocx({
  unitName,
  periodLabel,
  surveyTitle,
  today,
  blocks,
  recipient = 'Sở Nội vụ',
}: {
  unitName: string
  periodLabel: string
  surveyTitle: string
  today: LocalDay
  blocks: Block[]
  /** The "Nơi nhận" line: the supervising unit a sent report went to. */
  recipient?: string
}) {
  const document = new Document({
    creator: 'SIPAS',
    title: `Báo cáo kết quả khảo sát mức độ hài lòng — ${unitName} — ${periodLabel}`,
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: [
          header(unitName, today),
          new Paragraph({ text: '' }),
          centered(text('BÁO CÁO', { bold: true, size: 28 })),
          centered(text('Kết quả khảo sát mức độ hài lòng của người dân, tổ chức', { bold: true })),
          centered(text(periodLabel, { bold: true })),
          new Paragraph({ children: [text(`Mẫu phiếu: ${surveyTitle}.`)] }),
          ...blocks.map((block) =>
            block.kind === 'heading'
              ? new Paragraph({ spacing: { before: 200 }, children: [text(block.text, { bold: true })] })
              : block.kind === 'paragraph'
                ? new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [text(block.text)] })
                : table(block),
          ),
          new Paragraph({ spacing: { before: 300 }, children: [text('Nơi nhận:', { italics: true, bold: true, size: small })] }),
          new Paragraph({ children: [text(`- ${recipient};`, { size: small })] }),
          new Paragraph({ children: [text('- Lưu: VT.', { size: small })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [text('TM. ỦY BAN NHÂN DÂN', { bold: true })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [text('CHỦ TỊCH', { bold: true })] }),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}
