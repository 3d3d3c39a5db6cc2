import Taro from '@tarojs/taro'

/** WeChat: writes the PDF to the mini-program's user folder and opens it in WeChat's viewer (its menu saves or forwards it). */
export async function openPdf(fileName: string, base64: string): Promise<string> {
  // A fixed name: each view overwrites the last, so no copies of applicants' documents pile up on the phone.
  const filePath = `${Taro.env.USER_DATA_PATH}/review-document.pdf`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: false })
  return `已打开 ${fileName}`
}
