/** A hidden tab gets no frames: the work runs after this long all the same. */
const LATEST_MS = 500

/**
 * Runs `fn` once the browser has painted the frame being prepared: a task queued from the frame's
 * own callback runs after its paint.
 */
export function afterPaint(fn: () => void): void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    fn()
  }
  const latest = setTimeout(run, LATEST_MS)
  requestAnimationFrame(() =>
    setTimeout(() => {
      clearTimeout(latest)
      run()
    }, 0),
  )
}
