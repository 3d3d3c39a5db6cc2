import Taro from '@tarojs/taro'
import type { FileToSave } from './types'

/**
 * WeChat: writes the file to the mini-program's user folder, then opens a workbook in WeChat's
 * viewer (whose menu saves or forwards it) or offers a CSV to send to a chat (WeChat cannot
 * preview CSV).
 */
export async function saveExport(file: FileToSave): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: file.base64, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
  if (file.fileName.endsWith('.xlsx')) {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return `已打开 ${file.fileName}，可在右上角菜单中保存或转发`
  }
  await new Promise<void>((resolve, reject) => Taro.shareFileMessage({ filePath, fileName: file.fileName, success: () => resolve(), fail: reject }))
  return `已发送 ${file.fileName}`
}
