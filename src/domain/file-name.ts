import * as v from 'valibot'

/**
 * A file name as people gave it, made safe to store and show: line breaks and tabs become spaces;
 * other control characters (NUL, C1), bidirectional overrides and isolates (U+202E makes
 * `invoice\u202Efdp.exe` read as `invoiceexe.pdf`) and invisible format characters are dropped;
 * path separators become `_`; runs of whitespace one space. What is left may be empty (the schema
 * then asks for a name).
 */

// C0 and C1 controls, DEL; bidi marks, embeddings, overrides and isolates; zero-width characters and the BOM; line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/gu

/** The name without control, bidi and invisible characters, separators replaced, whitespace collapsed and trimmed. */
export function cleanFileName(name: string): string {
  return name.normalize('NFC').replace(/[\t\n\v\f\r\u2028\u2029]/gu, ' ').replace(UNSAFE, '').replace(/[/\\]/g, '_').replace(/\s+/gu, ' ').trim()
}

/** A file's name as sent with an upload: cleaned (see `cleanFileName`), then 1 to 100 characters. */
export const FileNameSchema = v.pipe(
  v.string('缺少文件名'),
  v.transform(cleanFileName),
  v.nonEmpty('缺少文件名'),
  v.maxLength(100, '文件名不能超过100个字'),
)
