import type { ApiReply } from '@/domain/contract'
import { newRequestId } from '@/api'
import { NETWORK_FAILURE } from '@/api/reply'
import Taro from '@tarojs/taro'
import { forgetFile, keepFile, loadFile } from '@/platform/keep-file'
import type { PickedFile } from '@/platform/file-types'
import type { KeptPhoto } from './kept-forms'

/**
 * Photos of a field form kept on the phone (a home visit's, a 户户清 check's evidence): saved as
 * they are taken, each with its own request id, uploaded one by one when the network allows, the
 * kept copy written after each upload so a cut in the middle loses nothing and sends nothing twice.
 */

/** Picked files by photo key, for this app session (a browser's kept copy is in IndexedDB: `loadFile`). */
const picked = new Map<string, PickedFile>()

/** The file to upload (or show) for a kept photo: the picked one this session, else its saved file. */
export const fileOf = (photo: KeptPhoto): PickedFile => picked.get(photo.key) ?? { name: photo.name, size: photo.size, path: photo.path }

/** Object URLs of picked browser files, by photo key (one each, for the session). */
const shown = new Map<string, string>()

/** What a thumbnail shows: the saved file (WeChat), or the picked file in memory (browser); '' when neither is left. */
export function thumbnailOf(photo: KeptPhoto): string {
  const file = fileOf(photo)
  if (file.blob) {
    if (!shown.has(photo.key)) shown.set(photo.key, URL.createObjectURL(file.blob))
    return shown.get(photo.key)!
  }
  return file.path ?? ''
}

/** Keeps picked files on the phone (WeChat: saved files that survive a closed app) as kept photos, not yet uploaded. */
export async function keepPhotos(files: readonly PickedFile[], fallbackName: string): Promise<KeptPhoto[]> {
  const kept: KeptPhoto[] = []
  let problem = ''
  for (const file of files) {
    const key = newRequestId()
    const saved = await keepFile(file, key)
    problem ||= saved.problem ?? ''
    const photo: KeptPhoto = { key, name: file.name || fallbackName, size: file.size, path: saved.file.path, requestId: newRequestId() }
    picked.set(key, saved.file)
    kept.push(photo)
  }
  if (problem) void Taro.showToast({ title: problem, icon: 'none', duration: 4000 })
  return kept
}

/** Forgets kept photos' saved files (their form is on the server, or they were removed). */
export async function forgetPhotos(photos: readonly KeptPhoto[]): Promise<void> {
  for (const p of photos) {
    picked.delete(p.key)
    const url = shown.get(p.key)
    if (url) URL.revokeObjectURL(url)
    shown.delete(p.key)
    await forgetFile(p)
  }
}

/** The message of a call that never reached the server. */
export const NETWORK_MESSAGE = NETWORK_FAILURE.ok ? '' : NETWORK_FAILURE.error.message

/** How uploading the kept photos ended: all on the server, or stopped at one (its reply). */
export type PhotosSent = { ok: true; photos: KeptPhoto[] } | { ok: false; photos: KeptPhoto[]; reply: Exclude<ApiReply<unknown>, { ok: true }> }

/**
 * Uploads each kept photo not yet on the server with its own request id (a photo sent before a
 * lost reply is recorded once), calling `keep` with the photos after each one so the phone's copy
 * knows what is on the server. Stops at the first failure, the photos as they are then.
 */
export async function sendPhotos(
  photos: readonly KeptPhoto[],
  upload: (file: PickedFile, requestId: string) => Promise<ApiReply<{ id: string }>>,
  keep: (photos: KeptPhoto[]) => void,
): Promise<PhotosSent> {
  let now = [...photos]
  for (const photo of photos.filter((p) => !p.photoId)) {
    const file = picked.get(photo.key) ?? (await loadFile(photo))
    if (!file) return { ok: false, photos: now, reply: { ok: false, error: { code: 'VALIDATION', message: `照片“${photo.name}”已不在本机，请移除后重拍`, field: 'photoIds' } } }
    const reply = await upload(file, photo.requestId)
    if (!reply.ok) return { ok: false, photos: now, reply }
    now = now.map((p) => (p.key === photo.key ? { ...p, photoId: reply.data.id } : p))
    keep(now)
  }
  return { ok: true, photos: now }
}
