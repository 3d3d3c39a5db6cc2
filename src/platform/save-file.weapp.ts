import Taro from '@tarojs/taro'
import type { FileToSave } from './file-types'

/** Writes base64 bytes to the mini-program's user folder; the file's path. */
async function writeUserFile(name: string, base64: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
  return filePath
}

/**
 * WeChat: writes the export to the user folder, then opens a workbook in WeChat's viewer (whose
 * menu saves or forwards it) or offers a CSV to send to a chat (WeChat cannot preview CSV).
 */
export async function saveExport(file: FileToSave): Promise<string> {
  const filePath = await writeUserFile(file.fileName, file.base64)
  if (file.fileName.endsWith('.xlsx')) {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return `已打开 ${file.fileName}，可在右上角菜单中保存或转发`
  }
  await new Promise<void>((resolve, reject) => Taro.shareFileMessage({ filePath, fileName: file.fileName, success: () => resolve(), fail: reject }))
  return `已发送 ${file.fileName}`
}

/** WeChat: opens a PDF in WeChat's viewer (no menu: an applicant's document is not for forwarding). */
export async function openPdf(fileName: string, base64: string): Promise<string> {
  // A fixed name: each view overwrites the last, so no copies of applicants' documents pile up on the phone.
  const filePath = await writeUserFile('review-document.pdf', base64)
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: false })
  return `已打开 ${fileName}`
}
