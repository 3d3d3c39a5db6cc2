/** Default (type checking, and any platform without its own file): the weapp one. */
export { canPickOnMap, pickPointOnMap } from './pick-point.weapp'
export type { PickedPoint } from './pick-point.weapp'
