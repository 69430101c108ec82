// Small keyboard helpers shared by the window-wide shortcuts and the panes.

/** True when typing keys belong to the focused element (text inputs, text areas, selects, editable content). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  }
  return false;
}

/** "Ctrl" on Windows and Linux, "⌘" on macOS, for shortcut hints. */
export const modKey = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Ctrl on Windows/Linux, Cmd on macOS. */
export function hasMod(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}
