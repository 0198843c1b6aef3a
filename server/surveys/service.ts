import { SurveyDefinition } from '../../shared/survey-definition'
import { findSurveyByCode } from '../counters/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'

/** GET /api/v1/public/surveys/{code}: the questionnaire a counter serves, for clients and integrations. */
export async function getPublicSurvey(deps: Deps, code: string) {
  const served = await findSurveyByCode(deps, code)
  if (!served) throw new AppError('not_found', 'Mã QR không hợp lệ hoặc đã bị thu hồi.')
  const definition = SurveyDefinition.parse(served.definition)
  return {
    counter: { code, name: served.counterName },
    unit: { code: served.unitCode, name: served.unitName },
    fields: served.fields.map(({ code, name }) => ({ code, name })),
    survey: {
      id: served.surveyId,
      versionId: served.surveyVersionId,
      title: definition.title,
      aspects: definition.aspects,
      questions: definition.questions,
    },
  }
}
