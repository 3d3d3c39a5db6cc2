/** Default (type checking, and any platform without its own file): the weapp one. */
export { askSubscribe, canSubscribe } from './subscribe.weapp'
