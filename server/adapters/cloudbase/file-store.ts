import type { FileStore } from '../../ports'
import { getApp } from './sdk'

/** `cloud://<env>.<bucket>/<path>`: the path of a CloudBase fileID, or null. */
const pathOfFileId = (fileId: string) => /^cloud:\/\/[\w.-]+\/([\w/.-]+)$/.exec(fileId)?.[1] ?? null

/**
 * CloudBase storage through `@cloudbase/node-sdk` (the server SDK, which storage security rules do
 * not restrict): keys are fileIDs. Reads go through a temporary URL and stop after `maxBytes` + 1
 * bytes. Mini-program clients upload with wx.cloud.uploadFile themselves (the rules let them write
 * under `uploads/` only and read nothing) and register the fileID; the function reads it back to check it.
 */
export function cloudbaseFileStore(): FileStore {
  return {
    async put(path, bytes) {
      const { fileID } = await getApp().uploadFile({ cloudPath: path, fileContent: Buffer.from(bytes) })
      if (!fileID) throw new Error('upload returned no fileID')
      return fileID
    },
    async get(key, maxBytes) {
      if (!pathOfFileId(key)) return null
      const { fileList } = await getApp().getTempFileURL({ fileList: [{ fileID: key, maxAge: 600 }] })
      const item = fileList?.[0]
      if (!item || item.code !== 'SUCCESS' || !item.tempFileURL) return null
      const res = await fetch(item.tempFileURL)
      if (res.status === 404) return null
      if (!res.ok || !res.body) throw new Error(`storage download failed with HTTP ${res.status}`)
      const chunks: Uint8Array[] = []
      let size = 0
      const reader = res.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        chunks.push(value)
        size += value.length
        if (size > maxBytes) {
          await reader.cancel()
          break
        }
      }
      return new Uint8Array(Buffer.concat(chunks).subarray(0, maxBytes + 1))
    },
    async remove(key) {
      if (!pathOfFileId(key)) return
      const res = await getApp().deleteFile({ fileList: [key] })
      const code = res.fileList?.[0]?.code
      if (code && code !== 'SUCCESS' && !/NONEXIST|NOT_EXIST|NOT_FOUND/i.test(code)) throw new Error(`storage delete failed: ${code}`)
    },
    owns(key, prefix) {
      return pathOfFileId(key)?.startsWith(`${prefix}/`) ?? false
    },
    async keyFor(path) {
      const { data } = await getApp().getUploadMetadata({ cloudPath: path })
      if (!data?.fileId) throw new Error('storage returned no fileID for the upload path')
      return data.fileId
    },
    async temporaryUrl(key, seconds) {
      if (!pathOfFileId(key)) return null
      const { fileList } = await getApp().getTempFileURL({ fileList: [{ fileID: key, maxAge: seconds }] })
      const item = fileList?.[0]
      return item && item.code === 'SUCCESS' && item.tempFileURL ? item.tempFileURL : null
    },
  }
}
