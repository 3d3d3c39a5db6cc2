/** Outside WeChat there is no CloudBase SDK to initialise: the H5 build talks to `/api`. */
export function initCloud(): void {}
