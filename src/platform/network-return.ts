/** Default (type checking, and any platform without its own file): the weapp one. */
export { onNetworkReturn } from './network-return.weapp'
