import { describe, expect, it } from 'vitest';
import { Html, markup } from './page-html';

describe('markup', () => {
  it('escapes text, keeps its own markup, and refuses a look-alike of markup (an object from JSON with an html field)', () => {
    const bold = markup`<b>${'<i>&"'}</b>`;
    expect(markup`<p>${bold}${[bold, bold]}</p>`.html).toBe(`<p>${'<b>&lt;i&gt;&amp;&quot;</b>'.repeat(3)}</p>`);
    const planted = JSON.parse('{"html":"<meta http-equiv=\\"refresh\\">"}') as Html;
    expect(() => markup`<li>${planted}</li>`).toThrow(/expected text or markup, got object/);
    expect(() => markup`<ul>${[planted]}</ul>`).toThrow(/expected text or markup/);
    expect(() => markup`<li>${Object.create(Html.prototype) as Html}</li>`).toThrow(/expected text or markup/);
    expect(() => markup`<li>${7 as unknown as string}</li>`).toThrow(/got number/);
  });
});
