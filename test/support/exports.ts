/**
 * Reading an export as its downloader would: the reply carries a link, not the bytes. A local link
 * (`/files/<token>`) names its file in the token's body; the file is read from the file store it
 * was written to. Any other link (CloudBase storage's, here the stand-in's) is fetched.
 */
import { FILE_LINK_PREFIX } from '../../server/adapters/files/file-links'
import type { FileStore } from '../../server/ports'
import type { ExportedFile } from '../../src/domain/api/households'

/** The file store key a local link names (without checking its signature: the route does that). */
export function keyOfLocalLink(url: string): string {
  const body = url.slice(FILE_LINK_PREFIX.length).split('.')[0]
  return (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { k: string }).k
}

/** The bytes of an export, through its link; checks the reply's size against them. */
export async function exportedBytes(files: FileStore, file: ExportedFile): Promise<Uint8Array> {
  let bytes: Uint8Array | null
  if (file.url.startsWith(FILE_LINK_PREFIX)) bytes = await files.get(keyOfLocalLink(file.url), 1024 * 1024 * 1024)
  else {
    const res = await fetch(file.url)
    bytes = res.ok ? new Uint8Array(await res.arrayBuffer()) : null
  }
  if (!bytes) throw new Error(`export ${file.fileName} is not in the file store`)
  expect(bytes.length).toBe(file.size)
  return bytes
}
