import Taro from '@tarojs/taro'
import type { DocumentLink } from '@/domain/api/review'
import type { ShownDocument } from './view-document-types'

/**
 * WeChat: a photo in WeChat's own viewer without its menu (ID cards and bank cards are not for
 * saving or forwarding); a PDF downloaded from its temporary link into a temporary file and opened
 * without the menu. Nothing passes through setData, so any allowed size opens.
 */
export async function showDocument(link: DocumentLink): Promise<ShownDocument> {
  if (link.contentType.startsWith('image/')) {
    await Taro.previewImage({ urls: [link.url], current: link.url, showmenu: false })
    return { kind: 'native' }
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url: link.url })
  if (statusCode !== 200) throw new Error(`download answered ${statusCode}`)
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: false })
  return { kind: 'native', said: `已打开 ${link.fileName}` }
}
