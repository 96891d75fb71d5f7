import type { UserRole } from '../../../common/hub/accounts';
import { accessRefusal, isKioskAccess } from '../../../common/hub/api/access';
import { hubApi, type HubRouteName } from '../../../common/hub/api/contract';
import { CONTENT_ITEM_KINDS, type ContentItemKind } from '../../../common/hub/api/content-edits';

/**
 * The console's pages, addressed in the URL's fragment (`#/kiosks/3`): the
 * hub serves one page at `/`, and a link, a reload or the back button
 * lands on the page it names.
 */
export type ConsoleRoute =
  | { page: 'fleet' }
  | { page: 'kiosk'; id: number }
  | { page: 'releases' }
  | { page: 'content' }
  /** The items of one kind (`#/content/notice`). */
  | { page: 'content-kind'; kind: ContentItemKind }
  /** One item in the editor (`#/content/faq/wages-unpaid`); itemId null: a new one (`#/content/faq/new`). */
  | { page: 'content-item'; kind: ContentItemKind; itemId: string | null }
  | { page: 'content-review' }
  | { page: 'enroll-codes' }
  | { page: 'users' }
  | { page: 'audit' }
  | { page: 'reception' }
  | { page: 'call-history' }
  | { page: 'duty-roster' }
  | { page: 'call-figures' }
  | { page: 'figures' }
  /** The printable annual report of a year, for every region the caller manages, one region or one kiosk. */
  | { page: 'figures-report'; year: number; regionCode: string | null; kioskId: number | null }
  | { page: 'cases' }
  | { page: 'case'; id: number }
  | { page: 'feedback' }
  | { page: 'home' }
  | { page: 'not-found' };

export type NavPage =
  | 'reception'
  | 'call-history'
  | 'fleet'
  | 'releases'
  | 'content'
  | 'content-review'
  | 'enroll-codes'
  | 'users'
  | 'duty-roster'
  | 'call-figures'
  | 'figures'
  | 'cases'
  | 'feedback'
  | 'audit';

/**
 * The pages in the navigation, in order, each with the hub route it cannot
 * work without: a link is shown only to a role that route lets in (the hub
 * still decides every request).
 */
export const NAV: readonly { page: NavPage; needs: HubRouteName }[] = [
  // A lawyer's video consultations (the queue and the call ride the live socket; the documents need the templates).
  { page: 'reception', needs: 'callTemplates' },
  // A lawyer's own calls, their records, and the calls of their queues nobody answered.
  { page: 'call-history', needs: 'callsMine' },
  { page: 'fleet', needs: 'kiosks' },
  // Content releases and their staged rollouts.
  { page: 'releases', needs: 'releases' },
  // Content editing and its four-eyes review: the whole fleet's content, so administrators only.
  { page: 'content', needs: 'contentItems' },
  { page: 'content-review', needs: 'contentChanges' },
  { page: 'enroll-codes', needs: 'enrollCodeCreate' },
  { page: 'users', needs: 'users' },
  { page: 'duty-roster', needs: 'dutyRosterSet' },
  { page: 'call-figures', needs: 'callFigures' },
  { page: 'figures', needs: 'yearFigures' },
  // The case desks (法律援助, 人民调解) and the callbacks and ratings beside them: a case officer's home.
  { page: 'cases', needs: 'cases' },
  { page: 'feedback', needs: 'feedback' },
  { page: 'audit', needs: 'audit' },
];

export function parseRoute(hash: string): ConsoleRoute {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'home' };
  const kiosk = /^\/kiosks\/(\d{1,9})$/.exec(path);
  if (kiosk !== null) return { page: 'kiosk', id: Number(kiosk[1]) };
  const report = /^\/figures\/report\/(\d{4})(?:\/region\/(\d{6}))?(?:\/kiosk\/(\d{1,9}))?$/.exec(path);
  if (report !== null)
    return {
      page: 'figures-report',
      year: Number(report[1]),
      regionCode: report[2] ?? null,
      kioskId: report[3] === undefined ? null : Number(report[3]),
    };
  const content = /^\/content\/([a-z-]+)(?:\/([a-z0-9]+(?:-[a-z0-9]+)*))?$/.exec(path);
  if (content !== null) {
    const kind = CONTENT_ITEM_KINDS.find((k) => k === content[1]);
    if (kind === undefined) return { page: 'not-found' };
    if (content[2] === undefined) return { page: 'content-kind', kind };
    return { page: 'content-item', kind, itemId: content[2] === 'new' ? null : content[2] };
  }
  const oneCase = /^\/cases\/(\d{1,9})$/.exec(path);
  if (oneCase !== null) return { page: 'case', id: Number(oneCase[1]) };
  const page = NAV.find((n) => path === `/${n.page}`)?.page;
  return page === undefined ? { page: 'not-found' } : { page };
}

export function hrefOf(route: ConsoleRoute): string {
  switch (route.page) {
    case 'kiosk':
      return `#/kiosks/${route.id}`;
    case 'figures-report':
      return `#/figures/report/${route.year}${route.regionCode === null ? '' : `/region/${route.regionCode}`}${
        route.kioskId === null ? '' : `/kiosk/${route.kioskId}`
      }`;
    case 'case':
      return `#/cases/${route.id}`;
    case 'content-kind':
      return `#/content/${route.kind}`;
    case 'content-item':
      return `#/content/${route.kind}/${route.itemId ?? 'new'}`;
    case 'home':
    case 'not-found':
      return '#/';
    default:
      return `#/${route.page}`;
  }
}

/** Whether a full session of this role may call the route. */
export function mayCall(role: UserRole, route: HubRouteName): boolean {
  const access = hubApi[route].access;
  return !isKioskAccess(access) && accessRefusal(access, { kind: 'full', role }) === null;
}

/** The navigation a role sees. */
export function navFor(role: UserRole): NavPage[] {
  return NAV.filter((n) => mayCall(role, n.needs)).map((n) => n.page);
}

/** The page a route shows (a kiosk's page belongs to the fleet), for the navigation's highlight and the role check. */
export function navPageOf(route: ConsoleRoute): NavPage | null {
  if (route.page === 'kiosk') return 'fleet';
  if (route.page === 'figures-report') return 'figures';
  if (route.page === 'case') return 'cases';
  if (route.page === 'content-kind' || route.page === 'content-item') return 'content';
  return NAV.some((n) => n.page === route.page) ? (route.page as NavPage) : null;
}
