/** Default transport (type checking, and any platform without its own file): the weapp one. */
export { send } from './transport.weapp'
