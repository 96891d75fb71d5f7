import { describe, expect, it } from 'vitest';
import { type KeyInput, shouldBlockInput } from './input-filter';

function key(k: string, mods: Partial<Pick<KeyInput, 'control' | 'meta' | 'alt'>> & { code?: string } = {}): KeyInput {
  return {
    key: k,
    code: mods.code ?? (k.length === 1 ? `Key${k.toUpperCase()}` : k),
    control: mods.control ?? false,
    meta: mods.meta ?? false,
    alt: mods.alt ?? false,
  };
}

describe('shouldBlockInput', () => {
  it.each([
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Cmd+W (close)', key('w', { meta: true })],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Cmd+Q (quit)', key('q', { meta: true })],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true })],
    ['Cmd+Alt+I (devtools)', key('i', { meta: true, alt: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true })],
    ['Ctrl+U (view source)', key('u', { control: true })],
    ['Ctrl+P (print dialog)', key('p', { control: true })],
    ['Ctrl+S (save dialog)', key('s', { control: true })],
    ['Ctrl+O (open dialog)', key('o', { control: true })],
    ['Ctrl+F (find)', key('f', { control: true })],
    ['Ctrl+N (new window)', key('n', { control: true })],
    ['Ctrl+V (paste a previous citizen’s clipboard)', key('v', { control: true })],
    ['Ctrl++ (zoom in)', key('+', { control: true, code: 'Equal' })],
    ['Ctrl+= (zoom in)', key('=', { control: true, code: 'Equal' })],
    ['Ctrl+- (zoom out)', key('-', { control: true, code: 'Minus' })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true, code: 'Digit0' })],
    ['numpad Ctrl++', key('+', { control: true, code: 'NumpadAdd' })],
    ['Ctrl+Tab', key('Tab', { control: true })],
    ['Alt+F4 (close)', key('F4', { alt: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Alt alone (menu bar)', key('Alt', { alt: true, code: 'AltLeft' })],
    ['F5 (reload)', key('F5')],
    ['F11 (fullscreen)', key('F11')],
    ['F12 (devtools)', key('F12')],
    ['F7 (caret browsing)', key('F7')],
    ['F1', key('F1')],
    ['F24', key('F24')],
    ['an F key whose key value is remapped', key('Unidentified', { code: 'F5' })],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
    ['BrowserHome', key('BrowserHome')],
  ])('blocks %s', (_what, input) => {
    expect(shouldBlockInput(input)).toBe(true);
  });

  it.each([
    ['a letter', key('a')],
    ['a capital (Shift) letter', key('A')],
    ['a digit', key('5', { code: 'Digit5' })],
    ['the letter F', key('F', { code: 'KeyF' })],
    ['Space', key(' ', { code: 'Space' })],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Tab', key('Tab')],
    ['Escape', key('Escape')],
    ['arrows', key('ArrowDown')],
    ['Shift alone', key('Shift', { code: 'ShiftLeft' })],
    ['a Chinese character from an input method', key('法', { code: '' })],
  ])('lets through %s', (_what, input) => {
    expect(shouldBlockInput(input)).toBe(false);
  });
});
