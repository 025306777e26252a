/** Draw order of the world's layers, back to front, in one place so views never fight over depth. */
export const DEPTH = {
  /** The view through the window. */
  sky: 0,
  /** The room: window frame, desk, monitor bezels. */
  backdrop: 4,
  windowGlow: 5,
  /** Light the screens spill onto the wall. */
  backglow: 6,
  /** Warm light on the desk and monitor rims. */
  roomLight: 8,
  screen: 10,
  screenText: 11,
  screenFx: 12,
  device: 14,
  deviceFx: 15,
  vignette: 20,
  flash: 21,
} as const;
