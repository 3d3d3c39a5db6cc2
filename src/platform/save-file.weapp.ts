import Taro from '@tarojs/taro'
import { quiet } from './quiet'
import type { FileToDownload, FileToSave, SavedExport } from './file-types'

/** WeChat can send a file to a chat (`shareFileMessage`, from a tap). */
export const canShareToChat = true

/** WeChat: writes the export to the mini-program's user folder, ready to open or send. */
export async function keepExport(file: FileToSave): Promise<SavedExport> {
  const path = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath: path, data: file.base64, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
  return { fileName: file.fileName, path, said: `已生成 ${file.fileName}` }
}

/**
 * WeChat: downloads an export from its link (it ends within minutes) into the user folder, ready
 * to open or send; the bytes never pass through the function reply.
 */
export async function downloadExport(file: FileToDownload): Promise<SavedExport> {
  const target = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  const path = await new Promise<string>((resolve, reject) =>
    Taro.downloadFile({
      url: file.url,
      filePath: target,
      success: (r) => (r.statusCode === 200 ? resolve((r as { filePath?: string }).filePath ?? r.tempFilePath ?? target) : reject(new Error(`download ${r.statusCode}`))),
      fail: reject,
    }),
  )
  return { fileName: file.fileName, path, said: `已下载 ${file.fileName}` }
}

/** WeChat: opens a workbook in WeChat's viewer; its menu (save, forward) only when `menu` (a masked export). */
export async function openExport(saved: SavedExport, opts: { menu: boolean }): Promise<void> {
  await Taro.openDocument({ filePath: saved.path ?? '', fileType: 'xlsx', showMenu: opts.menu })
}

/**
 * WeChat: sends the file to a chat the person picks. WeChat accepts this only straight from a tap,
 * so call it first thing in the tap handler, before any await.
 */
export function shareExport(saved: SavedExport): Promise<void> {
  return new Promise((resolve, reject) => quiet(Taro.shareFileMessage({ filePath: saved.path ?? '', fileName: saved.fileName, success: () => resolve(), fail: reject })))
}
