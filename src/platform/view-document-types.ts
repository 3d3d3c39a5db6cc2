/** How a document was shown: by the platform's own viewer (with something to say), or as an image for the page to show. */
export type ShownDocument = { kind: 'native'; said?: string } | { kind: 'image'; src: string }
