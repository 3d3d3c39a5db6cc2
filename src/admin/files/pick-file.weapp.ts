import Taro from '@tarojs/taro'
import { ensurePrivacyAuthorized } from '@/services/privacy'
import type { ChosenFile } from './types'

/** WeChat: a CSV or XLSX file sent to the admin in a chat, read as base64; null when cancelled. */
export async function pickStationFile(): Promise<ChosenFile | null> {
  if (!(await ensurePrivacyAuthorized())) return null
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })
    const f = res.tempFiles[0]
    if (!f) return null
    const base64 = await new Promise<string>((resolve, reject) =>
      Taro.getFileSystemManager().readFile({ filePath: f.path, encoding: 'base64', success: (r) => resolve(r.data as string), fail: reject }),
    )
    return { name: f.name, size: f.size, base64 }
  } catch {
    return null
  }
}
