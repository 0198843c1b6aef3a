import { z } from 'zod'
import {
  ImportSummary,
  UnitLevel,
  UnitOnDate,
  UserSummary,
  type NewField,
  type NewSuccession,
  type NewUnit,
  type NewUnitVersion,
  type NewUser,
} from '../shared/admin-contract'
import { query, request } from './api'

// Answers that shared/admin-contract.ts has no schema for are described here, loosely, by what the screens read.

const UnitVersion = z.looseObject({
  id: z.number(),
  name: z.string(),
  level: UnitLevel,
  parentId: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
})
const UnitHistory = z.looseObject({
  id: z.number(),
  code: z.string(),
  versions: z.array(UnitVersion),
  predecessorIds: z.array(z.number()),
  successorIds: z.array(z.number()),
})
export type UnitHistory = z.infer<typeof UnitHistory>

const Field = z.looseObject({ id: z.number(), code: z.string(), name: z.string() })
export type Field = z.infer<typeof Field>

const Procedure = z.looseObject({ id: z.number(), code: z.string(), name: z.string(), fieldId: z.number(), fieldCode: z.string() })
export type Procedure = z.infer<typeof Procedure>

const AuditItem = z.looseObject({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitId: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type AuditItem = z.infer<typeof AuditItem>
const AuditPage = z.object({ items: z.array(AuditItem), nextBefore: z.number().nullable() })

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
