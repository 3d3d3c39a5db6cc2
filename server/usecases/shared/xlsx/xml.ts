import { SaxesParser } from 'saxes'
import { FileProblem } from '../csv'
import { LIMIT_MESSAGES, type SheetLimits } from '../sheet-limits'

/** What a part's reader does with each element; names without their namespace prefix. */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void
  close?(name: string): void
  text?(text: string): void
}

/** An XML part fed chunk by chunk as it is inflated. */
export interface XmlSink {
  write(chunk: Uint8Array): void
  end(): void
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

/**
 * A streaming XML reader over saxes, for the parts of a workbook. saxes never expands an entity a
 * DTD declares, and any DOCTYPE refuses the part here, so no entity trick (billion laughs, external
 * entities) gets past; nesting deeper than `maxXmlDepth` refuses it while it is read; bytes that
 * are not UTF-8 or XML that is not well formed make it an invalid file.
 */
export function xmlSink(handlers: XmlHandlers, limits: SheetLimits): XmlSink {
  const parser = new SaxesParser({ position: false })
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let depth = 0
  parser.on('doctype', () => {
    throw new FileProblem(LIMIT_MESSAGES.doctype())
  })
  parser.on('error', () => {
    throw new FileProblem(LIMIT_MESSAGES.invalidXlsx())
  })
  parser.on('opentag', (tag) => {
    if (++depth > limits.maxXmlDepth) throw new FileProblem(LIMIT_MESSAGES.depth(limits))
    handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>)
  })
  // saxes reports a self-closing tag's close too.
  parser.on('closetag', (tag) => {
    depth--
    handlers.close?.(localName(tag.name))
  })
  if (handlers.text) {
    parser.on('text', handlers.text)
    parser.on('cdata', handlers.text)
  }
  const decode = (chunk: Uint8Array | undefined) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode()
    } catch {
      throw new FileProblem(LIMIT_MESSAGES.invalidXlsx())
    }
  }
  return {
    write: (chunk) => void parser.write(decode(chunk)),
    end: () => {
      parser.write(decode(undefined))
      parser.close()
    },
  }
}
