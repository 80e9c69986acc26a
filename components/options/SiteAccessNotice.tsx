import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { hasSiteAccess, requestSiteAccess, watchSiteAccess } from '@/utils/permissions/site-access';

/**
 * Shown at the top of the options page while the extension may not run on web
 * pages (Firefox: site access not granted, or revoked in about:addons): says
 * what is missing and asks for it with one button (utils/permissions/site-access.ts).
 * Nothing is shown while access is granted or still being checked.
 */
export function SiteAccessNotice() {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    hasSiteAccess().then(setGranted);
    return watchSiteAccess(setGranted);
  }, []);
  if (granted !== false) return null;
  const ask = () => {
    // Straight from the click: the browser shows its prompt only for the user's own gesture.
    requestSiteAccess().then((ok) => {
      setGranted(ok);
      setRefused(!ok);
    });
  };
  return (
    <section class="site-access" role="region" aria-labelledby="site-access-title" data-testid="site-access">
      <h2 id="site-access-title">{t('siteAccess_title')}</h2>
      <p>{t('siteAccess_body')}</p>
      <button type="button" onClick={ask} data-testid="site-access-grant">
        {t('siteAccess_grant')}
      </button>
      <p class="field__hint" role="status">
        {refused ? t('siteAccess_refused') : t('siteAccess_hint')}
      </p>
    </section>
  );
}
