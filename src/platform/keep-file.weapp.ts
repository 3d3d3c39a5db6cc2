import Taro from '@tarojs/taro'
import type { KeptFile, KeptFileRef, PickedFile } from './file-types'

/** Said when WeChat cannot save the photo (its 10 MB of saved files are full). */
const FULL = '手机空间不足，这张照片只能保留到关闭小程序前，请尽快联网上传'

/**
 * WeChat: moves a picked photo from its temporary path (gone when the app closes) to the
 * mini-program's saved files, so a visit kept on the phone keeps its photos. The picked file
 * itself when saving fails (storage full), with why: it still works until the app closes.
 */
export async function keepFile(file: PickedFile, _key: string): Promise<KeptFile> {
  if (!file.path) return { file }
  try {
    const res = await Taro.saveFile({ tempFilePath: file.path })
    return { file: { ...file, path: (res as { savedFilePath: string }).savedFilePath } }
  } catch {
    return { file, problem: FULL }
  }
}

/** The kept photo, to upload: its saved path. */
export async function loadFile(ref: KeptFileRef): Promise<PickedFile | null> {
  return ref.path ? { name: ref.name, size: ref.size, path: ref.path } : null
}

/** Removes a kept photo once its visit is on the server, or given up. */
export async function forgetFile(ref: KeptFileRef): Promise<void> {
  if (!ref.path) return
  try {
    await Taro.removeSavedFile({ filePath: ref.path })
  } catch {
    // Already gone.
  }
}
