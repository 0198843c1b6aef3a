import { randomUUID } from 'node:crypto'
import { scales } from '../../shared/scales'
import type { WidgetForm } from '../../shared/widget-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { mintFormToken } from '../responses/service'
import { findSurveyByCode } from '../serving/service'

/**
 * The widget's form for a counter of the online portal: its survey's headline question, a fresh submission id
 * and a form token bound to both, so a widget rating passes the same form-token and too-fast rules as a page.
 * Any other counter is not found: a physical counter's QR code is rated on its own page.
 */
export async function getWidgetForm(deps: Deps, code: string): Promise<WidgetForm> {
  const served = await findSurveyByCode(deps, code)
  const definition = served?.definition
  const headline = definition?.questions.find((q) => q.key === definition.headline)
  if (served?.servicePointKind !== 'truc_tuyen' || !headline?.scale) {
    throw new AppError('not_found', 'Không tìm thấy tiện ích đánh giá cho mã này.')
  }
  const submissionId = randomUUID()
  return {
    counterCode: code,
    submissionId,
    formToken: mintFormToken(deps.config.secretKey, submissionId, deps.clock(), { counterCode: code }),
    title: served.definition.title,
    question: {
      key: headline.key,
      label: headline.label,
      options: scales[headline.scale].levels.map(({ value, label }) => ({ value, label })),
    },
    ratingUrl: `${deps.config.publicUrl}/q/${code}`,
  }
}
