import { render } from 'preact';
import { OptionsForm } from '@/components/options/OptionsForm';
import { t, uiLocale } from '@/utils/i18n';
import '@/components/ui/palette.css';
import '@/components/ui/controls.css';
import './style.css';

document.documentElement.lang = uiLocale();
document.title = t('options_title');
render(<OptionsForm />, document.getElementById('app')!);
