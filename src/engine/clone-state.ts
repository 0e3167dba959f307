/**
 * The one copy `step` makes of the state it is given (copy-on-write): containers are copied,
 * values are shared because the engine never mutates a value in place (see `value-path.ts`).
 */
import type { Frame, InterviewState } from './protocol.js';

function cloneFrame(frame: Frame): Frame {
  const copy: Frame = {
    ...frame,
    vars: { ...frame.vars },
    loops: { ...frame.loops },
    history: [...frame.history],
    stored: { ...frame.stored },
    visited: [...frame.visited],
  };
  if (frame.selected !== undefined) copy.selected = [...frame.selected];
  if (frame.outcomes !== undefined) copy.outcomes = { ...frame.outcomes };
  if (frame.draft !== undefined) copy.draft = { ...frame.draft };
  if (frame.choices !== undefined) copy.choices = { ...frame.choices };
  return copy;
}

/** A copy of the state whose containers the engine may change without touching the original. */
export function cloneState(state: InterviewState): InterviewState {
  return {
    ...state,
    globals: { ...state.globals, activeStages: [...state.globals.activeStages] },
    frames: state.frames.map(cloneFrame),
  };
}
