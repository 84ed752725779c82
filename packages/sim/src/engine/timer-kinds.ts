/** The fast engine's timer kinds (an event heap entry's `kind`). */
export const T_SUBMIT = 1;
export const T_CANCEL = 2;
export const T_WAKE = 3;
export const T_TRANSMIT = 4;
export const T_ACK = 5;
export const T_COMPLETE = 6;
export const T_LINK = 7;
export const T_WATCH = 8;
export const T_GAP = 9;

/** A link delivery's operand packs the frame's seq and spacecraft: `seq * FRAME_SEQ_BASE + spacecraft`. */
export const FRAME_SEQ_BASE = 65_536;
