import type { ReactNode } from 'react';
import type { FeatureId } from '../../common/features';

/**
 * Line icons drawn inline: the kiosk has no network at runtime and the CSP
 * allows no icon fonts from elsewhere. 24×24 grid, stroke in currentColor so
 * icons follow the text colour. Always decorative: the text beside an icon
 * carries the meaning, so icons are hidden from assistive technology.
 */
const PATHS = {
  // Features
  consultation: (
    <>
      <path d="M4 4h16v12H10l-5 4v-4H4z" />
      <path d="M9.8 8.3a2.3 2.3 0 1 1 3 2.2c-.6.2-.8.6-.8 1.2" />
      <path d="M12 14h.01" />
    </>
  ),
  lawLookup: (
    <>
      <path d="M3 5.5c3-1.3 6-1.3 9 .5 3-1.8 6-1.8 9-.5V19c-3-1.3-6-1.3-9 .5-3-1.8-6-1.8-9-.5z" />
      <path d="M12 6v13.5" />
    </>
  ),
  legalAid: (
    <>
      <path d="M12 3l8 3v6c0 4.6-3.4 8-8 9-4.6-1-8-4.4-8-9V6z" />
      <path d="M8.5 12l2.5 2.5 4.5-5" />
    </>
  ),
  documents: (
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M15 3v4h4" />
      <path d="M9 12h7M9 16h7" />
    </>
  ),
  mediation: (
    <>
      <path d="M3 4h11v8H8l-3 3v-3H3z" />
      <path d="M17 8h4v8h-2v3l-3-3h-6v-2" />
    </>
  ),
  videoCall: (
    <>
      <rect x="2.5" y="6" width="13" height="12" rx="2" />
      <path d="M15.5 10.5l6-3.5v10l-6-3.5" />
    </>
  ),
  directory: (
    <>
      <path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z" />
      <circle cx="12" cy="9.5" r="2.5" />
    </>
  ),
  // Navigation and status
  back: <path d="M20 12H5M11 5l-7 7 7 7" />,
  home: (
    <>
      <path d="M3 11l9-8 9 8" />
      <path d="M5 9.5V21h14V9.5" />
      <path d="M10 21v-6h4v6" />
    </>
  ),
  globe: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18" />
      <path d="M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
    </>
  ),
  phone: <path d="M5 3.5h3.5l2 5-2.5 1.5a11 11 0 0 0 6 6l1.5-2.5 5 2V19a2 2 0 0 1-2 2A17 17 0 0 1 3 5.5a2 2 0 0 1 2-2z" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3.5 2" />
    </>
  ),
  notOffered: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M5.6 5.6l12.8 12.8" />
    </>
  ),
  disconnected: (
    <>
      <path d="M7 18.5h10a4 4 0 0 0 .5-8 6 6 0 0 0-11.3 1.5A3.5 3.5 0 0 0 7 18.5z" />
      <path d="M3 3l18 18" />
    </>
  ),
  warning: (
    <>
      <path d="M12 3.5l9.5 17h-19z" />
      <path d="M12 10v5" />
      <path d="M12 18h.01" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v6" />
      <path d="M12 7.5h.01" />
    </>
  ),
  ok: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12.5l3 3 5-6" />
    </>
  ),
} satisfies Record<FeatureId, ReactNode> & Record<string, ReactNode>; // every feature has an icon

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
