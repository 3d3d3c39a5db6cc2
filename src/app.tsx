import type { PropsWithChildren } from 'react'
import { enableAccessibility } from './platform/a11y'
import { initCloud } from './platform/cloud-init'
import './app.css'

// Before any page loads: pages may call the cloud from their first lifecycle hook.
initCloud()
enableAccessibility()

/** The app shell: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
