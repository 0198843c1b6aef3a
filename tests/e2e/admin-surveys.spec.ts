import { expect, test, type Page } from '@playwright/test'
import { e2eDatabase, expectNoAxeViolations, logIn } from './support'

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })

const sql = e2eDatabase()
test.afterAll(() => sql.end())

/** Accepts the next confirmation and answers its text. */
function acceptNextDialog(page: Page) {
  return new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message())
      void dialog.accept()
    })
  })
}

const firstLabel = 'Ông/Bà hài lòng với việc tiếp nhận hồ sơ hôm nay?'
const secondLabel = 'Ông/Bà đánh giá thế nào về việc tiếp nhận hồ sơ hôm nay?'

test('an admin builds a questionnaire, publishes two versions and a counter serves the second', async ({ page }) => {
  test.setTimeout(90_000)
  await logIn(page)
  await page.getByRole('link', { name: 'Phiếu khảo sát' }).click()
  await page.getByText('Tạo phiếu khảo sát mới').click()
  const create = page.getByRole('form', { name: 'Tạo phiếu khảo sát' })
  await create.getByLabel('Mã phiếu').fill('TIEP-NHAN-E2E')
  await create.getByLabel('Tên phiếu').fill('Phiếu đánh giá tiếp nhận hồ sơ')
  await create.getByLabel('Chỉ số đo').selectOption({ label: 'Hài lòng trong giải quyết TTHC' })
  await create.getByRole('button', { name: 'Tạo phiếu' }).click()
  await expect(page.getByRole('heading', { name: 'Phiếu đánh giá tiếp nhận hồ sơ (TIEP-NHAN-E2E)' })).toBeVisible()

  const builder = page.getByRole('region', { name: 'Soạn bản nháp' })
  const status = builder.getByRole('status')
  await builder.getByRole('button', { name: 'Thêm câu hỏi' }).click()
  const first = builder.getByRole('group', { name: 'Câu 1', exact: true })
  await first.getByLabel('Khóa').fill('Tong The')
  await first.getByLabel('Nội dung câu hỏi').fill(firstLabel)
  await first.getByLabel('Bắt buộc trả lời').check()
  await builder.getByRole('button', { name: 'Thêm câu hỏi' }).click()
  const second = builder.getByRole('group', { name: 'Câu 2', exact: true })
  await second.getByLabel('Khóa').fill('ly_do')
  await second.getByLabel('Nội dung câu hỏi').fill('Ông/Bà chưa hài lòng về điều gì?')
  await second.getByLabel('Loại câu hỏi').selectOption({ label: 'Chọn nhiều phương án' })
  await second.getByLabel('Phương án 1 (mã 1)').fill('Phải chờ lâu')
  await second.getByLabel('Phương án 2 (mã 2)').fill('Hướng dẫn chưa rõ ràng')
  await second.getByLabel('Câu hỏi phụ: chỉ hỏi khi').selectOption({ label: 'Câu 1 được trả lời…' })
  await second.getByRole('group', { name: 'Hỏi câu 2 khi câu 1 được trả lời là' }).getByLabel('Không hài lòng', { exact: true }).check()
  await second.getByRole('button', { name: 'Lên câu 2' }).click()
  await expect(first.getByLabel('Khóa')).toHaveValue('ly_do')
  await first.getByRole('button', { name: 'Xuống câu 1' }).click()
  await expect(first.getByLabel('Khóa')).toHaveValue('Tong The')
  await expect(second.getByLabel('Câu hỏi phụ: chỉ hỏi khi')).toHaveValue(/\d+/)

  await builder.getByRole('button', { name: 'Lưu bản nháp' }).click()
  await expect(status).toContainText(/Chưa lưu: có \d+ lỗi cần sửa/)
  const key = first.getByLabel('Khóa')
  await expect(key).toHaveAttribute('aria-invalid', 'true')
  await expect(key).toHaveAccessibleDescription(/Khóa gồm chữ thường không dấu, số và "_"/)
  await expect(key).toBeFocused()
  await expect(first.getByLabel('Nội dung câu hỏi')).toHaveValue(firstLabel)
  await key.fill('tong_the')
  await expect(key).not.toHaveAttribute('aria-invalid', 'true')
  await builder.getByRole('button', { name: 'Lưu bản nháp' }).click()
  await expect(status).toContainText('Đã lưu bản nháp')

  const preview = page.getByRole('region', { name: 'Xem trước' })
  await expect(preview.getByRole('heading', { name: 'Phiếu đánh giá tiếp nhận hồ sơ', exact: true })).toBeVisible()
  const overall = preview.getByRole('group', { name: `${firstLabel} (bắt buộc)` })
  await expect(overall.getByRole('radio')).toHaveCount(3)
  const reasons = preview.getByRole('group', { name: 'Ông/Bà chưa hài lòng về điều gì?' })
  await expect(reasons).toBeHidden()
  await overall.getByText('Không hài lòng', { exact: true }).click()
  await expect(reasons.getByRole('checkbox', { name: 'Phải chờ lâu' })).toBeVisible()
  await expectNoAxeViolations(page)

  let confirmation = acceptNextDialog(page)
  await builder.getByRole('button', { name: 'Phát hành phiên bản 1' }).click()
  expect(await confirmation).toContain('Một phiên bản đã phát hành không bao giờ thay đổi được nữa')
  await expect(status).toContainText('Đã phát hành phiên bản 1.')

  await page.getByRole('button', { name: 'Tạo bản nháp từ phiên bản 1' }).click()
  await expect(status).toContainText('Đã tạo bản nháp từ phiên bản 1.')
  await expect(first.getByLabel('Khóa')).toHaveValue('tong_the')
  await first.getByLabel('Nội dung câu hỏi').fill(secondLabel)
  await expect(preview.getByRole('group', { name: `${secondLabel} (bắt buộc)` })).toBeVisible()
  await page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click()
  await page.getByRole('link', { name: 'Phiếu khảo sát', exact: true }).click()
  await page.getByRole('link', { name: 'Phiếu đánh giá tiếp nhận hồ sơ' }).click()
  await expect(status).toContainText('Đã khôi phục nội dung đang soạn dở chưa được lưu.')
  await expect(first.getByLabel('Nội dung câu hỏi')).toHaveValue(secondLabel)
  confirmation = acceptNextDialog(page)
  await builder.getByRole('button', { name: 'Phát hành phiên bản 2' }).click()
  expect(await confirmation).toContain('thành phiên bản 2?')
  await expect(status).toContainText('Đã phát hành phiên bản 2.')

  const stored = await sql<{ version: number; definition: { questions: { key: string; label: string }[] } }[]>`
    select v.version, v.definition
    from survey_versions v
    join surveys s on s.id = v.survey_id
    where s.code = 'TIEP-NHAN-E2E'
    order by v.version
  `
  expect(stored.map((v) => [v.version, v.definition.questions.map((q) => q.key), v.definition.questions[0]!.label])).toEqual([
    [1, ['tong_the', 'ly_do'], firstLabel],
    [2, ['tong_the', 'ly_do'], secondLabel],
  ])
  await preview.getByLabel('Nội dung xem trước').selectOption({ label: 'Phiên bản 1' })
  await expect(preview.getByRole('group', { name: `${firstLabel} (bắt buộc)` })).toBeVisible()

  const assign = page.getByRole('form', { name: 'Gán phiếu cho quầy' })
  await expect(assign.getByLabel('Phiên bản', { exact: true })).toHaveValue(String(await versionId('TIEP-NHAN-E2E', 2)))
  const leLoi = assign.getByRole('group', { name: 'Bộ phận Một cửa UBND xã Lê Lợi' })
  await leLoi.getByLabel('Quầy 1 – Tư pháp, Hộ tịch, Chứng thực').check()
  confirmation = acceptNextDialog(page)
  await assign.getByRole('button', { name: 'Gán phiếu' }).click()
  expect(await confirmation).toContain('cho 1 quầy?\n\n1 quầy sẽ đổi sang phiếu này')
  await expect(assign.getByRole('status')).toHaveText('Đã gán phiên bản 2 cho 1 quầy.')
  await expect(leLoi.getByLabel('Quầy 1 – Tư pháp, Hộ tịch, Chứng thực')).toHaveAccessibleName(/đang dùng TIEP-NHAN-E2E bản 2/)
  await expectNoAxeViolations(page)

  const [counter] = await sql<[{ code: string }]>`
    select cc.code
    from counter_codes cc
    join counters c on c.id = cc.counter_id
    join service_points sp on sp.id = c.service_point_id
    where sp.name = 'Bộ phận Một cửa UBND xã Lê Lợi'
    and c.name = 'Quầy 1 – Tư pháp, Hộ tịch, Chứng thực'
    and cc.revoked_at is null
  `
  const citizenPage = await page.context().newPage()
  await citizenPage.goto(`/q/${counter.code}`)
  await expect(citizenPage.getByRole('heading', { level: 1, name: 'Phiếu đánh giá tiếp nhận hồ sơ' })).toBeVisible()
  await expect(citizenPage.getByRole('group', { name: `${secondLabel} (bắt buộc)` })).toBeVisible()
  await expect(citizenPage.getByText(firstLabel)).toHaveCount(0)
})

async function versionId(code: string, version: number) {
  const [row] = await sql<[{ id: number }]>`
    select v.id from survey_versions v join surveys s on s.id = v.survey_id where s.code = ${code} and v.version = ${version}
  `
  return row.id
}

test('a draft that changes the scale of a published key is refused on publish, next to the scale', async ({ page }) => {
  await logIn(page)
  const origin = { origin: new URL(page.url()).origin }
  const created = await page.request.post('/api/v1/surveys', {
    headers: origin,
    data: { code: 'THANG-DO-E2E', title: 'Phiếu đổi thang đo', metric: 'tthc' },
  })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: number }
  const definition = {
    title: 'Phiếu đổi thang đo',
    questions: [{ key: 'tong_the', type: 'scale', scale: 'satisfaction-3', label: 'Đánh giá chung', required: true }],
  }
  expect((await page.request.put(`/api/v1/surveys/${id}/draft`, { headers: origin, data: definition })).status()).toBe(200)
  expect((await page.request.post(`/api/v1/surveys/${id}/publish`, { headers: origin })).status()).toBe(201)

  await page.goto(`/admin/phieu?id=${id}`)
  await page.getByRole('button', { name: 'Tạo bản nháp từ phiên bản 1' }).click()
  const builder = page.getByRole('region', { name: 'Soạn bản nháp' })
  const first = builder.getByRole('group', { name: 'Câu 1', exact: true })
  await first.getByLabel('Thang đo').selectOption({ label: 'Hài lòng 5 mức (SIPAS)' })
  await expect(first.getByText('Đổi loại hoặc thang đo sẽ bị từ chối khi phát hành')).toBeVisible()
  const confirmation = acceptNextDialog(page)
  await builder.getByRole('button', { name: 'Phát hành phiên bản 2' }).click()
  await confirmation
  await expect(builder.getByRole('status')).toContainText('Bản nháp đổi loại hoặc thang đo của câu hỏi đã phát hành; chưa phát hành.')
  const scale = first.getByLabel('Thang đo')
  await expect(scale).toHaveAttribute('aria-invalid', 'true')
  await expect(scale).toHaveAccessibleDescription(
    /Câu hỏi "tong_the" dùng thang đo “Hài lòng 3 mức \(mặt cười\)” ở phiên bản 1; không thể đổi sang “Hài lòng 5 mức \(SIPAS\)” vì sẽ làm đứt chuỗi số liệu/,
  )
  await expect(scale).toHaveValue('satisfaction-5')
  await expectNoAxeViolations(page)
  const versions = await sql`select version from survey_versions where survey_id = ${id}`
  expect(versions.map((v) => v.version)).toEqual([1])
})

test('a manager assigns published versions within their ward but does not edit questionnaires', async ({ page }) => {
  await logIn(page, 'quanly.saodo')
  await page.getByRole('link', { name: 'Phiếu khảo sát' }).click()
  await expect(page.getByText('Tạo phiếu khảo sát mới')).toHaveCount(0)
  await page.getByRole('link', { name: 'Đánh giá mức độ hài lòng tại quầy' }).click()
  await expect(page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng tại quầy (COUNTER-3L)' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Soạn bản nháp' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Tạo bản nháp từ phiên bản/ })).toHaveCount(0)
  const assign = page.getByRole('form', { name: 'Gán phiếu cho quầy' })
  await expect(assign.getByRole('group', { name: /^Bộ phận Một cửa/ })).toHaveText([/Bộ phận Một cửa UBND phường Sao Đỏ/])
  await assign.getByLabel('Mọi quầy của một đơn vị và các đơn vị trực thuộc').check()
  await assign.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phường Sao Đỏ' })
  await expect(assign.getByText('2 quầy thuộc Phường Sao Đỏ và các đơn vị trực thuộc.')).toBeVisible()
  await assign.getByRole('button', { name: 'Gán phiếu' }).click()
  await expect(assign.getByRole('status')).toHaveText('Các quầy đã chọn đều đang dùng phiên bản 1; không có gì thay đổi.')
  await expectNoAxeViolations(page)
})

test('the targets screen enters the Chí Linh 2025 row for land, construction and investment as the plan writes it', async ({ page }) => {
  await logIn(page)
  await page.getByRole('link', { name: 'Chỉ tiêu' }).click()

  await page.getByText('Thêm kế hoạch mới').click()
  const planForm = page.getByRole('form', { name: 'Thêm kế hoạch' })
  await planForm.getByLabel('Số, ký hiệu').fill('(không số)/KH-UBND')
  await planForm.getByLabel('Tên kế hoạch').fill('Kế hoạch cải cách hành chính tỉnh Hải Dương năm 2022')
  await planForm.getByLabel('Cơ quan ban hành').fill('UBND tỉnh Hải Dương')
  await planForm.getByLabel('Ngày ban hành').fill('30/12/2021')
  await planForm.getByLabel('Đơn vị áp dụng').selectOption({ label: 'Tỉnh Hải Dương (demo)' })
  await planForm.getByRole('button', { name: 'Thêm kế hoạch' }).click()
  await expect(page.getByRole('heading', { name: 'Chỉ tiêu của kế hoạch (không số)/KH-UBND' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Kế hoạch cải cách hành chính' })).toContainText(
    'Kế hoạch cải cách hành chính tỉnh Hải Dương năm 2022',
  )

  await page.getByRole('link', { name: 'Kế hoạch cải cách hành chính nhà nước thành phố Chí Linh năm 2025' }).click()
  const targets = page.getByRole('table', { name: 'Chỉ tiêu của kế hoạch (không số)/KH-UBND' })
  await expect(targets).toContainText('≥ 96%')
  const pooled = targets.getByRole('row', { name: /Đất đai \+ Xây dựng \+ Đầu tư/ })
  await expect(pooled).toHaveCount(1)
  const confirmation = acceptNextDialog(page)
  await pooled.getByRole('button', { name: /^Xóa chỉ tiêu/ }).click()
  expect(await confirmation).toContain(
    'Xóa chỉ tiêu ≥ 87% — Hài lòng trong giải quyết TTHC (Đất đai + Xây dựng + Đầu tư), Thành phố Chí Linh, 01/01/2025 – 31/12/2025?',
  )
  await expect(pooled).toHaveCount(0)

  const form = page.getByRole('form', { name: 'Thêm chỉ tiêu' })
  await expect(form.getByLabel('Đơn vị', { exact: true })).toHaveValue(String(await unitIdOf('HD-CL')))
  await form.getByLabel('Chỉ số', { exact: true }).selectOption({ label: 'Hài lòng trong giải quyết TTHC' })
  for (const field of ['Đất đai', 'Xây dựng', 'Đầu tư']) await form.getByLabel(field, { exact: true }).check()
  await form.getByLabel('Kỳ chỉ tiêu').selectOption({ label: 'Cả năm 2025' })
  await expect(form.getByLabel('Từ ngày')).toHaveValue('01/01/2025')
  await expect(form.getByLabel('Đến ngày')).toHaveValue('31/12/2025')
  await form.getByLabel('Chỉ tiêu tối thiểu (%)').fill('87')
  await form.getByRole('button', { name: 'Thêm chỉ tiêu' }).click()

  await expect(pooled).toHaveCount(1)
  await expect(pooled.getByRole('cell')).toHaveText([
    'Thành phố Chí Linh',
    'Hài lòng trong giải quyết TTHC',
    'Đất đai + Xây dựng + Đầu tư',
    '01/01/2025 – 31/12/2025',
    '≥ 87%',
    /^Xóa/,
  ])
  const stored = await sql`
    select t.value::float8 as value, t.period_start::text as period_start, t.period_end::text as period_end,
      array(select f.code from target_fields tf join fields f on f.id = tf.field_id where tf.target_id = t.id order by f.code) as fields
    from targets t
    join plans p on p.id = t.plan_id
    where p.title = 'Kế hoạch cải cách hành chính nhà nước thành phố Chí Linh năm 2025'
    and exists (select 1 from target_fields tf where tf.target_id = t.id)
  `
  expect(stored).toEqual([{ value: 0.87, periodStart: '2025-01-01', periodEnd: '2025-12-31', fields: ['dat-dai', 'dau-tu', 'xay-dung'] }])
  await expectNoAxeViolations(page)
})

async function unitIdOf(code: string) {
  const [row] = await sql<[{ id: number }]>`select id from units where code = ${code}`
  return row.id
}
