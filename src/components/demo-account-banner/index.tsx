/** Props of the demo account line. */
export interface DemoAccountBannerProps {
  /** The signed-in account's name, from the page's own `me` call (none while it is on its way). */
  displayName?: string
}

/** In WeChat the identity is the user's own: there is no demo account to show. */
export default function DemoAccountBanner(_props: DemoAccountBannerProps) {
  return null
}
