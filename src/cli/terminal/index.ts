/** The terminal screen runner: renders engine screens as prompts (used by `eddy run` and `eddy resume`). */
export { promptScreen, PAUSE_REASON_MAX_LENGTH, REQUIRED_FIELD_MESSAGE, type ScreenAnswer } from './prompt-screen.js';
export { renderScreenText, navigationChoices, plainText, type NavigationChoice } from './render-screen-text.js';
export { renderFinish } from './render-finish.js';
export { closeTerminal, LineReader, TerminalClosedError, type TerminalIo } from './line-reader.js';
export { parseFieldAnswer, inputKindOf, type InputKind, type FieldAnswer } from './field-answer.js';
