import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/QueryView';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useServiceQuery } from '../../service/use-service-query';
import { Citations, Section, StepList } from './parts';
import '../content.css';

/** 办事指南: how to do one thing (apply for arbitration…), step by step, with time limits marked. */
export function GuideScreen({ guideId }: { guideId: string }) {
  const { t } = useTranslation();
  const guide = useServiceQuery('guide', { id: guideId });
  return (
    <main className="screen answer" data-testid="guide">
      <ScreenHeader title={guide.status === 'ok' ? guide.data.title : t('search.groups.guide')} />
      <QueryView query={guide}>
        {(g) => (
          <>
            <div className="answer__body" lang="zh-CN">
              <p className="answer__text reading">{g.summary}</p>
              <Section title={t('guide.steps')}>
                <StepList steps={g.steps.map((s) => ({ title: s.title, step: s.body, timeLimit: s.timeLimit }))} />
              </Section>
            </div>
            <Citations cites={g.cites} />
          </>
        )}
      </QueryView>
    </main>
  );
}
