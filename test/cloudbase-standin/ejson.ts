import { BSONRegExp, EJSON } from 'bson'

/** A stored document: plain values, Dates, RegExps and nested objects or arrays. */
export type Doc = Record<string, unknown> & { _id: string | number }

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

/**
 * A plain object of any realm: under jest, `structuredClone` (used by the engine) builds objects
 * with the outer realm's Object.prototype, so a same-realm prototype check would miss them.
 */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === '[object Object]')
}

/** Turns what bson's relaxed EJSON leaves foreign into native values: regexes and server dates. */
function nativize(v: unknown): unknown {
  if (v instanceof BSONRegExp) {
    const flags = [...v.options].filter((f) => JS_REGEX_FLAGS.has(f)).join('')
    return new RegExp(v.pattern, flags)
  }
  if (Array.isArray(v)) return v.map(nativize)
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((v.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0)
    return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
  }
  return Object.fromEntries(keys.map((k) => [k, nativize(v[k])]))
}

/** Decodes one EJSON string of the wire (`data`, `query`, `order`, `projection`, `stageValue`). */
export function decode(text: unknown): unknown {
  if (typeof text !== 'string') return text
  return nativize(EJSON.parse(text, { relaxed: true }))
}

/** Encodes a document the way the SDK expects in `list`: canonical EJSON. */
export function encode(doc: unknown): string {
  return EJSON.stringify(doc as Record<string, unknown>, { relaxed: false })
}

export { isPlainObject }
