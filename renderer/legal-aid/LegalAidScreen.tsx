import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { useNavigation } from '../app/NavigationContext';
import { ScreenHeader } from '../shared/ScreenHeader';
import { Tile } from '../../ui/buttons/Tile';
import { StatusLookupButton } from '../submission-status/StatusLookupButton';
import { CaseStatusButton } from '../case-status/CaseStatusButton';
import { Section } from '../../ui/answer/AnswerBlocks';
import { OfficeCard, useNearestLegalAidOffice } from './OfficeCard';
import '../shared/content.css';
import '../flow/flows.css';
import './legal-aid.css';

/**
 * 法律援助: what legal aid is, in one sentence, and the two ways on — see
 * whether it applies (a few questions) or apply straight away — with the
 * nearest legal-aid centre below.
 */
export function LegalAidScreen({ health }: { health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const nearest = useNearestLegalAidOffice();
  return (
    <main className="screen legal-aid-start" data-testid="legal-aid">
      <ScreenHeader title={t('features.legalAid.title')} />
      <p className="screen__lead">{t('legalAid.home.lead')}</p>
      <div className="tile-grid la-start__grid">
        <Tile
          testId="legal-aid-start-check"
          icon="legalAid"
          title={t('legalAid.home.check')}
          description={t('legalAid.home.checkHint')}
          onPress={() => nav.push({ name: 'legal-aid-question', step: 'matter-group', draft: {} })}
        />
        <Tile
          testId="legal-aid-start-apply"
          icon="pen"
          title={t('legalAid.home.apply')}
          description={t('legalAid.home.applyHint')}
          onPress={() => nav.push({ name: 'legal-aid-apply', answers: null })}
        />
      </div>
      <CaseStatusButton />
      <StatusLookupButton />
      <Section title={t('legalAid.home.nearest')}>
        <OfficeCard office={nearest.office} loading={nearest.status === 'loading'} health={health} />
      </Section>
    </main>
  );
}
