import { z } from 'zod'
import {
  AuditPage,
  Field,
  ImportSummary,
  Procedure,
  UnitHistory,
  UnitOnDate,
  UserSummary,
  type NewField,
  type NewSuccession,
  type NewUnit,
  type NewUnitVersion,
  type NewUser,
} from '../shared/admin-contract'
import { query, request } from './api'

export type { AuditEntry as AuditItem, Field, Procedure, UnitHistory } from '../shared/admin-contract'

/** The admin screens' endpoints: units, catalogue, users and the audit log. */
export const adminApi = {
  units: (on: string) => request(z.array(UnitOnDate), 'GET', `/units${query({ on })}`),
  unit: (id: number) => request(UnitHistory, 'GET', `/units/${id}`),
  createUnit: (body: z.input<typeof NewUnit>) => request(UnitHistory, 'POST', '/units', body),
  addUnitVersion: (id: number, body: NewUnitVersion) => request(UnitHistory, 'POST', `/units/${id}/versions`, body),
  closeUnit: (id: number, validTo: string) => request(UnitHistory, 'POST', `/units/${id}/close`, { validTo }),
  addPredecessor: (id: number, body: NewSuccession) => request(UnitHistory, 'POST', `/units/${id}/predecessors`, body),

  fields: () => request(z.array(Field), 'GET', '/fields'),
  createField: (body: NewField) => request(Field, 'POST', '/fields', body),
  importFields: (csv: string) => request(ImportSummary, 'POST', '/fields/import', csv),
  procedures: (fieldId?: number) => request(z.array(Procedure), 'GET', `/procedures${query({ fieldId })}`),
  importProcedures: (csv: string) => request(ImportSummary, 'POST', '/procedures/import', csv),

  users: () => request(z.array(UserSummary), 'GET', '/users'),
  createUser: (body: z.input<typeof NewUser>) => request(UserSummary, 'POST', '/users', body),
  resetPassword: (id: number, password: string) => request(z.undefined(), 'POST', `/users/${id}/password`, { password }),
  setUserDisabled: (id: number, isDisabled: boolean) =>
    request(UserSummary, 'POST', `/users/${id}/${isDisabled ? 'disable' : 'enable'}`, {}),

  audit: (before?: number, limit = 30) => request(AuditPage, 'GET', `/audit${query({ limit, before })}`),
}
