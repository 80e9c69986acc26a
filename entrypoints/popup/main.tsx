import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { t, uiLocale } from '@/utils/i18n';
import '@/components/ui/palette.css';
import '@/components/ui/controls.css';
import './style.css';

document.documentElement.lang = uiLocale();
document.title = t('extName');
render(<PopupApp />, document.getElementById('app')!);
