/** Runs after the on-screen keyboard has opened and been laid out. */
export function afterKeyboard(fn: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(fn));
}

/**
 * The docked keyboard must never cover the field it types into: once the
 * keyboard is open, scroll `block()` (the field with its label, or the whole
 * item) to the top when the input — or, with `measure: 'block'`, the block —
 * reaches under it.
 */
export function keepInSightOfKeyboard(
  input: HTMLElement,
  block: () => Element | null,
  measure: 'input' | 'block' = 'input',
): void {
  afterKeyboard(() => {
    const keyboard = document.querySelector('.kb');
    if (keyboard === null || !input.isConnected) return;
    const target = block();
    if (target === null) return;
    const bottom = (measure === 'input' ? input : target).getBoundingClientRect().bottom;
    if (bottom > keyboard.getBoundingClientRect().top - 8) target.scrollIntoView({ block: 'start' });
  });
}
