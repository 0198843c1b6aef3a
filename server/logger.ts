import pino from 'pino'

export type Logger = pino.Logger

// What of an error is logged. A PostgreSQL error also carries `detail` (the failing row's values, such as a
// citizen's comment), `parameters`, `query` and `where`: none of them is logged.
const loggedErrorKeys = ['type', 'message', 'stack', 'code', 'severity', 'routine', 'table_name', 'column_name', 'constraint_name', 'cause']

function safeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>
  if (typeof serialized !== 'object' || serialized === null) return serialized
  return Object.fromEntries(
    Object.entries(serialized)
      .filter(([key]) => loggedErrorKeys.includes(key))
      .map(([key, value]) => [key, key === 'cause' ? safeError(value) : value]),
  )
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, serializers: { err: safeError } }
  return destination ? pino(options, destination) : pino(options)
}
