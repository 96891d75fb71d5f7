import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { useServiceQuery } from '../app/service/use-service-query';
import { TakeAwayQr } from '../shared/TakeAwayQr';
import { PrintButton } from '../print/PrintSlipButton';
import { Section, StepList } from '../../ui/answer/AnswerBlocks';
import { Citations } from './AnswerSections';
import '../flow/flows.css';
import '../shared/content.css';

/** 办事指南: how to do one thing (apply for arbitration…), step by step, with time limits marked; on paper or phone to take along. */
export function GuideScreen({ guideId, health }: { guideId: string; health: Health }) {
  const { t } = useTranslation();
  const guide = useServiceQuery('guide', { id: guideId });
  return (
    <main className="screen answer" data-testid="guide">
      <ScreenHeader title={guide.status === 'ok' ? guide.data.title : t('search.groups.guide')} />
      <QueryView query={guide}>
        {(g) => (
          <>
            <div className="answer__body" lang="zh-CN">
              <p className="accent-box accent-box--roomy accent-box--reading reading">{g.summary}</p>
              <Section title={t('guide.steps')}>
                <StepList steps={g.steps.map((s) => ({ title: s.title, step: s.body, timeLimit: s.timeLimit }))} />
              </Section>
            </div>
            <Citations cites={g.cites} />
            <TakeAwayQr
              subject={{ kind: 'guide', id: g.id, title: g.title, summary: g.summary, steps: g.steps, cites: g.cites }}
              hubUrl={health.terminal.hubUrl}
            />
            <div className="screen-actions">
              <PrintButton source={{ kind: 'guide', guideId: g.id }} label={t('guide.print')} health={health} />
            </div>
          </>
        )}
      </QueryView>
    </main>
  );
}
