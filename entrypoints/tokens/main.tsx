/**
 * The token view's page (`tokens.html#<view id>`): opened by the background in
 * a tab of its own when the badge's "Token view", the page's context menu
 * item or the popup's "This page" asks for it. An extension page, so no web
 * page can read it; its text comes from the background (see
 * entrypoints/background/tokens/token-view-service.ts).
 */
import { render } from 'preact';
import { startLoading, TokenViewApp } from '@/components/token-view/TokenViewApp';
import { t, uiLocale } from '@/utils/i18n';
import '@/components/ui/palette.css';
import '@/components/ui/controls.css';
import './style.css';

performance.mark('token-view-boot');
// The text and its split are asked for before anything renders.
const first = startLoading(location.hash.slice(1));
document.documentElement.lang = uiLocale();
document.title = t('view_pageTitle');
render(<TokenViewApp first={first} />, document.getElementById('app')!);
