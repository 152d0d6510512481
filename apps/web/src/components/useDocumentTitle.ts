import { useEffect } from 'react';
import { useT } from '../i18n';

/** Sets the tab title to "<page> · Notta" in the current language. */
export function useDocumentTitle(page: string): void {
  const { t } = useT();
  const title = t('app.documentTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
