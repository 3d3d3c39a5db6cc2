import type { KeptFile, KeptFileRef, PickedFile } from './file-types'

/**
 * Browser: a picked photo's bytes are kept in IndexedDB (as a Blob, by the photo's key), so an
 * offline visit keeps its photos through a closed tab or a reload, as WeChat's saved files do.
 * Where IndexedDB is missing or full the photo stays in memory for the page's life, and the form
 * says so. Removed once sent, or when the kept form is given up.
 */

const DB_NAME = 'lantian-kept-files'
const STORE = 'files'

/** Said when the browser refuses to keep the bytes (its storage quota is used up). */
const FULL = '手机存储空间已满，这张照片只能保留到关闭页面前，请尽快联网上传，或清理空间后重拍'
/** Said when the browser keeps nothing (a private window, storage switched off). */
const UNAVAILABLE = '浏览器不能在本机保存照片，关闭页面前请联网上传'

interface Stored {
  blob: Blob
  name: string
  size: number
}

/** This page's copies: the fallback when IndexedDB fails, and a quick way back to a photo just picked. */
const memory = new Map<string, PickedFile>()

let opening: Promise<IDBDatabase> | null = null

function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('no IndexedDB'))
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1)
    req.onupgradeneeded = () => void req.result.createObjectStore(STORE)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'))
  }).catch((err: unknown) => {
    opening = null
    throw err
  })
  return opening
}

/** One request in its own transaction; resolves once the transaction is durable. */
async function run<T>(mode: IDBTransactionMode, request: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb()
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode)
    const req = request(tx.objectStore(STORE))
    tx.oncomplete = () => resolve(req.result)
    tx.onerror = () => reject(tx.error ?? req.error)
    tx.onabort = () => reject(tx.error ?? req.error ?? new Error('aborted'))
  })
}

const isQuota = (err: unknown) => err instanceof DOMException && (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED')

/** Keeps the picked file's bytes under the photo's key. */
export async function keepFile(file: PickedFile, key: string): Promise<KeptFile> {
  memory.set(key, file)
  const blob = file.blob
  if (!blob) return { file }
  const stored: Stored = { blob, name: file.name, size: file.size }
  try {
    await run('readwrite', (s) => s.put(stored, key))
    return { file }
  } catch (err) {
    return { file, problem: isQuota(err) ? FULL : UNAVAILABLE }
  }
}

/** The kept photo, to upload: from this page's memory, else from IndexedDB; null when gone. */
export async function loadFile(ref: KeptFileRef): Promise<PickedFile | null> {
  const held = memory.get(ref.key)
  if (held) return held
  try {
    const stored = await run<Stored | undefined>('readonly', (s) => s.get(ref.key))
    return stored ? { name: stored.name || ref.name, size: stored.size, blob: stored.blob } : null
  } catch {
    return null
  }
}

/** Removes a kept photo once its form is on the server, or given up. */
export async function forgetFile(ref: KeptFileRef): Promise<void> {
  memory.delete(ref.key)
  try {
    await run('readwrite', (s) => s.delete(ref.key))
  } catch {
    // Nothing kept.
  }
}
