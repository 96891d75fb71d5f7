import { highlightSegments, type Range } from './highlight';

/** Text with some runs drawn as <mark> (search hits, "find in this law"); the marks also get a heavier weight, not only a colour. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  if (ranges.length === 0) return <>{text}</>;
  return (
    <>
      {highlightSegments(text, ranges).map((seg, i) =>
        seg.mark ? (
          <mark key={i} className="hl">
            {seg.text}
          </mark>
        ) : (
          <span key={i}>{seg.text}</span>
        ),
      )}
    </>
  );
}
