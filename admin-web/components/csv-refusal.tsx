import { refusalHeadline, type Refusal } from './csv-import-model'

/** Nothing was saved: the reason, and each refused line next to what the file held there. */
export function CsvRefusal({ refusal }: { refusal: Refusal }) {
  return (
    <div class="issues" role="alert">
      <p>
        <strong>Chưa lưu dòng nào.</strong> {refusalHeadline(refusal)}
      </p>
      {refusal.lines.length > 0 && (
        <table aria-label="Các dòng bị từ chối">
          <thead>
            <tr>
              <th class="num">Dòng</th>
              <th>Nội dung dòng</th>
              <th>Lỗi</th>
            </tr>
          </thead>
          <tbody>
            {refusal.lines.map((line) => (
              <tr>
                <td class="num">{line.line ?? '—'}</td>
                <td>
                  <code>{line.text}</code>
                </td>
                <td>{line.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
