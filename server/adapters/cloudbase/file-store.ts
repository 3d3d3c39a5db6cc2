import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline, Readable, Transform } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { FileSink, FileStore } from '../../ports'
import { closed } from '../files/sealed-stream'
import { getApp } from './sdk'

/** `cloud://<env>.<bucket>/<path>`: the path of a CloudBase fileID, or null. */
const pathOfFileId = (fileId: string) => /^cloud:\/\/[\w.-]+\/([\w/.-]+)$/.exec(fileId)?.[1] ?? null

/**
 * CloudBase storage through `@cloudbase/node-sdk` (the server SDK, which storage security rules do
 * not restrict): keys are fileIDs. Reads go through a temporary URL and stop after `maxBytes` + 1
 * bytes. Mini-program clients upload with wx.cloud.uploadFile themselves (the rules let them write
 * under `uploads/` only and read nothing) and register the fileID; the function reads it back to check it.
 */
async function upload(path: string, fileContent: Buffer | ReturnType<typeof createReadStream>): Promise<string> {
  const { fileID } = await getApp().uploadFile({ cloudPath: path, fileContent })
  if (!fileID) throw new Error('upload returned no fileID')
  return fileID
}

/** A download of `key` through a temporary URL: the response, or null when there is no such file. */
async function download(key: string): Promise<Response | null> {
  if (!pathOfFileId(key)) return null
  const { fileList } = await getApp().getTempFileURL({ fileList: [{ fileID: key, maxAge: 600 }] })
  const item = fileList?.[0]
  if (!item || item.code !== 'SUCCESS' || !item.tempFileURL) return null
  const res = await fetch(item.tempFileURL)
  if (res.status === 404) return null
  if (!res.ok || !res.body) throw new Error(`storage download failed with HTTP ${res.status}`)
  return res
}

/**
 * A file written as a stream: spooled to the function's temporary disk (512 MB on CloudBase, far
 * beyond its memory) and uploaded from there as a file stream, which the SDK accepts besides a
 * Buffer. Memory holds a chunk at a time; the disk copy is removed either way.
 */
function spooledSink(path: string): FileSink {
  const tmp = join(tmpdir(), `lantian-${randomBytes(8).toString('hex')}.part`)
  const out = createWriteStream(tmp, { mode: 0o600, flags: 'wx' })
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length
      done(null, chunk)
    },
  })
  // A failed write (a full disk) destroys both: the exporter's next write or wait fails, close rejects.
  pipeline(stream, out, () => undefined)
  return {
    stream,
    async close() {
      try {
        await finished(out)
        return { key: await upload(path, createReadStream(tmp)), size }
      } finally {
        rmSync(tmp, { force: true })
      }
    },
    async abort() {
      stream.destroy()
      await closed(out)
      rmSync(tmp, { force: true })
    },
  }
}

export function cloudbaseFileStore(): FileStore {
  return {
    put: (path, bytes) => upload(path, Buffer.from(bytes)),
    async get(key, maxBytes) {
      const res = await download(key)
      if (!res?.body) return null
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
    async create(path) {
      return spooledSink(path)
    },
    async open(key) {
      const res = await download(key)
      if (!res?.body) return null
      return { stream: Readable.fromWeb(res.body as never), size: Number(res.headers.get('content-length') ?? 0) }
    },
    async temporaryUrl(key, seconds) {
      if (!pathOfFileId(key)) return null
      const { fileList } = await getApp().getTempFileURL({ fileList: [{ fileID: key, maxAge: seconds }] })
      const item = fileList?.[0]
      return item && item.code === 'SUCCESS' && item.tempFileURL ? item.tempFileURL : null
    },
  }
}
