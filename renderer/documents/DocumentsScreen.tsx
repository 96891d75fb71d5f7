import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { byCategory } from './form-model';
import { citationLabel } from '../print/receipt-builder';
import { useServiceQuery } from '../app/service/use-service-query';
import { Section } from '../../ui/answer/AnswerBlocks';
import '../shared/content.css';
import '../flow/flows.css';
import './documents.css';

/** 文书模板, first step: the templates under their categories (借贷, 婚姻家庭, 劳动, 法律援助), each with the law it rests on. */
export function DocumentsScreen() {
  const { t } = useTranslation();
  const nav = useNavigation();
  const templates = useServiceQuery('templates', undefined);
  return (
    <main className="screen choice-screen documents-screen" data-testid="documents">
      <ScreenHeader title={t('features.documents.title')} />
      <p className="screen__lead">{t('documents.list.lead')}</p>
      <QueryView query={templates}>
        {({ templates: list }) => (
          <div className="documents-list">
            {byCategory(list).map(({ category, items }) => (
              <Section key={category} title={category}>
                <ul className="choice-list documents-list__items">
                  {items.map((template) => (
                    <li key={template.id}>
                      <ListButton
                        icon="documents"
                        testId={`template-${template.id}`}
                        detail={
                          template.governs
                            ? t('documents.list.governs', { citation: citationLabel(template.governs) })
                            : undefined
                        }
                        onPress={() => nav.push({ name: 'document', templateId: template.id })}
                      >
                        <span lang="zh-CN">{template.title}</span>
                      </ListButton>
                    </li>
                  ))}
                </ul>
              </Section>
            ))}
          </div>
        )}
      </QueryView>
    </main>
  );
}
