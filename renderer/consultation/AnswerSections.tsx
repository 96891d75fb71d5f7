import { useTranslation } from 'react-i18next';
import type { ArticleRef } from '../../common/api/content';
import type { Health } from '../../common/api/health';
import type { FeatureId } from '../../common/features';
import { useNavigation } from '../app/NavigationContext';
import { featureTarget } from '../app/navigation';
import { BigButton } from '../../ui/buttons/BigButton';
import { Section } from '../../ui/answer/AnswerBlocks';
import { citationLabel } from '../print/receipt-builder';
import { featureState } from '../app/service/health-view';
import { REASON_ICON } from '../shared/reason-icons';
import '../shared/content.css';

/** The articles an answer rests on, each a button to its text: "劳动合同法 第三十条". */
export function Citations({ cites }: { cites: readonly ArticleRef[] }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  if (cites.length === 0) return null;
  return (
    <Section title={t('answer.cites')} hint={t('answer.citesHint')}>
      <div className="citations">
        {cites.map((cite) => (
          <BigButton
            key={cite.articleId}
            icon="article"
            onClick={() => nav.push({ name: 'article', articleId: cite.articleId })}
          >
            {citationLabel(cite)}
          </BigButton>
        ))}
      </div>
    </Section>
  );
}

/**
 * A way on to another service (video lawyer, legal aid) that follows the
 * service's availability: unavailable, it says why in words and a tap explains.
 */
export function FeatureLinkButton({ feature, label, health }: { feature: FeatureId; label: string; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const target = featureTarget(featureState(health, feature));
  const unavailable =
    target.name === 'feature-unavailable'
      ? { label: t(`featureUnavailable.${target.reason}.badge`), icon: REASON_ICON[target.reason] }
      : undefined;
  return (
    <BigButton
      icon={feature}
      unavailable={unavailable}
      data-testid={`link-${feature}`}
      onClick={() => nav.push(target)}
    >
      {label}
    </BigButton>
  );
}
