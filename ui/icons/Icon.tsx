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
  phone: (
    <path d="M5 3.5h3.5l2 5-2.5 1.5a11 11 0 0 0 6 6l1.5-2.5 5 2V19a2 2 0 0 1-2 2A17 17 0 0 1 3 5.5a2 2 0 0 1 2-2z" />
  ),
  // The video call's controls.
  mic: (
    <>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />
    </>
  ),
  micOff: (
    <>
      <path d="M15 9.5V6a3 3 0 0 0-5.6-1.5M9 9v2a3 3 0 0 0 4.6 2.5" />
      <path d="M5.5 11a6.5 6.5 0 0 0 10.3 5.3M18.5 11a6.4 6.4 0 0 1-.5 2.5M12 17.5V21M8.5 21h7M3 3l18 18" />
    </>
  ),
  volumeDown: (
    <>
      <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" />
      <path d="M15.5 10a3 3 0 0 1 0 4" />
    </>
  ),
  volumeUp: (
    <>
      <path d="M3 9.5h3.5L11 5.5v13l-4.5-4H3z" />
      <path d="M14.5 9.5a3.5 3.5 0 0 1 0 5M17.5 7a7 7 0 0 1 0 10" />
    </>
  ),
  hangUp: <path d="M3.5 14.5c4.9-4.4 12.1-4.4 17 0l-1.7 3-3.6-1.3-.5-2.7a9 9 0 0 0-5.4 0l-.5 2.7-3.6 1.3z" />,
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
  // Actions
  print: (
    <>
      <path d="M7 9V3h10v6" />
      <rect x="3" y="9" width="18" height="8" rx="2" />
      <path d="M7 14h10v7H7z" />
    </>
  ),
  search: (
    <>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5L21 21" />
    </>
  ),
  contents: <path d="M8 6h13M8 12h13M8 18h13M3.5 6h.01M3.5 12h.01M3.5 18h.01" />,
  jump: (
    <>
      <path d="M5 4h14" />
      <path d="M12 8v12M7 15l5 5 5-5" />
    </>
  ),
  forward: <path d="M9 5l7 7-7 7" />,
  article: (
    <>
      <path d="M6 3h12v18H6z" />
      <path d="M9 8h6M9 12h6M9 16h4" />
    </>
  ),
  retry: (
    <>
      <path d="M20 12a8 8 0 1 1-2.3-5.7" />
      <path d="M20 4v5h-5" />
    </>
  ),
  close: <path d="M6 6l12 12M18 6L6 18" />,
  idCard: (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <circle cx="8.5" cy="11" r="2.2" />
      <path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 14h4.5" />
    </>
  ),
  edit: (
    <>
      <path d="M4 20h4L19 9l-4-4L4 16z" />
      <path d="M13.5 6.5l4 4" />
    </>
  ),
  qrCode: (
    <>
      <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4z" />
      <path d="M14 14h2v2h-2zM18 14h2M14 18v2M17 17h3v3h-3z" />
    </>
  ),
  // Consultation topics (content/topics.yaml names them); `topic` when a name is unknown.
  topic: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.8 9.3a2.3 2.3 0 1 1 3 2.2c-.6.2-.8.6-.8 1.2v.8" />
      <path d="M12 16.5h.01" />
    </>
  ),
  wallet: (
    <>
      <path d="M4 7h15a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h11v3" />
      <path d="M16 12.5h5v4h-5a2 2 0 0 1 0-4z" />
    </>
  ),
  bandage: (
    <>
      <rect x="2.5" y="8" width="19" height="8" rx="4" transform="rotate(-45 12 12)" />
      <path d="M10.5 10.5h.01M13.5 13.5h.01M10.5 13.5h.01M13.5 10.5h.01" />
    </>
  ),
  umbrella: (
    <>
      <path d="M3 12a9 9 0 0 1 18 0z" />
      <path d="M12 12v6.5a2 2 0 0 1-4 0" />
      <path d="M12 3V2" />
    </>
  ),
  family: (
    <>
      <circle cx="7.5" cy="6" r="2.5" />
      <circle cx="16.5" cy="6" r="2.5" />
      <circle cx="12" cy="13" r="2" />
      <path d="M3.5 20v-5.5a4 4 0 0 1 6-3.5M20.5 20v-5.5a4 4 0 0 0-6-3.5M9 21v-2a3 3 0 0 1 6 0v2" />
    </>
  ),
  shield: (
    <>
      <path d="M12 3l8 3v6c0 4.6-3.4 8-8 9-4.6-1-8-4.4-8-9V6z" />
      <path d="M12 8v5M12 16h.01" />
    </>
  ),
  handshake: (
    <>
      <path d="M2 11l4-4 4 1 3-2 3 1 4 4" />
      <path d="M2 11l7 7c.8.8 2 .8 2.8 0l6.2-6.2" />
      <path d="M13 6l-4 4a1.5 1.5 0 0 0 2 2l2.5-2 4.5 4.5" />
      <path d="M22 11l-4 4" />
    </>
  ),
  car: (
    <>
      <path d="M3 16v-4l2.5-5.5A2 2 0 0 1 7.3 5h9.4a2 2 0 0 1 1.8 1.5L21 12v4z" />
      <path d="M3 12h18" />
      <path d="M5 16v3h3v-3M16 16v3h3v-3" />
      <path d="M7 14h.01M17 14h.01" />
    </>
  ),
  cart: (
    <>
      <path d="M2 3h3l2.6 11.5a2 2 0 0 0 2 1.5H18a2 2 0 0 0 2-1.6L21.5 7H6" />
      <circle cx="9.5" cy="20" r="1.5" />
      <circle cx="17.5" cy="20" r="1.5" />
    </>
  ),
  key: (
    <>
      <circle cx="7.5" cy="15.5" r="4.5" />
      <path d="M10.7 12.3L20 3M16 7l3 3M14 9l2 2" />
    </>
  ),
  building: (
    <>
      <path d="M4 21V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v17" />
      <path d="M15 9h4a1 1 0 0 1 1 1v11" />
      <path d="M2 21h20" />
      <path d="M8 7h3M8 11h3M8 15h3" />
      <path d="M10 21v-3" />
    </>
  ),
  scroll: (
    <>
      <path d="M7 3h11a2 2 0 0 1 2 2v12" />
      <path d="M7 3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2v-2H10v2a2 2 0 0 1-2 2" />
      <path d="M9 8h7M9 12h7" />
    </>
  ),
  elder: (
    <>
      <circle cx="11" cy="4.5" r="2" />
      <path d="M9 21l1.5-7L9 10.5 11 8l2.5 3.5L16 13" />
      <path d="M12.5 14.5L14 21" />
      <path d="M17 11v10" />
    </>
  ),
  alert: (
    <>
      <path d="M8.5 3h7L21 8.5v7L15.5 21h-7L3 15.5v-7z" />
      <path d="M12 7.5v5.5" />
      <path d="M12 16.5h.01" />
    </>
  ),
  scales: (
    <>
      <path d="M12 3v18M7 21h10" />
      <path d="M4 7h16" />
      <path d="M6 7l-3 7a3 3 0 0 0 6 0zM18 7l-3 7a3 3 0 0 0 6 0z" />
    </>
  ),
  // 算一算 and 机构查询 (law firms).
  calculator: (
    <>
      <rect x="5" y="2.5" width="14" height="19" rx="2" />
      <path d="M8 6.5h8v3H8z" />
      <path d="M8.5 13h.01M12 13h.01M15.5 13h.01M8.5 16.5h.01M12 16.5h.01M15.5 16.5h.01" />
    </>
  ),
  briefcase: (
    <>
      <rect x="3" y="7" width="18" height="13" rx="2" />
      <path d="M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2" />
      <path d="M3 12.5h18" />
    </>
  ),
  // 法律援助: who the citizen is, the integrity pledge.
  person: (
    <>
      <circle cx="12" cy="7.5" r="3.5" />
      <path d="M5 21v-1.5a7 7 0 0 1 14 0V21" />
    </>
  ),
  worker: (
    <>
      <path d="M4 12.5h16" />
      <path d="M6 12.5a6 6 0 0 1 12 0" />
      <path d="M12 6.5V4" />
      <path d="M7 14.5a5 5 0 0 0 10 0" />
      <path d="M5.5 21a6.5 6.5 0 0 1 13 0" />
    </>
  ),
  child: (
    <>
      <circle cx="12" cy="5.5" r="2.5" />
      <path d="M8 10.5l4-1.5 4 1.5" />
      <path d="M12 9v6M9.5 21l2.5-6 2.5 6" />
    </>
  ),
  accessible: (
    <>
      <circle cx="10" cy="4.5" r="2" />
      <path d="M10 8v6h6l2.5 5" />
      <path d="M10 11h5" />
      <path d="M7 11.5a5.5 5.5 0 1 0 7.5 7" />
    </>
  ),
  pen: (
    <>
      <path d="M3 21h18" />
      <path d="M6 17.5l1-4L16.5 4l3 3L10 16.5z" />
    </>
  ),
} satisfies Record<FeatureId, ReactNode> & Record<string, ReactNode>; // every feature has an icon

export type IconName = keyof typeof PATHS;

export function isIconName(name: string): name is IconName {
  return Object.hasOwn(PATHS, name);
}

/** Content names its own icons (topics.yaml); one this UI does not draw gets the generic `topic` icon, never a blank. */
export function contentIcon(name: string | null | undefined): IconName {
  return name != null && isIconName(name) ? name : 'topic';
}

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
