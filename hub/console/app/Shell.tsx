import { Button, Layout, Menu, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/hub/api/accounts';
import { AuditPage } from '../audit/AuditPage';
import { CallFiguresPage } from '../call-admin/CallFiguresPage';
import { DutyRosterPage } from '../call-admin/DutyRosterPage';
import { CallHistoryPage } from '../calls/CallHistoryPage';
import { CaseDeskPage } from '../cases/CaseDeskPage';
import { CasePage } from '../cases/CasePage';
import { FeedbackPage } from '../cases/FeedbackPage';
import { ReceptionPage } from '../calls/ReceptionPage';
import type { LiveState } from '../data/live-socket';
import { EnrollCodesPage } from '../enroll/EnrollCodesPage';
import { AnnualReportPage } from '../figures/AnnualReportPage';
import { YearFiguresPage } from '../figures/YearFiguresPage';
import { FleetPage } from '../fleet/FleetPage';
import { KioskPage } from '../fleet/KioskPage';
import { LanguageButton } from '../shared/LanguageButton';
import { PageMessage } from '../shared/PageMessage';
import { ReleasesPage } from '../releases/ReleasesPage';
import { ContentEditPage } from '../content/ContentEditPage';
import { ContentReviewPage } from '../content/ContentReviewPage';
import { UsersPage } from '../users/UsersPage';
import { LiveIndicator } from './LiveIndicator';
import { hrefOf, navFor, navPageOf, parseRoute, type ConsoleRoute, type NavPage } from './routes';

const NAV_LABELS = {
  reception: 'hubCalls.nav',
  'call-history': 'hubCalls.history.nav',
  fleet: 'hubConsole.nav.fleet',
  releases: 'hubReleases.nav',
  content: 'hubContent.nav',
  'content-review': 'hubContent.reviewNav',
  'enroll-codes': 'hubConsole.nav.enrollCodes',
  users: 'hubConsole.nav.users',
  'duty-roster': 'hubCallAdmin.roster.nav',
  'call-figures': 'hubCallAdmin.figures.nav',
  figures: 'hubFigures.nav',
  cases: 'hubCases.nav.cases',
  feedback: 'hubCases.nav.feedback',
  audit: 'hubConsole.nav.audit',
} as const satisfies Record<NavPage, string>;

function useHashRoute(): ConsoleRoute {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** The signed-in console: the navigation its role may use, whether live updates work, who is signed in, the page the address names. */
export function Shell({ user, onSignOut, liveState }: { user: Me; onSignOut: () => void; liveState: LiveState }) {
  const { t } = useTranslation();
  const route = useHashRoute();
  const nav = navFor(user.role);
  const current = route.page === 'home' ? nav[0] : navPageOf(route);

  useEffect(() => {
    // A page moved to by the navigation starts at its heading, for keyboards and screen readers alike.
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route]);

  let page;
  if (current === undefined) page = <PageMessage status="info" title={t('hubConsole.common.nothingForRole')} />;
  else if (current === null) page = <PageMessage status="404" title={t('hubConsole.common.notFound')} />;
  else if (!nav.includes(current)) page = <PageMessage status="403" title={t('hubConsole.common.notAllowed')} />;
  else if (route.page === 'kiosk') page = <KioskPage id={route.id} />;
  else if (route.page === 'case') page = <CasePage id={route.id} />;
  else if (current === 'cases') page = <CaseDeskPage />;
  else if (current === 'feedback') page = <FeedbackPage />;
  else if (current === 'reception') page = <ReceptionPage />;
  else if (current === 'call-history') page = <CallHistoryPage />;
  else if (current === 'duty-roster') page = <DutyRosterPage user={user} />;
  else if (current === 'call-figures') page = <CallFiguresPage user={user} />;
  else if (route.page === 'figures-report')
    page = (
      <AnnualReportPage
        asked={{
          year: route.year,
          ...(route.regionCode === null ? {} : { regionCode: route.regionCode }),
          ...(route.kioskId === null ? {} : { kioskId: route.kioskId }),
        }}
      />
    );
  else if (current === 'figures') page = <YearFiguresPage user={user} />;
  else if (current === 'fleet') page = <FleetPage />;
  else if (current === 'releases') page = <ReleasesPage user={user} />;
  else if (route.page === 'content-item')
    page = <ContentEditPage user={user} kind={route.kind} open={{ itemId: route.itemId }} />;
  else if (route.page === 'content-kind') page = <ContentEditPage user={user} kind={route.kind} />;
  else if (current === 'content') page = <ContentEditPage user={user} kind="faq" />;
  else if (current === 'content-review') page = <ContentReviewPage user={user} />;
  else if (current === 'enroll-codes') page = <EnrollCodesPage user={user} />;
  else if (current === 'users') page = <UsersPage user={user} />;
  else page = <AuditPage />;

  return (
    <Layout className="console-layout">
      <a
        className="console-skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('hubConsole.skipToContent')}
      </a>
      <Layout.Sider theme="light" width={220} className="console-sider">
        <div className="console-brand">{t('hubConsole.name')}</div>
        <nav aria-label={t('hubConsole.nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={nav.map((p) => ({ key: p, label: <a href={hrefOf({ page: p })}>{t(NAV_LABELS[p])}</a> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <LiveIndicator state={liveState} />
          <Typography.Text>
            {t('hubConsole.nav.signedInAs', {
              name: user.displayName ?? user.login,
              role: t(`hubAccounts.roles.${user.role}`),
            })}
          </Typography.Text>
          <LanguageButton />
          <Button onClick={onSignOut} data-testid="sign-out">
            {t('hubConsole.nav.signOut')}
          </Button>
        </Layout.Header>
        <Layout.Content>
          <main id="main" tabIndex={-1} className="console-main">
            {page}
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
