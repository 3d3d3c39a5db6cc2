/**
 * WeChat's pickers are native: WeChat draws them and no style of the mini-program reaches them, so
 * they cannot follow the large-text mode (WeChat's own font size setting enlarges them). Nothing to load.
 */
export {}
