/** WeChat's own button is a native control already: nothing to add outside the browser. */
export function enableAccessibility(): void {}
