import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { ElderlyModeProvider } from './accessibility/ElderlyMode';
import { BottomBar } from './BottomBar';
import { DEFAULT_LANGUAGE, isLanguageTag } from '../../ui/i18n/i18n';
import { ReadingSizeProvider } from './reading/ReadingSize';
import { FeatureUnavailableScreen } from './FeatureUnavailableScreen';
import { HomeScreen } from './HomeScreen';
import { MaintenanceScreen } from './MaintenanceScreen';
import { RestoringScreen } from './RestoringScreen';
import { ScreenError } from './ScreenError';
import { StartingScreen } from './StartingScreen';
import { AnswerScreen } from '../consultation/AnswerScreen';
import { GuideScreen } from '../consultation/GuideScreen';
import { QuestionsScreen } from '../consultation/QuestionsScreen';
import { SituationsScreen } from '../consultation/SituationsScreen';
import { TopicsScreen } from '../consultation/TopicsScreen';
import { ArticleScreen } from '../law/ArticleScreen';
import { LawCategoriesScreen } from '../law/LawCategoriesScreen';
import { LawListScreen } from '../law/LawListScreen';
import { LawReaderScreen } from '../law/LawReaderScreen';
import { PrintScreen } from '../print/PrintScreen';
import { DirectoryKindsScreen } from '../directory/DirectoryKindsScreen';
import { DirectoryListScreen } from '../directory/DirectoryListScreen';
import { OfficeScreen } from '../directory/OfficeScreen';
import { CalculatorsScreen } from '../calculators/CalculatorsScreen';
import { CalculatorFormScreen } from '../calculators/CalculatorFormScreen';
import { CalculatorResultScreen } from '../calculators/CalculatorResultScreen';
import { DocumentScreen } from '../documents/DocumentScreen';
import { DocumentsScreen } from '../documents/DocumentsScreen';
import { SearchScreen } from '../search/SearchScreen';
import { LegalAidApplyScreen } from '../legal-aid/LegalAidApplyScreen';
import { LegalAidQuestionScreen } from '../legal-aid/LegalAidQuestionScreen';
import { LegalAidResultScreen } from '../legal-aid/LegalAidResultScreen';
import { LegalAidScreen } from '../legal-aid/LegalAidScreen';
import { MediationScreen } from '../mediation/MediationScreen';
import { SubmissionStatusScreen } from '../submission-status/SubmissionStatusScreen';
import { CaseStatusScreen } from '../case-status/CaseStatusScreen';
import { VideoCallScreen } from '../video-call/VideoCallScreen';
import { SessionUseProvider } from './session/SessionUse';
import { ServicesProvider, type Services, useApi, useServiceSnapshot } from './service/ServiceContext';
import { AttractLoop } from './session/AttractLoop';
import { CountdownDialog } from './session/CountdownDialog';
import { SessionProvider, useKioskSession } from './session/SessionContext';
import type { EndReason } from './session/session-machine';
import { wipeSession } from './session/wipe';
import { NATIONAL_HOTLINE, hotlineNumber } from './service/health-view';
import { ErrorBoundary } from './ErrorBoundary';
import { NavigationProvider, useNavigation } from './NavigationContext';
import type { Screen, ScreenName } from './navigation';

export interface AppProps {
  services: Services;
  /** Told the name of the screen on show, for error reports. */
  onScreenChange?(name: ScreenName): void;
}

export function App({ services, onScreenChange }: AppProps) {
  return (
    <ServicesProvider services={services}>
      <NavigationProvider>
        <Shell onScreenChange={onScreenChange} />
      </NavigationProvider>
    </ServicesProvider>
  );
}

function CurrentScreen({ screen, health }: { screen: Screen; health: Health }) {
  switch (screen.name) {
    case 'home':
      return <HomeScreen health={health} />;
    case 'feature-unavailable':
      return <FeatureUnavailableScreen feature={screen.feature} reason={screen.reason} health={health} />;
    case 'topics':
      return <TopicsScreen />;
    case 'situations':
      return <SituationsScreen topicId={screen.topicId} />;
    case 'questions':
      return <QuestionsScreen situationId={screen.situationId} health={health} />;
    case 'answer':
      return <AnswerScreen faqId={screen.faqId} health={health} />;
    case 'guide':
      return <GuideScreen guideId={screen.guideId} health={health} />;
    case 'law-categories':
      return <LawCategoriesScreen />;
    case 'law-list':
      return <LawListScreen category={screen.category} />;
    case 'law-reader':
      return <LawReaderScreen lawId={screen.lawId} articleId={screen.articleId} />;
    case 'article':
      return <ArticleScreen articleId={screen.articleId} health={health} />;
    case 'directory':
      return <DirectoryKindsScreen />;
    case 'directory-list':
      return <DirectoryListScreen choice={screen.choice} health={health} />;
    case 'directory-office':
      return <OfficeScreen choice={screen.choice} officeId={screen.officeId} health={health} />;
    case 'calculators':
      return <CalculatorsScreen />;
    case 'calculator':
      return <CalculatorFormScreen calculator={screen.calculator} initial={screen.draft} health={health} />;
    case 'calculator-result':
      return <CalculatorResultScreen draft={screen.draft} health={health} />;
    case 'print':
      return <PrintScreen source={screen.source} health={health} />;
    case 'search':
      return <SearchScreen query={screen.query} health={health} />;
    case 'documents':
      return <DocumentsScreen />;
    case 'document':
      return <DocumentScreen templateId={screen.templateId} health={health} />;
    case 'legal-aid':
      return <LegalAidScreen health={health} />;
    case 'legal-aid-question':
      return <LegalAidQuestionScreen step={screen.step} draft={screen.draft} health={health} />;
    case 'legal-aid-result':
      return <LegalAidResultScreen answers={screen.answers} health={health} />;
    case 'legal-aid-apply':
      return <LegalAidApplyScreen answers={screen.answers} health={health} />;
    case 'mediation':
      return <MediationScreen health={health} />;
    case 'submission-status':
      return <SubmissionStatusScreen health={health} />;
    case 'case-status':
      return <CaseStatusScreen health={health} answer={screen.answer} />;
    case 'video-call':
      return (
        <VideoCallScreen
          health={health}
          {...(screen.callbackFor === undefined ? {} : { callbackFor: screen.callbackFor })}
        />
      );
  }
}

/**
 * Follows the terminal's language settings: its default language when the
 * first health arrives, and back to it if the language on screen is no longer
 * offered. A citizen's own switch is left alone otherwise.
 */
function useTerminalLanguage(health: Health | null): void {
  const { i18n } = useTranslation();
  const applied = useRef(false);
  useEffect(() => {
    if (!health) return;
    const { defaultLanguage, languages } = health.terminal;
    const current = i18n.language;
    const offered = isLanguageTag(current) && languages.includes(current);
    if (applied.current && offered) return;
    applied.current = true;
    if (current !== defaultLanguage) void i18n.changeLanguage(defaultLanguage);
  }, [health, i18n]);
}

function Shell({ onScreenChange }: { onScreenChange: AppProps['onScreenChange'] }) {
  const { phase, health } = useServiceSnapshot();
  const nav = useNavigation();
  const api = useApi();
  const { i18n } = useTranslation();
  useTerminalLanguage(health);

  const screenName = nav.current.name;
  useEffect(() => {
    onScreenChange?.(screenName);
  }, [onScreenChange, screenName]);

  // The end of a session: nothing of this citizen may be recoverable by the next one.
  const defaultLanguage = health?.terminal.defaultLanguage ?? DEFAULT_LANGUAGE;
  const endSession = (reason: EndReason): void => {
    void wipeSession(reason, {
      window,
      resetNavigation: nav.reset,
      resetLanguage: () => (i18n.language === defaultLanguage ? undefined : i18n.changeLanguage(defaultLanguage)),
      endSession: (why) => api.call('sessionEnd', { reason: why }),
      report: (error, where) => console.warn(where, error),
    });
  };
  const session = useKioskSession(health?.terminal ?? null, endSession);
  const sessionPhase = session.snapshot.phase;
  // Woken from the attract loop: the service counts a citizen as here from the first touch.
  const woken = sessionPhase !== 'attract';
  useEffect(() => {
    if (woken) api.call('sessionStart', {}).catch(() => undefined);
  }, [api, woken]);

  if (!health) return phase === 'down' ? <RestoringScreen hotline={NATIONAL_HOTLINE} /> : <StartingScreen />;
  // 设备维护中: no screen, no attract loop, nothing a citizen could start.
  if (health.maintenance) return <MaintenanceScreen hotline={hotlineNumber(health)} />;

  // While the service is away the screens stay mounted underneath, inert, so
  // the citizen is back exactly where they were when it returns.
  const down = phase === 'down';
  return (
    <SessionProvider session={session}>
      {/* Keyed by the session generation: a reset remounts everything, so no component state survives it. */}
      <div className="app" key={nav.generation} inert={down || sessionPhase !== 'active'}>
        {/* 长辈模式 lives inside the keyed tree: a reset remounts it, off. */}
        <ElderlyModeProvider>
          {/* What this session used, submitted and rated (for the rating at 结束使用): inside the keyed tree, so a reset forgets it. */}
          <SessionUseProvider>
            <ErrorBoundary
              fallback={(retry) => (
                <ScreenError
                  onHome={() => {
                    nav.home();
                    retry();
                  }}
                />
              )}
            >
              <ReadingSizeProvider>
                {/* Keyed by the screen itself: an answer opened from an answer starts fresh, at the top. */}
                <CurrentScreen
                  key={`${nav.depth}:${JSON.stringify(nav.current)}`}
                  screen={nav.current}
                  health={health}
                />
              </ReadingSizeProvider>
            </ErrorBoundary>
            <BottomBar health={health} onFinish={session.finish} />
          </SessionUseProvider>
        </ElderlyModeProvider>
      </div>
      {sessionPhase === 'countdown' && session.snapshot.secondsLeft !== null && (
        <CountdownDialog
          secondsLeft={session.snapshot.secondsLeft}
          total={session.snapshot.countdownSeconds}
          onContinue={session.continue}
          onFinish={session.finish}
        />
      )}
      <AttractLoop
        showing={sessionPhase === 'attract'}
        onWake={session.wake}
        terminalName={health.terminal.displayName}
      />
      {down && <RestoringScreen hotline={hotlineNumber(health)} />}
    </SessionProvider>
  );
}

/** Last resort when the shell itself fails to render: calm screen, then a fresh start (the hash keeps the secret). */
export function FatalFallback() {
  useEffect(() => {
    const timer = setTimeout(() => window.location.reload(), 5000);
    return () => clearTimeout(timer);
  }, []);
  return <RestoringScreen hotline={NATIONAL_HOTLINE} />;
}
