/**
 * One OPENID per concurrent call in one process. CloudBase gives each invocation its caller's
 * identity through environment variables (`WX_OPENID`, read by the SDK from `process.env`), and
 * runs one invocation per container at a time. A load harness calling the functions' `main` many
 * times at once in one process would make every call share one `process.env`; here `process.env`
 * answers each async call chain with its own values instead, so `main` and the SDK stay untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const scope = new AsyncLocalStorage<Readonly<Record<string, string>>>()
let plain: NodeJS.ProcessEnv | null = null

const own = (key: string | symbol) => (typeof key === 'string' ? scope.getStore()?.[key] : undefined)

/** Makes `process.env` read the variables of the current `asCaller` first; returns the function that undoes it. */
export function installPerCallEnv(): () => void {
  if (!plain) {
    const base = (plain = process.env)
    process.env = new Proxy(base, {
      get: (target, key) => own(key) ?? Reflect.get(target, key),
      has: (target, key) => own(key) !== undefined || Reflect.has(target, key),
      ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(scope.getStore() ?? {})])],
      getOwnPropertyDescriptor: (target, key) => {
        const value = own(key)
        return value === undefined ? Reflect.getOwnPropertyDescriptor(target, key) : { value, writable: true, enumerable: true, configurable: true }
      },
    })
  }
  return () => {
    if (plain) process.env = plain
    plain = null
  }
}

/** Runs `call` as one invocation whose environment adds `vars` (e.g. `{ WX_OPENID }`); needs `installPerCallEnv`. */
export function asCaller<T>(vars: Readonly<Record<string, string>>, call: () => Promise<T>): Promise<T> {
  if (!plain) throw new Error('asCaller needs installPerCallEnv() first')
  return scope.run(vars, call)
}
