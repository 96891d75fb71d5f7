import { describe, expect, it } from 'vitest';
import { buttonSpeech, capSpeech, normaliseSpeech, pickScreenText, speechLang } from './read-aloud';

describe('read-aloud text', () => {
  it('reads the heading and the first paragraph with text', () => {
    expect(pickScreenText({ heading: '劳动工资', paragraphs: ['', '  请选择\n 您的情况 ', '第二段'] })).toBe(
      '劳动工资。 请选择 您的情况。',
    );
  });

  it('does not repeat the heading and copes with an empty screen', () => {
    expect(pickScreenText({ heading: 'Home', paragraphs: ['Home', 'Choose a service'] })).toBe(
      'Home. Choose a service.',
    );
    expect(pickScreenText({ heading: null, paragraphs: [] })).toBe('');
  });

  it('caps long text at a sentence end', () => {
    const text = `${'劳动者的工资应当按时足额支付。'.repeat(40)}`;
    const capped = capSpeech(text, 100);
    expect(capped.length).toBeLessThanOrEqual(100);
    expect(capped.endsWith('。')).toBe(true);
    expect(capSpeech('short')).toBe('short');
  });

  it('speaks a button by its aria-label, else its words', () => {
    expect(buttonSpeech('关闭', '×')).toBe('关闭');
    expect(buttonSpeech(null, ' 智能咨询\n常见法律问题解答 ')).toBe('智能咨询 常见法律问题解答');
    expect(normaliseSpeech(' a \t b ')).toBe('a b');
  });

  it('picks the voice language from the UI language', () => {
    expect(speechLang('zh-CN')).toBe('zh-CN');
    expect(speechLang('en')).toBe('en-US');
  });
});
