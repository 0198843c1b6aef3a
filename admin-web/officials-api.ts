import { z } from 'zod'
import { EmulationAnswer, Official, OfficialResultsAnswer, type NewOfficial } from '../shared/officials-contract'
import { query, request } from './api'

/** Officials serving counters, their results for supervising levels, and the yearly thi đua table. */
export const officialsApi = {
  officials: (counterId: number) => request(z.array(Official), 'GET', `/officials${query({ counterId })}`),
  addOfficial: (body: z.input<typeof NewOfficial>) => request(Official, 'POST', '/officials', body),
  removeOfficial: (id: number) => request(z.undefined(), 'DELETE', `/officials/${id}`),
  results: (from: string, to: string, unitId?: number) =>
    request(OfficialResultsAnswer, 'GET', `/officials/results${query({ from, to, unitId })}`),
  emulation: (year: number, unitId?: number) => request(EmulationAnswer, 'GET', `/emulation${query({ year, unitId })}`),
}

export const emulationCsvHref = (year: number, unitId?: number) => `/api/v1/emulation/export.csv${query({ year, unitId })}`
