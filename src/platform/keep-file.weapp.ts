import Taro from '@tarojs/taro'
import type { PickedFile } from './file-types'

/**
 * WeChat: moves a picked photo from its temporary path (gone when the app closes) to the
 * mini-program's saved files, so a visit kept on the phone keeps its photos. The picked file
 * itself when saving fails (storage full): it still works until the app closes.
 */
export async function keepFile(file: PickedFile): Promise<PickedFile> {
  if (!file.path) return file
  try {
    const res = await Taro.saveFile({ tempFilePath: file.path })
    return { ...file, path: (res as { savedFilePath: string }).savedFilePath }
  } catch {
    return file
  }
}

/** Removes a kept photo once its visit is on the server. */
export async function forgetFile(path: string | undefined): Promise<void> {
  if (!path) return
  try {
    await Taro.removeSavedFile({ filePath: path })
  } catch {
    // Already gone.
  }
}
