import type { Citation } from '../../common/legal/citation';

/** What the index needs of an instrument in a release. */
export interface CitableLaw {
  /** The display name in this release (民法典·合同编 in the full release). */
  short: string;
  /**
   * The instrument this is, or is a part of, whatever its display name: the
   * Civil Code is one law row in the kiosk release and eight (民法典·合同编 …)
   * in the full one; both are the instrument 中华人民共和国民法典.
   */
  instrument: string;
  articles: readonly { ordinal: number; sub: number }[];
}

export type Resolved = { articleId: number } | { missing: 'law' } | { missing: 'article' };

/**
 * Article row ids of a release, and citations resolved to them by the
 * instrument they name rather than by its display name, so that an answer's
 * evidence is the same in every release that holds the instrument.
 */
export class CitationIndex<L extends CitableLaw> {
  private readonly byInstrument = new Map<string, Map<string, number>>();
  private readonly byLaw = new Map<L, Map<string, number>>();
  private readonly instrumentOf = new Map<string, string>();

  /**
   * @param laws in row order; article ids are numbered from 1 in that order.
   * @param aliases further names citations use → instrument (the kiosk's short names in a full release).
   */
  constructor(laws: readonly L[], aliases: ReadonlyMap<string, string> = new Map()) {
    let next = 1;
    for (const law of laws) {
      const own = new Map<string, number>();
      const ofInstrument = this.byInstrument.get(law.instrument) ?? new Map<string, number>();
      for (const a of law.articles) {
        const key = `${a.ordinal}.${a.sub}`;
        const id = next++;
        own.set(key, id);
        if (!ofInstrument.has(key)) ofInstrument.set(key, id);
      }
      this.byInstrument.set(law.instrument, ofInstrument);
      this.byLaw.set(law, own);
      this.instrumentOf.set(law.short, law.instrument);
    }
    for (const [name, instrument] of aliases)
      if (this.byInstrument.has(instrument)) this.instrumentOf.set(name, instrument);
  }

  /** The row id of each of a law's articles, by `ordinal.sub`. */
  rowIds(law: L): ReadonlyMap<string, number> {
    return this.byLaw.get(law) ?? new Map();
  }

  resolve(c: Citation): Resolved {
    const instrument = this.instrumentOf.get(c.law);
    const articles = instrument === undefined ? undefined : this.byInstrument.get(instrument);
    if (articles === undefined) return { missing: 'law' };
    const id = articles.get(`${c.number.ordinal}.${c.number.sub}`);
    return id === undefined ? { missing: 'article' } : { articleId: id };
  }
}
