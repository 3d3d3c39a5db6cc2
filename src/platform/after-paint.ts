/** Runs `fn` once the screen being prepared has been drawn; a mini-program draws after the current work. */
export function afterPaint(fn: () => void): void {
  setTimeout(fn, 0)
}
